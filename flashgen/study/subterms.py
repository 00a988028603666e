"""Sub-terms: the glossary terms and established words inside a long term become items too.

The segmenter keeps a glossary term whole (中欧投资协定), so the shorter term
every other text uses (投资协定) would never be seen in this one. Each long
term therefore also yields the glossary terms inside it and the words of its
dictionary split (联合国安理会 → 联合国 + 安理会); each sub-term gets the long
term's occurrences (and sentences) as its own, and the two are linked both
ways (``VocabItem.related``). Idioms, names, places and reduplications are
units whose parts are no terms of their own and yield nothing, as do
parallel formulas (一带一路: 一带 and 一路 are other words). Nor is a fragment of
the split whose own sense is not its sense in the term (一个中国: 个中 "therein";
六方会谈: 六方 "hexagonal"; 国务委员: 国务 "affairs of state"): see :func:`_split_parts`.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from functools import lru_cache
from typing import Callable, MutableMapping, Protocol, TypeVar

from flashgen.chinese.glossary import glossary
from flashgen.chinese.hanzi import NUMERALS
from flashgen.chinese.segment import dictionary_word
from flashgen.models import PERSON_FLAGS, Sentence, Token

#: Shortest item that is searched for sub-terms.
MIN_LENGTH = 4
#: Flags of units whose parts are not terms: names, places, idioms, set phrases, reduplications.
_WHOLE_FLAGS = PERSON_FLAGS | {"ns", "i", "l", "z"}


class Occurrences(Protocol):
    tokens: list[Token]
    sentences: list[Sentence]


O = TypeVar("O", bound=Occurrences)


@lru_cache(maxsize=4096)
def sub_terms(word: str, flag: str = "n") -> tuple[str, ...]:
    """Glossary terms and dictionary words (two characters or more) inside ``word``.

    中欧投资协定 → 中欧, 投资协定; nothing for short words, idioms, names and places.
    """
    if len(word) < MIN_LENGTH or flag in _WHOLE_FLAGS or _idiom(word) or _parallel(word):
        return ()
    terms = glossary()
    found = [word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1)
             if (i, j) != (0, len(word)) and word[i:j] in terms]
    found += _split_parts(word)
    # a glossary term inside a longer glossary sub-term is that one's sub-term, not this word's
    direct = [s for s in dict.fromkeys(found) if not any(s != o and s in o and o in terms for o in found)]
    return tuple(sorted(direct, key=word.find))


#: Numerals and the classifiers after them: a part that is a count is no term (六方会谈: 六方 "hexagonal";
#: 二十国集团: 二十 "twenty"), unlike words that open with a numeral (一贯, 两岸, 两国).
_COUNTED = NUMERALS | frozenset("方个项点条位届次")
#: Affixes and 的: a leftover one beside a part does not make the split doubtful (总|参谋长, 房地产|业, 区别|的).
_PREFIXES = frozenset("总副")
_SUFFIXES = frozenset("家业区价率者性化员界型式权费的")
#: A title's modifier is an item only if the ministry's press conferences use it on its own this often (Zipf:
#: ten times per million words): 国家主席 keeps 国家, 国务委员 drops 国务 "affairs of state" (Zipf 3.96).
_FREE_IN_TITLE = 4.0


def _split_parts(word: str) -> list[str]:
    """The words of ``word``'s dictionary split that are terms of their own inside it.

    Not a part that makes a more common word with a leftover character beside it, as the split cut that
    word (一|个中|国 cuts 一个, 中|小企业 cuts 中小, 中|低产|田 cuts 中低), nor one between two leftover
    characters of a four-character word (以|人为|本: 人为 "artificial"); not a count (六方会谈: 六方
    "hexagonal"); not a title's modifier the genre does not use on its own (国务委员: 国务 "affairs of
    state"); a negated word is 不 + the word (不负责任: 负责任, not 不负 "to live up to").
    """
    from flashgen.chinese.mfa_frequency import mfa_zipf

    term = glossary().get(word)
    title = term is not None and term.category == "title"
    parts = _split(word, dictionary_word)
    # 不负|责任 cuts 负责: the word is 不 + 负责任 (not 不干涉|内政, whose first part is a word of its own)
    negated = (len(parts) > 1 and len(parts[0]) == 2 and word[0] == "不" and dictionary_word(word[1:])
               and _known(parts[0][1] + parts[1][0]))
    if negated:
        parts = [word[0], word[1:]]
    kept = []
    for k, part in enumerate(parts):
        if len(part) < 2 or (part[0] in NUMERALS and part[1] in _COUNTED):
            continue
        # a leftover character beside the part, unless an affix (总|参谋长, 地质学|家, 最低收购|价)
        left = parts[k - 1] if k > 0 and not negated and parts[k - 1] not in _PREFIXES else ""
        right = parts[k + 1] if k + 1 < len(parts) and parts[k + 1] not in _SUFFIXES else ""
        if (_cut_by(left + part[0], part) or _cut_by(part[-1] + right, part)
                or (len(word) == 4 and len(left) == 1 and len(right) == 1)):
            continue
        if title and k + 1 < len(parts) and (mfa_zipf(part) or 0.0) < _FREE_IN_TITLE:
            continue
        kept.append(part)
    return kept


def _known(word: str) -> bool:
    """A word of the dictionary or of the segmenter's (高新, 中小, 岛礁 are jieba's only)."""
    from flashgen.chinese.lexicon import lexicon

    return dictionary_word(word) or lexicon().jieba_tag(word) is not None


def _cut_by(across: str, part: str) -> bool:
    """Whether ``across`` (a leftover character and the part's edge) is a word more common than the part,
    so that the split cut it (一个 over 个中, 中小 over 小企业), not a chance pair (大作 beside 作用)."""
    from flashgen.chinese.lexicon import lexicon

    return len(across) == 2 and _known(across) and lexicon().zipf(across) > lexicon().zipf(part)


def _parallel(word: str) -> bool:
    """A parallel formula A-X-A-Y (一带一路, 不折不扣): its halves are no terms (一带 "region")."""
    return len(word) == 4 and word[0] == word[2]


def _idiom(word: str) -> bool:
    term = glossary().get(word)
    if term is not None:
        return term.category == "idiom"
    from flashgen.chinese.lexicon import lexicon

    return any("(idiom)" in s for e in lexicon().entries(word) for s in e.senses)


def _split(word: str, known: Callable[[str], bool]) -> list[str]:
    """``word`` as the fewest known words shorter than itself (single characters as a last resort)."""
    n = len(word)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            if (i, j) != (0, n) and (j - i == 1 or known(word[i:j])):
                # fewest parts first; among as many, the longest first part
                options.append((best[j][0] - 1 - (0.5 if j - i == 1 else 0.0) + math.log(j - i) / 100, j))
        best[i] = max(options)
    parts, i = [], 0
    while i < n:
        parts.append(word[i:best[i][1]])
        i = best[i][1]
    return parts


def _sub_token(parent: Token, sub: str, tag: str) -> Token:
    """The sub-term's token inside an occurrence of ``parent``, its reading cut from the parent's."""
    from flashgen.study.annotate import marked_reading

    syllables = parent.pinyin_numbered.split()
    start = parent.text.find(sub)
    if len(syllables) != len(parent.text) or start < 0:
        from flashgen.study.annotate import token_reading

        part = token_reading(sub, tag, {})
    else:
        part = tuple(syllables[start:start + len(sub)])
    term = glossary().get(sub)
    if term is not None and term.pinyin_numbered:
        part = tuple(term.pinyin_numbered.split())
    else:
        # A long term may spell a full tone where the word alone is neutral (两国关系 guānxì, 关系 guānxi):
        # the sub-term keeps the word's own reading, so it is one item with the word's other occurrences.
        from flashgen.chinese.reading import numbered
        from flashgen.chinese.tones import same_but_neutral

        own = numbered(sub, tag)
        if same_but_neutral(own, part):
            part = own
    return Token(sub, tag, marked_reading(sub, part), " ".join(part))


def add_sub_terms(seen: MutableMapping[str, O], new: Callable[[], O]) -> dict[str, list[str]]:
    """Give every sub-term of a long item the long item's occurrences; return the links both ways.

    ``seen`` maps words to their occurrences (tokens, sentences) and grows by
    the sub-terms not yet in it (made with ``new``); longer words are expanded
    first, so a sub-term that is long itself (投资协定) is expanded in turn.
    """
    from flashgen.chinese.lexicon import lexicon

    links: dict[str, list[str]] = defaultdict(list)
    # Longest first; of words as long, the earlier first (a heap: a big text has a hundred thousand words).
    queue = [(-len(word), k, word) for k, word in enumerate(sorted(seen, key=len, reverse=True))]
    added = len(queue)
    done: set[str] = set()
    parts: dict[tuple[int, str, str], Token] = {}  # (token, sub-term, tag) → the sub-term's token
    held: dict[str, set[int]] = {}  # word → its sentences (by identity), made when sub-terms are added to it
    while queue:
        word = heapq.heappop(queue)[2]
        if word in done:
            continue
        done.add(word)
        occ = seen[word]
        if word in held:  # sentences were added: in text order before they are passed on (a stable sort, once)
            occ.sentences.sort(key=lambda s: s.index)
        flag = occ.tokens[0].pos if occ.tokens else "n"
        for sub in sub_terms(word, flag):
            term = glossary().get(sub)  # a place stays a place (朝鲜半岛 is not cut into 朝鲜 + 半岛 in turn)
            tag = term.tag if term is not None else (lexicon().jieba_tag(sub) or "n")
            if tag in PERSON_FLAGS:
                continue
            target = seen.get(sub)
            if target is None:
                target = seen[sub] = new()
            for token in occ.tokens:  # occurrences share their tokens: so do their sub-terms'
                key = (id(token), sub, tag)
                part = parts.get(key)
                if part is None:
                    part = parts[key] = _sub_token(token, sub, tag)
                target.tokens.append(part)
            ids = held.get(sub)
            if ids is None:
                ids = held[sub] = {id(s) for s in target.sentences}
            for sentence in occ.sentences:
                if id(sentence) not in ids:
                    ids.add(id(sentence))
                    target.sentences.append(sentence)
            links[word].append(sub)
            links[sub].append(word)
            if len(sub) >= MIN_LENGTH:
                heapq.heappush(queue, (-len(sub), added, sub))
                added += 1
    for word in held.keys() - done:
        seen[word].sentences.sort(key=lambda s: s.index)
    return links
