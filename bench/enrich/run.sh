#!/usr/bin/env bash
# Time `paragraph enrich --write` on a generated 3,000-page site against a loopback
# OpenAI mock that answers after 200 ms, with max_concurrency 32, and compare it
# with an --offline run of the same site and with the ideal (requests x 0.2 s / 32).
#
# Usage: bench/enrich/run.sh [PARAGRAPH_BINARY]
# The binary defaults to .build/release/paragraph; build it with
# `swift build -c release --product paragraph`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
binary="${1:-$repo/.build/release/paragraph}"
work="$(mktemp -d)"
mock_pid=""
cleanup() {
    if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Configuration and secrets stay in the temporary folder, never in ~/.config.
export XDG_CONFIG_HOME="$work/config" HOME="$work/home"
mkdir -p "$XDG_CONFIG_HOME" "$HOME"

python3 "$here/mock_openai.py" "$work/port" 0.2 &
mock_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"

site="$work/site"
python3 "$repo/scripts/generate-site.py" "$site" 3000 1
# Give a third of the pages that lack a description one, so about 1,000 remain missing.
python3 - "$site" <<'PY'
import pathlib, random, sys
rng = random.Random(7)
for page in sorted(pathlib.Path(sys.argv[1], "content").rglob("page-*.md")):
    text = page.read_text()
    if "\ndescription:" not in text and rng.random() < 1 / 3:
        page.write_text(text.replace("\n---\n", "\ndescription: Written by a person.\n---\n", 1))
PY
cat > "$site/byok.yaml" <<YAML
site: { title: Generated, base_url: https://example.com, language: en }
organization: bench
defaults: { model: openai/gpt-5-mini }
fill: [description]
providers:
  openai: { base_url: "http://127.0.0.1:$port/v1", max_concurrency: 32 }
YAML
(cd "$site" && "$binary" vault init >/dev/null)
# A generated fake key; the mock does not check it.
fake_key="sk-bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
(cd "$site" && printf '%s\n' "$fake_key" | "$binary" keys set openai --endpoint "http://127.0.0.1:$port" >/dev/null)
missing="$(grep -L '^description:' -r "$site/content" --include='page-*.md' | wc -l)"

cp -r "$site" "$work/offline"
start=$(date +%s.%N)
(cd "$work/offline" && "$binary" enrich --write --offline >/dev/null 2>"$work/offline.log")
offline=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
(cd "$site" && "$binary" enrich --write >/dev/null 2>"$work/online.log")
online=$(echo "$(date +%s.%N) - $start" | bc)

requests="$(grep -c '"lock_hit":false' "$site/.paragraph/usage.jsonl" || true)"
ideal=$(echo "scale=3; $requests * 0.2 / 32" | bc)
extra=$(echo "scale=3; $online - $offline" | bc)
ratio=$(echo "scale=2; $extra / $ideal" | bc)
tail -n 2 "$work/online.log"
echo "pages missing a description: $missing"
echo "requests: $requests"
echo "offline run: ${offline} s; provider run: ${online} s; difference: ${extra} s"
echo "ideal (requests x 0.2 s / 32): ${ideal} s; difference / ideal: ${ratio}"
