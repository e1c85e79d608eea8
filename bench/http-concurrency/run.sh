#!/usr/bin/env bash
# Times 200 POST requests through HTTPClient and a ConcurrencyLimiter of 50
# against the loopback mock server, which delays each reply by 100 ms.
# Five runs. The ideal is 4 batches x 100 ms = 0.4 s.
#
# Usage: bench/http-concurrency/run.sh
# Builds the tests in release mode (with -enable-testing, which the test target's
# @testable imports need) and runs only HTTPBenchmarkTests. Prints the BENCH line
# and the machine facts that bench/RESULTS.md records.
set -euo pipefail
cd "$(dirname "$0")/../.."

command=(swift test -c release -Xswiftc -enable-testing --filter HTTPBenchmarkTests)
output=$(PARAGRAPH_BENCH=1 "${command[@]}" 2>&1) || {
    echo "$output" >&2
    echo "benchmark failed" >&2
    exit 1
}

echo "command: PARAGRAPH_BENCH=1 ${command[*]}"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "swift: $(swift --version 2>/dev/null | head -1)"
echo "libcurl: $(curl-config --version 2>/dev/null || echo unknown)"
echo "$output" | grep '^BENCH'
