/* Landlock: the ruleset in the parent, the restriction in the child. See sandbox_steps.h. */
#define _GNU_SOURCE
#include "sandbox_steps.h"
#include "child_ops.h"
#include "kernel_compat.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* The rights that make sense on a file as well as a folder (LANDLOCK_ACCESS_FS_EXECUTE,
 * WRITE_FILE, READ_FILE, TRUNCATE, IOCTL_DEV); the others concern a folder's entries. */
#define LANDLOCK_FILE_RIGHTS ((1ULL << 0) | (1ULL << 1) | (1ULL << 2) | (1ULL << 14) | (1ULL << 15))

int child_landlock_restrict(int ruleset_fd, uint32_t flags)
{
    return (int)syscall(SYS_landlock_restrict_self, ruleset_fd, flags);
}

SPAWN_EXPORT int32_t spawn_core_landlock_abi(void)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, KERNEL_LANDLOCK_CREATE_RULESET_VERSION);
    return abi < 0 ? -errno : (int32_t)abi;
}

SPAWN_EXPORT int32_t spawn_core_landlock_create_ruleset(uint64_t handled_fs, uint64_t handled_net, uint64_t scoped)
{
    struct kernel_landlock_ruleset_attr attr = {
        .handled_access_fs = handled_fs,
        .handled_access_net = handled_net,
        .scoped = scoped,
    };
    /* The smallest struct that carries what is asked: a kernel older than a field answers E2BIG
     * to a size that includes it even when it is 0. */
    size_t size = scoped != 0 ? LANDLOCK_RULESET_ATTR_SIZE_V6
                : handled_net != 0 ? LANDLOCK_RULESET_ATTR_SIZE_V4
                : LANDLOCK_RULESET_ATTR_SIZE_V1;
    long fd = syscall(SYS_landlock_create_ruleset, &attr, size, 0U);
    return fd < 0 ? -errno : (int32_t)fd;
}

SPAWN_EXPORT int32_t spawn_core_landlock_allow_path(int32_t ruleset_fd, const char *path, uint64_t access)
{
    /* A folder opens with O_DIRECTORY; anything else answers ENOTDIR and gets the file rights
     * only. (No struct stat: its layout differs between the C libraries the core is built for.) */
    int is_folder = 1;
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_PATH | O_CLOEXEC | O_DIRECTORY);
    if (fd < 0 && errno == ENOTDIR) {
        is_folder = 0;
        fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_PATH | O_CLOEXEC);
    }
    if (fd < 0)
        return -errno;
    struct kernel_landlock_path_beneath_attr rule = {
        .allowed_access = is_folder ? access : access & LANDLOCK_FILE_RIGHTS,
        .parent_fd = fd,
    };
    long rc = syscall(SYS_landlock_add_rule, ruleset_fd, KERNEL_LANDLOCK_RULE_PATH_BENEATH, &rule, 0U);
    int error = rc < 0 ? errno : 0;
    close_quietly(fd);
    return -error;
}

SPAWN_EXPORT int32_t spawn_core_landlock_allow_port(int32_t ruleset_fd, uint64_t port, uint64_t access)
{
    struct kernel_landlock_net_port_attr rule = { .allowed_access = access, .port = port };
    long rc = syscall(SYS_landlock_add_rule, ruleset_fd, KERNEL_LANDLOCK_RULE_NET_PORT, &rule, 0U);
    return rc < 0 ? -errno : 0;
}
