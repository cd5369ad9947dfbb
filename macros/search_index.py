"""The search index as the site ships it: loaded on the first search, not on every page.

Material's search plugin writes search/search_index.json, and every page
fetches that file as soon as it loads, search used or not; with the whole
podcast archive that is the largest download of a first visit. So the
documents move out of it, into shards that the site's search worker
(docs/assets/javascripts/search-worker.js) fetches when the reader starts
searching, and search_index.json keeps only the configuration the page needs
to start the worker, plus the list of shards (config["shards"]).

Two shards, because building the index is what a phone waits for: the guide,
the wiki and the guests come first and answer the first query; the episode
and topic pages (most of the text) follow in the background and join
the results when they are in.
"""

import json
import re
from pathlib import Path

from .folding import add_folded_fields

INDEX = Path("search") / "search_index.json"
SHARDS = ("search_documents.json", "search_archive.json")  # in the order they load
WORKER = "assets/javascripts/search-worker.js"

_MATERIAL_WORKER = re.compile(r'"search": ?"([^"]*?)assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)"')


def split_search_index(site_dir: Path, later_pages: set[str]) -> None:
    """Rewrite Material's index into the configuration stub and its shards.

    `later_pages`: URLs of the pages whose documents go to the second shard.
    A page's sections stay in its page's shard, after the page itself, as
    Material's worker expects.
    """
    index_path = Path(site_dir) / INDEX
    if not index_path.exists():
        return
    index = add_folded_fields(json.loads(index_path.read_text(encoding="utf-8")))
    first, later = [], []
    for doc in index["docs"]:
        (later if doc["location"].split("#", 1)[0] in later_pages else first).append(doc)
    for name, docs in zip(SHARDS, (first, later)):
        _write(index_path.parent / name, {**index, "docs": docs})
    _write(index_path, {**index, "config": {**index["config"], "shards": list(SHARDS)}, "docs": []})


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
