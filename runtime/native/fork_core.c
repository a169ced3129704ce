/*
 * fork_np for a .NET process. libc's fork() / _Fork() make the child, so libc's own state
 * (cached tid, robust futex list, atfork handlers, its internal locks) is set up as for any
 * fork; a raw clone3 (never CLONE_VM) is used only when FORK_NP_CGROUP or FORK_NP_EXIT_SIGNAL
 * asks for what fork() cannot do, and then needs FORK_NP_ASYNCSAFE (see clone_raw).
 *
 * The child is a copy of a multithreaded runtime with one thread left, so between the fork
 * and its return it calls raw system calls only, on stack buffers.
 */
#define _GNU_SOURCE
#include "fork_core.h"
#include "spawn_core.h"
#include "child_ops.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* glibc 2.34+ and musl 1.2.2+ have _Fork; older ones fail FORK_NP_ASYNCSAFE with ENOSYS. */
extern pid_t _Fork(void) __attribute__((weak));

#define KERNEL_SIGSET_SIZE 8
#define CODE_HEAP_NAME "/memfd:doublemapper"
#define CHILD_FAILED_EXIT 127
#define SUSPENDED_RETRY_LIMIT 1000
#define SETUP_TIMEOUT_MS 30000 /* fork to "returning": the code heap copy, on a loaded machine */

/* What a child writes to the parent on the acknowledgement pipe: 0/0 when it is back in
 * managed code, or the stage and errno of a failure before that. */
struct child_report {
    int32_t stage;
    int32_t error;
};

struct code_mapping {
    uintptr_t start;
    uintptr_t end;
    uint64_t offset;
    uint64_t inode;
    int prot;
};
static long raw_sigprocmask(int how, const uint64_t *set, uint64_t *old)
{
    return syscall(SYS_rt_sigprocmask, how, set, old, KERNEL_SIGSET_SIZE);
}

static void close_quietly(int fd)
{
    if (fd >= 0)
        syscall(SYS_close, fd);
}

static int starts_with(const char *text, const char *prefix)
{
    while (*prefix)
        if (*text++ != *prefix++)
            return 0;
    return 1;
}

static uint64_t parse_number(const char **cursor, int base)
{
    uint64_t value = 0;
    for (const char *p = *cursor;; p++) {
        char c = *p;
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
        if (digit >= base) {
            *cursor = p;
            return value;
        }
        value = value * (uint64_t)base + (uint64_t)digit;
    }
}

static void skip_field(const char **cursor)
{
    const char *p = *cursor;
    while (*p && *p != ' ')
        p++;
    while (*p == ' ')
        p++;
    *cursor = p;
}

/* One line of /proc/self/maps, "start-end perms offset dev inode   path": is it a MAP_SHARED
 * view of the runtime's double-mapped code heap? */
static int parse_code_mapping(const char *line, struct code_mapping *out)
{
    const char *p = line;
    out->start = (uintptr_t)parse_number(&p, 16);
    if (*p++ != '-')
        return 0;
    out->end = (uintptr_t)parse_number(&p, 16);
    if (*p++ != ' ')
        return 0;
    if (p[0] == '\0' || p[1] == '\0' || p[2] == '\0' || p[3] != 's')
        return 0;
    out->prot = (p[0] == 'r' ? PROT_READ : 0) | (p[1] == 'w' ? PROT_WRITE : 0) | (p[2] == 'x' ? PROT_EXEC : 0);
    skip_field(&p);
    out->offset = parse_number(&p, 16);
    skip_field(&p);
    skip_field(&p); /* dev */
    out->inode = parse_number(&p, 10);
    skip_field(&p);
    return starts_with(p, CODE_HEAP_NAME);
}

/* Reads /proc/self/maps and collects up to capacity code heap views backed by inode (any inode
 * when 0). Returns the number found (which may exceed capacity), or -errno. */
