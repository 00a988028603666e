"""Zhuyin (bopomofo) from numbered pinyin, by the standard correspondence table.

Pinyin and zhuyin spell the same syllables: an initial, a final and a tone.
The table is small and fixed, so it is written out here rather than loading
pypinyin (whose import reads its 7 MB phrase table) to convert a few hundred
syllables; anything outside the table (interjections such as hm, ê) is left
to pypinyin by the caller. ``tests/test_zhuyin.py`` checks the table against
pypinyin for every syllable CC-CEDICT uses.
"""

from __future__ import annotations

import re
from typing import Optional

_INITIALS = {
    "b": "ㄅ", "p": "ㄆ", "m": "ㄇ", "f": "ㄈ", "d": "ㄉ", "t": "ㄊ", "n": "ㄋ", "l": "ㄌ",
    "g": "ㄍ", "k": "ㄎ", "h": "ㄏ", "j": "ㄐ", "q": "ㄑ", "x": "ㄒ",
    "zh": "ㄓ", "ch": "ㄔ", "sh": "ㄕ", "r": "ㄖ", "z": "ㄗ", "c": "ㄘ", "s": "ㄙ",
}
_FINALS = {
    "a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ", "ou": "ㄡ",
    "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "er": "ㄦ", "ong": "ㄨㄥ",
    "i": "ㄧ", "ia": "ㄧㄚ", "ie": "ㄧㄝ", "iao": "ㄧㄠ", "iu": "ㄧㄡ", "ian": "ㄧㄢ", "in": "ㄧㄣ",
    "iang": "ㄧㄤ", "ing": "ㄧㄥ", "iong": "ㄩㄥ", "io": "ㄧㄛ",
    "u": "ㄨ", "ua": "ㄨㄚ", "uo": "ㄨㄛ", "uai": "ㄨㄞ", "ui": "ㄨㄟ", "uan": "ㄨㄢ", "un": "ㄨㄣ",
    "uang": "ㄨㄤ", "ueng": "ㄨㄥ",
    "ü": "ㄩ", "üe": "ㄩㄝ", "üan": "ㄩㄢ", "ün": "ㄩㄣ",
}
#: y- and w- spellings of syllables without an initial.
_ZERO = {
    "yi": "i", "ya": "ia", "ye": "ie", "yao": "iao", "you": "iu", "yan": "ian", "yin": "in",
    "yang": "iang", "ying": "ing", "yong": "iong", "yo": "io",
    "yu": "ü", "yue": "üe", "yuan": "üan", "yun": "ün",
    "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "ui", "wan": "uan", "wen": "un",
    "wang": "uang", "weng": "ueng",
}
_TONES = {"1": "", "2": "ˊ", "3": "ˇ", "4": "ˋ", "5": "˙"}
_SYLLABLE = re.compile(r"^([a-zü]+)([1-5])$")


def zhuyin_syllable(numbered: str) -> Optional[str]:
    """Zhuyin of one numbered syllable ("zhong1" → "ㄓㄨㄥ", "ma5" → "ㄇㄚ˙"); None if not in the table."""
    m = _SYLLABLE.match(numbered.lower().replace("u:", "ü").replace("v", "ü"))
    if not m:
        return None
    body, tone = m.groups()
    if body in _ZERO:
        initial, final = "", _ZERO[body]
    else:
        initial = body[:2] if body[:2] in _INITIALS else body[:1]
        if initial not in _INITIALS:
            initial = ""
        final = body[len(initial):]
        if initial in ("j", "q", "x") and final.startswith("u"):
            final = "ü" + final[1:]  # ju is jü
    if initial and not final and initial in ("zh", "ch", "sh", "r", "z", "c", "s"):
        spelled = _INITIALS[initial]  # zhi, chi, shi, ri, zi, ci, si: the initial alone
    elif initial and final == "i" and initial in ("zh", "ch", "sh", "r", "z", "c", "s"):
        spelled = _INITIALS[initial]
    elif final in _FINALS and (initial or body in _ZERO or final in ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er")):
        spelled = (_INITIALS[initial] if initial else "") + _FINALS[final]
    else:
        return None
    return spelled + _TONES[tone]
