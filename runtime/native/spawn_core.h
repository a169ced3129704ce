/*
 * spawn_core: everything that happens between clone and exec.
 *
 * The managed library builds one spawn_request out of plain pointers and counts (on its own
 * stack if it likes) and makes one call. Managed code never runs in the CLONE_VM child: see
 * docs/design.md, "Why the child side is C". The layout of every struct here is mirrored
 * by runtime/LowLevel/NativeSpawnRequest.cs and the entry points by runtime/Interop/NativeSpawn.cs;
 * change them together.
 */
#ifndef SPAWN_CORE_H
#define SPAWN_CORE_H

#include <stdint.h>

#define SPAWN_EXPORT __attribute__((visibility("default")))

/* File action kinds, in the order of posix_spawn_file_actions_add*. */
enum spawn_action_kind {
    SPAWN_ACTION_OPEN = 1,      /* fd = open(path, flags, mode), moved to fd */
    SPAWN_ACTION_CLOSE = 2,     /* close(fd); EBADF of an unopened fd is not an error */
    SPAWN_ACTION_DUP2 = 3,      /* dup2(source_fd, fd); source_fd == fd clears FD_CLOEXEC */
    SPAWN_ACTION_CHDIR = 4,     /* chdir(folder.path) */
    SPAWN_ACTION_FCHDIR = 5,    /* fchdir(fd) */
    SPAWN_ACTION_CLOSEFROM = 6, /* close every descriptor >= fd */
    SPAWN_ACTION_TCSETPGRP = 7, /* tcsetpgrp(fd, getpgrp()) */
    /* Beyond glibc: the steps of the fork child toolkit, so that a child which joins namespaces
     * or drops privileges before exec needs no managed code (see runtime/Forking). */
    SPAWN_ACTION_SETNS = 8,     /* setns(fd, setns.nstype) */
    SPAWN_ACTION_UNSHARE = 9,   /* unshare(unshare.flags) */
    SPAWN_ACTION_SETGROUPS = 10, /* setgroups(setgroups.count, setgroups.gids) */
    SPAWN_ACTION_SETGID = 11,   /* setresgid(credential.id x 3) */
    SPAWN_ACTION_SETUID = 12,   /* setresuid(credential.id x 3) */
    SPAWN_ACTION_CHROOT = 13,   /* chroot(folder.path) */
    SPAWN_ACTION_PDEATHSIG = 14, /* prctl(PR_SET_PDEATHSIG, pdeathsig.signal) */
    SPAWN_ACTION_NO_NEW_PRIVS = 15, /* prctl(PR_SET_NO_NEW_PRIVS, 1) */
    SPAWN_ACTION_SETRLIMIT = 16, /* prlimit64(0, setrlimit.resource, setrlimit.limits, NULL) */
    SPAWN_ACTION_UMASK = 17,    /* umask(umask.mask) */
    SPAWN_ACTION_CONTROLLING_TERMINAL = 18, /* setsid, TIOCSCTTY on fd, fd onto terminal.descriptors */
    /* The sandbox steps (sandbox_steps.h), numbered from 24 to leave room for other steps. */
    SPAWN_ACTION_LANDLOCK = 24, /* landlock_restrict_self(fd, landlock.flags) */
    SPAWN_ACTION_SECCOMP = 25,  /* seccomp(SECCOMP_SET_MODE_FILTER, seccomp.flags, {seccomp.count, seccomp.instructions}) */
    SPAWN_ACTION_CAPABILITIES = 26, /* bounding set to capabilities.sets[0], permitted and effective to sets[1] */
};

/* One file action or child step: kind says which, and the union's view of the same name (open,
 * dup2, folder, setns ...) names what it carries. Every view keeps its fields where the managed
 * mirror (NativeFileAction: _sourceFd at 8, _argument at 12, _unsignedArgument at 16, _data at 24)
 * puts them;
 * the unnamed 32-bit fields hold those places, and struct_layouts.c checks each offset. */
