"""The search index as the site ships it: loaded on the first search, not on every page.

Material's search plugin writes search/search_index.json, and every page
fetches that file as soon as it loads, search used or not; with the whole
podcast archive that is the largest download of a first visit. So the
documents move to search/search_documents.json, which the site's search
worker (docs/assets/javascripts/search-worker.js) fetches on the reader's
first query, and search_index.json keeps only the configuration the page
needs to start the worker.
"""

import json
import re
from pathlib import Path

from .folding import add_folded_fields

INDEX = Path("search") / "search_index.json"
DOCUMENTS = Path("search") / "search_documents.json"
WORKER = "assets/javascripts/search-worker.js"

_MATERIAL_WORKER = re.compile(r'"search": ?"([^"]*?)assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)"')


def split_search_index(site_dir: Path) -> None:
    """Rewrite Material's index into the configuration stub and the documents file."""
    index_path = Path(site_dir) / INDEX
    if not index_path.exists():
        return
    index = add_folded_fields(json.loads(index_path.read_text(encoding="utf-8")))
    _write(Path(site_dir) / DOCUMENTS, index)
    _write(index_path, {**index, "docs": []})


def _write(path: Path, value: dict) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def use_site_search_worker(html: str) -> str:
    """Point the page's search at the site's worker, which runs Material's worker inside it.

    Material names its worker in the page's JSON configuration; the site's
    worker, one folder above it, gets its file name in the query string.
    """
    def swap(match):
        base, material = match.group(1), match.group(2)
        return f'"search": "{base}{WORKER}?material=workers/{material}"'
    return _MATERIAL_WORKER.sub(swap, html, count=1)
