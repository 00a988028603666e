"""What counts as a Chinese character, for every stage.

CJK unified ideographs with extension A, the compatibility ideographs (NFC
maps most of them away), extensions B–G, and 〇 (líng, the zero of
二〇二一年), which is written and read like any other character.
"""

from __future__ import annotations

import re

#: Chinese numeral characters that count (六方, 二十, 几点): digits, 十百千万, 两 and 几.
NUMERALS = frozenset("一二三四五六七八九十百千万两几")

#: One Chinese character (a regular-expression character class).
HANZI = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_hanzi(char: str) -> bool:
    """Whether ``char`` (one character) is a Chinese character."""
    return HANZI.fullmatch(char) is not None


def has_hanzi(text: str) -> bool:
    """Whether ``text`` contains a Chinese character."""
    return HANZI.search(text) is not None


def count_hanzi(text: str) -> int:
    """Number of Chinese characters in ``text``."""
    return len(HANZI.findall(text))
