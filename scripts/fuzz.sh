#!/usr/bin/env bash
# The fuzz run of issue 8: generated inputs through every target of fuzz/main.rs in a
# release build — the reader (arbitrary bytes, arbitrary UTF-8, adversarial plan text), the
# answer engine (hostile and generated questions against an index of data/) and index damage
# (byte flips, truncations, deletions, then open and ask). Prints per target: inputs, panics,
# failures, the slowest input (ms, and its number, to replay it) and peak RSS; exits 1 when
# any input panicked, broke an invariant or took over 1 s.
#
#   scripts/fuzz.sh [INPUTS] [DAMAGE]     (defaults: 1,000,000 inputs; 200 damaged indexes)
#   FUZZ_SEED=123 scripts/fuzz.sh         (default: a new seed each run, printed)
#   replay one input: cargo run --release --features fuzz --bin fuzz -- TARGET 1 SEED INPUT_NUMBER
#
# The short run of the same targets is part of `cargo test` (tests/harden/fuzz.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

total=${1:-1000000}
damage=${2:-200}
seed=${FUZZ_SEED:-$(date +%s)}
parallel=${FUZZ_JOBS:-2}

cargo build --release --locked --features fuzz --bin fuzz
bin=target/release/fuzz
out=target/fuzz
mkdir -p "$out"
echo "fuzz: $total inputs (+ $damage damaged indexes), seed $seed, $parallel at a time"

# Shares of the inputs: the reader's targets are cheap, an ask costs a search.
plan=(bytes $((total * 30 / 100)) utf8 $((total * 25 / 100)) plan $((total * 20 / 100))
      ask $((total - total * 75 / 100)) damage "$damage")
start=$(date +%s)
pids=()
for ((i = 0; i < ${#plan[@]}; i += 2)); do
  target=${plan[i]} inputs=${plan[i + 1]}
  "$bin" "$target" "$inputs" "$seed" > "$out/$target.log" 2>&1 &
  pids+=($!)
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do sleep 1; done
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done

echo
printf '%-7s %10s %7s %9s %12s %14s %9s %8s\n' target inputs panics failures slowest_ms slowest_input rss_mb seconds
sum=0
for ((i = 0; i < ${#plan[@]}; i += 2)); do
  line=$(grep '^target=' "$out/${plan[i]}.log" || echo "target=${plan[i]} (no summary: see $out/${plan[i]}.log)")
  get() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<< "$line"; }
  printf '%-7s %10s %7s %9s %12s %14s %9s %8s\n' "${plan[i]}" "$(get inputs)" "$(get panics)" "$(get failures)" \
    "$(get slowest_ms)" "$(get slowest_input)" "$(get peak_rss_mb)" "$(get seconds)"
  sum=$((sum + $(get inputs || echo 0)))
  grep '  FAIL' "$out/${plan[i]}.log" | head -5 || true
done
echo "total: $sum inputs in $(( $(date +%s) - start )) s, seed $seed"
exit $status
