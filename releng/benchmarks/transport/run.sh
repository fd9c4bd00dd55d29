#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# Traffic and heap figures of the Angus IMAP transport against a private Dovecot (see TransportBenchmark).
# Usage: releng/benchmarks/transport/run.sh [messages=100000] [large=1000000]
# Needs dovecot-imapd, Temurin 25 and a built reactor (this script builds the modules it needs, offline).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JAVA_HOME/bin/java" ] || { echo "JAVA_HOME=$JAVA_HOME has no java (install Temurin 25)" >&2; exit 1; }
. "$root/releng/benchmarks/transport-classpath.sh"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  build_transport ",bundles/io.tidemark.testing"
fi
cp="$(transport_classpath):$root/bundles/io.tidemark.testing/target/classes"
cp="$cp:$m2/org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar"

out="$root/releng/benchmarks/transport/target"
mkdir -p "$out"
"$JAVA_HOME/bin/javac" -d "$out" -cp "$cp" "$here/TransportBenchmark.java"
exec "$JAVA_HOME/bin/java" -Xmx256m ${BENCH_JAVA_OPTS:-} -cp "$out:$cp" TransportBenchmark "${1:-100000}" "${2:-1000000}"
