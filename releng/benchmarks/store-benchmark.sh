#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# The store benchmark: prints the figures of docs/benchmarks.md ("Store") as Markdown tables.
#
#   releng/benchmarks/store-benchmark.sh [h2] [postgresql] [--messages=N]
#
# Needs the built bundles (the script builds them, tests skipped, if a jar is missing), Temurin 25, and for
# PostgreSQL Debian's postgresql package (the io.tidemark.testing fixture starts a private server on a free
# loopback port and stops it by PID). HEAP sets the benchmark JVM's -Xmx (default 512m).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
M2=${M2_REPO:-$HOME/.m2/repository}
BUNDLES=(io.tidemark.model io.tidemark.store.api io.tidemark.store.jpa io.tidemark.testing)

missing=0
for b in "${BUNDLES[@]}"; do
    ls "$ROOT"/bundles/$b/target/$b-*.jar >/dev/null 2>&1 || missing=1
done
if [ $missing = 1 ]; then
    (cd "$ROOT" && ./mvnw -B -o -q package -DskipTests \
        -pl targetplatform,$(printf 'bundles/%s,' "${BUNDLES[@]}" | sed 's/,$//'))
fi

# the newest version of an artifact in the local repository
m2() { ls -d "$M2/$1"/*/ | sort -V | tail -1 | xargs -I{} sh -c 'ls {}*.jar' | grep -v -e sources -e javadoc | head -1; }

CP=""
for b in "${BUNDLES[@]}"; do CP="$CP:$(ls "$ROOT"/bundles/$b/target/$b-*.jar | head -1)"; done
CP="$CP:$(m2 org/eclipse/platform/org.eclipse.equinox.common):$(m2 org/eclipse/platform/org.eclipse.osgi)"
CP="$CP:$M2/jakarta/persistence/jakarta.persistence-api/3.2.0/jakarta.persistence-api-3.2.0.jar"
for a in core jpa jpa.jpql; do
    CP="$CP:$M2/org/eclipse/persistence/org.eclipse.persistence.$a/5.0.0/org.eclipse.persistence.$a-5.0.0.jar"
done
CP="$CP:$(m2 org/ow2/asm/asm):$M2/com/h2database/h2/2.4.240/h2-2.4.240.jar"
CP="$CP:$M2/org/postgresql/postgresql/42.7.7/postgresql-42.7.7.jar:$(m2 org/opentest4j/opentest4j)"
CP=${CP#:}

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT" -cp "$CP" \
    "$ROOT"/releng/benchmarks/store/io/tidemark/store/jpa/internal/StoreBenchmark.java
"$JAVA_HOME/bin/java" -Xmx"${HEAP:-512m}" -cp "$OUT:$CP" io.tidemark.store.jpa.internal.StoreBenchmark "$@"
