/* A forked child's private copy of the runtime's code heap: see code_heap.h. */
#define _GNU_SOURCE
#include "code_heap.h"
#include "child_ops.h"
#include "descriptor_listing.h"
#include "fork_core.h"
#include "text_scan.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CODE_HEAP_NAME "/memfd:doublemapper"
#define CODE_VIEWS_PER_PASS 64

struct code_mapping {
    uintptr_t start;
    uintptr_t end;
    uint64_t offset;
    uint64_t inode;
    int prot;
};

static void skip_field(const char **cursor)
{
    const char *p = *cursor;
    while (*p && *p != ' ')
        p++;
    while (*p == ' ')
        p++;
    *cursor = p;
}

/* One line of /proc/self/maps, "start-end perms offset dev inode   path": is it a MAP_SHARED
 * view of the runtime's double-mapped code heap? */
static int parse_code_mapping(const char *line, struct code_mapping *out)
{
    const char *p = line;
    out->start = (uintptr_t)parse_number(&p, 16);
    if (*p++ != '-')
        return 0;
    out->end = (uintptr_t)parse_number(&p, 16);
    if (*p++ != ' ')
        return 0;
    if (p[0] == '\0' || p[1] == '\0' || p[2] == '\0' || p[3] != 's')
        return 0;
    out->prot = (p[0] == 'r' ? PROT_READ : 0) | (p[1] == 'w' ? PROT_WRITE : 0) | (p[2] == 'x' ? PROT_EXEC : 0);
    skip_field(&p);
    out->offset = parse_number(&p, 16);
    skip_field(&p);
    skip_field(&p); /* dev */
    out->inode = parse_number(&p, 10);
    skip_field(&p);
    return starts_with(p, CODE_HEAP_NAME);
}

/* Reads /proc/self/maps and collects up to capacity code heap views backed by inode (any inode
 * when 0). Returns the number found (which may exceed capacity), or -errno. */
static int find_code_mappings(uint64_t inode, struct code_mapping *found, int capacity)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    char buffer[4096];
    char line[512];
    size_t line_length = 0;
    int count = 0;
    for (;;) {
        long n = syscall(SYS_read, fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int error = errno;
            close_quietly(fd);
            return -error;
        }
        if (n == 0)
            break;
        for (long i = 0; i < n; i++) {
            if (buffer[i] != '\n') {
                if (line_length < sizeof line - 1)
                    line[line_length++] = buffer[i];
                continue;
            }
            line[line_length] = '\0';
            line_length = 0;
            struct code_mapping mapping;
            if (parse_code_mapping(line, &mapping) && (inode == 0 || mapping.inode == inode)) {
                if (count < capacity)
                    found[count] = mapping;
                count++;
            }
        }
    }
    close_quietly(fd);
    return count;
}

/* The descriptor the runtime keeps on its code heap memfd (it maps new views from it), or -1. */
static int find_code_heap_descriptor(void)
{
    struct descriptor_listing listing;
    if (descriptor_listing_open(&listing) != 0)
        return -1;
    int fd;
    const char *name;
    while ((fd = descriptor_listing_next(&listing, &name)) >= 0) {
        char link[64];
        long length = syscall(SYS_readlinkat, listing.dir, name, link, sizeof link - 1);
        if (length <= 0)
            continue;
        link[length] = '\0';
        if (starts_with(link, CODE_HEAP_NAME))
            break;
    }
    descriptor_listing_close(&listing);
    return fd < 0 ? -1 : fd;
}

/* Copies every data extent (SEEK_DATA / SEEK_HOLE) of one memfd into another, in the kernel:
 * holes stay holes, and no page of the source is touched that was not already there. */
