"""Taiwan readings: CC-CEDICT's "Taiwan pr. [...]" notes, for ``--readings tw``.

CC-CEDICT gives the mainland standard reading of each entry and, where
Taiwan's standard differs, notes it in a sense: 垃圾 lājī (Taiwan pr.
[le4 se4]), 和 hé "and" (Taiwan pr. [han4]). The default stays the mainland
standard; with ``--readings tw`` a word whose entry, read as in context,
carries such a note is read the Taiwan way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from flashgen.chinese.lexicon import lexicon

_NOTE = re.compile(r"Taiwan pr\. \[([^\]]+)\]")


def _key(syllables: tuple[str, ...]) -> tuple[str, ...]:
    """Syllables compared without ü spelling (lu:4, lv4, lü4 alike); case counts (应 yīng is not the surname Yīng)."""
    return tuple(s.replace("u:", "v").replace("ü", "v").replace("U:", "V").replace("Ü", "V") for s in syllables)


@lru_cache(maxsize=8192)
def taiwan_reading(word: str, syllables: tuple[str, ...]) -> Optional[tuple[str, ...]]:
    """The Taiwan reading of ``word`` read ``syllables`` (numbered), or None when CC-CEDICT notes none."""
    for entry in lexicon().entries(word):
        if _key(tuple(entry.pinyin.split())) != _key(syllables):
            continue
        for sense in entry.senses:
            found = _NOTE.search(sense)
            if found:
                reading = tuple(found.group(1).split())
                if len(reading) == len(syllables):
                    # The context reading's case stays (a proper noun stays one, a common word none).
                    return tuple(r.capitalize() if s[:1].isupper() else r.lower() for r, s in zip(reading, syllables))
    return None
