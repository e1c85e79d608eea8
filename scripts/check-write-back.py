#!/usr/bin/env python3
"""Check that `paragraph enrich --write` changed only front-matter lines it added or filled.

Usage: check-write-back.py OLD_CONTENT NEW_CONTENT EXPECTED_LIST

EXPECTED_LIST names, one per line, the content-relative paths that were
expected to change (the pages `enrich --dry-run` listed). Every other file must
be byte-identical. In a changed file, the bytes after the front matter must be
identical, and the old front-matter lines must appear in order among the new
ones, each unchanged or filled in place (the old line is `key:` or `key: ""`
or `key: ~` and the new line starts with the same key).
"""
import os
import re
import sys

EMPTY_VALUE = re.compile(rb"^(\s*[^#\s][^:]*:)\s*(\"\"|''|~|null)?\s*(#.*)?(\r\n|\r|\n)?$")


def lines(data):
    return re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", data)


def split(data):
    """Front-matter lines (fences included) and the remaining bytes."""
    bom = data.startswith(b"\xef\xbb\xbf")
    all_lines = lines(data[3:] if bom else data)
    if not all_lines or all_lines[0].rstrip(b" \t\r\n") != b"---":
        return [], data
    for index in range(1, len(all_lines)):
        if all_lines[index].rstrip(b" \t\r\n") in (b"---", b"..."):
            head = all_lines[: index + 1]
            return head, b"".join(all_lines[index + 1 :])
    return [], data


def check(old, new):
    old_head, old_body = split(old)
    new_head, new_body = split(new)
    if old_body != new_body and old_head:
        return "the body changed"
    if not old_head:
        # A new block was put in front of the whole file.
        return None if new_body == old else "the file without front matter changed beyond a new block"
    position = 0
    for line in old_head:
        while position < len(new_head) and new_head[position] != line:
            filled = EMPTY_VALUE.match(line)
            if filled and new_head[position].startswith(filled.group(1)):
                break
            position += 1
        if position == len(new_head):
            return f"line {line!r} was changed or lost"
        position += 1
    return None


def main():
    old_root, new_root, expected_list = sys.argv[1:4]
    expected = set(open(expected_list).read().split())
    problems = []
    changed = set()
    for folder, _, files in os.walk(old_root):
        for name in files:
            old_path = os.path.join(folder, name)
            relative = os.path.relpath(old_path, old_root)
            new_data = open(os.path.join(new_root, relative), "rb").read()
            old_data = open(old_path, "rb").read()
            if old_data == new_data:
                continue
            changed.add(relative)
            problem = check(old_data, new_data)
            if problem:
                problems.append(f"{relative}: {problem}")
    for relative in sorted(changed - expected):
        problems.append(f"{relative}: changed but not expected to")
    for relative in sorted(expected - changed):
        problems.append(f"{relative}: expected to change but did not")
    for problem in problems:
        print(problem)
    print(f"check-write-back: {len(changed)} files changed, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
