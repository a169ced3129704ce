/*
 * fork_np for a .NET process. libc's fork() / _Fork() make the child, so libc's own state
 * (cached tid, robust futex list, atfork handlers, its internal locks) is set up as for any
 * fork; a raw clone3 (never CLONE_VM) is used only when FORK_NP_CGROUP or FORK_NP_EXIT_SIGNAL
 * asks for what fork() cannot do, and then needs FORK_NP_ASYNCSAFE (see clone_raw).
 *
 * The child is a copy of a multithreaded runtime with one thread left, so between the fork
 * and its return it calls raw system calls only, on stack buffers. It is parked on a pipe until
 * the parent holds its pidfd, makes the code heap its own (code_heap.c), and reports on a second
 * pipe: once when its setup is done, once when it is back in managed code (fork_core_child_ack).
 */
#define _GNU_SOURCE
#include "fork_core.h"
#include "spawn_core.h"
#include "child_ops.h"
#include "child_reaping.h"
#include "code_heap.h"
#include "deadline.h"
#include "gc_suspension.h"
#include "kernel_compat.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* glibc 2.34+ and musl 1.2.2+ have _Fork; older ones fail FORK_NP_ASYNCSAFE with ENOSYS. */
extern pid_t _Fork(void) __attribute__((weak));

#define CHILD_FAILED_EXIT 127
#define SETUP_TIMEOUT_MS 30000 /* fork to "returning": the code heap copy, on a loaded machine */

/* What a child writes to the parent on the acknowledgement pipe: 0/0 when it is back in
 * managed code, or the stage and errno of a failure before that. */
struct child_report {
    int32_t stage;
    int32_t error;
};

/* Raw clone3 without CLONE_VM, for what fork() cannot do: a cgroup at birth or another exit
 * signal. What it cannot reset, because only libc's fork can: pthread_atfork handlers do not
 * run (hence FORK_NP_ASYNCSAFE is required), libc's internal locks (malloc, stdio) are not
 * reinitialised, the cached thread id in the thread descriptor stays the parent thread's
 * (raise, pthread_kill and error-checking mutexes misbehave), the robust futex list is not
 * registered, and libc still believes the other threads exist (its setuid family would wait
 * for them: use the raw ones of this file). The child toolkit touches none of these. */
static pid_t clone_raw(const fork_np_args *args, int *pidfd)
{
    struct kernel_clone_args clone_args = { 0 };
    clone_args.flags = CLONE_PIDFD;
    clone_args.pidfd = (uint64_t)(uintptr_t)pidfd;
    clone_args.exit_signal = (args->flags & FORK_NP_EXIT_SIGNAL) ? (uint64_t)args->exit_signal : SIGCHLD;
    if (args->flags & FORK_NP_CGROUP) {
        clone_args.flags |= CLONE_INTO_CGROUP;
        clone_args.cgroup = (uint64_t)args->cgroup;
    }
    return (pid_t)syscall(SYS_clone3, &clone_args, sizeof clone_args);
}

static void child_report_failure(int ack_fd, int stage, int error)
{
    struct child_report report = {stage, error};
    syscall(SYS_write, ack_fd, &report, sizeof report);
    syscall(SYS_exit_group, CHILD_FAILED_EXIT);
}

/* Reads one child_report, waiting up to timeout_ms; returns the bytes read (0 on timeout or EOF). */
static long read_report(int fd, int timeout_ms, struct child_report *report)
{
    long n = 0;
    if (wait_readable(fd, timeout_ms) > 0) {
        while ((n = syscall(SYS_read, fd, report, sizeof *report)) < 0 && errno == EINTR) {
        }
    }
    return n;
}

static int32_t fail(fork_core_result *result, int stage, int error)
{
    result->error = error;
    result->stage = stage;
    errno = error;
    return -1;
}

/* No fork while the runtime suspends threads: the child would copy the suspension and hang at
 * its first return into managed code. Rather than wait here, the caller is sent back to managed
 * code, where its return transition waits for the suspension to end on the runtime's own event
 * (a thread cannot enter cooperative mode during a suspension): no spinning, and the retry comes
 * right when the collection is over. */
