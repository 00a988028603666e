"""Traditional-character transcripts are read in simplified characters.

jieba, the glossary and flashgen's lexicon index work on simplified Chinese;
a transcript from Taiwan or Hong Kong (often Big5) would lose its terms and
most of its words. When a text is written mostly in traditional characters,
each character that only exists in traditional writing is replaced by its
simplified form, from CC-CEDICT's single-character entries. Each vocabulary
item still carries its traditional form.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from flashgen.chinese.lexicon import lexicon

#: Share of traditional-only characters among the hanzi above which a text counts as traditional.
TRADITIONAL_SHARE = 0.03


def simplified_of(ch: str, is_simplified: Optional[bool] = None) -> Optional[str]:
    """The simplified form of a traditional-only character (None when ``ch`` is also simplified).

    ``is_simplified`` may be passed when already known (one query for a whole text).
    """
    lex = lexicon()
    if is_simplified if is_simplified is not None else ch in lex:  # 著, 乾: also simplified, left alone
        return None
    forms = Counter(e.simplified for e in lex.entries_by_traditional(ch) if len(e.simplified) == 1)
    return forms.most_common(1)[0][0] if forms else None


def to_simplified(text: str) -> tuple[str, bool]:
    """``text`` in simplified characters if it is mostly traditional; (text, converted)."""
    hanzi = [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
    if not hanzi:
        return text, False
    distinct = set(hanzi)
    simplified = lexicon().headwords(distinct)
    mapping = {ch: None if ch in simplified else simplified_of(ch, False) for ch in distinct}
    traditional = sum(1 for ch in hanzi if mapping[ch])
    if traditional < TRADITIONAL_SHARE * len(hanzi):
        return text, False
    return "".join(mapping.get(ch) or ch for ch in text), True
