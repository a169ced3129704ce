/* The capability sets a child keeps. See sandbox_steps.h. */
#define _GNU_SOURCE
#include "sandbox_steps.h"
#include "kernel_compat.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int child_limit_capabilities(const uint64_t *sets)
{
    uint64_t keep[3];
    memcpy(keep, sets, sizeof keep); /* the spawn buffer does not align them */

    /* The bounding set first, while CAP_SETPCAP is still ours: it limits what exec can grant
     * (for root, exec's permitted set is the bounding set). PR_CAPBSET_READ's EINVAL marks the
     * first number past the kernel's last capability. */
    for (int cap = 0; cap < 64; cap++) {
        long present = syscall(SYS_prctl, PR_CAPBSET_READ, (unsigned long)cap, 0UL, 0UL, 0UL);
        if (present < 0) {
            if (errno == EINVAL)
                break;
            return -1;
        }
        if (present == 0 || (keep[0] & (1ULL << cap)))
            continue;
        if (syscall(SYS_prctl, PR_CAPBSET_DROP, (unsigned long)cap, 0UL, 0UL, 0UL) != 0)
            return -1;
    }

    /* Ambient capabilities (4.3) survive exec for a non-root program: none. EINVAL: an older kernel, none to clear. */
    if (syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0UL, 0UL, 0UL) != 0 && errno != EINVAL)
        return -1;

    struct kernel_cap_header header = { .version = KERNEL_CAPABILITY_VERSION_3, .pid = 0 };
    struct kernel_cap_data data[2];
    if (syscall(SYS_capget, &header, data) != 0)
        return -1;
    uint64_t permitted = ((uint64_t)data[1].permitted << 32 | data[0].permitted) & keep[1];
    /* The inheritable set holds what becomes ambient after the user changes (an ambient capability
     * must be permitted and inheritable); nothing otherwise. */
    uint64_t inheritable = keep[2] & permitted;
    for (int half = 0; half < 2; half++) {
        data[half].permitted = (uint32_t)(permitted >> (32 * half));
        data[half].effective = data[half].permitted;
        data[half].inheritable = (uint32_t)(inheritable >> (32 * half));
    }
    if (syscall(SYS_capset, &header, data) != 0)
        return -1;
    /* setresuid to a non-root user clears the permitted set unless keepcaps is on (and clears the
     * ambient set whatever: child_raise_ambient_capabilities raises them after it). */
    if (inheritable != 0 && syscall(SYS_prctl, PR_SET_KEEPCAPS, 1UL, 0UL, 0UL, 0UL) != 0)
        return -1;
    return 0;
}

int child_raise_ambient_capabilities(void)
{
    long keepcaps = syscall(SYS_prctl, PR_GET_KEEPCAPS, 0UL, 0UL, 0UL, 0UL);
    if (keepcaps <= 0)
        return keepcaps < 0 ? -1 : 0;
    struct kernel_cap_header header = { .version = KERNEL_CAPABILITY_VERSION_3, .pid = 0 };
    struct kernel_cap_data data[2];
    if (syscall(SYS_capget, &header, data) != 0)
        return -1;
    uint64_t ambient = ((uint64_t)data[1].permitted << 32 | data[0].permitted)
                     & ((uint64_t)data[1].inheritable << 32 | data[0].inheritable);
    for (int cap = 0; cap < 64; cap++) {
        /* EINVAL before Linux 4.3: no ambient set, the step fails rather than drop them silently. */
        if ((ambient & (1ULL << cap)) && syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (unsigned long)cap, 0UL, 0UL) != 0)
            return -1;
    }
    return (int)syscall(SYS_prctl, PR_SET_KEEPCAPS, 0UL, 0UL, 0UL, 0UL);
}
