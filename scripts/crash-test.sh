#!/usr/bin/env bash
# Kill `paragraph enrich --write` with SIGKILL at random moments and check that
# every page is byte-identical to either its old or its new version.
#
# Usage: scripts/crash-test.sh [PARAGRAPH_BINARY] [TRIALS] [SEED]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-"$here/../.build/debug/paragraph"}
trials=${2:-20}
seed=${3:-42}
pages=${CRASH_TEST_PAGES:-600}

binary=$(cd "$(dirname "$binary")" 2>/dev/null && pwd)/$(basename "$binary")
if [ ! -x "$binary" ]; then
    echo "crash-test: no paragraph binary at $binary; run 'swift build' first" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/generate-site.py" "$work/original" "$pages" "$seed"

# The expected result: one uninterrupted run. byok.lock is written just before the
# pages, so its appearance marks the start of the write phase.
cp -a "$work/original" "$work/expected"
start=$(date +%s%N)
(cd "$work/expected" && exec "$binary" enrich --write >/dev/null 2>&1) &
pid=$!
lock_ms=""
while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$lock_ms" ] && [ -e "$work/expected/byok.lock" ]; then
        lock_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    fi
    sleep 0.005
done
wait "$pid"
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
lock_ms=${lock_ms:-0}
changed=$( (diff -rq "$work/original/content" "$work/expected/content" || true) | wc -l)
echo "crash-test: $pages pages, an uninterrupted run takes ${full_ms} ms, writes pages from ${lock_ms} ms on and changes $changed files"
if [ "$changed" -eq 0 ]; then
    echo "crash-test: the uninterrupted run changed nothing, so the test would prove nothing" >&2
    exit 1
fi

# Kill moments come from the seed. Odd trials count from the start of the run; even
# trials wait for byok.lock to appear and count from there, so they land among the page
# writes, whose window is short and shifts with the machine's load.
write_ms=$(( full_ms - lock_ms ))
delays=$(python3 -c "
import random
rng = random.Random($seed)
print(' '.join(str(rng.randint(1, max(2, $full_ms if i % 2 == 0 else $write_ms))) for i in range($trials)))")

failures=0
trial=0
for delay in $delays; do
    trial=$((trial + 1))
    rm -rf "$work/run"
    cp -a "$work/original" "$work/run"
    (cd "$work/run" && exec "$binary" enrich --write >/dev/null 2>&1) &
    pid=$!
    if [ $((trial % 2)) -eq 0 ]; then
        while kill -0 "$pid" 2>/dev/null && [ ! -e "$work/run/byok.lock" ]; do sleep 0.002; done
    fi
    sleep "$(awk "BEGIN { print $delay / 1000 }")"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true

    # Every page must equal its old or its new version; temporary files are not pages.
    bad=$(cd "$work/run/content" && find . -type f ! -name '.paragraph-tmp-*' | while read -r file; do
        if ! cmp -s "$file" "$work/original/content/$file" && ! cmp -s "$file" "$work/expected/content/$file"; then
            echo "$file"
        fi
    done)
    leftovers=$(find "$work/run/content" -name '.paragraph-tmp-*' | wc -l)
    written=$( (diff -rq -x '.paragraph-tmp-*' "$work/original/content" "$work/run/content" || true) | wc -l)
    if [ -n "$bad" ]; then
        echo "crash-test: trial $trial (kill after ${delay} ms): half-written pages:" >&2
        echo "$bad" >&2
        failures=$((failures + 1))
    else
        echo "crash-test: trial $trial (kill after ${delay} ms): ok, $written pages already written, $leftovers temporary files left"
    fi
done

# A run after the last kill finishes the job and removes leftover temporary files.
(cd "$work/run" && "$binary" enrich --write >/dev/null 2>&1)
if ! diff -r "$work/expected/content" "$work/run/content" >/dev/null; then
    echo "crash-test: a run after the interruption did not reach the uninterrupted result" >&2
    failures=$((failures + 1))
fi
if [ -n "$(find "$work/run/content" -name '.paragraph-tmp-*')" ]; then
    echo "crash-test: temporary files survived the next run" >&2
    failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
    echo "crash-test: $failures failures" >&2
    exit 1
fi
echo "crash-test: $trials passed, 0 failed"
