/*
 * The C side of Spawn: clone3(CLONE_VM | CLONE_VFORK | CLONE_PIDFD ...) on a stack of its own,
 * then, in the child, attributes, file actions and exec in glibc's order. The child shares the
 * parent's memory and runs while the parent thread is suspended, so it calls only raw system
 * calls: nothing that allocates, takes a lock or touches another thread's state.
 */
#define _GNU_SOURCE
#include "spawn_core.h"
#include "child_ops.h"
#include "child_reaping.h"
#include "kernel_compat.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum disabled_feature {
    DISABLE_CLONE3 = 1,
    DISABLE_CLEAR_SIGHAND = 2,
    DISABLE_CLOSE_RANGE = 4,
};

/* Probe results: 0 unknown, 1 present, 2 missing. */
static atomic_int pidfd_state;
static atomic_int clone3_state;
static atomic_int clear_sighand_state;
static atomic_int close_range_state;
static atomic_uint disabled_features;

/*
 * clone3 and the first instructions of the child. After the system call the child runs on the
 * new stack with no frame to return to, so it calls fn itself and exits with its result; the
 * parent returns the child's pid (or -errno) as a normal function would.
 * long spawn_clone3(struct kernel_clone_args *args, size_t size, int (*fn)(void *), void *arg)
 */
long spawn_clone3(struct kernel_clone_args *args, size_t size, int (*fn)(void *), void *arg);
#if defined(__x86_64__)
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".type spawn_clone3,@function\n"
    "spawn_clone3:\n"
    "    mov %rdx, %r8\n"         /* fn and arg survive the syscall in r8 and r9 */
    "    mov %rcx, %r9\n"
    "    mov $435, %eax\n"        /* __NR_clone3 */
    "    syscall\n"
    "    test %rax, %rax\n"
    "    jnz 1f\n"
    "    xor %ebp, %ebp\n"        /* child: outermost frame */
    "    and $-16, %rsp\n"
    "    mov %r9, %rdi\n"
    "    call *%r8\n"
    "    mov %eax, %edi\n"
    "    mov $60, %eax\n"         /* __NR_exit */
    "    syscall\n"
    "    hlt\n"
    "1:  ret\n"
    ".size spawn_clone3, .-spawn_clone3\n");
#elif defined(__aarch64__)
__asm__(
    ".text\n"
    ".p2align 2\n"
    ".type spawn_clone3,%function\n"
    "spawn_clone3:\n"
    "    mov x10, x2\n"           /* fn and arg survive the syscall in x10 and x11 */
    "    mov x11, x3\n"
    "    mov x8, #435\n"          /* __NR_clone3 */
    "    svc #0\n"
    "    cbnz x0, 1f\n"
    "    mov x29, xzr\n"          /* child: outermost frame */
    "    mov x30, xzr\n"
    "    mov x0, x11\n"
    "    blr x10\n"
    "    mov x8, #93\n"           /* __NR_exit */
    "    svc #0\n"
    "    brk #0\n"
    "1:  ret\n"
    ".size spawn_clone3, .-spawn_clone3\n");
#else
#error "spawn_core: clone3 entry is written for x86-64 and aarch64 only"
#endif

/* State shared by parent and child through CLONE_VM. */
struct child_context {
    const spawn_request *request;
    const spawn_attributes *attributes;
    uint64_t parent_mask; /* the caller's mask, restored in the child unless SETSIGMASK */
    int clear_sighand_done;
    const char *search_path;
    char *const *envp;
    /* written by the child on failure, read by the parent after the vfork wait */
    volatile int32_t error;
    volatile int32_t stage;
    volatile int32_t action_index;
};

static int child_fail(struct child_context *ctx, int stage, int index)
{
    ctx->error = errno;
    ctx->stage = stage;
    ctx->action_index = index;
    _exit(127);
}

/* Signals: SETSIGDEF ones to SIG_DFL; without CLONE_CLEAR_SIGHAND every handled one too. */
static int child_reset_signals(struct child_context *ctx)
{
    const spawn_attributes *attr = ctx->attributes;
    uint64_t sigdefault = (attr && (attr->flags & SPAWN_SETSIGDEF)) ? attr->sigdefault : 0;
    return child_reset_signal_handlers(sigdefault, !ctx->clear_sighand_done);
}

