/*
 * The floor every spawn is measured against: clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD) with
 * the child calling execve directly, then waitid(P_PIDFD). No attributes, no file actions, no
 * error reporting: the least a correct spawn-and-wait can do. glibc's clone() enters the same
 * kernel_clone() as clone3 and switches the stack for us.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

struct floor_args {
    const char *path;
    char *const *argv;
    char *const *envp;
};

static int floor_child(void *arg)
{
    struct floor_args *a = arg;
    syscall(SYS_execve, a->path, a->argv, a->envp);
    _exit(127);
}

/* clone + execve + waitid on the given stack; returns the child's si_status, or -errno. */
static int run_on_stack(char *stack_top, const char *path, char *const *argv, char *const *envp)
{
    struct floor_args a = { path, argv, envp ? envp : environ };
    int pidfd = -1;
    /* glibc's clone() wraps the stack switch; the flags are those of our core without its extras. */
    pid_t pid = clone(floor_child, stack_top, CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, &a, &pidfd);
    if (pid < 0)
        return -errno;
    siginfo_t info;
    while (syscall(SYS_waitid, P_PIDFD, pidfd, &info, WEXITED, NULL) != 0) {
        if (errno != EINTR) {
            close(pidfd);
            return -errno;
        }
    }
    close(pidfd);
    return info.si_status;
}

static const size_t stack_size = 64 * 1024;

/* The floor: one stack mapped once and reused by every spawn of the calling (single) thread. */
__attribute__((visibility("default"))) int spawn_floor_run(const char *path, char *const *argv, char *const *envp)
{
    static char *stack;
    if (stack == NULL) {
        stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        if (stack == MAP_FAILED) {
            stack = NULL;
            return -errno;
        }
    }
    return run_on_stack(stack + stack_size, path, argv, envp);
}

/*
 * The floor plus one choice of the runtime's core: a stack of its own per spawn, mapped with a
 * guard page and unmapped afterwards (safe with many threads spawning at once). The difference
 * from the floor is what that choice costs; munmap in a multi-threaded process flushes the TLB of
 * every CPU the process runs on.
 */
__attribute__((visibility("default"))) int spawn_floor_run_fresh_stack(const char *path, char *const *argv, char *const *envp)
{
    long page = sysconf(_SC_PAGESIZE);
    char *mapping = mmap(NULL, stack_size + (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (mapping == MAP_FAILED)
        return -errno;
    int result = mprotect(mapping, (size_t)page, PROT_NONE) == 0
        ? run_on_stack(mapping + page + stack_size, path, argv, envp)
        : -errno;
    munmap(mapping, stack_size + (size_t)page);
    return result;
}
