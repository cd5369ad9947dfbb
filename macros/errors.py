"""Errors that stop the build, each worded for the contributor who must fix it.

Every message names where the problem is (a data file and entry, or a page),
what is wrong, and what would be valid instead.
"""


class SiteError(Exception):
    """Base class: anything the build must not survive."""


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
