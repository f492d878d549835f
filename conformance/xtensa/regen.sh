#!/bin/sh
# Regenerates the committed expectations of the LX106 conformance suite by running every
# program on QEMU (the reference): expected/NAME.txt = the program's semihosting output followed
# by a line "exit=CODE". Needs xtensa-lx106-elf-gcc and qemu-system-xtensa (Debian packages
# gcc-xtensa-lx106 and qemu-system-misc). ELF files go to build/ (ignored).
#
# usage: conformance/xtensa/regen.sh [NAME...]     (default: every *.S except harness files)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build="$here/build"
mkdir -p "$build" "$here/expected"
command -v xtensa-lx106-elf-gcc >/dev/null || { echo "xtensa-lx106-elf-gcc not found (apt-get install gcc-xtensa-lx106)" >&2; exit 2; }
command -v qemu-system-xtensa >/dev/null || { echo "qemu-system-xtensa not found (apt-get install qemu-system-misc)" >&2; exit 2; }

if [ $# -eq 0 ]; then
    set -- $(cd "$here" && ls *.S | sed 's/\.S$//')
fi
for name in "$@"; do
    xtensa-lx106-elf-gcc -nostdlib -Wl,--no-warn-rwx-segments -T "$here/link.ld" -I "$here" \
        -o "$build/$name.elf" "$here/$name.S"
    set +e
    out=$(timeout 20 qemu-system-xtensa -M sim -cpu lx106 -semihosting -nographic -monitor none \
        -icount shift=0,sleep=off \
        -kernel "$build/$name.elf" </dev/null 2>/dev/null)
    code=$?
    set -e
    if [ $code -eq 124 ]; then echo "$name: QEMU timed out" >&2; exit 1; fi
    printf '%s\nexit=%d\n' "$out" "$code" > "$here/expected/$name.txt"
    echo "$name: exit=$code, $(printf '%s\n' "$out" | wc -l) lines"
done
