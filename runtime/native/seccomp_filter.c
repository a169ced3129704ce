/* seccomp: the child installs the filter the parent compiled (runtime/Sandboxing). See sandbox_steps.h. */
#define _GNU_SOURCE
#include "sandbox_steps.h"
#include "kernel_compat.h"

#include <unistd.h>

int child_install_seccomp(const void *instructions, int count, uint32_t flags)
{
    struct kernel_sock_fprog program = { .len = (uint16_t)count, .filter = instructions };
    return (int)syscall(SYS_seccomp, KERNEL_SECCOMP_SET_MODE_FILTER, flags, &program);
}
