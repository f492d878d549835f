#!/bin/sh
# Static checks of the built images that the emulators rely on (run by 'make check'):
#  - Cortex-M images contain no FPU instruction (the images are soft float; the emulated
#    core has its FPU disabled, CPACR untouched) and carry no Tag_FP_arch attribute;
#  - ESP8266 images never reach into the mask ROM (0x40000000-0x4000FFFF): no direct call and
#    no literal (code pointer loaded by L32R for CALLX) with a ROM address.
# Usage: scripts/check-images.sh build/<board>/*.elf
set -eu
status=0
fail() { echo "check-images: $1: $2" >&2; status=1; }

for elf in "$@"; do
    case "$elf" in
    */nucleo-f429zi/*)
        fp=$(arm-none-eabi-objdump -d "$elf" \
             | grep -cE '^\s+[0-9a-f]+:\s+([0-9a-f]{4} ?){1,2}\s+v[a-z]' || true)
        [ "$fp" = 0 ] || fail "$elf" "$fp FPU instruction(s)"
        ! arm-none-eabi-readelf -A "$elf" | grep -q Tag_FP_arch || fail "$elf" "Tag_FP_arch present"
        ;;
    */esp8266-w5500/*)
        calls=$(xtensa-lx106-elf-objdump -d "$elf" | grep -cE '\scall(0|4|8|12)\s+4000[0-9a-f]{4}\b' || true)
        [ "$calls" = 0 ] || fail "$elf" "$calls direct call(s) into ROM"
        lits=$(xtensa-lx106-elf-objdump -d "$elf" | grep -E 'l32r\s.*\(4000[0-9a-f]{4}\b' | grep -vc '<__stack_top>' || true)
        [ "$lits" = 0 ] || fail "$elf" "$lits literal(s) holding a ROM address"
        ;;
    *) ;;
    esac
done
[ $status = 0 ] && echo "check-images: $# image(s) OK" >&2
exit $status