/* One file action. close_range's absence is remembered in our memory, which the child shares:
 * it spares later children the try. */
static int child_file_action(const spawn_file_action *action)
{
    int try_close_range = atomic_load(&close_range_state) != 2 &&
                          !(atomic_load(&disabled_features) & DISABLE_CLOSE_RANGE);
    int missing = 0;
    int rc = child_run_file_action(action, try_close_range, &missing);
    if (missing)
        atomic_store(&close_range_state, 2);
    return rc;
}

static int child_main(void *arg)
{
    struct child_context *ctx = arg;
    const spawn_attributes *attr = ctx->attributes;
    uint32_t flags = attr ? attr->flags : 0;

    if (child_reset_signals(ctx) != 0)
        return child_fail(ctx, SPAWN_STAGE_SIGNALS, -1);

    if ((flags & SPAWN_SETSCHEDULER) && child_set_scheduler(attr->sched_policy, attr->sched_priority) != 0)
        return child_fail(ctx, SPAWN_STAGE_SCHEDULER, -1);
    if ((flags & (SPAWN_SETSCHEDULER | SPAWN_SETSCHEDPARAM)) == SPAWN_SETSCHEDPARAM &&
        child_set_priority(attr->sched_priority) != 0)
        return child_fail(ctx, SPAWN_STAGE_SCHEDULER, -1);

    if ((flags & SPAWN_SETSID) && child_setsid() != 0)
        return child_fail(ctx, SPAWN_STAGE_SESSION, -1);

    if ((flags & SPAWN_SETPGROUP) && child_setpgid(0, attr->pgroup) != 0)
        return child_fail(ctx, SPAWN_STAGE_PROCESS_GROUP, -1);

    if ((flags & SPAWN_RESETIDS) && child_reset_ids() != 0)
        return child_fail(ctx, SPAWN_STAGE_RESET_IDS, -1);

    const spawn_request *req = ctx->request;
    for (int i = 0; i < req->action_count; i++) {
        if (child_file_action(&req->actions[i]) != 0)
            return child_fail(ctx, SPAWN_STAGE_FILE_ACTION, i);
    }

    uint64_t mask = (flags & SPAWN_SETSIGMASK) ? attr->sigmask : ctx->parent_mask;
    if (child_set_signal_mask(mask) != 0)
        return child_fail(ctx, SPAWN_STAGE_SIGNAL_MASK, -1);

    if (req->options & SPAWN_OPTION_SEARCH_PATH)
        errno = child_exec_search(req->path, req->argv, ctx->envp, ctx->search_path);
    else
        child_execve(req->path, req->argv, ctx->envp);
    return child_fail(ctx, SPAWN_STAGE_EXEC, -1);
}

SPAWN_EXPORT int32_t spawn_core_pidfd_supported(void)
{
    int state = atomic_load(&pidfd_state);
    if (state == 0) {
        /* glibc's rule: complete pidfd support means waitid knows P_PIDFD (5.4). A kernel
         * that knows it answers EBADF for a descriptor that cannot be open. */
        siginfo_t info;
        long rc = syscall(SYS_waitid, P_PIDFD, INT_MAX, &info, WEXITED, NULL);
        state = (rc == -1 && errno == EBADF) ? 1 : 2;
        atomic_store(&pidfd_state, state);
    }
    return state == 1;
}

SPAWN_EXPORT int32_t spawn_core_clone3_supported(void)
{
    int state = atomic_load(&clone3_state);
    return state == 0 ? -1 : state == 1;
}

SPAWN_EXPORT void spawn_core_set_disabled_features(uint32_t mask)
{
    atomic_store(&disabled_features, mask);
    atomic_store(&clone3_state, 0);
    atomic_store(&clear_sighand_state, 0);
}

static size_t child_stack_size(void)
{
    /* The PATH search keeps one path buffer on the stack; the rest needs very little. */
    size_t size = 64 * 1024 + PATH_MAX + NAME_MAX;
    long page = sysconf(_SC_PAGESIZE);
    return (size + (size_t)page - 1) & ~((size_t)page - 1);
}

/*
 * The child's stack: one mapping per thread, kept from spawn to spawn. With CLONE_VFORK the
 * thread is suspended until its child execs or exits, so the stack is free again when clone
 * returns; mapping a fresh one each time (mmap, mprotect, munmap) was a measurable part of a
 * spawn (docs/benchmarks.md). A guard page below it turns an overflow into a fault instead of
 * corruption. The mapping goes with its thread (a pthread key destructor).
 */
