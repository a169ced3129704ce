/*
 * Operations both children need: the one spawned by spawn_core (CLONE_VM, before exec) and the
 * one forked by fork_core (its own memory, on behalf of ForkChild). Raw system calls only, no
 * allocation, no lock: safe in either child. Internal to libspawn_core.so (hidden).
 */
#ifndef SPAWN_CHILD_OPS_H
#define SPAWN_CHILD_OPS_H

#include <stdint.h>

/* execvpe's search as posix_spawnp does it: a name with a '/' is run as is; otherwise each PATH
 * entry is tried (an empty one is the current folder), EACCES is remembered, and an error other
 * than "not here" (ENOENT, ENOTDIR, ESTALE, ENODEV, ETIMEDOUT) ends the search. No shell on
 * ENOEXEC. Returns the errno; never returns on success. */
int child_exec_search(const char *file, char *const *argv, char *const *envp, const char *search_path);

/* Closes every descriptor >= low: close_range when try_close_range is set (its ENOSYS or EPERM
 * sets *close_range_missing), else /proc/self/fd read with a stack buffer, else every number up
 * to RLIMIT_NOFILE. Returns 0 or -1 with errno set. */
int child_close_from(int low, int try_close_range, int *close_range_missing);

#endif
