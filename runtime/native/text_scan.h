/*
 * Reading numbers and prefixes out of text the kernel or the runtime wrote (/proc/self/maps lines,
 * the runtime's contract descriptor) without libc's locale-aware, errno-setting parsers: a forked
 * child may use these.
 */
#ifndef SPAWN_TEXT_SCAN_H
#define SPAWN_TEXT_SCAN_H

#include <stdint.h>

static inline int starts_with(const char *text, const char *prefix)
{
    while (*prefix)
        if (*text++ != *prefix++)
            return 0;
    return 1;
}

/* Reads digits of base 10 or 16 (lower case) at *cursor and moves it past them. */
static inline uint64_t parse_number(const char **cursor, int base)
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

#endif
