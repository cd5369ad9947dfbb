"""The Nu HTML checker (vnu.jar, system Java) finds no errors in the built site.

It checks every hand-written page, 404.html and a fixed sample of the
generated pages (why a sample: tests/quality/conftest.py, pages_to_check).

The only errors allowed are ones the theme makes on purpose and the project
should not change; each is listed with why.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import NODE_MODULES, pages_to_check

pytestmark = pytest.mark.slow

ALLOWED = {
    # Material puts autocomplete="off" on the hidden checkboxes that open the
    # navigation drawer and the search overlay. HTML only allows the attribute
    # on text-like inputs, but without it Firefox restores the checkbox state on
    # Back, reopening the drawer or search over the page the reader returns to.
    r"^Attribute “autocomplete” is only allowed when the input type is .*":
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
}


def test_built_site_is_valid_html(built_site, node_modules):
    java = shutil.which("java")
    assert java, "the HTML check needs Java: sudo apt-get install default-jre-headless"
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = [str(built_site / path / "index.html") for path in pages_to_check()] + [str(built_site / "404.html")]
    assert all(Path(page).is_file() for page in pages), [p for p in pages if not Path(p).is_file()]
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json",
                             *pages], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert messages or result.returncode == 0, result.stderr[-2000:]
    errors = []
    for message in messages:
        allowed = any(re.match(text, message["message"]) and re.search(markup, message.get("extract", ""))
                      for text, markup in ALLOWED.items())
        if not allowed:
            page = message.get("url", "").split(str(built_site), 1)[-1]
            errors.append(f"{page}:{message.get('lastLine', '?')}: {message['message']}")
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:30])
