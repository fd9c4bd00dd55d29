#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# Window-bounded memory (issue 5): the first, headers-only sync of a 1,000,000-message INBOX on a private
# Dovecot, through the peer harness's byte-counting proxy, with the product's JVM limited to a 256 MB heap
# (TIDEMARK_JAVA_OPTS overrides). Prints the harness's table, then `tidemark status` of the resulting store.
#
#   releng/benchmarks/sync/million.sh [messages=1000000]
#
# Needs what run.sh needs, and about 12 GB of disk under $BENCH_DIR for the maildir and the H2 store.
# BENCH_REUSE=1 keeps a maildir populated by an earlier run.
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)
harness=${BENCH_HARNESS:-$here/../shared/bench}
[ -x "$harness/runbench.py" ] || { echo "no peer harness at $harness (set BENCH_HARNESS)" >&2; exit 1; }
n=${1:-1000000}
export BENCH_DIR=${BENCH_DIR:-/tmp/tidemark-bench-1m}
port=${BENCH_PORT:-10143}
export TIDEMARK_PASSWORD=bench
export TIDEMARK_JAVA_OPTS="${TIDEMARK_JAVA_OPTS:--Xmx256m}"
tm="$here/tidemark"
maildir="$BENCH_DIR/srv/home/bench/Maildir"
if [ "${BENCH_REUSE:-}" = 1 ] && [ -d "$maildir/cur" ]; then
  rm -rf "$BENCH_DIR/peers" "$BENCH_DIR/runs" "$BENCH_DIR/results.jsonl" # keep the populated maildir
else
  rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"; chmod 755 "$BENCH_DIR"
fi
"$harness/dovecot-up.sh" "$BENCH_DIR/srv" "$port"
trap '"$harness/dovecot-down.sh" "$BENCH_DIR/srv" || true' EXIT
# the harness's imap processes may use 256 MB, too little to index a million-message maildir
echo "default_vsz_limit = 4G" >> "$BENCH_DIR/srv/etc/dovecot.conf"
kill -HUP "$(cat "$BENCH_DIR/srv/dovecot.pid")"
sleep 1
[ -d "$maildir/cur" ] || "$harness/populate.py" maildir "$maildir" -n "$n" --owner 5000:5000
# Dovecot indexes a fresh maildir on the first SELECT; that is the server's cost, paid here, unmeasured
python3 "$harness/minsync.py" init --port "$port" --state "$BENCH_DIR/warm.json" >/dev/null
echo "JVM options: $TIDEMARK_JAVA_OPTS"
"$harness/runbench.py" --dport "$port" --label "$n" --scenario initial --reps 1 --tools tidemark-headers \
  --tool tidemark-headers="$tm --store {dir}/store --allow-insecure --quiet sync imap+plain://bench@127.0.0.1:{port} --folder INBOX"
"$harness/report.py" "$BENCH_DIR/results.jsonl"
"$tm" --store "$BENCH_DIR/peers/tidemark-headers/store" status