static int find_code_mappings(uint64_t inode, struct code_mapping *found, int capacity)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    char buffer[4096];
    char line[512];
    size_t line_length = 0;
    int count = 0;
    for (;;) {
        long n = syscall(SYS_read, fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int error = errno;
            close_quietly(fd);
            return -error;
        }
        if (n == 0)
            break;
        for (long i = 0; i < n; i++) {
            if (buffer[i] != '\n') {
                if (line_length < sizeof line - 1)
                    line[line_length++] = buffer[i];
                continue;
            }
            line[line_length] = '\0';
            line_length = 0;
            struct code_mapping mapping;
            if (parse_code_mapping(line, &mapping) && (inode == 0 || mapping.inode == inode)) {
                if (count < capacity)
                    found[count] = mapping;
                count++;
            }
        }
    }
    close_quietly(fd);
    return count;
}

/* The descriptor the runtime keeps on its code heap memfd (it maps new views from it), or -1. */
static int find_code_heap_descriptor(void)
{
    int dir = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return -1;
    char entries[2048];
    int found = -1;
    long n;
    while (found < 0 && (n = syscall(SYS_getdents64, dir, entries, sizeof entries)) > 0) {
        for (long offset = 0; offset < n && found < 0;) {
            const char *entry = entries + offset;
            unsigned short record_length;
            memcpy(&record_length, entry + 16, sizeof record_length); /* struct linux_dirent64 */
            offset += record_length;
            const char *name = entry + 19;
            if (name[0] < '0' || name[0] > '9')
                continue;
            char link[64];
            long length = syscall(SYS_readlinkat, dir, name, link, sizeof link - 1);
            if (length <= 0)
                continue;
            link[length] = '\0';
            if (starts_with(link, CODE_HEAP_NAME))
                found = (int)parse_number(&name, 10);
        }
    }
    close_quietly(dir);
    return found;
}

/* Copies every data extent (SEEK_DATA / SEEK_HOLE) of one memfd into another, in the kernel:
 * holes stay holes, and no page of the source is touched that was not already there. */
static int copy_file_data(int source, int target)
{
    off_t position = 0;
    for (;;) {
        off_t data = (off_t)syscall(SYS_lseek, source, position, SEEK_DATA);
        if (data < 0)
            return errno == ENXIO ? 0 : errno;
        off_t hole = (off_t)syscall(SYS_lseek, source, data, SEEK_HOLE);
        if (hole < 0)
            return errno;
        int64_t in = data, out = data;
        while (in < hole) {
            long copied = syscall(SYS_copy_file_range, source, &in, target, &out, (size_t)(hole - in), 0);
            if (copied < 0 && errno == EINTR)
                continue;
            if (copied <= 0)
                return copied < 0 ? errno : EIO;
        }
        position = hole;
    }
}

/*
 * Gives this (child) process a code heap of its own. With W^X the runtime keeps its JIT code in a
 * memfd mapped twice (an executable view and writable views), MAP_SHARED, so a fork would share
 * it with the parent. Here a new memfd receives a copy of the old one's contents, every view of
 * the old one is replaced in place by the same view of the new one (same address, offset and
 * protection; mmap MAP_FIXED replaces a range without a gap), and the runtime's descriptor is
 * pointed at the new memfd, so views it maps later are ours too. The double mapping stays
 * coherent, and nothing the child writes can reach the parent's pages.
 *
 * This runs from libspawn_core.so on the child's only thread, so no code executes in a view
 * while it is replaced. Returns 0 or the errno; *remapped counts the views replaced.
 */
