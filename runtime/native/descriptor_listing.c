/* Walking /proc/self/fd with a stack buffer: see descriptor_listing.h. */
#define _GNU_SOURCE
#include "descriptor_listing.h"
#include "kernel_compat.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int descriptor_listing_open(struct descriptor_listing *listing)
{
    listing->length = 0;
    listing->offset = 0;
    listing->dir = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return listing->dir < 0 ? -1 : 0;
}

int descriptor_listing_next(struct descriptor_listing *listing, const char **name)
{
    for (;;) {
        if (listing->offset >= listing->length) {
            long n = syscall(SYS_getdents64, listing->dir, listing->buffer, sizeof listing->buffer);
            if (n < 0)
                return -2;
            if (n == 0)
                return -1;
            listing->length = n;
            listing->offset = 0;
        }
        const char *entry = listing->buffer + listing->offset;
        unsigned short record_length;
        memcpy(&record_length, entry + DIRENT64_RECLEN_OFFSET, sizeof record_length);
        listing->offset += record_length;
        const char *entry_name = entry + DIRENT64_NAME_OFFSET;
        if (entry_name[0] < '0' || entry_name[0] > '9') /* "." and ".." */
            continue;
        long fd = 0;
        for (const char *digit = entry_name; *digit; digit++)
            fd = fd * 10 + (*digit - '0');
        if (fd == listing->dir)
            continue;
        if (name != NULL)
            *name = entry_name;
        return (int)fd;
    }
}

void descriptor_listing_rewind(struct descriptor_listing *listing)
{
    syscall(SYS_lseek, listing->dir, 0, SEEK_SET);
    listing->length = 0;
    listing->offset = 0;
}

void descriptor_listing_close(struct descriptor_listing *listing)
{
    syscall(SYS_close, listing->dir);
    listing->dir = -1;
}
