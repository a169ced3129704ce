/*
 * Whether the .NET runtime is suspending its threads for a garbage collection. A child forked
 * during a suspension hangs at its first return into managed code (docs/design.md, fork hazard 6):
 * its copy of the runtime says "suspension pending" and the thread that would end it does not
 * exist in the child. fork_np waits for a suspension to end before it forks, and the child reads
 * its own copy of the flag, which tells exactly whether it would hang.
 */
#ifndef SPAWN_GC_SUSPENSION_H
#define SPAWN_GC_SUSPENSION_H

/* The runtime's g_pSuspensionThread (non-NULL from the start of a suspension to the end of the
 * restart that follows), or NULL when the runtime does not publish it. Found once, by the parent. */
void *volatile *gc_suspension_thread(void);

/* Parent, in preemptive mode (the GC runs on): waits for the suspension in progress to end,
 * yielding the processor to the threads that finish it, for up to a second. */
void gc_suspension_wait_end(void *volatile *suspension_thread);

#endif
