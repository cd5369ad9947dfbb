"""Words a reader reads, page by page, now and at an earlier commit.

    python -m tests.word_count --base c028152

Counts prose only: front matter, code blocks, macro calls ({{ ... }},
{% ... %}), HTML tags, link targets and table rules are left out, so a page
does not shrink by losing a URL or grow by gaining a citation. Pages that
existed at the base commit are totalled apart from new ones, which is how a
"cut by N%" goal is measured without counting the pages added since.
"""

import argparse
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.S | re.M)
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
TAG = re.compile(r"<[^>]+>")
LINK_TARGET = re.compile(r"\]\([^)]*\)|\{[:#.][^}]*\}")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


def prose_words(markdown: str) -> int:
    text = FRONT_MATTER.sub("", markdown)
    for pattern in (FENCE, MACRO, TAG, LINK_TARGET):
        text = pattern.sub(" ", text)
    return len(WORD.findall(text))


def pages_at(revision: str | None) -> dict[str, str]:
    """Markdown under docs/ at a commit (None: the work tree)."""
    if revision is None:
        return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted((ROOT / "docs").rglob("*.md"))}
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", revision, "docs"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    return {name: subprocess.run(["git", "show", f"{revision}:{name}"], cwd=ROOT, capture_output=True,
                                 text=True, check=True).stdout
            for name in names if name.endswith(".md")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare with")
    args = parser.parse_args()
    before = {name: prose_words(text) for name, text in pages_at(args.base).items()}
    after = {name: prose_words(text) for name, text in pages_at(None).items()}

    kept = sorted(set(before) & set(after))
    print(f"{'page':60} {'before':>7} {'after':>7} {'change':>7}")
    for name in kept:
        change = (after[name] - before[name]) / before[name] if before[name] else 0.0
        print(f"{name:60} {before[name]:7} {after[name]:7} {change:+7.0%}")
    old_total, kept_total = sum(before[n] for n in kept), sum(after[n] for n in kept)
    removed = sorted(set(before) - set(after))
    new = sorted(set(after) - set(before))
    removed_total = sum(before[n] for n in removed)
    base_total = old_total + removed_total
    print(f"\nexisting pages: {base_total} words at {args.base}, {kept_total} now "
          f"({(kept_total - base_total) / base_total:+.1%}; {len(removed)} page(s) removed)")
    if new:
        print(f"new pages: {len(new)}, {sum(after[n] for n in new)} words: " + ", ".join(new))


if __name__ == "__main__":
    main()
