#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# Sync benchmark (issue 5): Tidemark against mbsync and the raw QRESYNC lower bound, on the same private
# Dovecot, through the byte-counting proxy of the peer harness (../shared/bench, or BENCH_HARNESS).
#
#   releng/benchmarks/sync/run.sh [messages=100000] [folders=20] [per-folder=1000] [reps=3]
#   (BENCH_INITIAL_REPS=1 measures the long initial downloads fewer times; BENCH_SCENARIOS="nochange changed"
#   skips the initial ones; BENCH_COMPRESS=1 loads Dovecot's zlib plugins, so that the server offers
#   COMPRESS=DEFLATE, which Tidemark uses and mbsync 1.4 does not)
#
# The initial scenario also runs transport-only-headers and -full (TransportOnly.java): the same downloads through
# Tidemark's transport in a plain JVM that stores nothing, i.e. what a first sync would cost if storing were free.
#
# Prints Markdown tables (report.py) and leaves raw JSON lines in $BENCH_DIR/results.jsonl.
# Needs: dovecot-imapd, isync (mbsync), time, python3; a built product (./mvnw -B package -DskipTests).
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)
harness=${BENCH_HARNESS:-$here/../shared/bench}
[ -x "$harness/runbench.py" ] || { echo "no peer harness at $harness (set BENCH_HARNESS)" >&2; exit 1; }
n=${1:-100000}; folders=${2:-20}; per=${3:-1000}; reps=${4:-3}
export BENCH_DIR=${BENCH_DIR:-/tmp/tidemark-bench}
port=${BENCH_PORT:-10143}
export TIDEMARK_PASSWORD=bench
tm="$here/tidemark"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
root=$here
. "$here/releng/benchmarks/transport-classpath.sh"
only="$here/releng/benchmarks/sync/target"
mkdir -p "$only"
"$JAVA_HOME/bin/javac" -d "$only" -cp "$(transport_classpath)" "$here/releng/benchmarks/sync/TransportOnly.java"
label="${n}+${folders}x${per}"
rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"; chmod 755 "$BENCH_DIR"
"$harness/dovecot-up.sh" "$BENCH_DIR/srv" "$port"
trap '"$harness/dovecot-down.sh" "$BENCH_DIR/srv" || true' EXIT
if [ "${BENCH_COMPRESS:-}" = 1 ]; then
  printf 'mail_plugins = zlib\nprotocol imap {\n  mail_plugins = $mail_plugins imap_zlib\n}\n' \
    >> "$BENCH_DIR/srv/etc/dovecot.conf"
  kill -HUP "$(cat "$BENCH_DIR/srv/dovecot.pid")"
  sleep 1
  label="$label+compress"
fi
"$harness/populate.py" maildir "$BENCH_DIR/srv/home/bench/Maildir" -n "$n" --extra-folders "$folders" \
  --extra-size "$per" --owner 5000:5000
# warm Dovecot's indexes, and its cache of ENVELOPE and BODYSTRUCTURE (which mbsync does not ask for), so that
# the first measured run does not pay for them
python3 "$harness/minsync.py" init --port "$port" --state "$BENCH_DIR/warm.json" >/dev/null
transport_only() { echo "$JAVA_HOME/bin/java -cp $only:$(transport_classpath) TransportOnly imap+plain://bench@127.0.0.1:$1 $2"; }
$(transport_only "$port" headers) >/dev/null

sync_cmd="$tm --store {dir}/store --allow-insecure --quiet sync imap+plain://bench@127.0.0.1:{port}"
run() { "$harness/runbench.py" --dport "$port" --label "$label" --reps "$reps" "$@"; }
for scenario in ${BENCH_SCENARIOS:-initial nochange changed}; do
  case "$scenario" in
    initial) run --scenario initial --reps "${BENCH_INITIAL_REPS:-$reps}" \
        --tools mbsync,min-full,transport-only-headers,transport-only-full,tidemark-headers,tidemark-full \
        --tool transport-only-headers="$(transport_only '{port}' headers)" \
        --tool transport-only-full="$(transport_only '{port}' full)" \
        --tool tidemark-headers="$sync_cmd" --tool tidemark-full="$sync_cmd --bodies full" ;;
    nochange) run --scenario nochange --tools mbsync,min-qresync,tidemark --tool tidemark="$sync_cmd --bodies full" ;;
    changed) run --scenario changed --tools mbsync,min-qresync-bodies,tidemark --tool tidemark="$sync_cmd --bodies full" ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done
"$harness/report.py" "$BENCH_DIR/results.jsonl"