static int privatize_code_heap(int32_t *remapped)
{
    *remapped = 0;
    int old_fd = find_code_heap_descriptor();
    if (old_fd < 0) {
        struct code_mapping none[1];
        int count = find_code_mappings(0, none, 0);
        return count < 0 ? -count : count == 0 ? 0 : ENOENT; /* views without their memfd: unknown layout */
    }
    struct stat old_stat;
    if (syscall(SYS_fstat, old_fd, &old_stat) != 0)
        return errno;
    char proc_path[32] = "/proc/self/fd/";
    {
        char digits[12];
        int length = 0;
        for (int v = old_fd; length == 0 || v > 0; v /= 10)
            digits[length++] = (char)('0' + v % 10);
        int at = 14;
        while (length > 0)
            proc_path[at++] = digits[--length];
        proc_path[at] = '\0';
    }
    /* A file description of our own: SEEK_DATA moves its offset, not the parent's. */
    int source = (int)syscall(SYS_openat, AT_FDCWD, proc_path, O_RDONLY | O_CLOEXEC);
    if (source < 0)
        return errno;
    int copy = (int)syscall(SYS_memfd_create, "doublemapper", MFD_CLOEXEC);
    int error = copy < 0 ? errno : 0;
    if (error == 0 && syscall(SYS_ftruncate, copy, old_stat.st_size) != 0)
        error = errno;
    if (error == 0)
        error = copy_file_data(source, copy);
    close_quietly(source);

    struct code_mapping found[64];
    while (error == 0) {
        int count = find_code_mappings((uint64_t)old_stat.st_ino, found, 64);
        if (count <= 0) {
            error = count < 0 ? -count : 0;
            break;
        }
        for (int i = 0; i < count && i < 64 && error == 0; i++) {
            const struct code_mapping *m = &found[i];
            void *view = (void *)syscall(SYS_mmap, m->start, m->end - m->start, m->prot,
                                         MAP_SHARED | MAP_FIXED, copy, m->offset);
            if (view == MAP_FAILED)
                error = errno;
            else
                (*remapped)++;
        }
    }
    if (error == 0) {
        long fd_flags = syscall(SYS_fcntl, old_fd, F_GETFD);
        if (fd_flags < 0 || syscall(SYS_dup3, copy, old_fd, (fd_flags & FD_CLOEXEC) ? O_CLOEXEC : 0) < 0)
            error = errno;
    }
    close_quietly(copy);
    return error;
}

int32_t fork_core_count_shared_code_mappings(void)
{
    struct code_mapping none[1];
    return find_code_mappings(0, none, 0);
}

/*
 * The runtime's suspension thread. A child forked while the runtime suspends threads for a GC
 * hangs at its first return into managed code (docs/design.md, fork hazard 6): its copy of the runtime
 * says "suspension pending" and the thread that would end it does not exist in the child. The
 * runtime publishes the address of g_pSuspensionThread (set from the start of a suspension to the
 * end of the restart that follows, the span in which returning threads are trapped) as the global
 * "GCThread" of its diagnostics contract descriptor (DotNetRuntimeContractDescriptor, the data the
 * cDAC reads). The parent waits for it to be clear before forking, and the child reads its own
 * copy, which tells exactly whether it would hang: if so, it exits at once and the parent forks
 * again. Without the descriptor the acknowledgement timeout alone guards the fork.
 */
struct contract_descriptor {
    uint64_t magic; /* "DNCCDAC\0" */
    uint32_t flags;
    uint32_t descriptor_size;
    const char *descriptor; /* JSON */
    uint32_t pointer_data_count;
    uint32_t pad;
    void *const *pointer_data;
};
#define CONTRACT_MAGIC 0x0043414443434e44ULL

static void *volatile *suspension_thread;
static int suspension_probe_state; /* 0 unknown, 1 found, 2 missing; set by the parent only */

