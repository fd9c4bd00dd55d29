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
m2="${MAVEN_REPO:-$HOME/.m2/repository}"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  (cd "$root" && ./mvnw -B -o -q package -DskipTests \
    -pl targetplatform,bundles/io.tidemark.model,bundles/io.tidemark.imap.api,bundles/io.tidemark.imap.angus,bundles/io.tidemark.testing)
fi

newest() { ls -d "$1"/*/ | sort -V | tail -1; }
jar_of() { local d; d="$(newest "$m2/$1")"; ls "$d"*.jar | grep -v -- '-sources' | head -1; }

cp="$root/bundles/io.tidemark.model/target/classes"
cp="$cp:$root/bundles/io.tidemark.imap.api/target/classes"
cp="$cp:$root/bundles/io.tidemark.imap.angus/target/classes"
cp="$cp:$root/bundles/io.tidemark.testing/target/classes"
cp="$cp:$m2/org/eclipse/angus/angus-mail/2.0.5/angus-mail-2.0.5.jar"
cp="$cp:$m2/jakarta/mail/jakarta.mail-api/2.1.5/jakarta.mail-api-2.1.5.jar"
cp="$cp:$m2/jakarta/activation/jakarta.activation-api/2.1.4/jakarta.activation-api-2.1.4.jar"
cp="$cp:$(jar_of org/eclipse/platform/org.eclipse.equinox.common)"
cp="$cp:$m2/org/eclipse/platform/org.eclipse.osgi/3.24.300/org.eclipse.osgi-3.24.300.jar"
cp="$cp:$m2/org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar"

out="$root/releng/benchmarks/transport/target"
mkdir -p "$out"
"$JAVA_HOME/bin/javac" -d "$out" -cp "$cp" "$here/TransportBenchmark.java"
exec "$JAVA_HOME/bin/java" -Xmx256m ${BENCH_JAVA_OPTS:-} -cp "$out:$cp" TransportBenchmark "${1:-100000}" "${2:-1000000}"
