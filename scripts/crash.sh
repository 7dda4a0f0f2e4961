#!/usr/bin/env bash
# Crash safety (issue 8): kill -9 at random moments of `planbot index` and of `planbot serve`
# building its index on start, 100 times by default; after each kill the next `planbot ask`
# must answer from the documents as they are, and the index folder must not grow. The test
# suite runs the same test with 10 kills (tests/harden/crash.rs).
#
#   scripts/crash.sh [KILLS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
export PLANBOT_CRASH_ROUNDS=${1:-100}
export PLANBOT_CRASH_SEED=${2:-$(date +%s)}
echo "crash: $PLANBOT_CRASH_ROUNDS kills, seed $PLANBOT_CRASH_SEED"
cargo test --locked --test tests harden_kill_9 -- --nocapture 2>&1 | grep -E '^crash safety|test result|panicked|round '