static void *volatile *find_suspension_thread(void)
{
    void *coreclr = dlopen("libcoreclr.so", RTLD_LAZY | RTLD_NOLOAD);
    if (coreclr == NULL)
        return NULL;
    const struct contract_descriptor *contract = dlsym(coreclr, "DotNetRuntimeContractDescriptor");
    dlclose(coreclr); /* RTLD_NOLOAD took a reference to a library the runtime keeps loaded */
    if (contract == NULL || contract->magic != CONTRACT_MAGIC || contract->descriptor == NULL)
        return NULL;
    const char *key = "\"GCThread\":[[";
    const char *at = strstr(contract->descriptor, key);
    if (at == NULL)
        return NULL;
    at += strlen(key);
    uint64_t index = parse_number(&at, 10);
    if (!starts_with(at, "],\"pointer\"]") || index >= contract->pointer_data_count)
        return NULL;
    return (void *volatile *)contract->pointer_data[index];
}

static void *volatile *suspension_thread_address(void)
{
    if (suspension_probe_state == 0) {
        suspension_thread = find_suspension_thread();
        suspension_probe_state = suspension_thread != NULL ? 1 : 2;
    }
    return suspension_thread;
}

int32_t fork_core_suspension_probe_available(void)
{
    return suspension_thread_address() != NULL;
}

int32_t fork_core_runtime_suspending(void)
{
    void *volatile *address = suspension_thread_address();
    return address == NULL ? -1 : *address != NULL;
}

/* Parent, preemptive (the GC runs on): waits up to a second for a suspension in progress to end,
 * yielding the processor to the threads that finish it, so that the fork does not copy it. */
static void wait_for_no_suspension(void *volatile *address)
{
    if (address == NULL || *address == NULL)
        return;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (unsigned spins = 1; *address != NULL; spins++) {
        sched_yield();
        if (spins % 256 == 0) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec - start.tv_sec >= 1)
                return;
        }
    }
}

/* Raw clone3 without CLONE_VM, for what fork() cannot do: a cgroup at birth or another exit
 * signal. What it cannot reset, because only libc's fork can: pthread_atfork handlers do not
 * run (hence FORK_NP_ASYNCSAFE is required), libc's internal locks (malloc, stdio) are not
 * reinitialised, the cached thread id in the thread descriptor stays the parent thread's
 * (raise, pthread_kill and error-checking mutexes misbehave), the robust futex list is not
 * registered, and libc still believes the other threads exist (its setuid family would wait
 * for them: use the raw ones of this file). The child toolkit touches none of these. */
static pid_t clone_raw(const fork_np_args *args, int *pidfd)
{
    struct {
        uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls,
            set_tid, set_tid_size, cgroup;
    } clone_args;
    memset(&clone_args, 0, sizeof clone_args);
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

static int wait_readable(int fd, int timeout_ms)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        int left = elapsed >= timeout_ms ? 0 : timeout_ms - (int)elapsed;
        int rc = poll(&p, 1, left);
        if (rc >= 0 || errno != EINTR)
            return rc;
    }
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

/* Kills and reaps a child that never got back to managed code. */
static void kill_and_reap(pid_t pid, int pidfd)
{
    siginfo_t info;
    if (pidfd >= 0) {
        syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
        while (syscall(SYS_waitid, P_PIDFD, pidfd, &info, WEXITED | __WALL, NULL) < 0 && errno == EINTR) {
        }
    } else {
        kill(pid, SIGKILL);
        while (syscall(SYS_waitid, P_PID, pid, &info, WEXITED | __WALL, NULL) < 0 && errno == EINTR) {
        }
    }
}

static int32_t fail(fork_core_result *result, int stage, int error)
{
    result->error = error;
    result->stage = stage;
    errno = error;
    return -1;
}

/* One fork. Returns 1 when the child acknowledged (parent) or when this is the child, 0 when
 * the child was killed for not acknowledging in time, -1 on an error (in result). */
