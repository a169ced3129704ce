/*
 * The three sandbox steps a child takes last before exec (landlock.c, seccomp_filter.c,
 * capabilities.c), and the parent's half of Landlock: the ruleset is built in the parent, once,
 * from paths opened with O_PATH there, so that the child only calls landlock_restrict_self. Raw
 * system calls, nothing newer than the glibc floor (glibc_floor.h). The order the steps go in is
 * docs/sandbox.md's "Step order".
 */
#ifndef SPAWN_SANDBOX_STEPS_H
#define SPAWN_SANDBOX_STEPS_H

#include "spawn_core.h"

#include <stdint.h>

/* Child: landlock_restrict_self(ruleset_fd, flags). Needs no_new_privs or CAP_SYS_ADMIN (EPERM). */
int child_landlock_restrict(int ruleset_fd, uint32_t flags);

/* Child: seccomp(SECCOMP_SET_MODE_FILTER, flags, {count, instructions}). instructions are
 * classic BPF (struct sock_filter, 8 bytes each), unaligned allowed: the kernel copies them.
 * Needs no_new_privs or CAP_SYS_ADMIN (EACCES). */
int child_install_seccomp(const void *instructions, int count, uint32_t flags);

/* Child: sets[0] the capabilities kept in the bounding set (the rest dropped with
 * PR_CAPBSET_DROP), sets[1] the ones kept in the permitted and effective sets, sets[2] the ones
 * a later change to a non-root user keeps as ambient capabilities (capset sets the inheritable set
 * to them, PR_SET_KEEPCAPS keeps the permitted set through the change); the ambient set is
 * cleared. sets may be unaligned. */
int child_limit_capabilities(const uint64_t *sets);

/* Child, after setresuid: raises as ambient every capability both permitted and inheritable, when
 * child_limit_capabilities asked for ambient ones (PR_GET_KEEPCAPS tells), so that exec of a
 * non-root program keeps them; then clears keepcaps. 0 when there is nothing to do. */
int child_raise_ambient_capabilities(void);

/* Parent: the Landlock ABI version (landlock_create_ruleset(NULL, 0, VERSION)), or -errno:
 * -ENOSYS before 5.13, -EOPNOTSUPP when Landlock is built in but not enabled at boot. */
SPAWN_EXPORT int32_t spawn_core_landlock_abi(void);

/* Parent: a ruleset handling these rights (a field left 0 is not passed, so an older kernel
 * that lacks it accepts the ruleset). Returns the descriptor (close-on-exec, as Landlock makes
 * every ruleset) or -errno. */
SPAWN_EXPORT int32_t spawn_core_landlock_create_ruleset(uint64_t handled_fs, uint64_t handled_net, uint64_t scoped);

/* Parent: allows access beneath path (open(path, O_PATH | O_CLOEXEC), landlock_add_rule, close).
 * On a path that is not a folder the rights that only folders have are left out, as the kernel
 * refuses them there. Returns 0 or -errno (the open's: ENOENT, EACCES ...; the rule's: EINVAL
 * for a right the ruleset does not handle). */
SPAWN_EXPORT int32_t spawn_core_landlock_allow_path(int32_t ruleset_fd, const char *path, uint64_t access);

/* Parent: allows access (bind, connect) to one TCP port. Returns 0 or -errno. */
SPAWN_EXPORT int32_t spawn_core_landlock_allow_port(int32_t ruleset_fd, uint64_t port, uint64_t access);

#endif
