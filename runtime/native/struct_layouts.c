/*
 * The layouts C# relies on. Every struct the managed side mirrors (runtime/LowLevel,
 * runtime/Forking) is listed here with its size and the offset of each field: the build fails
 * when the C side moves one, and spawn_core_struct_layout reports them so that a managed test
 * (tests/Spawn.Runtime.Tests/LowLevel/StructLayoutTests.cs) fails when the C# side does. A
 * one-sided change then breaks a build or a test instead of corrupting a child.
 */
#include "fork_core.h"
#include "spawn_core.h"

#include <stddef.h>
#include <string.h>

#define SHARED_LAYOUTS(STRUCT, FIELD)                                                                \
    STRUCT(spawn_request, 56)                                                                        \
    FIELD(spawn_request, path, 0) FIELD(spawn_request, argv, 8) FIELD(spawn_request, envp, 16)       \
    FIELD(spawn_request, actions, 24) FIELD(spawn_request, attributes, 32)                           \
    FIELD(spawn_request, search_path, 40) FIELD(spawn_request, action_count, 48)                     \
    FIELD(spawn_request, options, 52)                                                                \
    STRUCT(spawn_file_action, 32)                                                                    \
    FIELD(spawn_file_action, kind, 0) FIELD(spawn_file_action, fd, 4)                                \
    FIELD(spawn_file_action, dup2.source_fd, 8) FIELD(spawn_file_action, open.flags, 12)             \
    FIELD(spawn_file_action, open.mode, 16) FIELD(spawn_file_action, open.reserved, 20)              \
    FIELD(spawn_file_action, open.path, 24) FIELD(spawn_file_action, folder.path, 24)                \
    FIELD(spawn_file_action, setns.nstype, 12) FIELD(spawn_file_action, unshare.flags, 12)           \
    FIELD(spawn_file_action, setgroups.count, 12) FIELD(spawn_file_action, setgroups.gids, 24)       \
    FIELD(spawn_file_action, credential.id, 16) FIELD(spawn_file_action, pdeathsig.signal, 12)       \
    FIELD(spawn_file_action, setrlimit.resource, 12) FIELD(spawn_file_action, setrlimit.limits, 24)  \
    FIELD(spawn_file_action, umask.mask, 16)                                                         \
    FIELD(spawn_file_action, terminal.descriptors, 12)                                               \
    FIELD(spawn_file_action, landlock.flags, 12) FIELD(spawn_file_action, seccomp.count, 12)         \
    FIELD(spawn_file_action, seccomp.flags, 16) FIELD(spawn_file_action, seccomp.instructions, 24)   \
    FIELD(spawn_file_action, capabilities.sets, 24)                                                  \
    STRUCT(spawn_attributes, 40)                                                                     \
    FIELD(spawn_attributes, flags, 0) FIELD(spawn_attributes, pgroup, 4)                             \
    FIELD(spawn_attributes, sigdefault, 8) FIELD(spawn_attributes, sigmask, 16)                      \
    FIELD(spawn_attributes, sched_policy, 24) FIELD(spawn_attributes, sched_priority, 28)            \
    FIELD(spawn_attributes, cgroup_fd, 32) FIELD(spawn_attributes, reserved, 36)                     \
    STRUCT(spawn_result, 24)                                                                         \
    FIELD(spawn_result, pid, 0) FIELD(spawn_result, pidfd, 4) FIELD(spawn_result, error, 8)          \
    FIELD(spawn_result, stage, 12) FIELD(spawn_result, action_index, 16)                             \
    FIELD(spawn_result, detail, 20)                                                                  \
    STRUCT(fork_np_args, 16)                                                                         \
    FIELD(fork_np_args, flags, 0) FIELD(fork_np_args, cgroup, 4) FIELD(fork_np_args, exit_signal, 8) \
    FIELD(fork_np_args, pidfd, 12)                                                                   \
    STRUCT(fork_core_options, 16)                                                                    \
    FIELD(fork_core_options, ack_timeout_ms, 0) FIELD(fork_core_options, max_attempts, 4)            \
    FIELD(fork_core_options, keep_exec_fd, 8) FIELD(fork_core_options, deadline_ms, 12)                 \
    STRUCT(fork_core_result, 40)                                                                     \
    FIELD(fork_core_result, pid, 0) FIELD(fork_core_result, error, 4)                                \
    FIELD(fork_core_result, stage, 8) FIELD(fork_core_result, attempts, 12)                          \
    FIELD(fork_core_result, ack_fd, 16) FIELD(fork_core_result, exec_fd, 20)                         \
    FIELD(fork_core_result, remapped, 24) FIELD(fork_core_result, hung, 28)                          \
    FIELD(fork_core_result, watch_pidfd, 32) FIELD(fork_core_result, suspended, 36)

#define ASSERT_SIZE(type, size) _Static_assert(sizeof(type) == (size), #type " is " #size " bytes");
#define ASSERT_OFFSET(type, field, offset) \
    _Static_assert(offsetof(type, field) == (offset), #type "." #field " is at byte " #offset);
SHARED_LAYOUTS(ASSERT_SIZE, ASSERT_OFFSET)

struct layout_entry {
    const char *type;
    const char *field; /* NULL: the struct itself */
    int32_t offset;
    int32_t size;
};

#define SIZE_ENTRY(type, size) {#type, NULL, 0, (int32_t)sizeof(type)},
#define OFFSET_ENTRY(type, field, offset) \
    {#type, #field, (int32_t)offsetof(type, field), (int32_t)sizeof(((type *)0)->field)},
static const struct layout_entry layouts[] = {SHARED_LAYOUTS(SIZE_ENTRY, OFFSET_ENTRY)};

SPAWN_EXPORT int32_t spawn_core_struct_layout(const char *type, const char *field, int32_t *size)
{
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        const struct layout_entry *entry = &layouts[i];
        int same_field = field == NULL ? entry->field == NULL
                                       : entry->field != NULL && strcmp(entry->field, field) == 0;
        if (same_field && strcmp(entry->type, type) == 0) {
            *size = entry->size;
            return entry->offset;
        }
    }
    *size = -1;
    return -1;
}
