#!/usr/bin/env bash
# Whether two planbot binaries give byte-identical answers: `planbot eval --out` of each on the
# dev set (data/ + ../shared/eval/dev.jsonl), the public real set (its plans and catalog copied
# to a temporary folder, never into the project) and every fixture set under tests/fixtures
# with a questions.jsonl, plus `planbot records` of data/. Prints the sets whose answers differ
# and exits non-zero when any does.
#
#   scripts/same-answers.sh OLD_BINARY NEW_BINARY [SET…]      (default: every set)
#
# Only whether the answers differ is printed, never the answers; still, name the sets when some
# are held out from you (`dev real layouts layouts-heldout2 …`).
#
# Each binary gets its own index of each set (the index code hash differs between builds), and
# each index is built on one thread first: a build on several threads lays out its segments
# differently from run to run, and records of one line that tie in score then come back in
# either order, so two builds of the *same* binary can differ (BENCHMARKS.md, perf17).
set -euo pipefail
cd "$(dirname "$0")/.."

old=$(readlink -f "$1")
new=$(readlink -f "$2")
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
real=../shared/eval/real
if [ -d "$real/plans" ]; then
  mkdir -p "$work/real"
  cp -r "$real/plans" "$real/catalog.toml" "$work/real/"
fi

sets=("$@")
if [ ${#sets[@]} -eq 0 ]; then
  sets=(dev real)
  for dir in tests/fixtures/*/; do
    [ -f "$dir/questions.jsonl" ] && sets+=("$(basename "$dir")")
  done
fi

answers() { # binary name set
  local data questions seeds
  case "$3" in
    dev) data=data questions=../shared/eval/dev.jsonl seeds=../shared/plans ;;
    real) data=$work/real questions=$real/questions.jsonl seeds=$work/real/plans ;;
    *) data=tests/fixtures/$3 questions=tests/fixtures/$3/questions.jsonl seeds=tests/fixtures/$3/plans ;;
  esac
  [ -f "$questions" ] || return 1
  local index=$work/$2-$3
  "$1" --data "$data" --index "$index" index --threads 1 > /dev/null 2>&1
  "$1" --data "$data" --index "$index" eval "$questions" --seeds "$seeds" --out "$work/$2-$3.jsonl" > /dev/null 2>&1 || true
  if [ "$3" = dev ]; then
    "$1" --data "$data" --index "$index" records > "$work/$2-records.jsonl" 2> /dev/null
  fi
  rm -rf "$index"
}

differ=0
for set in "${sets[@]}"; do
  if ! answers "$old" old "$set" || ! answers "$new" new "$set"; then
    echo "$set: no questions, skipped"
    continue
  fi
  if cmp -s "$work/old-$set.jsonl" "$work/new-$set.jsonl"; then
    echo "$set: same ($(wc -l < "$work/new-$set.jsonl") answers)"
  else
    echo "$set: DIFFERENT"
    differ=1
  fi
done
if [ -f "$work/old-records.jsonl" ]; then
  if cmp -s "$work/old-records.jsonl" "$work/new-records.jsonl"; then
    echo "records of data/: same"
  else
    echo "records of data/: DIFFERENT"
    differ=1
  fi
fi
exit $differ
