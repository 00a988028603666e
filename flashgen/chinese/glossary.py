"""The curated diplomatic glossary shipped in ``data/glossary.tsv``."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache

from flashgen.resources import read_data_text
from flashgen.chinese.tones import normalise_u


@dataclass(frozen=True)
class Term:
    """One glossary entry: the whole term, its reading and official rendering."""

    hanzi: str
    pinyin_numbered: str  # "ren2 lei4 ming4 yun4 gong4 tong2 ti3" (ü as ü)
    pinyin: str  # "rénlèi mìngyùn gòngtóngtǐ" (dictionary word spacing)
    renderings: tuple[str, ...]  # official English rendering first
    category: str
    note: str
    rank: int  # position in the file


@lru_cache(maxsize=1)
def glossary() -> dict[str, Term]:
    """All glossary terms by simplified hanzi (loaded once)."""
    text = read_data_text("glossary.tsv")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    terms: dict[str, Term] = {}
    for rank, row in enumerate(reader):
        hanzi = (row.get("hanzi") or "").strip()
        if not hanzi or hanzi in terms:
            continue
        renderings = tuple(r.strip() for r in (row.get("english") or "").split("|") if r.strip())
        terms[hanzi] = Term(
            hanzi=hanzi,
            # ü written as such, like every other reading flashgen gives (the file uses CC-CEDICT's u:).
            pinyin_numbered=normalise_u((row.get("pinyin_numbered") or "").strip()),
            pinyin=(row.get("pinyin") or "").strip(),
            renderings=renderings,
            category=(row.get("category") or "term").strip(),
            note=(row.get("note") or "").strip(),
            rank=rank,
        )
    return terms
