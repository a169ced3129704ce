/*
 * The glibc floor of libspawn_core.so: the library must load wherever .NET 10 runs, that is on
 * glibc 2.27 for x86-64 and 2.17 for aarch64 (the oldest versions libcoreclr.so itself needs),
 * whatever glibc builds it. build_core.sh, the one recipe of every core, force-includes this
 * header (-include) into each C file, so no source has to remember it; tests/Spawn.Package.Tests
 * (Cores/GlibcFloorTests.cs) reads the packed cores' version needs (ELF .gnu.version_r) and fails
 * on any above the floor.
 *
 * Why it is needed: glibc 2.34 merged libpthread and libdl into libc and gave the moved functions
 * a new default version, GLIBC_2.34. A library linked against 2.34 or later asks for
 * pthread_once@GLIBC_2.34, which the loader of 2.28 (RHEL 8) or 2.31 (Ubuntu 20.04) refuses.
 * Every one of them is still exported under its first version (a compat symbol in libc.so.6 since
 * 2.34, the only symbol in libpthread.so.0 / libdl.so.2 before it), so the .symver directives
 * below bind our references to those first versions: GLIBC_2.2.5 on x86-64, GLIBC_2.17 on
 * aarch64. Before 2.34 those symbols live in libpthread.so.0 and libdl.so.2, not in libc.so.6;
 * the loader matches a versioned symbol by version name in every object of the lookup scope, so
 * the link flags add both libraries as DT_NEEDED (empty stubs from 2.34 on).
 *
 * Newer functions are never required. _Fork (2.34) is looked up at load time instead of linked:
 * fork_core.c declares it as a weak function, and the macro below turns that declaration into
 * one of spawn_floor_fork, a pointer glibc_floor.c fills with dlsym(RTLD_DEFAULT, "_Fork") from
 * a constructor (NULL on an older glibc, where FORK_NP_ASYNCSAFE answers ENOSYS). A weak
 * reference alone would not do: the linker still records a hard GLIBC_2.34 version need for it.
 * close_range, clone3, pidfd_open, pidfd_send_signal and waitid(P_PIDFD) are raw system calls,
 * whose absence is the kernel's answer (ENOSYS), not the loader's (docs/design.md, Support
 * ladder).
 *
 * musl keeps one version-less libc, so nothing here applies to it.
 */
#ifndef SPAWN_GLIBC_FLOOR_H
#define SPAWN_GLIBC_FLOOR_H

/* glibc's own header, not features.h: including any libc header here would fix the feature
 * macros before a source defines _GNU_SOURCE. musl has no gnu/ headers. */
#if __has_include(<gnu/libc-version.h>)
#if defined(__x86_64__)
#define SPAWN_GLIBC_FIRST_VERSION "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define SPAWN_GLIBC_FIRST_VERSION "GLIBC_2.17"
#else
#error "spawn_core: the glibc floor is written for x86-64 and aarch64 only"
#endif

#define SPAWN_GLIBC_FIRST(symbol) __asm__(".symver " #symbol "," #symbol "@" SPAWN_GLIBC_FIRST_VERSION)

/* From libpthread. */
SPAWN_GLIBC_FIRST(pthread_once);
SPAWN_GLIBC_FIRST(pthread_key_create);
SPAWN_GLIBC_FIRST(pthread_getspecific);
SPAWN_GLIBC_FIRST(pthread_setspecific);
/* From libdl. */
SPAWN_GLIBC_FIRST(dlopen);
SPAWN_GLIBC_FIRST(dlsym);
SPAWN_GLIBC_FIRST(dlclose);

#undef SPAWN_GLIBC_FIRST

/* `extern pid_t _Fork(void)` declares this pointer, `_Fork()` calls through it and
 * `_Fork == NULL` tests it. int is glibc's pid_t, spelled out because no libc header may be
 * included here (see above). */
extern int (*spawn_floor_fork)(void) __attribute__((visibility("hidden")));
#define _Fork (*spawn_floor_fork)
#endif

#endif
