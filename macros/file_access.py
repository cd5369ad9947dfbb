"""Which files a build may read besides pages and data: no way out of the project.

Two ways in would otherwise publish any file of the build machine:

- a snippet include (`--8<-- "path"`, pymdownx.snippets) copies a file into
  the page. Pages may include files from docs/snippets/ and the project's
  CONTRIBUTING.md (shown as the Contributing page), nothing else: not
  mkdocs.yml, not .git/config, not /etc/passwd, not a URL. mkdocs.yml
  restricts pymdownx.snippets the same way; this check runs first so the
  message names the page and line, and every bad include of the build is
  reported instead of only the first.
- a symbolic link under docs/, data/ or overrides/ makes MkDocs copy or read
  whatever it points at, so there must be none.
"""

import os
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

SNIPPETS_DIR = "docs/snippets"
SNIPPET_FILES = ("CONTRIBUTING.md",)
CHECKED_FOR_LINKS = ("docs", "data", "overrides")

_ALLOWED = f"a file in {SNIPPETS_DIR}/ or {', '.join(SNIPPET_FILES)}"


def _included_path(spec: str) -> str:
    """The file a snippet names, without its ':1:5' line range or ':name' section."""
    return SnippetPreprocessor.RE_SNIPPET_FILE.match(spec).group(1).strip()


def snippet_allowed(spec: str, project_dir: Path) -> bool:
    """Whether a snippet names an existing file in docs/snippets/, or CONTRIBUTING.md.

    Paths are resolved as pymdownx.snippets resolves them (relative to the base,
    without following links: there are none, see `symlinks`).
    """
    path = _included_path(spec)
    if not path or "://" in path:
        return False
    if os.path.normpath(path) in SNIPPET_FILES:
        return (project_dir / path).is_file()
    base = Path(os.path.abspath(project_dir / SNIPPETS_DIR))
    target = Path(os.path.abspath(base / path))
    return target.is_relative_to(base) and target.is_file()


def check_snippets(markdown: str, project_dir: Path):
    """Return (markdown with bad includes disarmed, [(included path, message)]).

    A refused include is escaped the way pymdownx.snippets documents (';--8<--')
    or, inside a block of paths, dropped; the page builds on while the problem
    is reported.
    """
    lines = markdown.split("\n")
    problems, in_block = [], False
    for index, line in enumerate(lines):
        match = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
        if match and not match["escape"]:
            if match["block_marker"]:
                in_block = not in_block
                continue
            spec = match["snippet"][1:-1]
        elif in_block and line.strip():
            spec = line.strip()
        else:
            continue
        if not snippet_allowed(spec, project_dir):
            path = _included_path(spec)
            problems.append((path, f"snippet include '{path}' is refused: a page may include only {_ALLOWED} "
                                   "that exists; move the text there or write it on the page"))
            # Inline: escaped, shown as text. In a block: the path line is dropped.
            lines[index] = f"{match['space']};{line[len(match['space']):]}" if match else ""
    return "\n".join(lines), problems


def symlinks(project_dir: Path) -> list[tuple[str, str]]:
    """(path, message) for every symbolic link under docs/, data/ or overrides/ (and the included files)."""
    found = []
    candidates = [project_dir / name for name in SNIPPET_FILES]
    for folder in CHECKED_FOR_LINKS:
        for root, dirs, files in os.walk(project_dir / folder):  # does not follow links
            candidates.extend(Path(root) / name for name in dirs + files)
    for path in candidates:
        if path.is_symlink():
            shown = path.relative_to(project_dir).as_posix()
            found.append((shown, f"is a symbolic link (to {os.readlink(path)}); links could publish files from "
                                 "outside the project, so replace it with a copy of the file"))
    return found
