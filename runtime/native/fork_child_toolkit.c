/*
 * The fork_np child toolkit: the entry points ForkChild calls in a forked child, one step each.
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

int32_t fork_child_execve(const char *path, char *const *argv, char *const *envp)
{
    child_execve(path, argv, envp);
    return errno;
}

int32_t fork_child_execvpe(const char *file, char *const *argv, char *const *envp,
                           const char *search_path)
{
    return child_exec_search(file, argv, envp, search_path);
}

void fork_child_exit(int32_t status)
{
    for (;;)
        syscall(SYS_exit_group, status);
}

int32_t fork_child_dup2(int32_t fd, int32_t new_fd)
{
    return errno_of(child_dup2(fd, new_fd));
}

int32_t fork_child_dup3(int32_t fd, int32_t new_fd, int32_t flags)
{
    return errno_of(child_dup3(fd, new_fd, flags));
}

int32_t fork_child_close(int32_t fd)
{
    return errno_of(child_close(fd));
}

int32_t fork_child_close_from(int32_t low_fd)
{
    if (low_fd < 0)
        return EBADF;
    int missing = 0;
    return child_close_from(low_fd, 1, &missing) == 0 ? 0 : errno;
}

int32_t fork_child_chdir(const char *path)
{
    return errno_of(child_chdir(path));
}

int32_t fork_child_fchdir(int32_t fd)
{
    return errno_of(child_fchdir(fd));
}

int32_t fork_child_setsid(void)
{
    return errno_of(child_setsid());
}

int32_t fork_child_setpgid(int32_t pid, int32_t pgid)
{
    return errno_of(child_setpgid(pid, pgid));
}

int32_t fork_child_controlling_terminal(int32_t tty_fd, int32_t descriptors)
{
    return errno_of(child_take_controlling_terminal(tty_fd, descriptors));
}

int32_t fork_child_set_signal_mask(uint64_t mask)
{
    return errno_of(child_set_signal_mask(mask));
}

/* Every handled signal goes back to SIG_DFL; ignored ones stay ignored, as across exec. */
int32_t fork_child_reset_signals(void)
{
    return errno_of(child_reset_signal_handlers(0, 1));
}

int32_t fork_child_prctl_pdeathsig(int32_t signal)
{
    return errno_of(child_set_parent_death_signal(signal));
}

int32_t fork_child_prctl_no_new_privs(void)
{
    return errno_of(child_set_no_new_privs());
}

int32_t fork_child_prctl_name(const char *name)
{
    return errno_of(child_set_name(name));
}

int32_t fork_child_setrlimit(int32_t resource, uint64_t soft, uint64_t hard)
{
    uint64_t limits[2] = {soft, hard};
    return errno_of(child_setrlimit(resource, limits));
}

int32_t fork_child_umask(uint32_t mask)
{
    child_umask(mask);
    return 0;
}

int32_t fork_child_setuid(uint32_t uid)
{
    return errno_of(child_setuid(uid));
}

int32_t fork_child_setgid(uint32_t gid)
{
    return errno_of(child_setgid(gid));
}

int32_t fork_child_setgroups(int32_t count, const uint32_t *groups)
{
    return errno_of(child_setgroups(count, groups));
}

int32_t fork_child_chroot(const char *path)
{
    return errno_of(child_chroot(path));
}

int32_t fork_child_unshare(int32_t flags)
{
    return errno_of(child_unshare(flags));
}

int32_t fork_child_setns(int32_t fd, int32_t nstype)
{
    return errno_of(child_setns(fd, nstype));
}

int32_t fork_child_write(int32_t fd, const void *buffer, int32_t count)
{
    long n;
    while ((n = syscall(SYS_write, fd, buffer, (size_t)count)) < 0 && errno == EINTR) {
    }
    return errno_of(n);
}
