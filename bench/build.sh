#!/usr/bin/env bash
# Time `paragraph build` on a generated site of 10,000 pages against one cmark-gfm
# process that converts all the page bodies concatenated, and append both to
# bench/RESULTS.md with their ratio, peak memory and the machine.
#
# Usage: bench/build.sh [PAGES] [SEED]
#   PARAGRAPH=path/to/paragraph  the binary to time (default: .build/release/paragraph,
#                                built with `swift build -c release` when missing)
#   RESULTS=path                 where to append the results (default: bench/RESULTS.md;
#                                /dev/null to only print them)
#   WORK_DIR=path                the folder to generate the site in (default: a new folder
#                                under $TMPDIR); the site's file system is recorded with the times
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repository=$(cd "$here/.." && pwd)
pages=${1:-10000}
seed=${2:-7}
binary=${PARAGRAPH:-"$repository/.build/release/paragraph"}
results=${RESULTS:-"$here/RESULTS.md"}

for tool in cmark-gfm python3 /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench: $tool is missing; on Debian install it with apt-get (cmark-gfm, python3, time)" >&2
        exit 2
    fi
done
if [ ! -x "$binary" ]; then
    echo "bench: building $binary with swift build -c release" >&2
    (cd "$repository" && swift build -c release >&2)
fi

