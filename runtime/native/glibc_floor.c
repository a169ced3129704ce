/* The run-time half of glibc_floor.h: functions newer than the glibc floor, found when the
 * library loads instead of linked. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/types.h>

#if __has_include(<gnu/libc-version.h>)
pid_t (*spawn_floor_fork)(void);

__attribute__((constructor)) static void spawn_floor_find_functions(void)
{
    /* glibc 2.34+; NULL before, which fork_core.c reports as ENOSYS. */
    spawn_floor_fork = (pid_t (*)(void))dlsym(RTLD_DEFAULT, "_Fork");
}
#endif
