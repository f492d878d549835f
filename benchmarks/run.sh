#!/usr/bin/env bash
# Runs the JMH benchmarks: ./benchmarks/run.sh [JMH options, e.g. a benchmark regex]
#   ./benchmarks/run.sh CycleAccountingCost
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${TWINBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
"$ROOT/tools/setup.sh" --quiet
(cd "$ROOT" && "$JAVA_HOME/bin/java" -version >/dev/null 2>&1 && mvn -B -q -ntp -DskipTests -Dfirmware.skip=true -pl benchmarks -am package) >&2
cd "$ROOT"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dtwinboard.home="$ROOT" \
  -cp "$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*" org.openjdk.jmh.Main "$@"
