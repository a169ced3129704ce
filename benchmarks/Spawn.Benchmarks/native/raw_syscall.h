/*
 * One raw system call, for the benchmark's libc-free static programs (built with -nostdlib):
 * without a C library there is no syscall() to call.
 */
#ifndef RAW_SYSCALL_H
#define RAW_SYSCALL_H

#if defined(__x86_64__)
#define RAW_SYS_READ 0
#define RAW_SYS_EXIT 60
static inline long raw_syscall3(long number, long a, long b, long c)
{
    long result;
    __asm__ volatile("syscall"
                     : "=a"(result)
                     : "a"(number), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return result;
}
#elif defined(__aarch64__)
#define RAW_SYS_READ 63
#define RAW_SYS_EXIT 93
static inline long raw_syscall3(long number, long a, long b, long c)
{
    register long x8 __asm__("x8") = number;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}
#else
#error "raw_syscall.h knows x86-64 and arm64 only"
#endif

static inline __attribute__((noreturn)) void raw_exit(int status)
{
    for (;;)
        raw_syscall3(RAW_SYS_EXIT, status, 0, 0);
}

#endif
