#!/usr/bin/env bash
# Reindex under load (issue 8): `planbot serve` on a copy of data/ answers three HTTP clients
# while a `planbot ask` client starts processes in a loop; a document changes and
# `planbot index` runs from another process, ROUNDS times (default 20). Prints requests,
# failures, how many answers came from the old and the new index and the slowest switch of the
# server to a new generation; fails on any failed request, any answer mixing the two, a client
# seeing an older answer after a newer one, or a switch slower than 10 s. The test suite runs one round
# (tests/harden/reindex.rs); the bot's /reindex under load is in tests/discord.rs.
#
#   scripts/reindex-load.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PLANBOT_REINDEX_ROUNDS=${1:-20}
cargo test --locked --test tests harden_reindex_under_load -- --nocapture 2>&1 |
  grep -E '^reindex under load|test result|panicked'
