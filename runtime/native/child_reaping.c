/* Reaping a child that never reached the caller: see child_reaping.h. */
#define _GNU_SOURCE
#include "child_reaping.h"
#include "kernel_compat.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

void reap_child(pid_t pid, int pidfd)
{
    siginfo_t info;
    for (;;) {
        long rc = pidfd >= 0 ? syscall(SYS_waitid, P_PIDFD, pidfd, &info, WEXITED | __WALL, NULL)
                             : syscall(SYS_waitid, P_PID, pid, &info, WEXITED | __WALL, NULL);
        if (rc == 0 || errno != EINTR)
            break;
    }
}

void kill_and_reap_child(pid_t pid, int pidfd)
{
    if (pidfd >= 0)
        syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
    else
        kill(pid, SIGKILL);
    reap_child(pid, pidfd);
}
