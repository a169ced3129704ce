/*
 * spawn_probe: the child program of the runtime tests.
 *
 * It reports what a spawned process sees of itself (descriptors, cwd, ids, signal sets, cgroup,
 * controlling terminal) as "key value..." lines on stdout, and can act (exit, kill itself, sleep,
 * write, wait for its stdin to close). The tests decide what is right; the probe only reports,
 * so that every assertion lives in the C# test next to the spawn it checks.
 *
 * Usage: spawn_probe COMMAND [ARGS] [COMMAND [ARGS]]...   (commands run in order)
 *   fds                 one "fd N FLAGS CLOEXEC TARGET" line per open descriptor
 *   fd N                that line for descriptor N, or "fd N closed"
 *   offset N            "offset N OFFSET" (or -errno)
 *   read N              "read N TEXT": the whole file behind N, read with pread from 0
 *   write N TEXT        "write N RESULT": bytes written, or -errno
 *   cwd                 "cwd PATH"
 *   ids                 "pid", "ppid", "pgid", "sid", "uid", "gid", "euid", "egid" lines
 *   signals             "sigblk", "sigign", "sigcgt" lines: the hex masks of /proc/self/status
 *   cgroup              "cgroup PATH": the cgroup2 ("0::") line of /proc/self/cgroup
 *   tty                 "tty-pgrp PGRP": tcgetpgrp of /dev/tty (or -errno)
 *   env                 one "env NAME=VALUE" line per entry of environ, in order
 *   pidns-getpid N      in a new pid (and mount) namespace, with a fresh /proc, ask which pid the
 *                       pidfd N has: "pidns-self PID", "pidns-ioctl PID-or--errno",
 *                       "pidns-fdinfo PID-field"
 *   pidns-hold          the same namespace set-up, then the child of the new namespace (pid 1 there)
 *                       reports "pidns-child PID" (its pid out here) and "pidns-mounted" and
 *                       waits for end of file on descriptor 0, so that the test can read
 *                       /proc/PID/root/proc/1/fdinfo/N: fdinfo as that namespace's /proc shows it
 *   sleep MS            nanosleep
 *   wait-stdin          block until descriptor 0 reaches end of file
 *   exit CODE           _exit(CODE) after flushing
 *   kill SIGNAL         unblock SIGNAL, reset it to SIG_DFL and raise it
 * Exit status: 0 when every command ran, 2 for a usage error (message on stderr).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* PIDFD_GET_INFO (Linux 6.13) is newer than the system headers: struct pidfd_info, version 0. */
struct probe_pidfd_info {
    uint64_t mask;
    uint64_t cgroupid;
    uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
    int32_t exit_code;
    uint32_t coredump_mask;
    uint32_t spare;
};
#define PROBE_PIDFD_GET_INFO _IOWR(0xFF, 11, struct probe_pidfd_info)
#define PROBE_PIDFD_INFO_PID 1ULL

static _Noreturn void usage(const char *why, const char *arg)
{
    fprintf(stderr, "spawn_probe: %s: %s\n", why, arg ? arg : "(missing)");
    exit(2);
}

static int parse_int(const char *text)
{
    if (text == NULL)
        usage("missing number", NULL);
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || end == text || value < INT_MIN || value > INT_MAX)
        usage("not a number", text);
    return (int)value;
}

static void print_fd(int fd)
{
    int fd_flags = fcntl(fd, F_GETFD);
    int status_flags = fcntl(fd, F_GETFL);
    if (fd_flags == -1 || status_flags == -1) {
        printf("fd %d closed\n", fd);
        return;
    }
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, target, sizeof target - 1);
    target[length < 0 ? 0 : length] = '\0';
    printf("fd %d 0x%x %d %s\n", fd, (unsigned)status_flags, (fd_flags & FD_CLOEXEC) ? 1 : 0, target);
}

