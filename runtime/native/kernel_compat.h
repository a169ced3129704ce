/*
 * What the kernel offers that older libc headers may not name: system call numbers, flags and the
 * structs the raw calls take. The one place the C core spells a kernel ABI out by hand; every file
 * that makes one of these calls includes it instead of its own #ifndef fallbacks.
 */
#ifndef SPAWN_KERNEL_COMPAT_H
#define SPAWN_KERNEL_COMPAT_H

#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* System call numbers: the same on x86-64 and aarch64 for every call newer than both ports. */
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424 /* 5.1 */
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434 /* 5.3 */
#endif
#ifndef SYS_clone3
#define SYS_clone3 435 /* 5.3 */
#endif
#ifndef SYS_close_range
#define SYS_close_range 436 /* 5.9 */
#endif

/* clone flags of linux/sched.h; the 64-bit ones exist for clone3 only. */
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000 /* 5.2 */
#endif
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL /* 5.5 */
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL /* 5.7 */
#endif

/* waitid's id type for a pidfd (5.4). */
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* struct clone_args of linux/sched.h, with the size of each published version (clone3 takes the
 * size, so a smaller struct asks for fewer features). */
struct kernel_clone_args {
    uint64_t flags;
    uint64_t pidfd;
    uint64_t child_tid;
    uint64_t parent_tid;
    uint64_t exit_signal;
    uint64_t stack;
    uint64_t stack_size;
    uint64_t tls;
    uint64_t set_tid;
    uint64_t set_tid_size;
    uint64_t cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64 /* 5.3 */
#define CLONE_ARGS_SIZE_VER2 88 /* 5.7: cgroup */
_Static_assert(sizeof(struct kernel_clone_args) == CLONE_ARGS_SIZE_VER2, "struct clone_args, version 2");

/* The kernel's struct sigaction for rt_sigaction (x86-64 and aarch64 both have sa_restorer), and
 * the size of its signal set: 64 signals, not glibc's 1024-bit sigset_t. */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};
#define KERNEL_SIGSET_SIZE 8
#define SIGNAL_COUNT 64

/* struct linux_dirent64 as getdents64 returns it: ino (8), off (8), reclen (2), type (1), name. */
#define DIRENT64_RECLEN_OFFSET 16
#define DIRENT64_NAME_OFFSET 19

/* Landlock (5.13; network rules with ABI 4, scopes with ABI 6), linux/landlock.h. The calls have
 * one number on every architecture. */
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#ifndef SYS_landlock_add_rule
#define SYS_landlock_add_rule 445
#endif
#ifndef SYS_landlock_restrict_self
#define SYS_landlock_restrict_self 446
#endif
#define KERNEL_LANDLOCK_CREATE_RULESET_VERSION 1U
#define KERNEL_LANDLOCK_RULE_PATH_BENEATH 1
#define KERNEL_LANDLOCK_RULE_NET_PORT 2
struct kernel_landlock_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net; /* ABI 4 */
    uint64_t scoped;             /* ABI 6 */
};
#define LANDLOCK_RULESET_ATTR_SIZE_V1 8  /* handled_access_fs only */
#define LANDLOCK_RULESET_ATTR_SIZE_V4 16 /* and handled_access_net */
#define LANDLOCK_RULESET_ATTR_SIZE_V6 24 /* and scoped */
_Static_assert(sizeof(struct kernel_landlock_ruleset_attr) == LANDLOCK_RULESET_ATTR_SIZE_V6, "struct landlock_ruleset_attr");
struct kernel_landlock_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));
_Static_assert(sizeof(struct kernel_landlock_path_beneath_attr) == 12, "struct landlock_path_beneath_attr is packed");
struct kernel_landlock_net_port_attr {
    uint64_t allowed_access;
    uint64_t port;
};

/* seccomp (3.17), linux/seccomp.h and linux/filter.h. */
#ifndef SYS_seccomp
#if defined(__x86_64__)
#define SYS_seccomp 317
#elif defined(__aarch64__)
#define SYS_seccomp 277
#endif
#endif
#define KERNEL_SECCOMP_SET_MODE_FILTER 1
struct kernel_sock_fprog {
    uint16_t len;
    const void *filter; /* struct sock_filter[len], 8 bytes each */
};

/* Capabilities, linux/capability.h: version 3 takes two 32-bit halves of each set. The prctl
 * values are in sys/prctl.h since glibc 2.x, the ambient ones (4.3) only later. */
#define KERNEL_CAPABILITY_VERSION_3 0x20080522
struct kernel_cap_header {
    uint32_t version;
    int32_t pid;
};
struct kernel_cap_data {
    uint32_t effective;
    uint32_t permitted;
    uint32_t inheritable;
};
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#endif
#ifndef PR_CAP_AMBIENT_RAISE
#define PR_CAP_AMBIENT_RAISE 2
#endif
#ifndef PR_CAP_AMBIENT_CLEAR_ALL
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

#endif
