#!/bin/sh
# Builds libspawn_core.so: build_core.sh COMPILER OUTPUT SOURCE.c...
# One recipe for every core (the host's at build time, linux-arm64 and linux-musl-x64 at pack
# time, and the smoke tests' copies), so that all of them get the same flags and the same glibc
# floor (glibc_floor.h, force-included into every source).
set -eu
compiler=$1
output=$2
shift 2
here=$(dirname "$0")

libraries=
# glibc (its gnu/ headers are visible to this compiler, as glibc_floor.h tests too): the symbols
# glibc_floor.h binds to their first versions live in libpthread.so.0 and libdl.so.2 before glibc
# 2.34, so the library names both as DT_NEEDED (--no-as-needed keeps them although nothing binds
# to them on the glibc that builds it, where they are empty stubs).
if echo '#include <gnu/libc-version.h>' | $compiler -E -x c - >/dev/null 2>&1; then
    libraries="-Wl,--no-as-needed -l:libpthread.so.0 -l:libdl.so.2 -Wl,--as-needed"
fi

# shellcheck disable=SC2086 # the compiler may be a command with arguments ("ccache gcc")
exec $compiler -O2 -g -Wall -Wextra -Werror -fPIC -fvisibility=hidden -shared \
    -include "$here/glibc_floor.h" -o "$output" "$@" $libraries