typedef struct spawn_file_action {
    int32_t kind; /* enum spawn_action_kind */
    int32_t fd;   /* the target descriptor: open, close, dup2, fchdir, closefrom's lowest, tcsetpgrp, setns */
    union {
        struct {
            int32_t : 32;
            int32_t flags;   /* O_* */
            uint32_t mode;   /* with O_CREAT or O_TMPFILE */
            int32_t reserved;
            const char *path;
        } open;
        struct {
            int32_t source_fd; /* == fd: clear FD_CLOEXEC instead */
        } dup2;
        struct { /* chdir, chroot */
            int32_t : 32;
            int32_t : 32;
            uint32_t : 32;
            int32_t : 32;
            const char *path;
        } folder;
        struct {
            int32_t : 32;
            int32_t nstype; /* CLONE_NEW*, or 0 for any */
        } setns;
        struct {
            int32_t : 32;
            int32_t flags; /* CLONE_NEW*, CLONE_FILES, CLONE_FS ... */
        } unshare;
        struct {
            int32_t : 32;
            int32_t count;
            uint32_t : 32;
            int32_t : 32;
            const uint32_t *gids;
        } setgroups;
        struct { /* setuid, setgid: real, effective and saved */
            int32_t : 32;
            int32_t : 32;
            uint32_t id;
        } credential;
        struct {
            int32_t : 32;
            int32_t signal; /* 0 clears it */
        } pdeathsig;
        struct {
            int32_t : 32;
            int32_t resource; /* RLIMIT_* */
            uint32_t : 32;
            int32_t : 32;
            const uint64_t *limits; /* soft, hard */
        } setrlimit;
        struct {
            int32_t : 32;
            int32_t : 32;
            uint32_t mask;
        } umask;
        struct {
            int32_t : 32;
            int32_t descriptors; /* bit n set: the terminal goes onto descriptor n (0, 1, 2) */
        } terminal;
        struct {
            int32_t : 32;
            int32_t flags; /* LANDLOCK_RESTRICT_SELF_* */
        } landlock;
        struct {
            int32_t : 32;
            int32_t count;  /* BPF instructions */
            uint32_t flags; /* SECCOMP_FILTER_FLAG_* */
            int32_t : 32;
            const void *instructions; /* struct sock_filter[count] */
        } seccomp;
        struct {
            int32_t : 32;
            int32_t : 32;
            uint32_t : 32;
            int32_t : 32;
            const uint64_t *sets; /* kept in the bounding set; kept in permitted and effective */
        } capabilities;
    };
} spawn_file_action; /* 32 bytes */

/* posix_spawnattr_t flag bits: glibc's values. */
enum spawn_flags {
    SPAWN_RESETIDS = 0x01,
    SPAWN_SETPGROUP = 0x02,
    SPAWN_SETSIGDEF = 0x04,
    SPAWN_SETSIGMASK = 0x08,
    SPAWN_SETSCHEDPARAM = 0x10,
    SPAWN_SETSCHEDULER = 0x20,
    SPAWN_USEVFORK = 0x40, /* accepted; every spawn is vfork-like */
    SPAWN_SETSID = 0x80,
    SPAWN_SETCGROUP = 0x100,
};

typedef struct spawn_attributes {
    uint32_t flags;
    int32_t pgroup;
    uint64_t sigdefault; /* bit (n - 1) set: signal n is reset to SIG_DFL */
    uint64_t sigmask;    /* bit (n - 1) set: signal n is blocked */
    int32_t sched_policy;
    int32_t sched_priority;
    int32_t cgroup_fd;   /* a cgroup2 folder, used with SPAWN_SETCGROUP (not open or -1: EBADF) */
    int32_t reserved;
} spawn_attributes; /* 40 bytes */

/* spawn_request.options */
enum spawn_options {
    SPAWN_OPTION_SEARCH_PATH = 0x1, /* the p variants: search PATH for a file without '/' */
    SPAWN_OPTION_RETURN_PIDFD = 0x2, /* keep the pidfd for the caller (pidfd_spawn) */
};

