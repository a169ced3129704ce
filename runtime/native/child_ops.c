/* The steps of a child between birth and exec, each written once: see child_ops.h. */
#define _GNU_SOURCE
#include "child_ops.h"
#include "descriptor_listing.h"
#include "kernel_compat.h"
#include "sandbox_steps.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

long raw_sigprocmask(int how, const uint64_t *set, uint64_t *old)
{
    return syscall(SYS_rt_sigprocmask, how, set, old, KERNEL_SIGSET_SIZE);
}

void close_quietly(int fd)
{
    if (fd >= 0) {
        int saved = errno;
        syscall(SYS_close, fd);
        errno = saved;
    }
}

/* Signal n is bit (n - 1) of the 64-bit sets the managed side passes. */
#define SIGNAL_BIT(sig) (1ULL << ((sig) - 1))

static int set_default_handler(int sig)
{
    struct kernel_sigaction action = { 0 };
    action.handler = SIG_DFL;
    return (int)syscall(SYS_rt_sigaction, sig, &action, NULL, KERNEL_SIGSET_SIZE);
}

int child_reset_signal_handlers(uint64_t to_default, int handled_too)
{
    for (int sig = 1; sig <= SIGNAL_COUNT; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP)
            continue;
        if (to_default & SIGNAL_BIT(sig)) {
            if (set_default_handler(sig) != 0 && errno != EINVAL)
                return -1;
            continue;
        }
        if (!handled_too)
            continue;
        struct kernel_sigaction old;
        if (syscall(SYS_rt_sigaction, sig, NULL, &old, KERNEL_SIGSET_SIZE) != 0)
            continue; /* numbers the kernel does not accept */
        if (old.handler != SIG_IGN && old.handler != SIG_DFL && set_default_handler(sig) != 0)
            return -1;
    }
    return 0;
}

int child_set_signal_mask(uint64_t mask)
{
    return (int)raw_sigprocmask(SIG_SETMASK, &mask, NULL);
}

int child_open_onto(int fd, const char *path, int flags, uint32_t mode)
{
    /* POSIX: an open target descriptor is closed before the file is opened. */
    syscall(SYS_close, fd);
    int opened = (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
    if (opened < 0)
        return -1;
    if (opened != fd) {
        if (syscall(SYS_dup3, opened, fd, 0) < 0) {
            close_quietly(opened);
            return -1;
        }
        syscall(SYS_close, opened);
    }
    return 0;
}

int child_dup2(int fd, int new_fd)
{
    if (fd == new_fd) /* dup2 keeps the descriptor as is; dup3 would refuse */
        return syscall(SYS_fcntl, fd, F_GETFD) < 0 ? -1 : 0;
    return child_dup3(fd, new_fd, 0);
}

int child_dup3(int fd, int new_fd, int flags)
{
    return syscall(SYS_dup3, fd, new_fd, flags) < 0 ? -1 : 0;
}

int child_close(int fd)
{
    return (int)syscall(SYS_close, fd);
}

int child_keep_across_exec(int fd)
{
    long flags = syscall(SYS_fcntl, fd, F_GETFD);
    if (flags < 0)
        return -1;
    return syscall(SYS_fcntl, fd, F_SETFD, flags & ~FD_CLOEXEC) < 0 ? -1 : 0;
}

int child_set_foreground_group(int tty_fd)
{
    pid_t group = (pid_t)syscall(SYS_getpgid, 0);
    return (int)syscall(SYS_ioctl, tty_fd, TIOCSPGRP, &group);
}

#define TERMINAL_SIGNALS (SIGNAL_BIT(SIGHUP) | SIGNAL_BIT(SIGINT) | SIGNAL_BIT(SIGQUIT) | \
                          SIGNAL_BIT(SIGTSTP) | SIGNAL_BIT(SIGTTIN) | SIGNAL_BIT(SIGTTOU))

int child_take_controlling_terminal(int tty_fd, int descriptors)
{
    if (child_setsid() != 0 &&
        (errno != EPERM || syscall(SYS_getsid, 0) != syscall(SYS_getpid)))
        return -1;
    if (syscall(SYS_ioctl, tty_fd, TIOCSCTTY, 0) < 0)
        return -1;
    /* A session on a terminal starts with the signals the terminal sends at their defaults, as login
     * and sshd start one: a parent run as a shell's background job ignores SIGINT and SIGQUIT, the
     * ignoring survives exec, and the child would not stop at ^C. */
    if (child_reset_signal_handlers(TERMINAL_SIGNALS, 0) != 0)
        return -1;
    for (int fd = 0; fd <= 2; fd++) {
        if (!(descriptors & (1 << fd)))
            continue;
        if ((fd == tty_fd ? child_keep_across_exec(fd) : child_dup3(tty_fd, fd, 0)) != 0)
            return -1;
    }
    return 0;
}