static void print_fds(void)
{
    DIR *dir = opendir("/proc/self/fd");
    if (dir == NULL) {
        printf("fds -%d\n", errno);
        return;
    }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        int fd = atoi(entry->d_name);
        if (fd != dirfd(dir))
            print_fd(fd);
    }
    closedir(dir);
}

static void print_offset(int fd)
{
    off_t offset = lseek(fd, 0, SEEK_CUR);
    printf("offset %d %lld\n", fd, offset == -1 ? -(long long)errno : (long long)offset);
}

static void print_contents(int fd)
{
    char buffer[4096];
    ssize_t length = pread(fd, buffer, sizeof buffer - 1, 0);
    if (length < 0) {
        printf("read %d -%d\n", fd, errno);
        return;
    }
    buffer[length] = '\0';
    printf("read %d %s\n", fd, buffer);
}

static void write_text(int fd, const char *text)
{
    ssize_t written = write(fd, text, strlen(text));
    printf("write %d %lld\n", fd, written < 0 ? -(long long)errno : (long long)written);
}

static void print_cwd(void)
{
    char path[PATH_MAX];
    if (getcwd(path, sizeof path) == NULL)
        printf("cwd -%d\n", errno);
    else
        printf("cwd %s\n", path);
}

static void print_ids(void)
{
    printf("pid %d\nppid %d\npgid %d\nsid %d\n", getpid(), getppid(), getpgrp(), getsid(0));
    printf("uid %u\ngid %u\neuid %u\negid %u\n", getuid(), getgid(), geteuid(), getegid());
}

/* Prints the lines of a /proc file that start with one of the prefixes, renamed. */
static void print_proc_lines(const char *path, const char *const *prefixes, const char *const *names, int count)
{
    FILE *file = fopen(path, "re");
    if (file == NULL) {
        printf("%s -%d\n", names[0], errno);
        return;
    }
    char line[512];
    while (fgets(line, sizeof line, file) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        for (int i = 0; i < count; i++) {
            size_t length = strlen(prefixes[i]);
            if (strncmp(line, prefixes[i], length) == 0)
                printf("%s %s\n", names[i], line + length + strspn(line + length, " \t"));
        }
    }
    fclose(file);
}

static void print_signals(void)
{
    static const char *const prefixes[] = { "SigBlk:", "SigIgn:", "SigCgt:" };
    static const char *const names[] = { "sigblk", "sigign", "sigcgt" };
    print_proc_lines("/proc/self/status", prefixes, names, 3);
}

static void print_cgroup(void)
{
    static const char *const prefixes[] = { "0::" };
    static const char *const names[] = { "cgroup" };
    print_proc_lines("/proc/self/cgroup", prefixes, names, 1);
}

static void print_environment(void)
{
    extern char **environ;
    for (char **entry = environ; *entry != NULL; entry++)
        printf("env %s\n", *entry);
}

static void print_tty_pgrp(void)
{
    int fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd == -1) {
        printf("tty-pgrp -%d\n", errno);
        return;
    }
    pid_t pgrp = tcgetpgrp(fd);
    printf("tty-pgrp %d\n", pgrp == -1 ? -errno : pgrp);
    close(fd);
}

static void sleep_ms(int milliseconds)
{
    struct timespec time = { milliseconds / 1000, (long)(milliseconds % 1000) * 1000000L };
    while (nanosleep(&time, &time) == -1 && errno == EINTR)
        ;
}

static void wait_for_stdin_eof(void)
{
    char buffer[256];
    ssize_t length;
    while ((length = read(0, buffer, sizeof buffer)) != 0)
        if (length == -1 && errno != EINTR)
            break;
}

/* The child in the new pid namespace: its own /proc shows pids as that namespace sees them. */
static void report_pid_from_inside(int pidfd)
{
    printf("pidns-self %d\n", getpid());

    struct probe_pidfd_info info;
    memset(&info, 0, sizeof info);
    info.mask = PROBE_PIDFD_INFO_PID;
    if (ioctl(pidfd, PROBE_PIDFD_GET_INFO, &info) == 0)
        printf("pidns-ioctl %u\n", info.pid);
    else
        printf("pidns-ioctl -%d\n", errno);

    static const char *const prefixes[] = { "Pid:" };
    static const char *const names[] = { "pidns-fdinfo" };
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", pidfd);
    print_proc_lines(path, prefixes, names, 1);
}

