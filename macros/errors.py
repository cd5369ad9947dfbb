"""Errors that stop the build, each worded for the contributor who must fix it.

Every message names where the problem is (a data file and entry, or a page),
what is wrong, and what would be valid instead.

A build does not stop at the first bad page: each problem it finds is kept as
a `Problem` on the build state (macros/build.py) and rendering goes on, so one
build reports them all. At the end they are raised together as one
`BuildProblems`, whose message is one `path:line: message` line per problem.
"""

import re
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


class SiteError(Exception):
    """Base class: anything the build must not survive."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: the file (relative to the project), its line if known, and what is wrong."""

    path: str
    line: int | None
    message: str

    @classmethod
    def from_text(cls, text: str) -> "Problem":
        """A problem from a message already worded as 'path: message' or 'path:line: message'."""
        match = re.match(r"(?P<path>[^\s:]+)(?::(?P<line>\d+))?: (?P<message>.*)", str(text), re.S)
        if match is None:
            return cls("data/", None, str(text))
        return cls(match["path"], int(match["line"]) if match["line"] else None, match["message"])

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class BuildProblems(SiteError, PluginError):
    """Every problem one build found, one `path:line: message` line each.

    It is also a MkDocs PluginError, so MkDocs prints the message once, without
    a traceback, and exits non-zero ("Aborted with a BuildError!").
    """

    def __init__(self, problems):
        self.problems = sorted(dict.fromkeys(problems), key=lambda p: (p.path, p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class DataError(SiteError):
    """One or more problems in the YAML files under data/."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in data/:\n{lines}")


class CitationError(SiteError):
    """A cite() call that does not point at a real chapter start."""


class MacroUsageError(SiteError):
    """A macro called with an id that the data does not define."""


class FrontMatterError(SiteError):
    """A page's front matter that MkDocs would drop or misread without a word."""
