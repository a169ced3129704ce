/* Bounded waits: see deadline.h. */
#define _GNU_SOURCE
#include "deadline.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <time.h>

int64_t monotonic_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int milliseconds_until(int64_t deadline_ms)
{
    int64_t left = deadline_ms - monotonic_ms();
    return left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

int wait_readable(int fd, int timeout_ms)
{
    int64_t deadline = monotonic_ms() + timeout_ms;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int rc = poll(&p, 1, milliseconds_until(deadline));
        if (rc >= 0 || errno != EINTR)
            return rc;
    }
}
