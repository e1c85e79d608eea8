#!/usr/bin/env bash
# Run `paragraph enrich --write` over a copy of Hugo's documentation and check that
# only the front-matter lines it adds or fills change, only on the pages it planned
# to fill, that a second run changes no byte and that --check then exits 0.
#
# Usage: scripts/corpus-write-back.sh [PARAGRAPH_BINARY] [CORPUS_FOLDER]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-"$here/../.build/debug/paragraph"}
corpus=${2:-"$here/../../shared/corpus/hugo-docs"}

binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
if [ ! -d "$corpus" ]; then
    echo "corpus-write-back: skipped, no corpus at $corpus"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site"
cp -a "$corpus" "$work/site/content"
printf 'site: { title: Hugo documentation, language: en }\n' > "$work/site/byok.yaml"
cp -a "$work/site/content" "$work/original"

cd "$work/site"
"$binary" enrich --dry-run 2>/dev/null | sed 's|^content/||; s|:.*||' > "$work/expected"
"$binary" enrich --write > /dev/null 2>&1
python3 "$here/check-write-back.py" "$work/original" "$work/site/content" "$work/expected"

cp -a "$work/site/content" "$work/first"
"$binary" enrich --write > /dev/null 2>&1
if ! diff -r "$work/first" "$work/site/content" > /dev/null; then
    echo "corpus-write-back: the second --write run changed files" >&2
    exit 1
fi
"$binary" enrich --check > /dev/null 2>&1 || { echo "corpus-write-back: --check exited $? after --write" >&2; exit 1; }
echo "corpus-write-back: $(wc -l < "$work/expected") pages filled, second run changed nothing, --check passed"
