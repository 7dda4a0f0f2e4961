#!/usr/bin/env bash
# Bounded load test of the web surface (issue 10): starts a release `planbot serve` on
# 127.0.0.1 over a temp index of data/, sends a fixed mix of 60 questions for 20 s from
# keep-alive connections (benches/load.rs), prints answers/s, p50/p99 and errors, stops the
# server. Exits non-zero when any request failed.
#
#   scripts/load.sh [SECONDS] [CONNECTIONS]      (defaults: 20 s, 16 connections)
#   QUESTIONS=file.jsonl scripts/load.sh         (default: ../shared/eval/dev.jsonl)
#
# On a shared machine answers/s depends on what else runs, so the script also prints the CPU
# time the server spent per answer (from /proc), which does not.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
connections=${2:-16}
questions=${QUESTIONS:-../shared/eval/dev.jsonl}
if [ ! -f "$questions" ]; then
  # No eval set beside the checkout: a fixed mix of the page's kinds of question.
  questions=$(mktemp)
  for q in マイナンバーカード交付率の目標は？ 経常収支比率の目標は？ 市税現年収納率の年度ごとの目標は？ \
           コンビニ交付の普及推進の担当課は？ 後期基本計画の計画期間は？ 宇宙港の建設計画は？; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do echo "$q"; done
  done > "$questions"
fi

cargo build --release --locked --bin planbot
# The generator builds with the dev-dependencies' feature set: the first build takes a while.
cargo bench --locked --bench load --no-run
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
./target/release/planbot --index "$work/index" serve --addr "127.0.0.1:$port" --store "$work/planbot.sqlite3" \
  2> "$work/serve.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 300); do
  grep -q "待ち受けています" "$work/serve.log" && break
  kill -0 $server 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done

echo "planbot serve on 127.0.0.1:$port ($(nproc) cores, shared with this load generator); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
before=$(cpu)
status=0
cargo bench --locked --bench load -- --addr "127.0.0.1:$port" --seconds "$seconds" \
  --connections "$connections" --questions "$questions" | tee "$work/load.out" || status=$?
used=$(( ($(cpu) - before) * 1000 / $(getconf CLK_TCK) ))
answered=$(sed -n 's/^answers\/s: *[0-9]* *(\([0-9]*\) answered.*/\1/p' "$work/load.out")
if [ -n "$answered" ] && [ "$answered" -gt 0 ]; then
  awk -v ms="$used" -v n="$answered" 'BEGIN { printf "server CPU: %d ms in all, %.3f ms per answer\n", ms, ms / n }'
fi
exit $status
