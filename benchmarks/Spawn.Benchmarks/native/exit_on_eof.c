/*
 * A child that stays alive, costing almost nothing, until its stdin reaches end of file: the
 * concurrency benchmark holds thousands of these at once and releases them all by closing one pipe.
 */
#include "raw_syscall.h"

void _start(void)
{
    char byte;
    while (raw_syscall3(RAW_SYS_READ, 0, (long)&byte, 1) > 0)
        ;
    raw_exit(0);
}
