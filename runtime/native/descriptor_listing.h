/*
 * The open descriptors of this process, read from /proc/self/fd with getdents64 into a buffer the
 * caller owns (on its stack): no allocation and no libc lock, so a child may use it. Closing a
 * descriptor and rereading the folder, and finding the runtime's code heap memfd, both walk it.
 */
#ifndef SPAWN_DESCRIPTOR_LISTING_H
#define SPAWN_DESCRIPTOR_LISTING_H

struct descriptor_listing {
    int dir;     /* /proc/self/fd, O_DIRECTORY */
    long length; /* bytes of buffer filled by the last getdents64 */
    long offset; /* the next entry in buffer */
    char buffer[1024] __attribute__((aligned(8)));
};

/* Opens /proc/self/fd. Returns 0, or -1 with errno (no /proc, or no descriptor left). */
int descriptor_listing_open(struct descriptor_listing *listing);

/* The next descriptor's number, and its entry's name in *name unless name is NULL; the listing's
 * own descriptor is skipped. Returns -1 at the end, -2 with errno when the folder cannot be read. */
int descriptor_listing_next(struct descriptor_listing *listing, const char **name);

/* Starts again from the first entry: the folder changes when the caller closes descriptors. */
void descriptor_listing_rewind(struct descriptor_listing *listing);

void descriptor_listing_close(struct descriptor_listing *listing);

#endif
