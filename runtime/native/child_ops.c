/* The operations spawn_core's and fork_core's children share: see child_ops.h. */
#define _GNU_SOURCE
#include "child_ops.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

int child_exec_search(const char *file, char *const *argv, char *const *envp, const char *search_path)
{
    if (file[0] == '\0') /* execvpe: an empty name is never searched for */
        return ENOENT;
    if (strchr(file, '/') != NULL) {
        syscall(SYS_execve, file, argv, envp);
        return errno;
    }
    size_t file_len = strlen(file) + 1;
    if (file_len > NAME_MAX + 1)
        return ENAMETOOLONG;
    char buffer[PATH_MAX + NAME_MAX + 2];
    int saw_eacces = 0;
    const char *p = search_path != NULL ? search_path : "/bin:/usr/bin";
    for (;;) {
        const char *end = strchrnul(p, ':');
        size_t dir_len = (size_t)(end - p);
        if (dir_len <= PATH_MAX) {
            size_t at = 0;
            if (dir_len > 0) {
                memcpy(buffer, p, dir_len);
                at = dir_len;
                buffer[at++] = '/';
            }
            memcpy(buffer + at, file, file_len);
            syscall(SYS_execve, buffer, argv, envp);
            switch (errno) {
            case EACCES:
                saw_eacces = 1;
                break;
            case ENOENT:
            case ENOTDIR:
            case ESTALE:
            case ENODEV:
            case ETIMEDOUT:
                break;
            default:
                return errno; /* ENOEXEC, E2BIG, ENOMEM, ...: the file was found, report it */
            }
        }
        if (*end == '\0')
            break;
        p = end + 1;
    }
    return saw_eacces ? EACCES : ENOENT;
}

int child_close_from(int low, int try_close_range, int *close_range_missing)
{
    if (try_close_range) {
        if (syscall(SYS_close_range, (unsigned)low, ~0U, 0) == 0)
            return 0;
        if (errno == ENOSYS || errno == EPERM)
            *close_range_missing = 1;
    }
    /* Before 5.9 (or under seccomp): walk /proc/self/fd with a stack buffer, as glibc does. */
    int dir = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        struct rlimit rl;
        if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl) != 0)
            return -1;
        for (long fd = low; fd < (long)rl.rlim_cur && fd < INT_MAX; fd++)
            syscall(SYS_close, (int)fd);
        return 0;
    }
    char buffer[1024] __attribute__((aligned(8)));
    for (;;) {
        long n = syscall(SYS_getdents64, dir, buffer, sizeof buffer);
        if (n < 0) {
            syscall(SYS_close, dir);
            return -1;
        }
        if (n == 0)
            break;
        int closed = 0;
        for (long off = 0; off < n;) {
            /* struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name */
            unsigned short reclen;
            memcpy(&reclen, buffer + off + 16, sizeof reclen);
            const char *name = buffer + off + 19;
            off += reclen;
            if (name[0] < '0' || name[0] > '9')
                continue;
            long fd = 0;
            for (const char *q = name; *q; q++)
                fd = fd * 10 + (*q - '0');
            if (fd >= low && fd != dir) {
                syscall(SYS_close, (int)fd);
                closed = 1;
            }
        }
        if (closed) /* closing changes the directory: read it again from the start */
            syscall(SYS_lseek, dir, 0, SEEK_SET);
    }
    syscall(SYS_close, dir);
    return 0;
}
