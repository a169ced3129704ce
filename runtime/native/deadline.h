/*
 * Waiting with a bound: a monotonic clock in milliseconds and a poll for one readable descriptor
 * that survives EINTR without restarting its timeout. The fork's acknowledgement, the exec
 * watchdog and the wait for a garbage collection to end all count time this way.
 */
#ifndef SPAWN_DEADLINE_H
#define SPAWN_DEADLINE_H

#include <stdint.h>

/* CLOCK_MONOTONIC in milliseconds. */
int64_t monotonic_ms(void);

/* Milliseconds from now until deadline_ms (of monotonic_ms), 0 once it passed. */
int milliseconds_until(int64_t deadline_ms);

/* poll(POLLIN) on fd for up to timeout_ms: 1 readable (or EOF), 0 timed out, -1 with errno. */
int wait_readable(int fd, int timeout_ms);

#endif
