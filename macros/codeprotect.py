"""Keep code literal: `{{ x }}` inside code is text to show, not a macro to run.

Before the macros plugin renders a page, code that contains Jinja delimiters
is wrapped in {% raw %} ... {% endraw %}: fenced code blocks, indented code
blocks, <pre> blocks and inline code spans. The wrapper sits on the code's own
lines, so the Markdown is unchanged once Jinja has removed it and every line
keeps its number.

Indented code is told apart from the indented content of lists, admonitions,
tabs, footnotes and definitions the way Markdown does: it follows a blank line
and is not inside one of those.
"""

import re

_DELIMITERS = ("{{", "{%", "{#")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
_INLINE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")
_RAW_END = "{% endraw %}"
# Lines whose following indented lines belong to them, not to a code block.
_CONTAINER = re.compile(r"^\s{0,3}(?:[-*+]\s|\d+[.)]\s|!!!|\?\?\?|===|\[\^[^\]]+\]:|:\s)")
_PRE_OPEN = re.compile(r"<pre\b", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.I)


def _has_jinja(text: str) -> bool:
    return any(d in text for d in _DELIMITERS)


def _raw(text: str) -> str:
    # A literal "{% endraw %}" inside code would end the raw block early: print it instead.
    return "{% raw %}" + text.replace(_RAW_END, "{% endraw %}{{ '{% endraw %}' }}{% raw %}") + _RAW_END


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _block_end(lines, start: int) -> int | None:
    """The index of the line that ends the code block opening at `start`, or None if unclosed."""
    opening = _FENCE.match(lines[start])
    if opening:
        fence = opening["fence"]
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        return next((j for j in range(start + 1, len(lines)) if closing.match(lines[j])), None)
    if _PRE_OPEN.search(lines[start]):
        return next((j for j in range(start, len(lines)) if _PRE_CLOSE.search(lines[j])), None)
    return None


def protect_code(markdown: str) -> str:
    lines = markdown.split("\n")
    out, i = [], 0
    in_container, after_blank = False, True
    while i < len(lines):
        line = lines[i]
        end = _block_end(lines, i)
        if end is None and line.strip() and _indent(line) >= 4 and after_blank and not in_container:
            end = i  # an indented code block: it runs to the last indented line before a less indented one
            for j in range(i + 1, len(lines)):
                if lines[j].strip() and _indent(lines[j]) < 4:
                    break
                if lines[j].strip():
                    end = j
        if end is not None:
            block = "\n".join(lines[i:end + 1])
            out.extend((_raw(block) if _has_jinja(block) else block).split("\n"))
            i, after_blank = end + 1, False
            continue
        if not line.strip():
            after_blank = True
        else:
            if _indent(line) < 4:
                if _CONTAINER.match(line):
                    in_container = True
                elif after_blank:
                    in_container = False
            after_blank = False
            if "`" in line and _has_jinja(line):
                line = _INLINE.sub(lambda m: _raw(m.group(0)) if _has_jinja(m.group(0)) else m.group(0), line)
        out.append(line)
        i += 1
    return "\n".join(out)