work=$(mktemp -d "${WORK_DIR:-${TMPDIR:-/tmp}}/paragraph-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
site="$work/site"

python3 - "$site" "$pages" "$seed" <<'PYTHON'
"""Write a site of PAGES pages with headings, lists, code, links and tables.

About half the pages lack a description and a third have a hero image without alt
text, so the built-in engine has fields to fill; one page in twenty has an alias.
"""
import os
import random
import sys
import zlib
import struct

root, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
WORDS = (
    "static site build pipeline search engine description title keyword slug hero image caption alt text "
    "model provider key vault organization budget cache lock page section guide release feature deploy "
    "preview writer editor review content markdown template theme render output feed sitemap reader summary "
    "index archive draft publish update change version support team project plan task request response "
    "latency throughput memory storage network server client browser style layout column table list link"
).split()
SECTIONS = 20


def words(low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def sentence(low=8, high=22):
    return words(low, high).capitalize() + "."


def paragraph():
    text = " ".join(sentence() for _ in range(rng.randint(3, 6)))
    # Inline markup as writers use it: emphasis, code and links.
    if rng.random() < 0.5:
        text += f" See the *{rng.choice(WORDS)}* option and `{rng.choice(WORDS)}_{rng.choice(WORDS)}`."
    if rng.random() < 0.5:
        text += f" Read [the {rng.choice(WORDS)} guide](/section-{rng.randrange(SECTIONS):02d}/page-{rng.randrange(count):05d}/)."
    return text


def block():
    kind = rng.randrange(5)
    if kind == 0:
        return "\n".join(f"- {sentence(4, 10)}" for _ in range(rng.randint(3, 6)))
    if kind == 1:
        return "\n".join(f"{n}. {sentence(5, 12)}" for n in range(1, rng.randint(3, 6)))
    if kind == 2:
        lines = [f"{rng.choice(WORDS)}_{n} = fetch(\"{rng.choice(WORDS)}\", limit={rng.randint(1, 99)})" for n in range(rng.randint(3, 8))]
        return "```python\n" + "\n".join(lines) + "\n```"
    if kind == 3:
        rows = "\n".join(
            f"| {rng.choice(WORDS)} | {rng.randint(1, 9999)} | {words(2, 5)} |" for _ in range(rng.randint(3, 7)))
        return "| Name | Count | Note |\n| :--- | ---: | :---: |\n" + rows
    return f"> {sentence()} {sentence()}\n>\n> Source: <https://example.com/{rng.choice(WORDS)}/{rng.randrange(1000)}>"


def body():
    parts = [paragraph()]
    for _ in range(rng.randint(4, 7)):
        parts.append(f"## {words(2, 5).capitalize()}")
        parts.append(paragraph())
        parts.append(block())
        if rng.random() < 0.5:
            parts.append(f"### {words(2, 4).capitalize()}")
            parts.append(paragraph())
        parts.append(paragraph())
    return "\n\n".join(parts) + "\n"


def png(path):
    """A 2x2 grey PNG, so hero images exist without being large."""
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


os.makedirs(os.path.join(root, "content"), exist_ok=True)
os.makedirs(os.path.join(root, "static", "images"), exist_ok=True)
images = [f"{rng.choice(WORDS)}-{n}.png" for n in range(50)]
for name in images:
    png(os.path.join(root, "static", "images", name))
with open(os.path.join(root, "byok.yaml"), "w") as handle:
    handle.write("site: { title: Benchmark, base_url: https://example.com, language: en }\n")
with open(os.path.join(root, "content", "_index.md"), "w") as handle:
    handle.write("---\ntitle: Benchmark site\ndescription: A generated site for timing paragraph build.\n---\n\n" + paragraph() + "\n")
for section in range(SECTIONS):
    folder = os.path.join(root, "content", f"section-{section:02d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "_index.md"), "w") as handle:
        handle.write(f"---\ntitle: Section {section}\n---\n\n" + paragraph() + "\n")
for index in range(count):
    lines = ["---", f"title: {words(3, 10).capitalize()}", f"date: 20{20 + index % 6}-{index % 12 + 1:02d}-{index % 28 + 1:02d}"]
    if rng.random() < 0.5:
        lines.append(f"description: {sentence(10, 20)}")
    if rng.random() < 0.33:
        lines += ["hero:", f"  image: images/{rng.choice(images)}"]
    if rng.random() < 0.05:
        lines += ["aliases:", f"  - /old/{index}/"]
    lines.append("---")
    path = os.path.join(root, "content", f"section-{index % SECTIONS:02d}", f"page-{index:05d}.md")
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n\n" + body())
PYTHON

# The bodies alone, concatenated, for cmark-gfm: everything after each closing front-matter fence.
find "$site/content" -name '*.md' | sort | xargs awk 'FNR == 1 { fence = 0 } fence >= 2 { print; next } /^---$/ { fence++ }' > "$work/bodies.md"
body_bytes=$(wc -c < "$work/bodies.md")

measure() {  # measure NAME COMMAND...: sets NAME_seconds and NAME_kib from GNU time
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/$name.err" || {
        echo "bench: $* failed:" >&2
        cat "$work/$name.err" >&2
        exit 1
    }
    read -r seconds kib < "$work/time"
    printf -v "${name}_seconds" '%s' "$seconds"
    printf -v "${name}_kib" '%s' "$kib"
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
measure cmark cmark-gfm -e table -e strikethrough -e autolink -e tasklist -e tagfilter \
    --table-prefer-style-attributes "$work/bodies.md"
measure build "$binary" build --site "$site"
measure rebuild "$binary" build --site "$site"
summary=$(tail -n 1 "$work/build.err")
html_files=$(find "$site/public" -name '*.html' | wc -l)

ratio=$(python3 -c "print(f'{$build_seconds / max($cmark_seconds, 0.01):.2f}')")
build_mib=$(( build_kib / 1024 ))
rebuild_mib=$(( rebuild_kib / 1024 ))
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
cores=$(nproc)
memory=$(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }')
system=$(. /etc/os-release && echo "$PRETTY_NAME")
swift_version=$(swift --version 2>/dev/null | head -n 1)
file_system=$(df -T "$work" | awk 'NR == 2 { print $2 }')

report=$(cat <<MARKDOWN

### $(date -u +%Y-%m-%d): $pages pages, seed $seed

Machine: $cpu, $cores cores, $memory RAM, $system; $swift_version; $(cmark-gfm --version | head -n 1 | cut -d' ' -f1-2).
Site and output on $file_system; load average $load_before before the run.

| run | wall time | peak memory |
| --- | ---: | ---: |
| \`cmark-gfm\`, all bodies concatenated ($((body_bytes / 1024 / 1024)) MiB) | ${cmark_seconds} s | $((cmark_kib / 1024)) MiB |
| \`paragraph build\`, empty output folder | ${build_seconds} s | ${build_mib} MiB |
| \`paragraph build\` again, output unchanged | ${rebuild_seconds} s | ${rebuild_mib} MiB |

Build time over cmark-gfm time: **${ratio}x** (target: at most 3x). Peak memory: **${build_mib} MiB** (target: under 300 MiB).
The build wrote $html_files HTML files and printed: \`$summary\`
MARKDOWN
)

echo "$report"
if [ "$results" != /dev/null ]; then
    # Keep every entry of this benchmark under its own heading, even when other sections follow it.
    python3 - "$results" "$report" <<'PYTHON'
import os
import sys

path, entry = sys.argv[1], sys.argv[2].strip("\n")
heading = "## paragraph build"
intro = (heading + "\n\nReproduce with `bench/build.sh` (defaults: 10,000 pages, seed 7) from the repository root;\n"
         "it builds `.build/release/paragraph` when it is missing. Times are wall-clock seconds and peak\n"
         "memory is the maximum resident set size, both from GNU time.\n")
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
lines = text.rstrip("\n").split("\n")
if heading not in lines:
    lines += [""] + intro.rstrip("\n").split("\n")
start = lines.index(heading)
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
while end > start + 1 and lines[end - 1] == "":
    end -= 1
lines[end:end] = [""] + entry.split("\n") + ([""] if end < len(lines) else [])
open(path, "w").write("\n".join(lines) + "\n")
PYTHON
    echo "bench: added to $results" >&2
fi
