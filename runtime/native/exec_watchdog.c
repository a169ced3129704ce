/*
 * The exec watchdog of fork_np: the parent keeps the read end of the acknowledgement pipe, whose
 * write end the child holds with O_CLOEXEC, so it reads EOF once the child execs or exits. A child
 * that does neither by the deadline is killed through its pidfd.
 */
#define _GNU_SOURCE
#include "fork_core.h"
#include "deadline.h"
#include "kernel_compat.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

int32_t fork_core_watch_exec(int32_t exec_fd, int32_t pidfd, int32_t deadline_ms)
{
    int64_t deadline = monotonic_ms() + deadline_ms;
    for (;;) {
        int left = milliseconds_until(deadline);
        if (left == 0)
            break;
        int rc = wait_readable(exec_fd, left);
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
