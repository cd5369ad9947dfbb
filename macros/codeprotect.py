"""Keep code literal: `{{ x }}` inside code is text to show, not a macro to run.

Before the macros plugin renders a page, fenced code blocks and inline code
spans that contain Jinja delimiters are wrapped in {% raw %} ... {% endraw %}.
The wrapper sits on the fence lines themselves, so the Markdown is unchanged
once Jinja has removed it.
"""

import re

_DELIMITERS = ("{{", "{%", "{#")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
_INLINE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")
_RAW_END = "{% endraw %}"


def _has_jinja(text: str) -> bool:
    return any(d in text for d in _DELIMITERS)


def _raw(text: str) -> str:
    # A literal "{% endraw %}" inside code would end the raw block early: print it instead.
    return "{% raw %}" + text.replace(_RAW_END, "{% endraw %}{{ '{% endraw %}' }}{% raw %}") + _RAW_END


def protect_code(markdown: str) -> str:
    lines = markdown.split("\n")
    out, i = [], 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening:
            fence = opening["fence"]
            closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), None)
            if end is not None:
                block = lines[i:end + 1]
                if _has_jinja("\n".join(block)):
                    block = _raw("\n".join(block)).split("\n")
                out.extend(block)
                i = end + 1
                continue
        line = lines[i]
        if "`" in line and _has_jinja(line):
            line = _INLINE.sub(lambda m: _raw(m.group(0)) if _has_jinja(m.group(0)) else m.group(0), line)
        out.append(line)
        i += 1
    return "\n".join(out)