/* unshare(CLONE_NEWPID | CLONE_NEWNS) and fork: the child is pid 1 of the new pid namespace and
 * gets a /proc of its own. Returns the child's pid in the parent, 0 in the child, -1 on failure
 * (reported). */
static pid_t fork_into_new_pid_namespace(void)
{
    if (unshare(CLONE_NEWPID | CLONE_NEWNS) != 0) {
        printf("pidns-unshare -%d\n", errno);
        return -1;
    }
    fflush(stdout);
    pid_t child = fork();
    if (child == -1) {
        printf("pidns-fork -%d\n", errno);
        return -1;
    }
    if (child == 0 && (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 || mount("proc", "/proc", "proc", 0, NULL) != 0)) {
        printf("pidns-mount -%d\n", errno);
        fflush(stdout);
        _exit(1);
    }
    return child;
}

static void wait_for_child(pid_t child)
{
    int status;
    while (waitpid(child, &status, 0) == -1 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        printf("pidns-child-status 0x%x\n", (unsigned)status);
}

static void pid_from_new_namespace(int pidfd)
{
    pid_t child = fork_into_new_pid_namespace();
    if (child == 0) {
        report_pid_from_inside(pidfd);
        fflush(stdout);
        _exit(0);
    }
    if (child > 0)
        wait_for_child(child);
}

static void hold_in_new_namespace(void)
{
    pid_t child = fork_into_new_pid_namespace();
    if (child == 0) {
        printf("pidns-mounted\n");
        fflush(stdout);
        wait_for_stdin_eof();
        _exit(0);
    }
    if (child > 0) {
        printf("pidns-child %d\n", child);
        fflush(stdout);
        wait_for_child(child);
    }
}

static _Noreturn void kill_self(int signal)
{
    fflush(stdout);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigaction(signal, &action, NULL);
    raise(signal);
    _exit(3);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *command = argv[i];
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(command, "fds") == 0) {
            print_fds();
        } else if (strcmp(command, "fd") == 0) {
            print_fd(parse_int(arg));
            i++;
        } else if (strcmp(command, "offset") == 0) {
            print_offset(parse_int(arg));
            i++;
        } else if (strcmp(command, "read") == 0) {
            print_contents(parse_int(arg));
            i++;
        } else if (strcmp(command, "write") == 0) {
            if (i + 2 >= argc)
                usage("write needs a descriptor and a text", NULL);
            write_text(parse_int(arg), argv[i + 2]);
            i += 2;
        } else if (strcmp(command, "cwd") == 0) {
            print_cwd();
        } else if (strcmp(command, "ids") == 0) {
            print_ids();
        } else if (strcmp(command, "signals") == 0) {
            print_signals();
        } else if (strcmp(command, "cgroup") == 0) {
            print_cgroup();
        } else if (strcmp(command, "tty") == 0) {
            print_tty_pgrp();
        } else if (strcmp(command, "env") == 0) {
            print_environment();
        } else if (strcmp(command, "pidns-getpid") == 0) {
            pid_from_new_namespace(parse_int(arg));
            i++;
        } else if (strcmp(command, "pidns-hold") == 0) {
            hold_in_new_namespace();
        } else if (strcmp(command, "sleep") == 0) {
            sleep_ms(parse_int(arg));
            i++;
        } else if (strcmp(command, "wait-stdin") == 0) {
            wait_for_stdin_eof();
        } else if (strcmp(command, "exit") == 0) {
            fflush(stdout);
            _exit(parse_int(arg));
        } else if (strcmp(command, "kill") == 0) {
            kill_self(parse_int(arg));
        } else {
            usage("unknown command", command);
        }
        fflush(stdout);
    }
    return 0;
}
