#!/usr/bin/env python3
"""Derive ``data/name_parts.tsv``: transliteration characters and place-name suffixes.

The segmenter (``flashgen/chinese/units.py``) uses two character lists to keep
names whole when jieba cuts them up (马克 + 龙, 大埔 + 道). Both come from
jieba's own dictionary, which tags every entry:

* transliteration characters: characters found in at least ``MIN_NAMES``
  entries tagged ``nrt`` (transliterated person names: 特朗普, 默克尔) that make
  at least ``MIN_SHARE`` of all the entries the character occurs in, plus the
  characters of CC-CEDICT's foreign-name entries ("Macron (name)" style
  senses whose romanisation is not the pinyin) found in as many entries;
* place suffixes: last characters of ``ns`` entries (places) of three or more
  characters, ending at least ``MIN_PLACES`` of them and ending them in at
  least ``MIN_END_SHARE`` of the place entries they occur in, that CC-CEDICT
  knows as a common word and that are not transliteration characters (亚 of 尼亚) (县 "county", 岛 "island"). Hong Kong's estate and
  road suffixes (邨, 道) are too rare in jieba's mainland dictionary; they are
  listed in ``EXTRA_SUFFIXES`` below, with the reason, as is 岛; facility
  suffixes (站 station) are left out (``FACILITY_SUFFIXES``).

    python3 scripts/derive_name_parts.py > data/name_parts.tsv
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flashgen.chinese.lexicon import jieba_tag_rows, lexicon  # noqa: E402

MIN_NAMES = 3
MIN_SHARE = 0.03
MIN_PLACES = 20
MIN_END_SHARE = 0.5
#: Suffixes of Hong Kong place names that jieba's mainland dictionary hardly has:
#: 邨 (public housing estate: 美孚新邨), 道 (road: 弥敦道, 大埔道), 苑 (housing court).
#: 岛 (island) also ends enough transliterated names (…岛 in Japanese names) to count as one.
EXTRA_SUFFIXES = "岛邨道苑"
#: Facilities named after a place (旺角站 Mong Kok station, X馆, X店, X场): the place is the unit to learn.
FACILITY_SUFFIXES = "站馆店场"
_FOREIGN_NAME = re.compile(r"^([A-Z][A-Za-z' -]+) \(name\)$")


def _cedict_foreign_names() -> list[str]:
    names = []
    con = lexicon()._con  # the cached index: one pass over its entry table
    for simp, pinyin, senses in con.execute("SELECT simp, pinyin, senses FROM entry"):
        if not pinyin[:1].isupper():
            continue
        plain = re.sub(r"[0-9 :]", "", pinyin).lower()
        for sense in senses.split("/"):
            m = _FOREIGN_NAME.match(sense)
            if m and re.sub(r"[ '-]", "", m.group(1)).lower() != plain:
                names.append(simp)
                break
    return names


def transliteration_chars(entries: list[tuple[str, str]]) -> str:
    names = [w for w, tag in entries if tag == "nrt"] + _cedict_foreign_names()
    in_names = Counter(c for w in set(names) for c in set(w))
    in_all = Counter(c for w, _ in entries for c in set(w))
    chosen = [c for c, n in in_names.items() if n >= MIN_NAMES and n / max(in_all[c], n) >= MIN_SHARE]
    return "".join(sorted(chosen, key=lambda c: (-in_names[c], c)))


def place_suffixes(entries: list[tuple[str, str]], transliteration: str) -> str:
    places = [w for w, tag in entries if tag == "ns" and len(w) >= 3]
    ending = Counter(w[-1] for w in places)
    inside = Counter(c for w in places for c in set(w))
    lex = lexicon()
    chosen = [
        c for c, n in ending.items()
        if n >= MIN_PLACES and n / inside[c] >= MIN_END_SHARE and c not in transliteration and c not in FACILITY_SUFFIXES
        and any(not e.proper for e in lex.entries(c))
    ]
    chosen = sorted(chosen, key=lambda c: (-ending[c], c))
    return "".join(chosen) + "".join(c for c in EXTRA_SUFFIXES if c not in chosen)


def main() -> None:
    entries = jieba_tag_rows()
    print("# Derived by scripts/derive_name_parts.py from jieba's dictionary and CC-CEDICT; do not edit by hand.")
    chars = transliteration_chars(entries)
    print(f"transliteration\t{chars}")
    print(f"place_suffix\t{place_suffixes(entries, chars)}")


if __name__ == "__main__":
    main()
