/*
 * The runtime's suspension flag, read through its diagnostics contract descriptor: see
 * gc_suspension.h. The runtime publishes the address of g_pSuspensionThread as the global
 * "GCThread" of DotNetRuntimeContractDescriptor (the data the cDAC reads). Without the descriptor
 * the acknowledgement timeout of fork_np alone guards the fork.
 */
#define _GNU_SOURCE
#include "gc_suspension.h"
#include "fork_core.h"
#include "text_scan.h"

#include <dlfcn.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

struct contract_descriptor {
    uint64_t magic; /* "DNCCDAC\0" */
    uint32_t flags;
    uint32_t descriptor_size;
    const char *descriptor; /* JSON */
    uint32_t pointer_data_count;
    uint32_t pad;
    void *const *pointer_data;
};
#define CONTRACT_MAGIC 0x0043414443434e44ULL

static void *volatile *suspension_thread;
static int suspension_probe_state; /* 0 unknown, 1 found, 2 missing; set by the parent only */

static void *volatile *find_suspension_thread(void)
{
    void *coreclr = dlopen("libcoreclr.so", RTLD_LAZY | RTLD_NOLOAD);
    if (coreclr == NULL)
        return NULL;
    const struct contract_descriptor *contract = dlsym(coreclr, "DotNetRuntimeContractDescriptor");
    dlclose(coreclr); /* RTLD_NOLOAD took a reference to a library the runtime keeps loaded */
    if (contract == NULL || contract->magic != CONTRACT_MAGIC || contract->descriptor == NULL)
        return NULL;
    const char *key = "\"GCThread\":[[";
    const char *at = strstr(contract->descriptor, key);
    if (at == NULL)
        return NULL;
    at += strlen(key);
    uint64_t index = parse_number(&at, 10);
    if (!starts_with(at, "],\"pointer\"]") || index >= contract->pointer_data_count)
        return NULL;
    return (void *volatile *)contract->pointer_data[index];
}

void *volatile *gc_suspension_thread(void)
{
    if (suspension_probe_state == 0) {
        suspension_thread = find_suspension_thread();
        suspension_probe_state = suspension_thread != NULL ? 1 : 2;
    }
    return suspension_thread;
}

void gc_suspension_wait_end(void *volatile *address)
{
    if (address == NULL || *address == NULL)
        return;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (unsigned spins = 1; *address != NULL; spins++) {
        sched_yield();
        if (spins % 256 == 0) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec - start.tv_sec >= 1)
                return;
        }
    }
}

int32_t fork_core_suspension_probe_available(void)
{
    return gc_suspension_thread() != NULL;
}

int32_t fork_core_runtime_suspending(void)
{
    void *volatile *address = gc_suspension_thread();
    return address == NULL ? -1 : *address != NULL;
}
