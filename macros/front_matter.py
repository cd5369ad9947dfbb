"""Page front matter: what MkDocs would drop or misread silently fails the build here.

MkDocs takes the YAML between a page's first two '---' lines and, when that is
not valid YAML or not a mapping, drops it without a word: the page loses its
title, description and tags. check_front_matter finds the front matter the way
MkDocs does (its own pattern) and reads it with the site's strict YAML loader,
which also refuses a key given twice.
"""

import yaml
from mkdocs.utils.meta import YAML_RE

from .errors import FrontMatterError
from .strict_yaml import DuplicateKeysError, duplicate_key_message, load_yaml

# The front matter's YAML starts on the page's second line.
_FIRST_YAML_LINE = 2


def check_front_matter(source: str, shown: str) -> None:
    """Raise FrontMatterError naming the page (`shown`) and line, or return quietly."""
    match = YAML_RE.match(source)
    if match is None:
        if source.split("\n", 1)[0].rstrip(" \t") == "---":
            raise FrontMatterError(
                f"{shown}:1: front matter opened with '---' is never closed; end it with a line "
                "'---' followed by a line break"
            )
        return
    try:
        data = load_yaml(match.group(1))
    except DuplicateKeysError as error:
        raise FrontMatterError("\n".join(
            duplicate_key_message(d, shown, " > ".join(["front matter", *map(str, d.loc)]), _FIRST_YAML_LINE - 1)
            for d in error.duplicates
        )) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + _FIRST_YAML_LINE if mark else 1
        raise FrontMatterError(
            f"{shown}:{line}: front matter is not valid YAML: {error.problem or error.context}; "
            "MkDocs would drop all of it (title, description, tags). Quote a value that contains "
            "': ' or ' #', or starts with a quote, [, {, * or &"
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"{shown}:1: front matter is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        got = "nothing" if data is None else f"a {type(data).__name__}"
        raise FrontMatterError(
            f"{shown}:{_FIRST_YAML_LINE}: front matter must be keys with values (title: ...), got {got}; "
            "MkDocs would ignore it"
        )