static int fork_once(fork_np_args *args, const fork_core_options *options, fork_core_result *result)
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

    void *volatile *suspending = suspension_thread_address();
    wait_for_no_suspension(suspending);
    /* No signal handler may run in the child before it is ready; the parent's mask comes back
     * in both processes. */
    uint64_t all = ~0ULL, saved;
    raw_sigprocmask(SIG_BLOCK, &all, &saved);
    int pidfd = -1;
    int raw = (args->flags & (FORK_NP_CGROUP | FORK_NP_EXIT_SIGNAL)) != 0;
    pid_t pid = raw ? clone_raw(args, &pidfd) : (args->flags & FORK_NP_ASYNCSAFE) ? _Fork() : fork();
    int clone_error = errno;

    if (pid == 0) {
        close_quietly(go[1]);
        close_quietly(ack[0]);
        if (suspending != NULL && *suspending != NULL)
            child_report_failure(ack[1], FORK_STAGE_SUSPENDED, 0);
        int error = privatize_code_heap(&result->remapped);
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
            kill_and_reap(pid, -1);
            return fail(result, FORK_STAGE_PIDFD, error);
        }
    }
    syscall(SYS_write, go[1], "g", 1);
    close_quietly(go[1]);

    /* The child's reports: RETURNING once its setup is done (or why it stopped), then 0/0 once it
     * is back in managed code. Only the second step can hang on a GC suspension, so only it is
     * timed; the first is bounded generously, for a loaded machine. */
    struct child_report report = {FORK_STAGE_NONE, 0};
    long n = read_report(ack[0], SETUP_TIMEOUT_MS, &report);
    if (n == (long)sizeof report && report.stage == FORK_STAGE_RETURNING)
        n = read_report(ack[0], options->ack_timeout_ms, &report);
    int acknowledged = n == (long)sizeof report && report.stage == FORK_STAGE_NONE;
    if (!acknowledged) {
        close_quietly(ack[0]);
        kill_and_reap(pid, pidfd);
        close_quietly(pidfd);
        if (n == (long)sizeof report && report.stage == FORK_STAGE_SUSPENDED) {
            result->suspended++;
            return 0;
        }
        if (n == (long)sizeof report)
            return fail(result, report.stage, report.error);
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
        options->ack_timeout_ms < 1)
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

    /* A child that found a suspension in progress costs one fork and proves nothing wrong, so
     * those retries have a bound of their own; max_attempts bounds the children that went silent. */
    while (result->hung < options->max_attempts && result->suspended < SUSPENDED_RETRY_LIMIT) {
        result->attempts++;
        int outcome = fork_once(args, options, result);
        if (outcome < 0)
            return -1;
        if (outcome > 0)
            return result->pid;
    }
    return fail(result, FORK_STAGE_ACK, ETIMEDOUT);
}

int32_t fork_core_watch_exec(int32_t exec_fd, int32_t pidfd, int32_t deadline_ms)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= deadline_ms)
            break;
        int rc = wait_readable(exec_fd, deadline_ms - (int)elapsed);
        if (rc < 0)
            return -errno;
        if (rc == 0)
            break;
        /* Drain what is there (a late acknowledgement); only EOF means exec or exit. */
        char bytes[64];
        long n = syscall(SYS_read, exec_fd, bytes, sizeof bytes);
        if (n == 0)
            return 0;
        if (n < 0 && errno != EINTR && errno != EAGAIN)
            return -errno;
    }
    if (syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0) != 0 && errno != ESRCH)
        return -errno;
    return 1;
}

int32_t fork_core_child_ack(int32_t ack_fd)
{
    struct child_report report = {FORK_STAGE_NONE, 0};
    long n;
    while ((n = syscall(SYS_write, ack_fd, &report, sizeof report)) < 0 && errno == EINTR) {
    }
    return n == (long)sizeof report ? 0 : errno;
}

/* The child toolkit. Each is the system call itself, so it neither allocates nor takes one of
 * libc's locks (glibc's setuid family would wait for threads the child does not have). */

static int32_t errno_of(long rc)
{
    return rc < 0 ? errno : 0;
}