static int32_t fail_suspended(fork_core_result *result)
{
    sched_yield(); /* the suspending thread may not have trapped returning threads yet */
    return fail(result, FORK_STAGE_SUSPENDED, EAGAIN);
}

/* Milliseconds to wait for a child's report: at most limit_ms, and never past the deadline. */
static int report_wait(int limit_ms, int64_t deadline)
{
    int left = milliseconds_until(deadline);
    return left < limit_ms ? left : limit_ms;
}

/* One fork. Returns 1 when the child acknowledged (parent) or when this is the child, 0 when
 * the child was killed for not acknowledging in time, -1 on an error or a suspension (in result). */
static int fork_once(fork_np_args *args, const fork_core_options *options, int64_t deadline,
                     void *volatile *suspending, fork_core_result *result)
{
    int go[2], ack[2];
    if (pipe2(go, O_CLOEXEC) != 0)
        return fail(result, FORK_STAGE_CLONE, errno);
    if (pipe2(ack, O_CLOEXEC) != 0) {
        int error = errno;
        close_quietly(go[0]);
        close_quietly(go[1]);
        return fail(result, FORK_STAGE_CLONE, error);
    }

    /* No signal handler may run in the child before it is ready; the parent's mask comes back
     * in both processes. */
    uint64_t all = ~0ULL, saved;
    raw_sigprocmask(SIG_BLOCK, &all, &saved);
    child_expect_parent((pid_t)syscall(SYS_getpid));
    int pidfd = -1;
    int raw = (args->flags & (FORK_NP_CGROUP | FORK_NP_EXIT_SIGNAL)) != 0;
    pid_t pid = raw ? clone_raw(args, &pidfd) : (args->flags & FORK_NP_ASYNCSAFE) ? _Fork() : fork();
    int clone_error = errno;

    if (pid == 0) {
        close_quietly(go[1]);
        close_quietly(ack[0]);
        if (suspending != NULL && *suspending != NULL)
            child_report_failure(ack[1], FORK_STAGE_SUSPENDED, 0);
        int error = code_heap_privatize(&result->remapped);
        if (error != 0)
            child_report_failure(ack[1], FORK_STAGE_PRIVATE_CODE, error);
        char byte;
        long n;
        while ((n = syscall(SYS_read, go[0], &byte, 1)) < 0 && errno == EINTR) {
        }
        if (n != 1) /* the parent gave up on us */
            syscall(SYS_exit_group, CHILD_FAILED_EXIT);
        close_quietly(go[0]);
        struct child_report returning = {FORK_STAGE_RETURNING, 0};
        syscall(SYS_write, ack[1], &returning, sizeof returning);
        raw_sigprocmask(SIG_SETMASK, &saved, NULL);
        result->pid = 0;
        result->ack_fd = ack[1];
        args->pidfd = -1;
        return 1;
    }

    raw_sigprocmask(SIG_SETMASK, &saved, NULL);
    close_quietly(go[0]);
    close_quietly(ack[1]);
    if (pid < 0) {
        close_quietly(go[1]);
        close_quietly(ack[0]);
        return fail(result, FORK_STAGE_CLONE, clone_error);
    }

    /* The child is parked on the go pipe, so it is alive and its pid is still its own. */
    if (pidfd < 0) {
        pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
        /* Without FORK_NP_PIDFD the pidfd only guards the wait for the acknowledgement: a kernel
         * or seccomp filter without pidfd_open (ENOSYS, EPERM) falls back to the pid, which stays
         * ours because the child is parked and unreaped. */
        int missing = errno == ENOSYS || errno == EPERM;
        if (pidfd < 0 && (!missing || (args->flags & FORK_NP_PIDFD))) {
            int error = errno;
            close_quietly(go[1]);
            close_quietly(ack[0]);
            kill_and_reap_child(pid, -1);
            return fail(result, FORK_STAGE_PIDFD, error);
        }
    }
    syscall(SYS_write, go[1], "g", 1);
    close_quietly(go[1]);

    /* The child's reports: RETURNING once its setup is done (or why it stopped), then 0/0 once it
     * is back in managed code. Only the second step can hang on a GC suspension, so only it is
     * timed; the first is bounded generously, for a loaded machine. */
    struct child_report report = {FORK_STAGE_NONE, 0};
    long n = read_report(ack[0], report_wait(SETUP_TIMEOUT_MS, deadline), &report);
    if (n == (long)sizeof report && report.stage == FORK_STAGE_RETURNING)
        n = read_report(ack[0], report_wait(options->ack_timeout_ms, deadline), &report);
    int acknowledged = n == (long)sizeof report && report.stage == FORK_STAGE_NONE;
    if (!acknowledged) {
        close_quietly(ack[0]);
        kill_and_reap_child(pid, pidfd);
        close_quietly(pidfd);
        if (n == (long)sizeof report && report.stage == FORK_STAGE_SUSPENDED) {
            result->suspended++;
            return fail_suspended(result);
        }
        if (n == (long)sizeof report)
            return fail(result, report.stage, report.error);
        if (milliseconds_until(deadline) == 0)
            return fail(result, FORK_STAGE_DEADLINE, ETIMEDOUT);
        result->hung++; /* silent until the timeout, or dead without a word */
        return 0;
    }

    result->pid = pid;
    if (options->keep_exec_fd) {
        result->exec_fd = ack[0];
        result->watch_pidfd = pidfd >= 0 ? (int)syscall(SYS_fcntl, pidfd, F_DUPFD_CLOEXEC, 0) : -1;
    } else {
        close_quietly(ack[0]);
    }
    if (args->flags & FORK_NP_PIDFD) {
        args->pidfd = pidfd;
    } else {
        close_quietly(pidfd);
        args->pidfd = -1;
    }
    return 1;
}

