/*
 * Every step a child takes between its birth and exec, written once. Both children call these:
 * the one spawn_core starts (CLONE_VM, before exec, through the file actions of a spawn request)
 * and the one fork_np forks (its own memory, one step at a time through the fork_child_* entry
 * points that ForkChild calls). Raw system calls only, no allocation, no lock: safe in either
 * child. Each returns 0, or -1 with errno, as the system call does. Internal to
 * libspawn_core.so (hidden).
 */
#ifndef SPAWN_CHILD_OPS_H
#define SPAWN_CHILD_OPS_H

#include "spawn_core.h"

#include <stdint.h>
#include <sys/types.h>

/* rt_sigprocmask on the kernel's 64-bit set (glibc's sigprocmask hides its reserved signals). */
long raw_sigprocmask(int how, const uint64_t *set, uint64_t *old);

/* Closes fd unless it is -1, keeping errno as it was. */
void close_quietly(int fd);

/* Signals: the ones set in to_default (bit n - 1 for signal n; numbers the kernel refuses are
 * skipped) go to SIG_DFL, and with handled_too every signal with a handler too; ignored ones stay
 * ignored, as across exec. */
int child_reset_signal_handlers(uint64_t to_default, int handled_too);
int child_set_signal_mask(uint64_t mask);

/* Descriptors. child_open_onto closes fd, opens path and moves the result to fd (POSIX's
 * posix_spawn_file_actions_addopen); child_dup2 is dup2 (the same number twice only checks it is
 * open); child_keep_across_exec clears FD_CLOEXEC (posix_spawn's dup2 of a descriptor onto
 * itself). */
int child_open_onto(int fd, const char *path, int flags, uint32_t mode);
int child_dup2(int fd, int new_fd);
int child_dup3(int fd, int new_fd, int flags);
int child_close(int fd);
int child_keep_across_exec(int fd);
int child_set_foreground_group(int tty_fd);

/* Makes the terminal tty_fd the controlling terminal of a new session: setsid (being a session
 * leader already is fine; leading only a process group is EPERM), ioctl(TIOCSCTTY, 0), then tty_fd
 * onto each standard descriptor n whose bit (1 << n) is set in descriptors (onto itself: it stays
 * open across exec). SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU go back to SIG_DFL even
 * when the parent ignored them. */
int child_take_controlling_terminal(int tty_fd, int descriptors);

/* Closes every descriptor >= low: close_range when try_close_range is set (its ENOSYS or EPERM
 * sets *close_range_missing), else /proc/self/fd read with a stack buffer, else every number up
 * to RLIMIT_NOFILE. */
int child_close_from(int low, int try_close_range, int *close_range_missing);

/* The scheduler: a policy with its priority, or the priority in the current policy. */
int child_set_scheduler(int policy, int priority);
int child_set_priority(int priority);

/* The working and root folders, the session and process group. */
int child_chdir(const char *path);
int child_fchdir(int fd);
int child_chroot(const char *path);
int child_setsid(void);
int child_setpgid(int pid, int pgid);

/* Credentials and namespaces, through the raw calls: libc's setuid family would signal every
 * thread of the parent (setxid), threads a forked child does not have and a CLONE_VM child must
 * not touch. child_reset_ids sets the effective ids to the real ones (POSIX_SPAWN_RESETIDS). */
int child_setuid(uint32_t uid);
int child_setgid(uint32_t gid);
int child_setgroups(int count, const uint32_t *gids);
int child_reset_ids(void);
int child_setns(int fd, int nstype);
int child_unshare(int flags);

/* prctl and the process's limits. */
/* Records the process about to spawn or fork, for child_set_parent_death_signal's check. */
void child_expect_parent(pid_t parent);
int child_set_parent_death_signal(int signal);
int child_set_no_new_privs(void);
int child_set_name(const char *name);
int child_setrlimit(int resource, const uint64_t limits[2]);
void child_umask(uint32_t mask);

/* One file action of a spawn request: kind picks the step above, the union's view of the same
 * name its arguments. try_close_range and close_range_missing go to child_close_from. */
int child_run_file_action(const spawn_file_action *action, int try_close_range, int *close_range_missing);

/* execve. Returns only on failure, -1 with errno. */
int child_execve(const char *path, char *const *argv, char *const *envp);

/* execvpe's search as posix_spawnp does it: a name with a '/' is run as is; otherwise each PATH
 * entry is tried (an empty one is the current folder), EACCES is remembered, and an error other
 * than "not here" (ENOENT, ENOTDIR, ESTALE, ENODEV, ETIMEDOUT) ends the search. No shell on
 * ENOEXEC. Returns the errno; never returns on success. */
int child_exec_search(const char *file, char *const *argv, char *const *envp, const char *search_path);

#endif