static pthread_key_t stack_key;
static pthread_once_t stack_key_once = PTHREAD_ONCE_INIT;
static int stack_key_ok;

static size_t stack_mapping_length(void)
{
    return child_stack_size() + (size_t)sysconf(_SC_PAGESIZE);
}

static void unmap_stack(void *mapping)
{
    munmap(mapping, stack_mapping_length());
}

static void create_stack_key(void)
{
    stack_key_ok = pthread_key_create(&stack_key, unmap_stack) == 0;
}

/* This thread's stack mapping, or NULL with errno. *kept is 0 when the caller must unmap it. */
static char *thread_stack_mapping(int *kept)
{
    pthread_once(&stack_key_once, create_stack_key);
    char *mapping = stack_key_ok ? pthread_getspecific(stack_key) : NULL;
    *kept = mapping != NULL;
    if (mapping != NULL)
        return mapping;
    mapping = mmap(NULL, stack_mapping_length(), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (mapping == MAP_FAILED)
        return NULL;
    mprotect(mapping, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE);
    *kept = stack_key_ok && pthread_setspecific(stack_key, mapping) == 0;
    return mapping;
}

static long clone_with_clone3(struct child_context *ctx, char *stack, size_t stack_size,
                              int use_pidfd, int *pidfd, int cgroup_fd)
{
    int clear = atomic_load(&clear_sighand_state) != 2 &&
                !(atomic_load(&disabled_features) & DISABLE_CLEAR_SIGHAND);
    struct kernel_clone_args args = { 0 };
    args.flags = CLONE_VM | CLONE_VFORK | (use_pidfd ? CLONE_PIDFD : 0) |
                 (clear ? CLONE_CLEAR_SIGHAND : 0);
    args.pidfd = (uint64_t)(uintptr_t)pidfd;
    args.exit_signal = SIGCHLD;
    args.stack = (uint64_t)(uintptr_t)stack;
    args.stack_size = stack_size;
    size_t size = CLONE_ARGS_SIZE_VER0;
    if (cgroup_fd >= 0) {
        args.flags |= CLONE_INTO_CGROUP;
        args.cgroup = (uint64_t)cgroup_fd;
        size = CLONE_ARGS_SIZE_VER2;
    }
    ctx->clear_sighand_done = clear;
    long rc = spawn_clone3(&args, size, child_main, ctx);
    if (rc == -EINVAL && clear && atomic_load(&clear_sighand_state) == 0) {
        /* 5.3 and 5.4 know clone3 but not CLONE_CLEAR_SIGHAND: try once without it; only a
         * success proves the flag was the cause (EINVAL has other reasons too). */
        ctx->clear_sighand_done = 0;
        args.flags &= ~CLONE_CLEAR_SIGHAND;
        rc = spawn_clone3(&args, size, child_main, ctx);
        if (rc > 0)
            atomic_store(&clear_sighand_state, 2);
        return rc;
    }
    if (rc > 0 && clear)
        atomic_store(&clear_sighand_state, 1);
    return rc;
}

static long clone_with_clone(struct child_context *ctx, char *stack, size_t stack_size,
                             int use_pidfd, int *pidfd)
{
    ctx->clear_sighand_done = 0;
    int flags = CLONE_VM | CLONE_VFORK | (use_pidfd ? CLONE_PIDFD : 0) | SIGCHLD;
    long rc = clone(child_main, stack + stack_size, flags, ctx, pidfd);
    return rc < 0 ? -errno : rc;
}

static int32_t fail_in_parent(spawn_result *result, int error, int detail)
{
    result->error = error;
    result->stage = SPAWN_STAGE_CLONE;
    result->detail = detail;
    return error;
}

SPAWN_EXPORT int32_t spawn_core_spawn(const spawn_request *req, spawn_result *result)
{
    result->pid = -1;
    result->pidfd = -1;
    result->error = 0;
    result->stage = SPAWN_STAGE_NONE;
    result->action_index = -1;
    result->detail = SPAWN_DETAIL_NONE;

    const spawn_attributes *attr = req->attributes;
    int use_cgroup = attr && (attr->flags & SPAWN_SETCGROUP);
    int cgroup_fd = use_cgroup ? attr->cgroup_fd : -1;
    int want_pidfd = (req->options & SPAWN_OPTION_RETURN_PIDFD) != 0;
    int pidfd_ok = spawn_core_pidfd_supported();
    if (want_pidfd && !pidfd_ok)
        return fail_in_parent(result, ENOSYS, SPAWN_DETAIL_NO_PIDFD);
    /* SETCGROUP with a descriptor that is not open (or never set: -1) is EBADF, as in the seed. */
    if (use_cgroup && (cgroup_fd < 0 || fcntl(cgroup_fd, F_GETFD) < 0))
        return fail_in_parent(result, EBADF, SPAWN_DETAIL_CGROUP_FD);

    struct child_context ctx = { 0 };
    ctx.request = req;
    ctx.attributes = attr;
    ctx.envp = req->envp ? req->envp : environ;
    ctx.action_index = -1;
    if (req->options & SPAWN_OPTION_SEARCH_PATH) {
        ctx.search_path = req->search_path ? req->search_path : getenv("PATH");
        if (ctx.search_path == NULL)
            ctx.search_path = "/bin:/usr/bin";
    }

    size_t stack_size = child_stack_size();
    int stack_kept;
    char *mapping = thread_stack_mapping(&stack_kept);
    if (mapping == NULL)
        return fail_in_parent(result, errno, SPAWN_DETAIL_NONE);
    char *stack = mapping + (stack_mapping_length() - stack_size);

    /* No signal handler may run in the child while it shares our memory, and the thread must
     * not be cancelled half way: block everything (glibc's reserved signals too). */
    uint64_t all = ~0ULL;
    int old_cancel;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_cancel);
    raw_sigprocmask(SIG_SETMASK, &all, &ctx.parent_mask);
    child_expect_parent((pid_t)syscall(SYS_getpid));

    int pidfd = -1;
    long rc;
    int clone3_ok = atomic_load(&clone3_state) != 2 &&
                    !(atomic_load(&disabled_features) & DISABLE_CLONE3);
    int detail = SPAWN_DETAIL_NONE;
    if (clone3_ok) {
        rc = clone_with_clone3(&ctx, stack, stack_size, pidfd_ok, &pidfd, cgroup_fd);
        /* seccomp filters answer ENOSYS, EPERM or EINVAL for a call they hide: treat each as
         * missing (clone reports a real EINVAL again). With a cgroup, EPERM and EINVAL can be the
         * cgroup's own answer, so they stay errors there. */
        if (rc == -ENOSYS || ((rc == -EPERM || rc == -EINVAL) && cgroup_fd < 0)) {
            atomic_store(&clone3_state, 2);
            clone3_ok = 0;
        } else if (rc > 0) {
            atomic_store(&clone3_state, 1);
        } else if (cgroup_fd >= 0) {
            detail = rc == -E2BIG ? SPAWN_DETAIL_CGROUP_TOO_OLD
                   : rc == -EOPNOTSUPP ? SPAWN_DETAIL_CGROUP_THREADED
                   : rc == -EBADF ? SPAWN_DETAIL_CGROUP_FD
                   : SPAWN_DETAIL_NONE;
        }
    }
    if (!clone3_ok) {
        if (cgroup_fd >= 0) {
            rc = -ENOTSUP;
            detail = SPAWN_DETAIL_NO_CLONE3_CGROUP;
        } else {
            rc = clone_with_clone(&ctx, stack, stack_size, pidfd_ok, &pidfd);
        }
    }

    raw_sigprocmask(SIG_SETMASK, &ctx.parent_mask, NULL);
    pthread_setcancelstate(old_cancel, NULL);
    if (!stack_kept)
        unmap_stack(mapping);

    if (rc < 0)
        return fail_in_parent(result, (int)-rc, detail);

    pid_t pid = (pid_t)rc;
    if (ctx.stage != SPAWN_STAGE_NONE) {
        reap_child(pid, pidfd);
        if (pidfd >= 0)
            close(pidfd);
        result->error = ctx.error;
        result->stage = ctx.stage;
        result->action_index = ctx.action_index;
        return ctx.error;
    }

    result->pid = pid;
    if (want_pidfd)
        result->pidfd = pidfd;
    else if (pidfd >= 0)
        close(pidfd);
    return 0;
}
