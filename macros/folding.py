"""Accent folding for search: "raphael" must find "Raphaël".

Material's search (lunr) matches tokens exactly, so the built index gets two
extra fields holding the folded form of every word that has diacritics; the
query "raphael" matches them, "Raphaël" still matches the original text.
"""

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
                          "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})
# Only words with a non-ASCII character can change when folded; finding just
# those keeps the pass over an archive-sized index fast.
_ACCENTED_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")
_TAG = re.compile(r"<[^>]+>")
_NON_WORD = re.compile(r"\W+")

FOLDED_TITLE = "title_folded"
FOLDED_TEXT = "text_folded"


def fold(text: str) -> str:
    """'Raphaël Hoogvliets' -> 'Raphael Hoogvliets'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_words(text: str) -> str:
    """The folded spellings of the words in `text` that folding changes.

    Only word characters are kept: folding can turn a harmless character into
    markup ("\uff1c" becomes "<"), and Material renders index fields as HTML.
    """
    seen = []
    for word in _ACCENTED_WORD.findall(_TAG.sub(" ", text or "")):
        for plain in _NON_WORD.split(fold(word)):
            if plain and plain != word and plain not in seen:
                seen.append(plain)
    return " ".join(seen)


def add_folded_fields(index: dict) -> dict:
    """Return a copy of Material's search index with folded title/text fields.

    Tags are dropped from the documents: Material draws them in each result
    as an unnamed <nav>, and a list of identical unnamed landmarks is an
    accessibility failure. Pages stay findable by their tag words in the text.
    """
    docs = []
    for doc in index.get("docs", []):
        doc = {key: value for key, value in doc.items() if key != "tags"}
        title, text = folded_words(doc.get("title", "")), folded_words(doc.get("text", ""))
        if title:
            doc[FOLDED_TITLE] = title
        if text:
            doc[FOLDED_TEXT] = text
        docs.append(doc)
    return {**index, "docs": docs}
