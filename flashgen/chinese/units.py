"""Whole units: put back together the names, slogans and words jieba cuts into pieces.

jieba, even with the glossary, cuts units a learner must see whole: a
transliterated name it does not know (马克 + 龙), a name before 先生 (涂 + 启明), a quoted project name or
numbered slogan (“三 + 保”), a reduplication (实 + 实在 + 在), a noun in a
suffix (使命 + 感), a Hong Kong place (大埔 + 道, 美孚 + 新 + 邨). Each rule
below joins adjacent tokens of one sentence; none crosses punctuation, and the
tokens still join back into the sentence exactly.

The character lists come from data: ``data/name_parts.tsv`` (transliteration
characters and place suffixes, derived from jieba's dictionary and CC-CEDICT by
``scripts/derive_name_parts.py``); titles are the glossary's ``title`` terms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Optional

from flashgen.chinese.glossary import glossary
from flashgen.chinese.hanzi import HANZI
from flashgen.models import PERSON_FLAGS, PROPER_FLAGS
from flashgen.resources import read_data_rows

Pair = tuple[str, str]

#: jieba flags of function words, numbers and punctuation: never part of a name.
FUNCTION_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "m", "mq", "q", "f", "x", "w",
                            "y", "e", "o", "k", "h", "t", "eng"})
#: Flags of a single character that can stand in a name: nouns, names, abbreviations, unknown.
_NAMEISH = frozenset({"n", "ng", "nr", "nrt", "nrfg", "ns", "nz", "nt", "j", "zg", "g"})
#: Noun-forming suffixes: 幸福 + 感, 系统 + 性, 现代 + 化, 增长 + 率 (力 only when the dictionary has the noun).
NOUN_SUFFIXES = "感性化率力"
_OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
#: Longest quoted unit joined into one item (“北部都会区” is 5 characters).
MAX_QUOTED = 6


@lru_cache(maxsize=1)
def name_parts() -> dict[str, frozenset[str]]:
    """``transliteration`` and ``place_suffix`` character sets of ``data/name_parts.tsv``."""
    return {key: frozenset(chars.strip()) for key, chars in read_data_rows("name_parts.tsv")}


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(t.hanzi for t in glossary().values() if t.category == "title")


@lru_cache(maxsize=4096)
def is_title(word: str) -> bool:
    """A glossary title (总统, 外长, 行政长官) or a head of something (局长, 署长, 院长: zhǎng and
    a noun in CC-CEDICT, so 增长 "to grow" and 擅长 cháng are none)."""
    if word in _titles():
        return True
    if len(word) < 2 or not word.endswith("长"):
        return False
    from flashgen.chinese.lexicon import lexicon

    entries = [e for e in lexicon().entries(word) if e.pinyin.lower().endswith("zhang3")]
    return any(e.senses and not e.senses[0].startswith("to ") for e in entries)


#: Honorifics after a name: 涂 + 启明 + 先生 is one name before 先生.
HONORIFICS = frozenset({"先生", "女士", "同志", "阁下", "夫人", "小姐"})


def _chinese_name_by_title(pairs: list[Pair], i: int) -> int:
    """End of a Chinese name cut up beside a title, or ``i`` when there is none: three characters
    after a title (局长 + 林 + 世 + 雄, 行政长官 + 李家 + 超), or a surname and one or two
    characters before an honorific (涂 + 启明 + 先生, 李 + 明 + 先生)."""
    from flashgen.chinese.segment import _is_surname

    if not _hanzi(pairs[i][0]) or not _is_surname(pairs[i][0][0]) \
            or pairs[i][1] in PERSON_FLAGS and len(pairs[i][0]) > 1:  # 外长 + 王毅 + 就: the name is whole already
        return i
    end, size = i, 0
    while end < len(pairs) and size < 3 and _hanzi(pairs[end][0]) and pairs[end][1] not in _STOP_FLAGS | {"d"} \
            and pairs[end][0] not in HONORIFICS:
        size += len(pairs[end][0])
        end += 1
    if end - i >= 2 and size == 3 and i > 0 and is_title(pairs[i - 1][0]):
        return end
    # before an honorific: a surname tagged a person, not inside a longer name (佐 + 立 + 克 + 先生), and
    # pieces that are no particle, conjunction or title (李 + 根 + 先生, not 新 + 大使 + 先生)
    if len(pairs[i][0]) > 1 or pairs[i][1] not in PERSON_FLAGS or i > 0 and len(pairs[i - 1][0]) == 1 and _hanzi(pairs[i - 1][0]) \
            and pairs[i - 1][1] not in FUNCTION_FLAGS:
        return i
    end, size = i + 1, 1
    while end < len(pairs) and size < 3 and _hanzi(pairs[end][0]) and pairs[end][0] not in HONORIFICS \
            and pairs[end][1][:1] not in ("c", "u", "x", "w") and not is_title(pairs[end][0]):
        size += len(pairs[end][0])
        end += 1
    return end if size in (2, 3) and end < len(pairs) and pairs[end][0] in HONORIFICS else i


#: A run of Chinese characters.
HANZI_RUN = re.compile(f"(?:{HANZI.pattern})+")


@lru_cache(maxsize=65536)
def _hanzi(word: str) -> bool:
    """Whether every character of ``word`` is a Chinese character (asked for every token, many times)."""
    return not word or HANZI_RUN.fullmatch(word) is not None


@lru_cache(maxsize=65536)
def _translit(word: str) -> bool:
    chars = name_parts()["transliteration"]
    return all(ch in chars for ch in word)


def join_units(pairs: list[Pair], known: Callable[[str], bool]) -> list[Pair]:
    """The tokens of one sentence with whole units joined (see the module docstring)."""
    pairs = _join_quoted(pairs, known)
    pairs = _join_reduplications(pairs, known)
    pairs = _join_names(pairs, known)
    pairs = _join_places(pairs)
    pairs = _join_features(pairs, known)
    return _join_suffixed(pairs, known)


def _merge(pairs: list[Pair], start: int, end: int, flag: str) -> list[Pair]:
    return pairs[:start] + [("".join(w for w, _ in pairs[start:end]), flag)] + pairs[end:]


def _dictionary_flag(word: str, default: str) -> str:
    from flashgen.chinese.lexicon import lexicon

    term = glossary().get(word)
    if term is not None:
        return term.tag
    return lexicon().jieba_tag(word) or default


def _join_quoted(pairs: list[Pair], known: Callable[[str], bool]) -> list[Pair]:
    """A short quoted name or slogan cut into a piece (“三 + 保”, “鲁班 + 工坊”) is one unit.

    Joined when the quote holds only hanzi, no function word (“会的” and
    “相由心生” are quoted speech) and is a dictionary word, at most four
    characters (“丝路 + 电商”), or at most MAX_QUOTED characters cut into a
    single character or a proper noun; a longer quote of ordinary words keeps
    its words.
    """
    i = 0
    while i < len(pairs):
        close = _OPEN_QUOTES.get(pairs[i][0])
        if close is None:
            i += 1
            continue
        end = next((j for j in range(i + 1, min(len(pairs), i + MAX_QUOTED + 2)) if pairs[j][0] == close), None)
        if end is None or end - i < 3:
            i += 1
            continue
        inner = pairs[i + 1:end]
        text = "".join(w for w, _ in inner)
        pieces = any(len(w) == 1 or f in PROPER_FLAGS or f in PERSON_FLAGS or f == "j" for w, f in inner)
        # a quoted phrase or saying (“会的”, “相由心生”) holds function words; a name or slogan does not
        phrase = any(f in FUNCTION_FLAGS and f not in ("m", "mq") for _, f in inner)
        # up to four characters a quoted name is short enough to be one unit (“丝路 + 电商”)
        short = len(text) <= 4
        if len(text) <= MAX_QUOTED and _hanzi(text) and (known(text) or ((pieces or short) and not phrase)):
            pairs = _merge(pairs, i + 1, end, _dictionary_flag(text, "nz"))
        i += 1
    return pairs


def _join_reduplications(pairs: list[Pair], known: Callable[[str], bool]) -> list[Pair]:
    """AABB reduplications of a word AB stay whole: 实实在在 (实在), 方方面面 (方面)."""
    starts, pos = [], 0
    for word, _ in pairs:
        starts.append(pos)
        pos += len(word)
    text = "".join(w for w, _ in pairs)
    for i in range(len(pairs) - 1, -1, -1):
        s = starts[i]
        quad = text[s:s + 4]
        if len(quad) < 4 or quad[0] != quad[1] or quad[2] != quad[3] or quad[0] == quad[2] or not _hanzi(quad):
            continue
        if not (known(quad) or known(quad[0] + quad[2])):
            continue
        try:
            end = starts.index(s + 4, i) if s + 4 < len(text) else len(pairs)
        except ValueError:
            continue  # the reduplication ends inside a token
        if end - i > 1:
            pairs = _merge(pairs, i, end, "z")
            starts = starts[:i + 1] + starts[end:]
    return pairs


#: Flags that stop a name even on a transliteration character (同 + 拜登: a preposition).
_STOP_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "m", "mq", "x", "w", "eng"})
#: Longest name joined from pieces (博索纳罗 4, 莫尔古洛夫 5, 谢莉维尔斯托娃 7).
MAX_NAME = 8


def _name_piece(pair: Pair, translit_only: bool) -> bool:
    word, flag = pair
    if not _hanzi(word) or flag in _STOP_FLAGS:
        return False
    if flag in FUNCTION_FLAGS:  # an adverb or classifier reading of a transliteration character (莫 of 莫尔古洛夫)
        return len(word) == 1 and _translit(word)
    # beside a title a piece may also be a character jieba tags a name or an abbreviation
    return _translit(word) or (not translit_only and len(word) == 1 and flag in _GIVEN_FLAGS | {"nrt"})


def _proper_name(word: str) -> Optional[str]:
    """The flag of a dictionary person or place name (马克龙 is in CC-CEDICT, not in jieba)."""
    from flashgen.chinese.lexicon import lexicon

    if word not in lexicon().proper_headwords():  # most candidates: no query
        return None
    entries = lexicon().entries(word)
    if entries and all(e.proper for e in entries):
        return "nr" if any("(name)" in s or "-)" in s or "president" in s for e in entries for s in e.senses) else "nz"
    return None


_GIVEN_FLAGS = frozenset({"nr", "nrfg", "j", "ng"})


def _surname_run(pairs: list[Pair], i: int) -> bool:
    """A single character tagged a person (a surname) followed by one or two single
    characters tagged as name pieces or abbreviations (金 + 京 + 叶)."""
    return (pairs[i][1] == "nr" and len(pairs[i][0]) == 1 and _hanzi(pairs[i][0]) and i + 1 < len(pairs)
            and len(pairs[i + 1][0]) == 1 and pairs[i + 1][1] in _GIVEN_FLAGS and _hanzi(pairs[i + 1][0]))


#: Verbs of travel before a place's abbreviation: 总理 + 访 + 韩 is a visit to Korea, no name.
_TRAVEL = frozenset("访赴抵驻离来返")


def _title_pair(pairs: list[Pair], i: int) -> bool:
    """Two lone characters between a title and a pause, one of them tagged a name or an abbreviation:
    a short foreign name jieba cut (总统 + 亚 + 明 + 、 Yameen, 总理 + 通 + 邢 + 、 Thongsing)."""
    if i == 0 or i + 2 > len(pairs) or not is_title(pairs[i - 1][0]):
        return False
    pair = pairs[i:i + 2]
    if any(len(w) != 1 or not _hanzi(w) or f in FUNCTION_FLAGS for w, f in pair) or pair[0][0] in _TRAVEL:
        return False
    pause = i + 2 == len(pairs) or not _hanzi(pairs[i + 2][0]) or pairs[i + 2][0] == "等"
    return pause and any(f in _GIVEN_FLAGS | {"nrt"} for _, f in pair)


def _runs(pairs: list[Pair]) -> tuple[list[bool], list[int], list[int]]:
    """For each token: whether it is all hanzi, where the run of all-hanzi tokens from it
    ends, and the next single-character token at or after it (``len(pairs)`` for none)."""
    n = len(pairs)
    hz = [_hanzi(w) for w, _ in pairs]
    hz_end, single_at = [n] * (n + 1), [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        hz_end[k] = hz_end[k + 1] if hz[k] else k
        single_at[k] = k if len(pairs[k][0]) == 1 else single_at[k + 1]
    return hz, hz_end, single_at


def _join_names(pairs: list[Pair], known: Callable[[str], bool]) -> list[Pair]:
    """Names cut into pieces: a dictionary name (马克 + 龙), pieces beside a title
    (总统 + 马克 + 龙), a run of transliteration characters (蓬 + 佩奥).

    Every position of a sentence is tried, so the cheap tests come first: which
    tokens are hanzi and single characters is worked out once per sentence (and
    again after a join), and a candidate name is looked up in CC-CEDICT only if
    it is one of its proper-noun headwords.
    """
    titles = _titles()
    hz, hz_end, single_at = _runs(pairs)
    i = 0
    while i < len(pairs):
        joined = False
        for n in (4, 3, 2):  # dictionary names first, longest first
            # n tokens, all hanzi, one of them a single character
            if i + n <= len(pairs) and hz_end[i] >= i + n and single_at[i] < i + n:
                flag = _proper_name("".join(w for w, _ in pairs[i:i + n]))
                # a two-character name must not swallow a function word (在 + 美 is no name)
                if flag and (n > 2 or all(f not in FUNCTION_FLAGS for _, f in pairs[i:i + n])):
                    pairs, joined = _merge(pairs, i, i + n, flag), True
                    break
        if not joined and hz[i] and (end := _chinese_name_by_title(pairs, i)) > i:
            pairs, joined = _merge(pairs, i, end, "nr"), True
        if not joined and hz[i]:
            end, size = i, 0
            near_title = (i > 0 and pairs[i - 1][0] in titles)
            while end < len(pairs) and hz[end] and _name_piece(pairs[end], translit_only=not near_title) \
                    and size + len(pairs[end][0]) <= MAX_NAME:
                size += len(pairs[end][0])
                end += 1
            if end - i >= 2 and single_at[i] < end:
                near_title = near_title or (end < len(pairs) and pairs[end][0] in titles)
                run = pairs[i:end]
                text = "".join(w for w, _ in run)
                if (near_title or (len(text) >= 3 and all(_translit(w) for w, _ in run))) and not known(text):
                    pairs, joined = _merge(pairs, i, end, "nrt"), True
        if not joined and _title_pair(pairs, i):  # 总统 + 亚 + 明 + 、: two characters of a name after a title
            pairs, joined = _merge(pairs, i, i + 2, "nr"), True
        if not joined and _surname_run(pairs, i):  # 金 + 京 + 叶: a surname and given-name characters
            end = i + 1
            while end < len(pairs) and end - i < 3 and len(pairs[end][0]) == 1 and pairs[end][1] in _GIVEN_FLAGS:
                end += 1
            pairs, joined = _merge(pairs, i, end, "nr"), True
        if joined:
            hz, hz_end, single_at = _runs(pairs)
        i += 1
    return pairs


_PLACE_SENSE = re.compile(r"\b(?:area|district|city|county|province|town|village|island|region|estate)\b|Hong Kong|Macau")


def _dictionary_place(word: str) -> bool:
    """A CC-CEDICT proper noun glossed as a place (旺角 "Mong Kok (area in Hong Kong)")."""
    from flashgen.chinese.lexicon import lexicon

    entries = lexicon().entries(word)
    return bool(entries) and all(e.proper for e in entries) and any(_PLACE_SENSE.search(x) for e in entries for x in e.senses)


#: Flags of a name a place suffix attaches to (not "nt": 外交部 + 省 is no place).
_PLACE_FLAGS = frozenset({"ns", "nz", "j", "nrt"})


def _join_places(pairs: list[Pair]) -> list[Pair]:
    """A place name and its suffix stay together: 大埔 + 道, 美孚 + 新 + 邨, 沙田 + 区."""
    suffixes = name_parts()["place_suffix"]
    i = 1
    while i < len(pairs):
        word, flag = pairs[i]
        if len(word) == 1 and word in suffixes:
            start = i
            # at most two single name characters (新 of 美孚新邨) between the name and the suffix
            while start > 0 and i - start < 2 and len(pairs[start - 1][0]) == 1 and _hanzi(pairs[start - 1][0]) \
                    and pairs[start - 1][1] in _NAMEISH | {"a"} and pairs[start - 1][0] not in suffixes:
                start -= 1
            if start > 0 and len(pairs[start - 1][0]) > 1 and _hanzi(pairs[start - 1][0]) \
                    and pairs[start - 1][0][-1] not in suffixes \
                    and (pairs[start - 1][1] in _PLACE_FLAGS or _dictionary_place(pairs[start - 1][0])):
                pairs = _merge(pairs, start - 1, i + 1, "ns")
                i = start
        i += 1
    return pairs


#: Sea features named by two characters and a suffix (礼乐 + 滩 Reed Bank, 渚 + 碧 + 礁 Subi Reef, 司令 + 礁).
FEATURE_SUFFIXES = "礁滩"


def _join_features(pairs: list[Pair], known: Callable[[str], bool]) -> list[Pair]:
    """A reef or shoal keeps its name: the two characters before 礁/滩 (礼乐 + 滩, 渚 + 碧 + 礁) are one
    place with the suffix, so 礼乐 is no "rites and music" item; a dictionary word stays one (岛 + 礁 → 岛礁)."""
    i = 1
    while i < len(pairs):
        if pairs[i][0] in FEATURE_SUFFIXES:
            start, size = i, 0
            while start > 0 and size < 2 and _hanzi(pairs[start - 1][0]) and size + len(pairs[start - 1][0]) <= 2 \
                    and pairs[start - 1][1] not in FUNCTION_FLAGS:
                start -= 1
                size += len(pairs[start][0])
            # a lone character before the suffix joins only if it makes a dictionary word (有关 + 岛 + 礁 → 岛礁)
            text = "".join(w for w, _ in pairs[start:i + 1])
            if size == 2 or size == 1 and known(text):
                pairs = _merge(pairs, start, i + 1, _dictionary_flag(text, "ns"))
                i = start
        i += 1
    return pairs


def _join_suffixed(pairs: list[Pair], known: Callable[[str], bool]) -> list[Pair]:
    """A noun in 感/性/化/率/力 stays whole: 使命 + 感 → 使命感 (力 only when a dictionary word)."""
    out: list[Pair] = []
    for word, flag in pairs:
        if out and len(word) == 1 and word in NOUN_SUFFIXES:
            prev, prev_flag = out[-1]
            joined = prev + word
            if len(prev) >= 2 and _hanzi(prev) and prev_flag not in FUNCTION_FLAGS and prev_flag not in PERSON_FLAGS \
                    and (known(joined) or word != "力"):
                out[-1] = (joined, "n")
                continue
        out.append((word, flag))
    return out


def suffixed_noun(word: str, known: Callable[[str], bool]) -> bool:
    """True for a noun made of a known word and a noun suffix (幸福感), which jieba may tag a name."""
    return len(word) >= 3 and word[-1] in NOUN_SUFFIXES[:-1] and known(word[:-1])