static int copy_file_data(int source, int target)
{
    off_t position = 0;
    for (;;) {
        off_t data = (off_t)syscall(SYS_lseek, source, position, SEEK_DATA);
        if (data < 0)
            return errno == ENXIO ? 0 : errno;
        off_t hole = (off_t)syscall(SYS_lseek, source, data, SEEK_HOLE);
        if (hole < 0)
            return errno;
        int64_t in = data, out = data;
        while (in < hole) {
            long copied = syscall(SYS_copy_file_range, source, &in, target, &out, (size_t)(hole - in), 0);
            if (copied < 0 && errno == EINTR)
                continue;
            if (copied <= 0)
                return copied < 0 ? errno : EIO;
        }
        position = hole;
    }
}

/* "/proc/self/fd/<fd>" without snprintf (which may take locale locks). */
static void proc_fd_path(int fd, char path[32])
{
    static const char prefix[] = "/proc/self/fd/";
    char digits[12];
    int length = 0;
    for (int v = fd; length == 0 || v > 0; v /= 10)
        digits[length++] = (char)('0' + v % 10);
    int at = 0;
    for (; prefix[at]; at++)
        path[at] = prefix[at];
    while (length > 0)
        path[at++] = digits[--length];
    path[at] = '\0';
}

/*
 * A new memfd receives a copy of the old one's contents, every view of the old one is replaced in
 * place by the same view of the new one (same address, offset and protection; mmap MAP_FIXED
 * replaces a range without a gap), and the runtime's descriptor is pointed at the new memfd, so
 * views it maps later are ours too. The double mapping stays coherent, and nothing the child
 * writes can reach the parent's pages. This runs from libspawn_core.so on the child's only
 * thread, so no code executes in a view while it is replaced.
 */
int code_heap_privatize(int32_t *remapped)
{
    *remapped = 0;
    int old_fd = find_code_heap_descriptor();
    if (old_fd < 0) {
        int count = find_code_mappings(0, NULL, 0);
        return count < 0 ? -count : count == 0 ? 0 : ENOENT; /* views without their memfd: unknown layout */
    }
    struct stat old_stat;
    if (syscall(SYS_fstat, old_fd, &old_stat) != 0)
        return errno;
    char proc_path[32];
    proc_fd_path(old_fd, proc_path);
    /* A file description of our own: SEEK_DATA moves its offset, not the parent's. */
    int source = (int)syscall(SYS_openat, AT_FDCWD, proc_path, O_RDONLY | O_CLOEXEC);
    if (source < 0)
        return errno;
    int copy = (int)syscall(SYS_memfd_create, "doublemapper", MFD_CLOEXEC);
    int error = copy < 0 ? errno : 0;
    if (error == 0 && syscall(SYS_ftruncate, copy, old_stat.st_size) != 0)
        error = errno;
    if (error == 0)
        error = copy_file_data(source, copy);
    close_quietly(source);

    /* Each pass replaces the views it found; the next finds those beyond its capacity. */
    struct code_mapping found[CODE_VIEWS_PER_PASS];
    while (error == 0) {
        int count = find_code_mappings((uint64_t)old_stat.st_ino, found, CODE_VIEWS_PER_PASS);
        if (count <= 0) {
            error = count < 0 ? -count : 0;
            break;
        }
        for (int i = 0; i < count && i < CODE_VIEWS_PER_PASS && error == 0; i++) {
            const struct code_mapping *m = &found[i];
            void *view = (void *)syscall(SYS_mmap, m->start, m->end - m->start, m->prot,
                                         MAP_SHARED | MAP_FIXED, copy, m->offset);
            if (view == MAP_FAILED)
                error = errno;
            else
                (*remapped)++;
        }
    }
    if (error == 0) {
        long fd_flags = syscall(SYS_fcntl, old_fd, F_GETFD);
        if (fd_flags < 0 || syscall(SYS_dup3, copy, old_fd, (fd_flags & FD_CLOEXEC) ? O_CLOEXEC : 0) < 0)
            error = errno;
    }
    close_quietly(copy);
    return error;
}

int32_t fork_core_count_shared_code_mappings(void)
{
    return find_code_mappings(0, NULL, 0);
}
