#!/usr/bin/env bash
# Installs, from Debian's packages, what packing and testing the three cores need beyond the .NET
# SDK and cc: the aarch64 cross compiler and its glibc (linux-arm64 core), musl-gcc (linux-musl-x64
# core), qemu-aarch64 (runs the arm64 smoke test) and binutils (readelf, for the glibc floor test).
# Idempotent: when every tool is already on PATH it returns at once without touching apt, so a
# machine pays the install once.
set -euo pipefail

missing=()
command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
command -v musl-gcc >/dev/null || missing+=(musl-tools)
command -v qemu-aarch64-static >/dev/null || command -v qemu-aarch64 >/dev/null || missing+=(qemu-user-static)
command -v readelf >/dev/null || missing+=(binutils)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-toolchains: missing ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "install-toolchains: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
