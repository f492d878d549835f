#!/usr/bin/env bash
# Runs the JMH benchmarks from the checkout: ./benchmarks/run.sh [JMH options], e.g.
#   ./benchmarks/run.sh CycleAccountingCost
#   ./benchmarks/run.sh HandshakeCost -p board=nucleo-f429zi
#   ./benchmarks/run.sh XtensaSpeed
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${TWINBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
"$ROOT/tools/setup.sh" --quiet
make -s -C "$ROOT/firmware-images" esp8266-qemu >/dev/null    # XtensaSpeed's QEMU reference image
(cd "$ROOT" && mvn -B -q -ntp -DskipTests -Dfirmware.skip=true -pl benchmarks -am package) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2  # Maven 3.8.7's stray ESC[0m
cd "$ROOT"
exec java --enable-native-access=ALL-UNNAMED -Dtwinboard.home="$ROOT" \
  -cp "$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*" org.openjdk.jmh.Main "$@"
