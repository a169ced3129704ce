/*
 * The cheapest program the kernel can run: a static binary with no C library and no dynamic
 * loader whose entry point exits at once. Spawning it measures the spawn, where /bin/true mostly
 * measures ld.so and libc start-up.
 */
#include "raw_syscall.h"

void _start(void)
{
    raw_exit(0);
}
