/*
 * Reaping one child of ours that never reached the caller (its setup failed, or it was killed for
 * going silent), by its pidfd or pid and never with waitpid(-1): the runtime's SIGCHLD handling
 * must never see one of its own children reaped by us, nor we one of its.
 */
#ifndef SPAWN_CHILD_REAPING_H
#define SPAWN_CHILD_REAPING_H

#include <sys/types.h>

/* Waits for the child to end (any exit signal: __WALL) and reaps it; pidfd may be -1. */
void reap_child(pid_t pid, int pidfd);

/* SIGKILL through the pidfd (or the pid, which stays ours while the child is unreaped), then reap_child. */
void kill_and_reap_child(pid_t pid, int pidfd);

#endif