typedef struct spawn_request {
    const char *path;                 /* path, or file for the p variants */
    char *const *argv;                /* NULL-terminated */
    char *const *envp;                /* NULL-terminated; NULL means this process's environ */
    const spawn_file_action *actions;
    const spawn_attributes *attributes; /* may be NULL */
    const char *search_path;          /* PATH for the p variants; NULL: getenv("PATH"), then
                                         "/bin:/usr/bin" as glibc does */
    int32_t action_count;
    uint32_t options;
} spawn_request; /* 56 bytes */

/* Where a spawn failed. */
enum spawn_stage {
    SPAWN_STAGE_NONE = 0,
    SPAWN_STAGE_CLONE = 1,       /* in the parent: clone3 / clone, stack, probes */
    SPAWN_STAGE_SIGNALS = 2,     /* SETSIGDEF, handler reset */
    SPAWN_STAGE_SCHEDULER = 3,   /* SETSCHEDULER / SETSCHEDPARAM */
    SPAWN_STAGE_SESSION = 4,     /* SETSID */
    SPAWN_STAGE_PROCESS_GROUP = 5, /* SETPGROUP */
    SPAWN_STAGE_RESET_IDS = 6,   /* RESETIDS */
    SPAWN_STAGE_FILE_ACTION = 7, /* action_index says which */
    SPAWN_STAGE_SIGNAL_MASK = 8,
    SPAWN_STAGE_EXEC = 9,
};

/* Why a clone-stage error happened, when the errno alone would not say. */
enum spawn_detail {
    SPAWN_DETAIL_NONE = 0,
    SPAWN_DETAIL_NO_PIDFD = 1,          /* waitid(P_PIDFD) missing: kernel before 5.4 */
    SPAWN_DETAIL_NO_CLONE3_CGROUP = 2,  /* clone3 missing, and only clone3 can place in a cgroup */
    SPAWN_DETAIL_CGROUP_TOO_OLD = 3,    /* E2BIG: the kernel's clone3 predates CLONE_INTO_CGROUP (5.7) */
    SPAWN_DETAIL_CGROUP_THREADED = 4,   /* EOPNOTSUPP: the cgroup is threaded or a domain-invalid one */
    SPAWN_DETAIL_CGROUP_FD = 5,         /* EBADF: the cgroup descriptor is not open */
};

typedef struct spawn_result {
    int32_t pid;
    int32_t pidfd;        /* -1 unless SPAWN_OPTION_RETURN_PIDFD and success */
    int32_t error;        /* errno, 0 on success */
    int32_t stage;        /* enum spawn_stage */
    int32_t action_index; /* the failing file action, or -1 */
    int32_t detail;       /* enum spawn_detail */
} spawn_result; /* 24 bytes */

/* Spawns the child. Returns 0, or the errno also stored in result->error. On failure no child
 * is left behind (it was reaped) and no descriptor stays open. */
SPAWN_EXPORT int32_t spawn_core_spawn(const spawn_request *request, spawn_result *result);

/* Support ladder probes, cached after the first call. */
SPAWN_EXPORT int32_t spawn_core_pidfd_supported(void);  /* waitid(P_PIDFD) answers EBADF */
SPAWN_EXPORT int32_t spawn_core_clone3_supported(void); /* 1, 0, or -1 not yet known */

/* The layout of a struct the managed side mirrors (struct_layouts.c): the offset of field in type,
 * its size in *size; with field NULL, 0 and the struct's size. -1 (and *size -1) for a name not
 * listed. */
SPAWN_EXPORT int32_t spawn_core_struct_layout(const char *type, const char *field, int32_t *size);

/* Test seam: forbid the child from using clone3 / CLONE_CLEAR_SIGHAND / close_range, as an
 * older kernel would. Bits: 1 clone3, 2 CLONE_CLEAR_SIGHAND, 4 close_range. */
SPAWN_EXPORT void spawn_core_set_disabled_features(uint32_t mask);

#endif
