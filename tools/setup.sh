#!/usr/bin/env bash
# Idempotent set-up of a Debian machine for Twinboard: apt packages, mbedTLS source (Debian source
# package, sha256-verified), firmware images, Java build. Does only what is missing or stale.
#   --quiet          print nothing when everything is already in place
#   --no-java-build  stop after the firmware (the test command builds Java itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUIET=0; JAVA_BUILD=1
for a in "$@"; do
  case "$a" in
    --quiet) QUIET=1 ;;
    --no-java-build) JAVA_BUILD=0 ;;
    *) echo "setup.sh: unknown option $a" >&2; exit 2 ;;
  esac
done
say() { [ "$QUIET" = 1 ] || echo "setup: $*" >&2; }

JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

PACKAGES=(
  libunicorn2 libunicorn-dev
  gcc-arm-none-eabi binutils-arm-none-eabi picolibc-arm-none-eabi
  gcc-xtensa-lx106 binutils-xtensa-lx106 picolibc-xtensa-lx106-elf
  gcc make dpkg-dev maven      # gcc: the emulator's native block hook (emulator/src/main/c)
  mosquitto mosquitto-clients openssl tshark
  qemu-system-misc
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || apt-get update
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Debian's mosquitto package starts a system broker on port 1883; our tests start their own.

if [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "setup: no JDK at $JAVA_HOME (Twinboard needs Java 25; set TWINBOARD_JAVA_HOME)" >&2
  exit 1
fi

"$ROOT/tools/fetch-mbedtls.sh" $([ "$QUIET" = 1 ] && echo --quiet)

say "building firmware images"
if [ "$QUIET" = 1 ]; then
  make -s -C "$ROOT/firmware-images" -j2 all >/dev/null
else
  make -s -C "$ROOT/firmware-images" -j2 all
fi

[ "$JAVA_BUILD" = 1 ] || exit 0
stamp="$ROOT/workbench/target/.twinboard-built"
if [ -f "$stamp" ] && [ -z "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
say "building the Java modules (mvn package, tests skipped)"
# Debian's Maven 3.8.7 prints bare colour resets (ESC[0m) even with -q: strip them, keep the status (pipefail).
(cd "$ROOT" && mvn -B -q -ntp -DskipTests -Dfirmware.skip=true -pl workbench -am package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
touch "$stamp"
