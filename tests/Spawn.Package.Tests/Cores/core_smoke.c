/*
 * A C-level smoke test of one libspawn_core.so, for the cores no .NET runtime here can load: the
 * musl one (run with musl's loader) and the aarch64 one (run under qemu-aarch64). It spawns
 * through the core's only entry, spawn_core_spawn, and checks what a caller relies on: a child
 * that runs and whose exit status comes back, a file action carried out before exec, and an
 * error report naming the failing step, with nothing left to reap.
 *
 * core_smoke [--no-clone3]: --no-clone3 sets the core's test seam so that the child comes from
 * clone(2) rather than clone3(2), as on a kernel or an emulator without clone3.
 * Prints "loaded:" once the core is loaded, one "ok:" line per check, "clone3: used/not used", and exits 0 only if every check held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn_core.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static int failures;

static void check(int condition, const char *what)
{
    printf("%s: %s\n", condition ? "ok" : "FAILED", what);
    if (!condition)
        failures++;
}

/* Waits through the pidfd when the core returned one, as the library does. */
static int wait_exit_code(const spawn_result *result)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    long rc = result->pidfd >= 0
        ? syscall(SYS_waitid, P_PIDFD, result->pidfd, &info, WEXITED, NULL)
        : syscall(SYS_waitid, P_PID, result->pid, &info, WEXITED, NULL);
    if (rc != 0)
        return -1;
    return info.si_code == CLD_EXITED ? info.si_status : 1000 + info.si_status;
}

static int spawn(const char *path, char *const *argv, const spawn_file_action *actions, int count,
                 spawn_result *result)
{
    spawn_request request;
    memset(&request, 0, sizeof request);
    request.path = path;
    request.argv = argv;
    request.actions = actions;
    request.action_count = count;
    request.options = spawn_core_pidfd_supported() ? SPAWN_OPTION_RETURN_PIDFD : 0;
    memset(result, 0, sizeof *result);
    return spawn_core_spawn(&request, result);
}

static int no_child_left(void)
{
    return waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--no-clone3") == 0)
        spawn_core_set_disabled_features(1);

    /* The core is loaded by now (by the loader of its own libc and architecture). */
    printf("loaded: pidfd %s\n", spawn_core_pidfd_supported() ? "supported" : "missing");

    spawn_result result;
    char *exit_argv[] = { "sh", "-c", "exit 7", NULL };
    int rc = spawn("/bin/sh", exit_argv, NULL, 0, &result);
    check(rc == 0 && result.pid > 0, "spawn /bin/sh");
    if (rc != 0)
        printf("  error %d (%s), stage %d, detail %d\n", result.error, strerror(result.error), result.stage, result.detail);
    else
        check(wait_exit_code(&result) == 7, "exit status 7 comes back");
    if (result.pidfd >= 0)
        close(result.pidfd);

    char file[] = "/tmp/core-smoke-XXXXXX";
    int fd = mkstemp(file);
    close(fd);
    spawn_file_action open_stdout;
    memset(&open_stdout, 0, sizeof open_stdout);
    open_stdout.kind = SPAWN_ACTION_OPEN;
    open_stdout.fd = 1;
    open_stdout.open.flags = O_WRONLY | O_TRUNC;
    open_stdout.open.path = file;
    char *echo_argv[] = { "sh", "-c", "echo from the child", NULL };
    rc = spawn("/bin/sh", echo_argv, &open_stdout, 1, &result);
    check(rc == 0 && wait_exit_code(&result) == 0, "spawn with a file action (open to stdout)");
    if (result.pidfd >= 0)
        close(result.pidfd);
    char text[64] = { 0 };
    fd = open(file, O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
    if (fd >= 0)
        close(fd);
    unlink(file);
    check(n > 0 && strcmp(text, "from the child\n") == 0, "the file action's file holds the child's output");

    spawn_file_action missing;
    memset(&missing, 0, sizeof missing);
    missing.kind = SPAWN_ACTION_OPEN;
    missing.fd = 0;
    missing.open.flags = O_RDONLY;
    missing.open.path = "/nonexistent-core-smoke/input";
    rc = spawn("/bin/sh", exit_argv, &missing, 1, &result);
    check(rc == ENOENT && result.error == ENOENT && result.stage == SPAWN_STAGE_FILE_ACTION &&
          result.action_index == 0 && result.pidfd < 0,
          "a failing file action is reported: ENOENT, file action 0");
    if (rc != ENOENT)
        printf("  got %d (%s), stage %d, action %d\n", rc, strerror(rc), result.stage, result.action_index);

    char *missing_argv[] = { "nonexistent", NULL };
    rc = spawn("/nonexistent-core-smoke/program", missing_argv, NULL, 0, &result);
    check(rc == ENOENT && result.stage == SPAWN_STAGE_EXEC, "a failing exec is reported: ENOENT, stage exec");
    if (rc != ENOENT)
        printf("  got %d (%s), stage %d\n", rc, strerror(rc), result.stage);

    check(no_child_left(), "no child is left to reap");
    printf("clone3: %s\n", spawn_core_clone3_supported() == 1 ? "used" : "not used");
    printf(failures == 0 ? "smoke: every check held\n" : "smoke: %d checks failed\n", failures);
    return failures == 0 ? 0 : 1;
}
