/*
 * fork_test_helper: pthread_atfork handlers that count their calls, so the fork tests can see
 * whether Fork.ForkNp ran them (fork) or not (FORK_NP_ASYNCSAFE, as _Fork).
 */
#include <pthread.h>
#include <stdatomic.h>

#define EXPORT __attribute__((visibility("default")))

static atomic_int prepare_calls;
static atomic_int parent_calls;
static atomic_int child_calls;

static void on_prepare(void) { atomic_fetch_add(&prepare_calls, 1); }
static void on_parent(void) { atomic_fetch_add(&parent_calls, 1); }
static void on_child(void) { atomic_fetch_add(&child_calls, 1); }

EXPORT int fork_test_register_atfork(void)
{
    return pthread_atfork(on_prepare, on_parent, on_child);
}

EXPORT int fork_test_prepare_calls(void) { return atomic_load(&prepare_calls); }
EXPORT int fork_test_parent_calls(void) { return atomic_load(&parent_calls); }
EXPORT int fork_test_child_calls(void) { return atomic_load(&child_calls); }
