/*
 * fork_core: fork_np (the seed's fork with a pidfd, cgroup placement, _Fork semantics and an
 * exit signal) for a .NET process, and the async-signal-safe operations a forked child runs.
 *
 * Unlike spawn_core, the child here is a full copy of the parent (never CLONE_VM) and returns
 * into managed code. See docs/design.md, "fork_np and code that runs in a forked child":
 * code_heap.c closes hazard 8 (the shared code heap) in the child before it returns, and
 * gc_suspension.c gives the parent what it needs for hazard 6 (a child stuck at its first return
 * into managed code). fork_np.c forks, exec_watchdog.c bounds the time to exec, and
 * fork_child_toolkit.c is the child's side. runtime/Forking/ mirrors the structs (checked by
 * struct_layouts.c and a managed test); change both together.
 */
#ifndef FORK_CORE_H
#define FORK_CORE_H

#include <stdint.h>

#define FORK_EXPORT __attribute__((visibility("default")))

/* The seed's FORK_NP_* flags. */
enum fork_np_flags {
    FORK_NP_PIDFD = 1u << 0,       /* return a pidfd (O_CLOEXEC) in fork_np_args.pidfd */
    FORK_NP_CGROUP = 1u << 1,      /* born in fork_np_args.cgroup (CLONE_INTO_CGROUP) */
    FORK_NP_ASYNCSAFE = 1u << 2,   /* _Fork: no pthread_atfork handlers */
    FORK_NP_EXIT_SIGNAL = 1u << 3, /* fork_np_args.exit_signal instead of SIGCHLD (0 allowed) */
};
#define FORK_NP_ALL_FLAGS 0xfu

/* The seed's fork_np_args_t. */
typedef struct fork_np_args {
    uint32_t flags;
    int32_t cgroup;      /* a cgroup2 folder descriptor, with FORK_NP_CGROUP */
    int32_t exit_signal; /* with FORK_NP_EXIT_SIGNAL */
    int32_t pidfd;       /* out, with FORK_NP_PIDFD; -1 otherwise */
} fork_np_args; /* 16 bytes */

/* How the parent guards against a child that hangs at its first return into managed code. */
typedef struct fork_core_options {
    int32_t ack_timeout_ms; /* from the child's return into managed code to its fork_core_child_ack; at least 1 */
    int32_t max_attempts;   /* silent children before giving up with ETIMEDOUT; at least 1 */
    int32_t keep_exec_fd;   /* 1: hand the parent a descriptor that reads EOF at exec or exit */
    int32_t deadline_ms;    /* for this call, from its start; at least 1 */
} fork_core_options; /* 16 bytes */

/* Where a fork failed. */
enum fork_core_stage {
    FORK_STAGE_NONE = 0,
    FORK_STAGE_ARGS = 1,      /* flags or size rejected */
    FORK_STAGE_CLONE = 2,     /* fork / _Fork / clone3, the pipes */
    FORK_STAGE_PIDFD = 3,     /* pidfd_open of the parked child */
    FORK_STAGE_PRIVATE_CODE = 4, /* the child could not make the shared code heap private */
    FORK_STAGE_ACK = 5,       /* no child acknowledged within max_attempts */
    FORK_STAGE_SUSPENDED = 6, /* EAGAIN: the runtime was suspending threads; call again once it is over */
    FORK_STAGE_RETURNING = 7, /* the child is ready and returns into managed code (internal) */
    FORK_STAGE_DEADLINE = 8,  /* ETIMEDOUT: deadline_ms passed; no child is left */
};

typedef struct fork_core_result {
    int32_t pid;        /* parent: the child's pid; child: 0 */
    int32_t error;      /* errno, 0 on success */
    int32_t stage;      /* enum fork_core_stage */
    int32_t attempts;   /* forks made, 1 when the first child acknowledged */
    int32_t ack_fd;     /* child: the descriptor fork_core_child_ack writes to */
    int32_t exec_fd;    /* parent, with keep_exec_fd: EOF once the child execs or exits */
    int32_t remapped;   /* child: code heap mappings made private */
    int32_t hung;       /* parent: children killed because they did not acknowledge in time */
    int32_t watch_pidfd; /* parent, with keep_exec_fd: a pidfd of the child for the watchdog */
    int32_t suspended;  /* parent: children that found a GC suspension in progress and exited */
} fork_core_result; /* 40 bytes */

