"""The curated diplomatic glossary shipped in ``data/glossary.tsv``.

Columns: hanzi, numbered pinyin (CC-CEDICT style), tone-marked pinyin, English
(official rendering first, alternatives after `` | ``), category, note,
``rendering`` (``official``: the rendering of the Foreign Ministry, Xinhua or
the English editions of the reports; ``flashgen``: our own) and ``origin``
(``corpus``: mined from the press conferences and reports; ``seed``: the
bundled transcript; ``other``: added from elsewhere).

The file (some 4,000 rows) is parsed once into a ``marshal`` file in the user's
cache, keyed by a hash of its text: a start-up reads that file instead of
parsing the TSV.
"""

from __future__ import annotations

import hashlib
import marshal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from flashgen.cache import cache_key, cached_file
from flashgen.chinese.tones import normalise_u
from flashgen.errors import ResourceError
from flashgen.resources import read_data_text

#: Bump when the parsed form changes.
FORMAT_VERSION = 2
HEADER = ("hanzi", "pinyin_numbered", "pinyin", "english", "category", "note", "rendering", "origin")


class Term(NamedTuple):
    """One glossary entry: the whole term, its reading and official rendering.

    A named tuple rather than a dataclass: some 4,000 are built at every start,
    and a tuple is built several times faster than a frozen dataclass.
    """

    hanzi: str
    pinyin_numbered: str  # "ren2 lei4 ming4 yun4 gong4 tong2 ti3" (ü as ü)
    pinyin: str  # "rénlèi mìngyùn gòngtóngtǐ" (dictionary word spacing)
    renderings: tuple[str, ...]  # official English rendering first
    category: str
    note: str
    rank: int  # position in the file
    rendering: str = "flashgen"  # "official" or "flashgen"
    origin: str = "other"  # "corpus", "seed" or "other"

    @property
    def tag(self) -> str:
        """The jieba part-of-speech flag of the term's category: a place is "ns", an idiom "i"."""
        return CATEGORY_TAGS.get(self.category, "n")


#: jieba flags of glossary categories, so that a term's part of speech says what it is.
CATEGORY_TAGS = {"idiom": "i", "organisation": "nt", "place": "ns", "title": "nn"}


Row = tuple[str, str, str, tuple[str, ...], str, str, str, str]


def parse(text: str) -> list[Row]:
    """The rows of the glossary file, in file order, the first of each hanzi only."""
    lines = text.splitlines()
    names = lines[0].split("\t") if lines else []
    column = {name: i for i, name in enumerate(names)}
    rows: list[Row] = []
    seen: set[str] = set()

    def get(fields: list[str], name: str, default: str = "") -> str:
        i = column.get(name)
        return fields[i].strip() if i is not None and i < len(fields) else default

    for line in lines[1:]:
        fields = line.split("\t")
        hanzi = get(fields, "hanzi")
        if not hanzi or hanzi in seen:
            continue
        seen.add(hanzi)
        renderings = tuple(r.strip() for r in get(fields, "english").split("|") if r.strip())
        rows.append((
            hanzi,
            # ü written as such, like every other reading flashgen gives (the file uses CC-CEDICT's u:).
            normalise_u(get(fields, "pinyin_numbered")),
            get(fields, "pinyin"),
            renderings,
            get(fields, "category") or "term",
            get(fields, "note"),
            get(fields, "rendering") or "flashgen",
            get(fields, "origin") or "other",
        ))
    return rows


def _cached_rows(text: str, key: str) -> list[Row]:
    def build(tmp: Path) -> None:
        tmp.write_bytes(marshal.dumps(parse(text)))

    try:
        path = cached_file("glossary.marshal", key, build)
        loaded = marshal.loads(path.read_bytes())
        return [(h, n, p, tuple(r), c, note, ren, o) for h, n, p, r, c, note, ren, o in loaded]
    except (OSError, ValueError, EOFError, TypeError, ResourceError):
        return parse(text)  # no usable cache: parse in memory


@lru_cache(maxsize=1)
def _source() -> tuple[str, str]:
    """The glossary file's text and the cache key of its parsed form."""
    text = read_data_text("glossary.tsv")
    return text, cache_key(FORMAT_VERSION, hashlib.sha256(text.encode("utf-8")).hexdigest())


def glossary_digest() -> str:
    """A short hash of the glossary file (for caches built from it, such as jieba's)."""
    return _source()[1]


@lru_cache(maxsize=1)
def glossary() -> dict[str, Term]:
    """All glossary terms by simplified hanzi (loaded once)."""
    text, key = _source()
    rows = _cached_rows(text, key)
    return {
        row[0]: Term(row[0], row[1], row[2], row[3], row[4], row[5], rank, row[6], row[7])
        for rank, row in enumerate(rows)
    }
