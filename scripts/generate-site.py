#!/usr/bin/env python3
"""Write a synthetic Paragraph site of realistic pages, for crash tests and benchmarks.

Usage: generate-site.py DIR PAGES [SEED]

Pages have headings, lists, code blocks, links and tables; about half lack a
description and a third have a hero image without alt text, so the built-in
engine has fields to fill. The same seed always writes the same site.
"""
import os
import random
import sys

WORDS = (
    "paragraph metadata static site build pipeline search engine description title keyword slug hero image "
    "caption alt text model provider key vault organization budget cache lock page section guide release "
    "feature deploy preview writer editor review content markdown template theme render output feed sitemap "
    "reader summary index archive draft publish update change version support team project plan task"
).split()


def sentence(rng, low=8, high=20):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def body(rng, index):
    parts = []
    for section in range(rng.randint(3, 6)):
        parts.append(f"## {sentence(rng, 2, 5)[:-1]}")
        parts.append(paragraph(rng))
        kind = rng.randint(0, 3)
        if kind == 0:
            parts.append("\n".join(f"- {sentence(rng, 3, 8)}" for _ in range(rng.randint(2, 5))))
        elif kind == 1:
            parts.append("```sh\nparagraph build --output public\nparagraph enrich --check\n```")
        elif kind == 2:
            rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {rng.choice(WORDS)} |" for _ in range(4))
            parts.append("| Name | Count | Note |\n| :--- | ---: | --- |\n" + rows)
        else:
            parts.append(f"See [the guide](/guides/page-{rng.randint(0, 999)}/) and <https://example.com/{index}>.")
        parts.append(paragraph(rng))
    return "\n\n".join(parts) + "\n"


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: generate-site.py DIR PAGES [SEED]")
    root, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(os.path.join(root, "content"), exist_ok=True)
    with open(os.path.join(root, "byok.yaml"), "w") as handle:
        handle.write("site: { title: Generated, base_url: https://example.com, language: en }\n")
        handle.write("fill: [description, seo.title, seo.keywords, hero.alt, hero.caption]\n")
    with open(os.path.join(root, "content", "_index.md"), "w") as handle:
        handle.write("---\ntitle: Generated site\n---\n\nA generated site for tests and benchmarks.\n")
    for index in range(count):
        folder = os.path.join(root, "content", f"section-{index % 20:02d}")
        os.makedirs(folder, exist_ok=True)
        lines = ["---", f"title: {sentence(rng, 3, 14)[:-1]}", f"date: 2025-{index % 12 + 1:02d}-{index % 28 + 1:02d}"]
        if rng.random() < 0.5:
            lines.append(f"description: {sentence(rng, 6, 12)[:-1]}")
        if rng.random() < 0.33:
            lines += ["hero:", f"  image: images/{rng.choice(WORDS)}-{index}.png"]
        if rng.random() < 0.2:
            lines.append("# a comment the tool must keep")
        lines.append("---")
        with open(os.path.join(folder, f"page-{index:05d}.md"), "w") as handle:
            handle.write("\n".join(lines) + "\n\n" + body(rng, index))


if __name__ == "__main__":
    main()
