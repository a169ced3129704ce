/*
 * The runtime's double-mapped code heap in a forked child (docs/design.md, fork hazard 8). With
 * W^X the runtime keeps its JIT code in a memfd mapped twice (an executable view and writable
 * views), MAP_SHARED, so a fork shares it with the parent; code_heap_privatize gives the child a
 * copy of its own. Found by reading /proc/self/maps and /proc/self/fd with stack buffers only.
 */
#ifndef SPAWN_CODE_HEAP_H
#define SPAWN_CODE_HEAP_H

#include <stdint.h>

/* In the child, on its only thread: copies the code heap memfd, replaces every view of it in
 * place by the same view of the copy, and points the runtime's descriptor at the copy. Returns 0
 * (also when there is no such heap: W^X off) or the errno; *remapped counts the views replaced. */
int code_heap_privatize(int32_t *remapped);

#endif