/*
 * fork_np. Returns the child's pid in the parent and 0 in the child, or -1 with result->error.
 * The child is parked on a pipe until the parent holds its pidfd, makes the code heap private,
 * and must call fork_core_child_ack as soon as it is back in managed code; a child that does not
 * within ack_timeout_ms is killed (it ran no user code) and the fork is repeated. While the runtime
 * suspends threads (before the fork, or as the child found it) it returns -1 with
 * FORK_STAGE_SUSPENDED and EAGAIN at once, so that the caller waits for the suspension to end in
 * the runtime and calls again with what is left of its deadline.
 */
FORK_EXPORT int32_t fork_core_fork(fork_np_args *args, uint64_t size,
                                   const fork_core_options *options, fork_core_result *result);

/* In the child: tells the parent it is back in managed code. Returns 0 or the errno. */
FORK_EXPORT int32_t fork_core_child_ack(int32_t ack_fd);

/* The exec watchdog: waits until exec_fd (fork_core_result.exec_fd) reads EOF, meaning the child
 * called exec or exited, or deadline_ms passed, in which case the child is killed through pidfd.
 * Returns 0 (exec or exit in time), 1 (killed), or -errno. Closes neither descriptor. */
FORK_EXPORT int32_t fork_core_watch_exec(int32_t exec_fd, int32_t pidfd, int32_t deadline_ms);

/* Whether the runtime's suspension thread can be read (see find_suspension_thread): 1 or 0. */
FORK_EXPORT int32_t fork_core_suspension_probe_available(void);

/* 1 while the runtime is suspending threads (for a GC), 0 when not, -1 when it cannot tell. */
FORK_EXPORT int32_t fork_core_runtime_suspending(void);

/* Every MAP_SHARED mapping of the runtime's double-mapped code heap in this process, for tests. */
FORK_EXPORT int32_t fork_core_count_shared_code_mappings(void);

/* The child toolkit: one system call each (exec: a few), 0 or the errno, never a libc lock. */
FORK_EXPORT int32_t fork_child_execve(const char *path, char *const *argv, char *const *envp);
FORK_EXPORT int32_t fork_child_execvpe(const char *file, char *const *argv, char *const *envp,
                                       const char *search_path);
FORK_EXPORT void fork_child_exit(int32_t status);
FORK_EXPORT int32_t fork_child_dup2(int32_t fd, int32_t new_fd);
FORK_EXPORT int32_t fork_child_dup3(int32_t fd, int32_t new_fd, int32_t flags);
FORK_EXPORT int32_t fork_child_close(int32_t fd);
FORK_EXPORT int32_t fork_child_close_from(int32_t low_fd);
FORK_EXPORT int32_t fork_child_chdir(const char *path);
FORK_EXPORT int32_t fork_child_fchdir(int32_t fd);
FORK_EXPORT int32_t fork_child_setsid(void);
FORK_EXPORT int32_t fork_child_setpgid(int32_t pid, int32_t pgid);
FORK_EXPORT int32_t fork_child_controlling_terminal(int32_t tty_fd, int32_t descriptors);
FORK_EXPORT int32_t fork_child_set_signal_mask(uint64_t mask);
FORK_EXPORT int32_t fork_child_reset_signals(void);
FORK_EXPORT int32_t fork_child_prctl_pdeathsig(int32_t signal);
FORK_EXPORT int32_t fork_child_prctl_no_new_privs(void);
FORK_EXPORT int32_t fork_child_prctl_name(const char *name);
FORK_EXPORT int32_t fork_child_setrlimit(int32_t resource, uint64_t soft, uint64_t hard);
FORK_EXPORT int32_t fork_child_umask(uint32_t mask);
FORK_EXPORT int32_t fork_child_setuid(uint32_t uid);
FORK_EXPORT int32_t fork_child_setgid(uint32_t gid);
FORK_EXPORT int32_t fork_child_setgroups(int32_t count, const uint32_t *groups);
FORK_EXPORT int32_t fork_child_chroot(const char *path);
FORK_EXPORT int32_t fork_child_unshare(int32_t flags);
FORK_EXPORT int32_t fork_child_setns(int32_t fd, int32_t nstype);
FORK_EXPORT int32_t fork_child_write(int32_t fd, const void *buffer, int32_t count);

#endif
