/*
 * The fork_np child toolkit: the entry points ForkChild calls in a forked child, one step each,
 * handed to the managed side as one table (fork_child_toolkit).
 * Each is a step of child_ops.c, with its errno returned instead of set, so it neither allocates
 * nor takes one of libc's locks (glibc's setuid family would wait for threads the child does not
 * have).
 */
#define _GNU_SOURCE
#include "fork_core.h"
#include "child_ops.h"

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

static int32_t errno_of(long rc)
{
    return rc < 0 ? errno : 0;
}

static int32_t fork_child_execve(const char *path, char *const *argv, char *const *envp)
{
    child_execve(path, argv, envp);
    return errno;
}

static int32_t fork_child_execvpe(const char *file, char *const *argv, char *const *envp,
                           const char *search_path)
{
    return child_exec_search(file, argv, envp, search_path);
}

static void fork_child_exit(int32_t status)
{
    for (;;)
        syscall(SYS_exit_group, status);
}

static int32_t fork_child_dup2(int32_t fd, int32_t new_fd)
{
    return errno_of(child_dup2(fd, new_fd));
}

static int32_t fork_child_dup3(int32_t fd, int32_t new_fd, int32_t flags)
{
    return errno_of(child_dup3(fd, new_fd, flags));
}

static int32_t fork_child_close(int32_t fd)
{
    return errno_of(child_close(fd));
}

static int32_t fork_child_close_from(int32_t low_fd)
{
    if (low_fd < 0)
        return EBADF;
    int missing = 0;
    return child_close_from(low_fd, 1, &missing) == 0 ? 0 : errno;
}

static int32_t fork_child_chdir(const char *path)
{
    return errno_of(child_chdir(path));
}

static int32_t fork_child_fchdir(int32_t fd)
{
    return errno_of(child_fchdir(fd));
}

static int32_t fork_child_setsid(void)
{
    return errno_of(child_setsid());
}

static int32_t fork_child_setpgid(int32_t pid, int32_t pgid)
{
    return errno_of(child_setpgid(pid, pgid));
}

static int32_t fork_child_controlling_terminal(int32_t tty_fd, int32_t descriptors)
{
    return errno_of(child_take_controlling_terminal(tty_fd, descriptors));
}

static int32_t fork_child_set_signal_mask(uint64_t mask)
{
    return errno_of(child_set_signal_mask(mask));
}

/* Every handled signal goes back to SIG_DFL; ignored ones stay ignored, as across exec. */
static int32_t fork_child_reset_signals(void)
{
    return errno_of(child_reset_signal_handlers(0, 1));
}

static int32_t fork_child_prctl_pdeathsig(int32_t signal)
{
    return errno_of(child_set_parent_death_signal(signal));
}

static int32_t fork_child_prctl_no_new_privs(void)
{
    return errno_of(child_set_no_new_privs());
}

static int32_t fork_child_prctl_name(const char *name)
{
    return errno_of(child_set_name(name));
}

static int32_t fork_child_setrlimit(int32_t resource, uint64_t soft, uint64_t hard)
{
    uint64_t limits[2] = {soft, hard};
    return errno_of(child_setrlimit(resource, limits));
}

static int32_t fork_child_umask(uint32_t mask)
{
    child_umask(mask);
    return 0;
}

static int32_t fork_child_setuid(uint32_t uid)
{
    return errno_of(child_setuid(uid));
}

static int32_t fork_child_setgid(uint32_t gid)
{
    return errno_of(child_setgid(gid));
}

static int32_t fork_child_setgroups(int32_t count, const uint32_t *groups)
{
    return errno_of(child_setgroups(count, groups));
}

static int32_t fork_child_chroot(const char *path)
{
    return errno_of(child_chroot(path));
}

static int32_t fork_child_unshare(int32_t flags)
{
    return errno_of(child_unshare(flags));
}

static int32_t fork_child_setns(int32_t fd, int32_t nstype)
{
    return errno_of(child_setns(fd, nstype));
}

static int32_t fork_child_write(int32_t fd, const void *buffer, int32_t count)
{
    long n;
    while ((n = syscall(SYS_write, fd, buffer, (size_t)count)) < 0 && errno == EINTR) {
    }
    return errno_of(n);
}

static const fork_child_toolkit_table toolkit = {
    .child_ack = fork_core_child_ack,
    .execve = fork_child_execve,
    .execvpe = fork_child_execvpe,
    .exit = fork_child_exit,
    .dup2 = fork_child_dup2,
    .dup3 = fork_child_dup3,
    .close = fork_child_close,
    .close_from = fork_child_close_from,
    .chdir = fork_child_chdir,
    .fchdir = fork_child_fchdir,
    .setsid = fork_child_setsid,
    .setpgid = fork_child_setpgid,
    .controlling_terminal = fork_child_controlling_terminal,
    .set_signal_mask = fork_child_set_signal_mask,
    .reset_signals = fork_child_reset_signals,
    .prctl_pdeathsig = fork_child_prctl_pdeathsig,
    .prctl_no_new_privs = fork_child_prctl_no_new_privs,
    .prctl_name = fork_child_prctl_name,
    .setrlimit = fork_child_setrlimit,
    .umask = fork_child_umask,
    .setuid = fork_child_setuid,
    .setgid = fork_child_setgid,
    .setgroups = fork_child_setgroups,
    .chroot = fork_child_chroot,
    .unshare = fork_child_unshare,
    .setns = fork_child_setns,
    .write = fork_child_write,
};

const fork_child_toolkit_table *fork_child_toolkit(void)
{
    return &toolkit;
}
