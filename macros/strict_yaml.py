"""YAML as this site reads it: PyYAML's safe subset, and no key given twice in one mapping.

PyYAML keeps the last of two equal keys without a word, so a second `title:`
in an episode, or a second `tags:` in a page's front matter, would silently
replace the first. Data files (loader.py) and page front matter
(front_matter.py) both read through UniqueKeyLoader, which finds every
duplicate before building the data and raises DuplicateKeysError naming them;
hooks.py checks mkdocs.yml with duplicate_keys_in.
"""

from dataclasses import dataclass

import yaml

# libyaml's loader when PyYAML has it (ten times faster on an archive-sized
# data folder); the same safe subset of YAML and the same error marks either way.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class DuplicateKey:
    loc: tuple        # keys and list indexes from the top of the document to the mapping
    key: str
    first_line: int   # 1-based, within the YAML text
    line: int         # the repeated key's line


class DuplicateKeysError(yaml.YAMLError):
    """One or more mappings give the same key twice; `data` is what PyYAML would have kept."""

    def __init__(self, duplicates: list[DuplicateKey], data):
        self.duplicates = duplicates
        self.data = data
        super().__init__("; ".join(f"line {d.line}: key '{d.key}' is given twice" for d in duplicates))


class UniqueKeyLoader(_SAFE_LOADER):
    """The safe loader, refusing duplicate keys: yaml.load(text, Loader=UniqueKeyLoader)."""

    def get_single_data(self):
        node = self.get_single_node()
        if node is None:
            return None
        duplicates = find_duplicate_keys(node)
        data = self.construct_document(node)
        if duplicates:
            raise DuplicateKeysError(duplicates, data)
        return data


def find_duplicate_keys(root) -> list[DuplicateKey]:
    """Every key repeated in any mapping under the node `root`, by line."""
    found, stack, visited = [], [(root, ())], set()
    while stack:
        node, loc = stack.pop()
        if id(node) in visited:
            continue  # an alias: that node was checked where its anchor is
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                    continue  # complex keys and `<<` merges are left to PyYAML
                identity = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if identity in seen:
                    found.append(DuplicateKey(loc, key_node.value, seen[identity], line))
                else:
                    seen[identity] = line
                stack.append((value_node, loc + (key_node.value,)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, loc + (index,)) for index, item in enumerate(node.value))
    return sorted(found, key=lambda duplicate: duplicate.line)


def duplicate_key_message(duplicate: DuplicateKey, shown: str, where: str, line_offset: int = 0) -> str:
    """"data/x.yml:21: episode 'a': key 'title' is given twice (lines 19 and 21); ..."

    `where` names the mapping; `line_offset` is how many lines of the file come
    before the YAML text (one for front matter, after its '---').
    """
    first, line = duplicate.first_line + line_offset, duplicate.line + line_offset
    place = f"{where}: " if where else ""
    return (f"{shown}:{line}: {place}key '{duplicate.key}' is given twice (lines {first} and {line}); "
            "YAML would silently keep only the last, so keep one")


def duplicate_keys_in(text: str) -> list[DuplicateKey]:
    """The duplicate keys of a YAML document, found without building it, so a file
    with tags this loader does not build (mkdocs.yml's !ENV) can be checked too."""
    node = yaml.compose(text, Loader=_SAFE_LOADER)
    return find_duplicate_keys(node) if node is not None else []


def load_yaml(text: str):
    """Parse one YAML document; raises yaml.YAMLError (DuplicateKeysError among them)."""
    return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (a safe loader)