int32_t fork_child_execve(const char *path, char *const *argv, char *const *envp)
{
    syscall(SYS_execve, path, argv, envp);
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
    if (fd == new_fd) /* dup2 keeps the descriptor as is; dup3 would refuse */
        return errno_of(syscall(SYS_fcntl, fd, F_GETFD));
    return errno_of(syscall(SYS_dup3, fd, new_fd, 0));
}

int32_t fork_child_dup3(int32_t fd, int32_t new_fd, int32_t flags)
{
    return errno_of(syscall(SYS_dup3, fd, new_fd, flags));
}

int32_t fork_child_close(int32_t fd)
{
    return errno_of(syscall(SYS_close, fd));
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
    return errno_of(syscall(SYS_chdir, path));
}

int32_t fork_child_fchdir(int32_t fd)
{
    return errno_of(syscall(SYS_fchdir, fd));
}

int32_t fork_child_setsid(void)
{
    return errno_of(syscall(SYS_setsid));
}

int32_t fork_child_setpgid(int32_t pid, int32_t pgid)
{
    return errno_of(syscall(SYS_setpgid, pid, pgid));
}

int32_t fork_child_set_signal_mask(uint64_t mask)
{
    return errno_of(raw_sigprocmask(SIG_SETMASK, &mask, NULL));
}

/* Every handled signal goes back to SIG_DFL; ignored ones stay ignored, as across exec. */
int32_t fork_child_reset_signals(void)
{
    struct {
        void *handler;
        unsigned long flags;
        void *restorer;
        uint64_t mask;
    } action;
    for (int sig = 1; sig <= 64; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP)
            continue;
        if (syscall(SYS_rt_sigaction, sig, NULL, &action, KERNEL_SIGSET_SIZE) != 0)
            continue; /* numbers the kernel does not accept */
        if (action.handler == SIG_DFL || action.handler == SIG_IGN)
            continue;
        memset(&action, 0, sizeof action);
        action.handler = SIG_DFL;
        if (syscall(SYS_rt_sigaction, sig, &action, NULL, KERNEL_SIGSET_SIZE) != 0)
            return errno;
    }
    return 0;
}

int32_t fork_child_prctl_pdeathsig(int32_t signal)
{
    return errno_of(syscall(SYS_prctl, PR_SET_PDEATHSIG, (unsigned long)signal, 0, 0, 0));
}

int32_t fork_child_prctl_no_new_privs(void)
{
    return errno_of(syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1UL, 0, 0, 0));
}

int32_t fork_child_prctl_name(const char *name)
{
    return errno_of(syscall(SYS_prctl, PR_SET_NAME, name, 0, 0, 0));
}

int32_t fork_child_setrlimit(int32_t resource, uint64_t soft, uint64_t hard)
{
    uint64_t limits[2] = {soft, hard};
    return errno_of(syscall(SYS_prlimit64, 0, resource, limits, NULL));
}

int32_t fork_child_umask(uint32_t mask)
{
    syscall(SYS_umask, mask);
    return 0;
}

int32_t fork_child_setuid(uint32_t uid)
{
    return errno_of(syscall(SYS_setresuid, uid, uid, uid));
}

int32_t fork_child_setgid(uint32_t gid)
{
    return errno_of(syscall(SYS_setresgid, gid, gid, gid));
}

int32_t fork_child_setgroups(int32_t count, const uint32_t *groups)
{
    return errno_of(syscall(SYS_setgroups, count, groups));
}

int32_t fork_child_chroot(const char *path)
{
    return errno_of(syscall(SYS_chroot, path));
}

int32_t fork_child_unshare(int32_t flags)
{
    return errno_of(syscall(SYS_unshare, flags));
}

int32_t fork_child_setns(int32_t fd, int32_t nstype)
{
    return errno_of(syscall(SYS_setns, fd, nstype));
}

int32_t fork_child_write(int32_t fd, const void *buffer, int32_t count)
{
    long n;
    while ((n = syscall(SYS_write, fd, buffer, (size_t)count)) < 0 && errno == EINTR) {
    }
    return errno_of(n);
}