int32_t fork_core_fork(fork_np_args *args, uint64_t size, const fork_core_options *options,
                       fork_core_result *result)
{
    memset(result, 0, sizeof *result);
    result->ack_fd = -1;
    result->exec_fd = -1;
    result->watch_pidfd = -1;
    if (size < sizeof *args || (args->flags & ~FORK_NP_ALL_FLAGS) != 0 || options->max_attempts < 1 ||
        options->ack_timeout_ms < 1 || options->deadline_ms < 1)
        return fail(result, FORK_STAGE_ARGS, EINVAL);
    if ((args->flags & FORK_NP_EXIT_SIGNAL) && (args->exit_signal < 0 || args->exit_signal > 64))
        return fail(result, FORK_STAGE_ARGS, EINVAL);
    int raw = (args->flags & (FORK_NP_CGROUP | FORK_NP_EXIT_SIGNAL)) != 0;
    if (raw && !(args->flags & FORK_NP_ASYNCSAFE))
        return fail(result, FORK_STAGE_ARGS, ENOTSUP);
    if (!raw && (args->flags & FORK_NP_ASYNCSAFE) && _Fork == NULL)
        return fail(result, FORK_STAGE_ARGS, ENOSYS);
    /* glibc's rule: without waitid(P_PIDFD) pidfd support is incomplete, and pidfd calls fail. */
    if ((args->flags & FORK_NP_PIDFD) && !spawn_core_pidfd_supported())
        return fail(result, FORK_STAGE_ARGS, ENOSYS);
    args->pidfd = -1;

    /* max_attempts bounds the children that went silent; the deadline bounds everything. A
     * suspension in progress goes back to the caller (fail_suspended), which calls again. */
    int64_t deadline = monotonic_ms() + options->deadline_ms;
    void *volatile *suspending = gc_suspension_thread();
    while (result->hung < options->max_attempts) {
        if (milliseconds_until(deadline) == 0)
            return fail(result, FORK_STAGE_DEADLINE, ETIMEDOUT);
        if (suspending != NULL && *suspending != NULL)
            return fail_suspended(result);
        result->attempts++;
        int outcome = fork_once(args, options, deadline, suspending, result);
        if (outcome < 0)
            return -1;
        if (outcome > 0)
            return result->pid;
    }
    return fail(result, FORK_STAGE_ACK, ETIMEDOUT);
}

int32_t fork_core_child_ack(int32_t ack_fd)
{
    struct child_report report = {FORK_STAGE_NONE, 0};
    long n;
    while ((n = syscall(SYS_write, ack_fd, &report, sizeof report)) < 0 && errno == EINTR) {
    }
    return n == (long)sizeof report ? 0 : errno;
}
