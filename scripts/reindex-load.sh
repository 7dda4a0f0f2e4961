#!/usr/bin/env bash
# Reindex under load (issue 8): `planbot serve` on a copy of data/ answers three HTTP clients
# while a `planbot ask` client starts processes in a loop; a document changes and
# `planbot index` runs from another process, ROUNDS times (default 20). Prints requests,
# failures and how many answers came from the old and the new index; fails on any failed
# request or any answer mixing the two. The test suite runs one round
# (tests/harden/reindex.rs); the bot's /reindex under load is in tests/discord.rs.
#
#   scripts/reindex-load.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PLANBOT_REINDEX_ROUNDS=${1:-20}
cargo test --locked --test tests harden_reindex_under_load -- --nocapture 2>&1 |
  grep -E '^reindex under load|test result|panicked'