/* Before 5.9 (or under seccomp): close what /proc/self/fd lists, as glibc does; without /proc,
 * every number below RLIMIT_NOFILE. */
static int close_listed_from(int low)
{
    struct descriptor_listing listing;
    if (descriptor_listing_open(&listing) != 0) {
        struct rlimit limit;
        if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &limit) != 0)
            return -1;
        for (long fd = low; fd < (long)limit.rlim_cur && fd < INT_MAX; fd++)
            syscall(SYS_close, (int)fd);
        return 0;
    }
    for (;;) {
        int closed = 0, fd;
        while ((fd = descriptor_listing_next(&listing, NULL)) >= 0) {
            if (fd >= low) {
                syscall(SYS_close, fd);
                closed = 1;
            }
        }
        if (fd == -2) {
            descriptor_listing_close(&listing);
            return -1;
        }
        if (!closed)
            break;
        descriptor_listing_rewind(&listing); /* closing changed the folder: read it again */
    }
    descriptor_listing_close(&listing);
    return 0;
}

int child_close_from(int low, int try_close_range, int *close_range_missing)
{
    if (try_close_range) {
        if (syscall(SYS_close_range, (unsigned)low, ~0U, 0) == 0)
            return 0;
        if (errno == ENOSYS || errno == EPERM)
            *close_range_missing = 1;
    }
    return close_listed_from(low);
}

int child_set_scheduler(int policy, int priority)
{
    struct sched_param param = { .sched_priority = priority };
    return (int)syscall(SYS_sched_setscheduler, 0, policy, &param);
}

int child_set_priority(int priority)
{
    struct sched_param param = { .sched_priority = priority };
    return (int)syscall(SYS_sched_setparam, 0, &param);
}

int child_chdir(const char *path)
{
    return (int)syscall(SYS_chdir, path);
}

int child_fchdir(int fd)
{
    return (int)syscall(SYS_fchdir, fd);
}

int child_chroot(const char *path)
{
    return (int)syscall(SYS_chroot, path);
}

int child_setsid(void)
{
    return syscall(SYS_setsid) < 0 ? -1 : 0;
}

int child_setpgid(int pid, int pgid)
{
    return (int)syscall(SYS_setpgid, pid, pgid);
}

int child_setuid(uint32_t uid)
{
    if (syscall(SYS_setresuid, uid, uid, uid) != 0)
        return -1;
    /* The capability step may have asked to keep some capabilities as a non-root user. */
    return child_raise_ambient_capabilities();
}

int child_setgid(uint32_t gid)
{
    return (int)syscall(SYS_setresgid, gid, gid, gid);
}

int child_setgroups(int count, const uint32_t *gids)
{
    return (int)syscall(SYS_setgroups, count, gids);
}

int child_reset_ids(void)
{
    /* The group first, while we may still change it. */
    if (syscall(SYS_setresgid, -1, (gid_t)syscall(SYS_getgid), -1) != 0)
        return -1;
    return (int)syscall(SYS_setresuid, -1, (uid_t)syscall(SYS_getuid), -1);
}

int child_setns(int fd, int nstype)
{
    return (int)syscall(SYS_setns, fd, nstype);
}

int child_unshare(int flags)
{
    return (int)syscall(SYS_unshare, flags);
}

/* The process that is spawning or forking, written by it just before the clone (the same value
 * from every thread, so concurrent spawns agree) and read by the child: a CLONE_VM child shares
 * this memory, a forked child has a copy made at the fork. */
static volatile pid_t expected_parent;

void child_expect_parent(pid_t parent)
{
    expected_parent = parent;
}

int child_set_parent_death_signal(int signal)
{
    int rc = (int)syscall(SYS_prctl, PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
    /* The kernel sends the signal when the parent exits after the prctl; a parent that died between
     * the clone and the prctl (killed while its spawning thread waited for this child) would leave
     * the child running under its new reaper for good. So look: a parent that is no longer ours
     * means the signal is due now. It stays pending under the child's blocked mask, like one the
     * kernel would have sent, and arrives when the mask is restored. */
    if (rc == 0 && signal != 0 && expected_parent != 0 && (pid_t)syscall(SYS_getppid) != expected_parent)
        syscall(SYS_kill, (pid_t)syscall(SYS_getpid), signal);
    return rc;
}

int child_set_no_new_privs(void)
{
    return (int)syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL);
}

int child_set_name(const char *name)
{
    return (int)syscall(SYS_prctl, PR_SET_NAME, name, 0UL, 0UL, 0UL);
}

