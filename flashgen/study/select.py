"""Which tokens become study items: fragments out, and a default suited to the audience.

flashgen's users are intermediate and advanced learners, so by default the
list leaves out the most basic words: those graded HSK 1–2 and function words
(pronouns, conjunctions, prepositions, particles). ``Filters(min_hsk=1)``
(the CLI's ``--all`` or ``--min-hsk 1``) keeps them.

A single character is an item only when it is a word in its sentence (a verb,
a classifier, a noun used alone): one tagged as a name, a place or an
abbreviation (美 of 输美, 俄 of 中俄, 京 of a name) is a piece of something
longer and never an item; nor is one that jieba cut from a word
(:func:`cut_from_word`: 达 of 时间表|达 where the sentence says 表达, 装 of
轻|装|上阵, 衣 of the name 艾|衣|提): no sense of the character alone fits there, and a missing card is
better than a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from flashgen.chinese.hanzi import has_hanzi
from flashgen.chinese.levels import DEFAULT_STANDARD
from flashgen.models import PERSON_FLAGS, PROPER_FLAGS, HskStandard, Token, VocabItem

#: jieba flags never worth a card: punctuation, numerals, particles, interjections, onomatopoeia, Latin.
DROP_FLAGS = frozenset({"x", "w", "m", "mq", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e", "o", "eng"})
#: Function-word flags dropped when the word is a single character (和, 在, 也, 这, 个).
DROP_SINGLE_FLAGS = frozenset({"p", "c", "d", "r", "f", "q", "zg", "k", "h"})
#: A single character so tagged is a piece of a name, place or abbreviation.
FRAGMENT_FLAGS = PERSON_FLAGS | PROPER_FLAGS | {"j"}
#: Function words of any length, left out by default: pronouns, conjunctions, prepositions.
FUNCTION_WORD_FLAGS = frozenset({"r", "c", "p"})
#: Tags of a neighbour that makes no word with a single character: numerals, pronouns, particles, prepositions.
_GRAMMATICAL = ("x", "m", "eng", "u", "p", "c", "d", "r", "y", "q", "f")
#: Result and direction complements: a verb before one keeps its own sense (办|成, 抓|好), and so does the complement.
_COMPLEMENTS = frozenset("成好完到住掉起出开上下来去给在走")
#: Default lowest HSK level kept: HSK 1–2 words are left out for intermediate and advanced learners.
DEFAULT_MIN_HSK = 3


@dataclass
class Filters:
    """What the user wants in the list."""

    include_names: bool = False
    min_hsk: Optional[int] = DEFAULT_MIN_HSK  # drop words graded below this level (off-list words stay); 1 or None: all
    known: frozenset[str] = frozenset()
    limit: Optional[int] = None
    terms_only: bool = False
    hsk_standard: HskStandard = DEFAULT_STANDARD

    @property
    def basic_words_left_out(self) -> bool:
        """Whether HSK 1–2 words and function words are left out (the default)."""
        return self.min_hsk is not None and self.min_hsk > 2


def selection_note(filters: Filters) -> str:
    """One line for summaries and table footers saying what the default leaves out ("" when nothing)."""
    if not filters.basic_words_left_out:
        return ""
    if filters.min_hsk == DEFAULT_MIN_HSK:
        return "HSK 1–2 words and function words left out (--all keeps them)"
    return f"words below HSK {filters.min_hsk} and function words left out (--all keeps them)"


def wanted(token: Token, is_term: bool, include_names: bool) -> bool:
    """Whether a token of the text can be a study item (before the list's filters)."""
    if not has_hanzi(token.text):
        return False
    if is_term:
        return True
    if token.pos in DROP_FLAGS or any(not ch.isalpha() for ch in token.text):
        return False
    if len(token.text) == 1 and (token.pos in DROP_SINGLE_FLAGS or token.pos in FRAGMENT_FLAGS):
        return False
    if token.pos in PERSON_FLAGS and not include_names:
        return False
    return True


def cut_from_word(tokens: Sequence[Token], i: int) -> bool:
    """Whether the single-character token ``tokens[i]`` is a piece of a word jieba cut apart.

    Either it makes a dictionary word with the edge of a longer neighbour, and that word
    is more common than the neighbour (时间表|达 → 表达 is commoner than 时间表, so the
    sentence says 第一时间|表达), or it makes a word with a single-character neighbour
    that only jieba's dictionary knows, so no dictionary sense explains it (轻|装, 输|配),
    or it stands beside a lone character tagged as a person's name: a name cut apart
    (艾|衣|提 for the name 艾衣提 gets "clothes" for 衣).
    A neighbour that makes a CC-CEDICT word with it gets that word's sense instead
    ("(in 纾困)", chinese.senses).
    """
    text = tokens[i].text
    if len(text) != 1:
        return False
    from flashgen.chinese.lexicon import lexicon

    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if any(n is not None and len(n.text) == 1 and n.pos in PERSON_FLAGS for n in (prev, nxt)):
        return True  # 艾|衣|提, 古|丽: beside a lone character of a name, a character is part of that name
    for joined, neighbour in ((prev.text[-1:] + text if prev else "", prev), (text + nxt.text[:1] if nxt else "", nxt)):
        if neighbour is None or len(joined) != 2 or not all(ch.isalpha() for ch in joined):
            continue
        first, second = (neighbour, tokens[i]) if neighbour is prev else (tokens[i], neighbour)
        if len(neighbour.text) > 1:
            if joined in lexicon() and lexicon().zipf(joined) > lexicon().zipf(neighbour.text):
                return True
        elif (not neighbour.pos.startswith(_GRAMMATICAL) and not tokens[i].pos.startswith("q")
              and joined[1] not in _COMPLEMENTS and not (first.pos == "v" and second.pos.startswith("n"))
              and joined not in lexicon() and _jieba_word(joined)):
            return True  # 各|项: a demonstrative and a classifier; 办|成: a verb and its result; 交|税: a verb and its object
    return False


@lru_cache(maxsize=8192)
def _jieba_word(word: str) -> bool:
    """A word of jieba's dictionary that general Chinese uses (not one of its rare place names: 如山)."""
    from flashgen.chinese.lexicon import lexicon

    return lexicon().jieba_tag(word) is not None and lexicon().zipf(word) > 0


def kept(item: VocabItem, filters: Filters) -> bool:
    """Whether an item stays in the list under ``filters``."""
    if item.hanzi in filters.known or item.traditional in filters.known:
        return False
    if filters.terms_only and not item.term:
        return False
    if filters.min_hsk is not None and item.hsk is not None and item.hsk < filters.min_hsk:
        return False
    if filters.basic_words_left_out and not item.term and item.pos in FUNCTION_WORD_FLAGS:
        return False
    return bool(item.meanings)
