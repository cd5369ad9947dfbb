"""Find the fenced code blocks of the site's Markdown pages.

A block is what pymdownx.superfences renders as code: a fence of three or more
backticks or tildes, possibly indented (inside an admonition or a tab), with a
language after it. The block ends at a closing fence of the same character, at
least as long, at the same or a shallower indentation.
"""

import re
from dataclasses import dataclass
from pathlib import Path

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")


@dataclass(frozen=True)
class CodeBlock:
    page: str        # path in the repository, e.g. "docs/guide/foundations-in-code.md"
    line: int        # 1-based line of the opening fence
    language: str    # first word of the info string, lower-cased; "" when there is none
    code: str
    # pymdownx.superfences wraps a block that text follows without a blank line
    # in a <p>, which is invalid HTML (a <div> cannot sit in a <p>).
    text_follows: bool = False

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def _language(info: str) -> str:
    # "python title="x.py"", "{.python .numberLines}" and "python" all name python.
    word = info.strip().split(maxsplit=1)[0] if info.strip() else ""
    return word.strip("{}").lstrip(".").lower()


def code_blocks(text: str, page: str) -> list[CodeBlock]:
    blocks = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        opening = OPENING.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        body, close = [], None
        for later in range(index + 1, len(lines)):
            candidate = lines[later]
            stripped = candidate.lstrip(" \t")
            if (stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0])
                    and len(candidate) - len(stripped) <= len(indent)):
                close = later
                break
            body.append(candidate[len(indent):] if candidate.startswith(indent) else candidate.lstrip())
        if close is None:
            raise ValueError(f"{page}:{index + 1}: a code fence is opened and never closed")
        text_follows = close + 1 < len(lines) and bool(lines[close + 1].strip())
        blocks.append(CodeBlock(page, index + 1, _language(opening["info"]), "\n".join(body) + "\n", text_follows))
        index = close + 1
    return blocks


def site_code_blocks(root: Path) -> list[CodeBlock]:
    """Every block the site shows: the pages, and CONTRIBUTING.md, which the contributor page includes."""
    sources = sorted((root / "docs").rglob("*.md")) + [root / "CONTRIBUTING.md"]
    found = []
    for path in sources:
        found.extend(code_blocks(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix()))
    return found