int child_setrlimit(int resource, const uint64_t limits[2])
{
    return (int)syscall(SYS_prlimit64, 0, resource, limits, NULL);
}

void child_umask(uint32_t mask)
{
    syscall(SYS_umask, mask);
}

int child_run_file_action(const spawn_file_action *a, int try_close_range, int *close_range_missing)
{
    switch (a->kind) {
    case SPAWN_ACTION_OPEN:
        return child_open_onto(a->fd, a->open.path, a->open.flags, a->open.mode);
    case SPAWN_ACTION_CLOSE:
        /* Like glibc: closing a descriptor that is not open is not an error. */
        return child_close(a->fd) != 0 && errno != EBADF ? -1 : 0;
    case SPAWN_ACTION_DUP2:
        return a->dup2.source_fd == a->fd ? child_keep_across_exec(a->fd) : child_dup3(a->dup2.source_fd, a->fd, 0);
    case SPAWN_ACTION_CHDIR:
        return child_chdir(a->folder.path);
    case SPAWN_ACTION_FCHDIR:
        return child_fchdir(a->fd);
    case SPAWN_ACTION_CLOSEFROM:
        return child_close_from(a->fd, try_close_range, close_range_missing);
    case SPAWN_ACTION_TCSETPGRP:
        return child_set_foreground_group(a->fd);
    case SPAWN_ACTION_SETNS:
        return child_setns(a->fd, a->setns.nstype);
    case SPAWN_ACTION_UNSHARE:
        return child_unshare(a->unshare.flags);
    case SPAWN_ACTION_SETGROUPS:
        return child_setgroups(a->setgroups.count, a->setgroups.gids);
    case SPAWN_ACTION_SETGID:
        return child_setgid(a->credential.id);
    case SPAWN_ACTION_SETUID:
        return child_setuid(a->credential.id);
    case SPAWN_ACTION_CHROOT:
        return child_chroot(a->folder.path);
    case SPAWN_ACTION_PDEATHSIG:
        return child_set_parent_death_signal(a->pdeathsig.signal);
    case SPAWN_ACTION_NO_NEW_PRIVS:
        return child_set_no_new_privs();
    case SPAWN_ACTION_SETRLIMIT:
        return child_setrlimit(a->setrlimit.resource, a->setrlimit.limits);
    case SPAWN_ACTION_UMASK:
        child_umask(a->umask.mask);
        return 0;
    case SPAWN_ACTION_CONTROLLING_TERMINAL:
        return child_take_controlling_terminal(a->fd, a->terminal.descriptors);
    case SPAWN_ACTION_LANDLOCK:
        return child_landlock_restrict(a->fd, (uint32_t)a->landlock.flags);
    case SPAWN_ACTION_SECCOMP:
        return child_install_seccomp(a->seccomp.instructions, a->seccomp.count, a->seccomp.flags);
    case SPAWN_ACTION_CAPABILITIES:
        return child_limit_capabilities(a->capabilities.sets);
    default:
        errno = EINVAL;
        return -1;
    }
}

int child_execve(const char *path, char *const *argv, char *const *envp)
{
    return (int)syscall(SYS_execve, path, argv, envp);
}

int child_exec_search(const char *file, char *const *argv, char *const *envp, const char *search_path)
{
    if (file[0] == '\0') /* execvpe: an empty name is never searched for */
        return ENOENT;
    if (strchr(file, '/') != NULL) {
        child_execve(file, argv, envp);
        return errno;
    }
    size_t file_len = strlen(file) + 1;
    if (file_len > NAME_MAX + 1)
        return ENAMETOOLONG;
    char buffer[PATH_MAX + NAME_MAX + 2];
    int saw_eacces = 0;
    const char *p = search_path != NULL ? search_path : "/bin:/usr/bin";
    for (;;) {
        const char *end = strchrnul(p, ':');
        size_t dir_len = (size_t)(end - p);
        if (dir_len <= PATH_MAX) {
            size_t at = 0;
            if (dir_len > 0) {
                memcpy(buffer, p, dir_len);
                at = dir_len;
                buffer[at++] = '/';
            }
            memcpy(buffer + at, file, file_len);
            child_execve(buffer, argv, envp);
            switch (errno) {
            case EACCES:
                saw_eacces = 1;
                break;
            case ENOENT:
            case ENOTDIR:
            case ESTALE:
            case ENODEV:
            case ETIMEDOUT:
                break;
            default:
                return errno; /* ENOEXEC, E2BIG, ENOMEM, ...: the file was found, report it */
            }
        }
        if (*end == '\0')
            break;
        p = end + 1;
    }
    return saw_eacces ? EACCES : ENOENT;
}
