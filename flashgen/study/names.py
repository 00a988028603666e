"""The names a text spells out, remembered over the whole text, and the items they turn into pieces.

A press conference names a country in full once (马尔代夫) and then by its
one-character abbreviation (中马关系, 马方, 访马); it names a person in full
(解晓岩) and then by surname and title (解特使); it cuts a name jieba does not
know into characters (亚|明|先生, 加利|温). Read alone, the pieces are common
words: 马 "horse", 解 "to solve", 明 "bright", 加利 "add + benefit". A sentence
alone cannot tell, the text can:

* a single character standing where an abbreviation stands (中X, X方, X中,
  访X, 赴X, 驻X, X总统, X政府 …) when the text names exactly one place that
  begins with it, is that place: the item's meaning is "Maldives (abbr.)" and
  its reading is written as a proper noun (Mǎ). When the text names two such
  places, a city CC-CEDICT places in the other gives way (马累, capital of the
  Maldives), else CC-CEDICT's own abbreviation decides (马 of 马来西亚 beside
  马尔代夫); else (澳门, 澳大利亚) the character is not an item: a missing card
  costs less than a wrong one;
* a composed meaning of a word tagged a place or an organisation whose first
  characters are such abbreviations names the places (中马 "China + Maldives",
  叙政府 "Syria + government", not "narrate + government");
* a single character before a title or honorific is a surname, not an item,
  when the text spells out a person's name that begins with it (解特使 after
  解晓岩); without that name it stays a word (应…邀请, 新大使);
* a character beside a lone name character whose pair the text uses before an
  honorific (亚|明|先生) is a piece of that name wherever the pair recurs, and
  so is a character that continues a person's name the text spells out;
* a word tagged a name or a place whose meaning would be composed and whose
  characters are all transliteration characters (加利), or no dictionary word
  (巴沙尔), or that is a place suffix after a name no dictionary knows as a
  place (礼乐滩 Reed Bank), is a name no dictionary knows: no item.

Places are CC-CEDICT proper nouns without a person's dates, and the glossary's
places; persons are tokens jieba tags as persons. Everything is learned once per
distinct token or distinct context, so the pass is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional, Sequence

from flashgen.chinese.glossary import glossary
from flashgen.chinese.hanzi import HANZI, NUMERALS
from flashgen.chinese.units import FEATURE_SUFFIXES, FUNCTION_FLAGS, HONORIFICS, is_title, name_parts
from flashgen.chinese.uses import Use
from flashgen.models import PERSON_FLAGS, Token, VocabItem

#: Tokens before an abbreviation: 中马关系, 访马, 赴马, 驻马, 抵马, 在利 (in Libya), 向老 (to Laos).
ABBR_BEFORE = frozenset({"中", "访", "赴", "驻", "抵", "离", "来", "返", "涉", "援", "在", "对", "向", "同", "与"})
#: Tokens after an abbreviation: 马方, 马中, 中马关系, 马政府, 马总统.
ABBR_AFTER = frozenset({"方", "中", "关系", "两国", "双边", "双方", "建交", "政府", "新政府", "总统", "总理", "外长",
                        "领导人", "国王", "议会", "军方", "警方", "边境", "使馆", "大使馆", "人民", "友好"})
#: What 中 abbreviates: the speaker's side, never a place the text has to name.
CHINA = "China"
#: Directions and positions: the first character of many places (北京, 南非, 东盟) but in a word a direction (缅北).
DIRECTIONS = frozenset("东南西北上下内外前后左右")
#: Flags of a character used as a noun (an abbreviation is one).
_NOUN_TAGS = frozenset({"n", "ns", "nr", "nz", "j", "ng"})
#: Flags of a lone character that may be part of a name (亚 of 亚|明).
_NAME_CHAR_TAGS = frozenset({"j", "nr", "nrt", "nrfg", "ng"})
#: A sense of a person (伊丽莎白 "Elizabeth (person name)") or of a short form that is no abbreviation's source
#: (印尼 "Indonesia (abbr. for 印度尼西亚)": 中印 is China and India).
_NOT_A_SOURCE = ("surname", "name)", "abbr.")
#: A person's dates in a CC-CEDICT sense: "Wang Yi (1953-)", "Confucius (551-479 BC)".
_LIFE_DATES = re.compile(r"\(\w*\s?\d{1,4}(?: BC)?-")
#: Characters that abbreviate China (访华, 中马): never another place the text names (华盛顿, 华为).
CHINA_CHARS = frozenset("中华")


@lru_cache(maxsize=8192)
def place_name(word: str) -> Optional[str]:
    """The English name of a place CC-CEDICT or the glossary knows (马尔代夫 → "Maldives"), else None."""
    term = glossary().get(word)
    if term is not None:  # a glossary organisation (亚太经合组织 APEC) is no place; nor is a pair of places (亚太)
        found = term.renderings[0] if term.category == "place" and term.renderings else ""
        return None if not found or " and " in found or "-" in found or "," in found else found
    from flashgen.chinese.lexicon import lexicon

    if word not in lexicon().proper_headwords():
        return None
    entries = lexicon().entries(word)
    if not entries or not all(e.proper for e in entries) or not entries[0].senses:
        return None
    sense = entries[0].senses[0]
    name = sense.split(",")[0].split(";")[0].split(" (")[0].strip()
    if any(m in sense for m in _NOT_A_SOURCE) or " and " in name or "-" in name or not name[:1].isalpha():
        return None  # a person, an abbreviation, a pair of places (印巴 "India and Pakistan")
    if any(_LIFE_DATES.search(x) for e in entries for x in e.senses):
        return None
    return name[4:] if name.startswith("the ") else name


@lru_cache(maxsize=4096)
def _senses(word: str) -> str:
    """Every CC-CEDICT sense of ``word``, joined (where a city is: "Malé, capital of Maldives")."""
    from flashgen.chinese.lexicon import lexicon

    return "; ".join(x for e in lexicon().entries(word) for x in e.senses)


@lru_cache(maxsize=1024)
def _dictionary_abbreviation(char: str) -> str:
    """CC-CEDICT's proper senses of a character that name what it abbreviates ("abbr. for 印度"), joined."""
    from flashgen.chinese.lexicon import lexicon

    return "; ".join(x for e in lexicon().entries(char) if e.proper for x in e.senses if "abbr." in x)


def _person_name(word: str) -> bool:
    """A person's full name: no place, and no dictionary word after its first character (jieba's HMM also
    tags 应安倍 of 应安倍邀请, 加方称玉 as persons)."""
    from flashgen.chinese.lexicon import lexicon

    if place_name(word) is not None or word[-1] in "方国" or word[1] == "方":
        return False
    if len(word) == 2 and (lexicon().jieba_tag(word[1]) or "") in FUNCTION_FLAGS:
        return False  # 伊|将
    return not any(word[i:j] in lexicon() or word[i:j] in glossary()
                   for i in range(len(word)) for j in range(i + 2 if i else 3, len(word) + (i > 0)))


@dataclass
class NameMemory:
    """What one text teaches about its names (fed token by token, asked at the end)."""

    places: dict[str, dict[str, str]] = field(default_factory=dict)  # first character → {place: English name}
    persons: set[str] = field(default_factory=set)  # full names of persons (解晓岩)
    initials: set[str] = field(default_factory=set)  # their first characters (解)

    def learn(self, token: Token) -> None:
        """Remember a distinct token if it is a place's or a person's full name."""
        word, pos = token.text, token.pos
        if len(word) < 2 or not HANZI.match(word):
            return
        if pos in PERSON_FLAGS:
            if len(word) <= 4 and _person_name(word):
                self.persons.add(word)
                self.initials.add(word[0])
            return
        english = place_name(word)
        if english and word[0] not in CHINA_CHARS and word[0] not in DIRECTIONS:
            self.places.setdefault(word[0], {})[word] = english

    def abbreviates(self, char: str) -> Optional[str]:
        """The English name of the one place the text names that ``char`` abbreviates, else None.

        Places that all begin with the shortest (朝鲜, 朝鲜半岛) are that one; two others
        (澳门, 澳大利亚) leave the character ambiguous unless CC-CEDICT says which it abbreviates.
        """
        found = self.abbreviated(char)
        return found[1] if found else None

    def abbreviated(self, char: str) -> Optional[tuple[str, str]]:
        """(place, English name) of :meth:`abbreviates`."""
        if char == "中":
            return "中国", CHINA
        found = self.places.get(char)
        if not found:
            return None
        shortest = min(found, key=len)
        if all(w.startswith(shortest) for w in found) or len(set(found.values())) == 1:
            return shortest, found[shortest]
        # a city in a country the text names is inside it (马累 "Malé, capital of Maldives" beside 马尔代夫)
        for w, e in found.items():
            if all(e in _senses(other) for other in found if other != w):
                return w, e
        # several places: the one CC-CEDICT says the character abbreviates (印度 for 印, beside 印度尼西亚)
        own = _dictionary_abbreviation(char)
        named = {(w, e) for w, e in found.items() if w in own}
        return named.pop() if len({e for _, e in named}) == 1 else None

    def ambiguous(self, char: str) -> bool:
        """Whether the text names several places ``char`` may abbreviate."""
        return char in self.places and self.abbreviates(char) is None

    def slot(self, word: str, use: Use) -> bool:
        """Whether ``word`` stands where an abbreviation stands (中马关系, 马方, 访马, 雅|万)."""
        if use.prev in ABBR_BEFORE or use.next in ABBR_AFTER:
            return True
        # beside another abbreviation of a place the text names: 雅|万 (雅加达, 万隆)
        return any(len(n) == 1 and n != word and n in self.places for n in (use.prev, use.next))

    def surname(self, word: str, use: Use) -> bool:
        """A surname before a title or honorific, of a person the text names in full (解 of 解特使); not a
        place's abbreviation (伊 of 伊总统 where the text names 伊朗)."""
        return word in self.initials and word not in self.persons and word not in self.places \
            and (use.next in HONORIFICS or is_title(use.next))


def name_pairs(seen_uses: dict[str, Sequence[Use]]) -> set[tuple[str, str]]:
    """Pairs of lone characters the text uses as a name before an honorific (亚|明|先生 → ("亚", "明"))."""
    pairs = set()
    for word, uses in seen_uses.items():
        if len(word) != 1:
            continue
        for use in set(uses):
            if use.next in HONORIFICS and len(use.prev) == 1 and use.prev_pos in _NAME_CHAR_TAGS:
                pairs.add((use.prev, word))
    return pairs


def name_piece(memory: NameMemory, pairs: set[tuple[str, str]], word: str, use: Use, reading: str = "") -> bool:
    """Whether this occurrence of ``word`` (read ``reading``) is a piece of a name the text spells out."""
    if len(word) == 1 and memory.surname(word, use):
        from flashgen.chinese.senses import sense_in

        # a surname the dictionary already reads as the person (习 "Xi (Jinping)" before 主席) stays an item
        return not (reading and sense_in(word, reading, use)[1])
    if (use.prev, word) in pairs:
        return True
    # a character that continues a person's name cut apart here (登|盛|总统 where the text has 登盛)
    for joined in (use.prev + word if len(use.prev) == 1 else "", word + use.next if len(use.next) == 1 else ""):
        if joined and joined[0] in memory.initials and any(joined in p for p in memory.persons if p != word):
            return True
    return False


def keep_mask(memory: NameMemory, pairs: set[tuple[str, str]], word: str, uses: Sequence[Use],
              readings: Sequence[str]) -> list[bool]:
    """For each occurrence of ``word`` (its context and numbered reading): False where it is a piece of a
    name or an abbreviation of one of several places the text names."""
    if len(word) > 2:
        return [True] * len(uses)
    memo: dict[tuple[Use, str], bool] = {}
    if len(word) == 1 and memory.ambiguous(word) and any(memory.slot(word, u) for u in set(uses)):
        return [False] * len(uses)  # 中马关系 where the text names 马来西亚 and 马尔代夫: no item at all
    out = []
    for use, reading in zip(uses, readings):
        keep = memo.get((use, reading))
        if keep is None:
            keep = memo[(use, reading)] = not name_piece(memory, pairs, word, use, reading)
        out.append(keep)
    return out


def settle(memory: NameMemory, item: VocabItem, uses: Sequence[Use]) -> Optional[VocabItem]:
    """The item as the text's names make it: an abbreviation's place, a composed place, or None (no item)."""
    word = item.hanzi
    if len(word) == 1:
        found = memory.abbreviated(word)
        if found is None or word in CHINA_CHARS or item.term:
            return item
        place, english = found
        if english.lower() in " ".join(item.meanings[:1]).lower():
            return item  # CC-CEDICT's own proper sense already says so
        in_slot = [memory.slot(word, u) for u in uses]
        slots = sum(in_slot)
        # the dictionary's own abbreviation of the place the text names (美 of 美国, 老 of 老挝): one slot is
        # enough, or a noun use (了|美|对); another character needs slots for half its uses, or one slot and
        # nouns elsewhere (马 of 马尔代夫 in 赴马游客, 马进步党)
        own = place in _dictionary_abbreviation(word)
        nouns = all(s or u.pos in _NOUN_TAGS for s, u in zip(in_slot, uses))
        if not (own and (slots or item.pos in _NOUN_TAGS) or slots and (slots * 2 >= len(uses) or nouns)):
            return item
        return replace(item, meanings=[f"{english} (abbr.)"], pinyin=item.pinyin[:1].upper() + item.pinyin[1:],
                       examples=[replace(e, sense="") for e in item.examples], meaning_source="cedict",
                       category="place")
    if not item.composed:
        return item
    if item.pos in PERSON_FLAGS | {"ns", "nz"} and all(ch in name_parts()["transliteration"] for ch in word):
        return None  # 加利, 拉马: a name no dictionary knows, not "add + benefit"
    if item.pos not in {"ns", "nt", "nz", "j"} | PERSON_FLAGS:
        return item
    names: list[str] = []
    for ch in word[:2]:
        part = memory.abbreviates(ch)
        if part is None:
            break
        names.append(part)
    parts = item.meanings[0].split(" + ") if item.meanings else []
    rest = word[len(names):]
    # only abbreviations side by side (中马, 中拉) or before what follows one (叙政府, 缅北): 新形势, 越界捕捞 are words
    slot = (not rest or rest in ABBR_AFTER or rest in DIRECTIONS) and word[0] != "新"  # 新政府 "new government"
    if slot and names and names != [CHINA] and len(parts) == len(names) + (len(word) > len(names)):
        # only a part glossed as a common word is replaced (马 "horse"); a proper gloss stays ("the Arab states …")
        new = [n if not any(c.isupper() for c in p) else p for n, p in zip(names, parts)] + parts[len(names):]
        return replace(item, meanings=[" + ".join(new), *item.meanings[1:]])  # 中马 "China + Maldives"
    if item.pos == "ns" and _unknown_place(word):
        return None  # 礼乐滩 Reed Bank, 莫尔斯比港: a place no dictionary knows, not "rites and music + beach"
    if item.pos in PERSON_FLAGS | {"ns"} and _no_parts(word) and not any(c.isupper() for p in parts[1:] for c in p):
        # (中越 "China + Vietnam", 离京 "leave + Beijing": the dictionary's own abbreviations already fit)
        return None  # 巴沙尔, 中老 without 老挝: characters of a name, not "long for + granule + thus"
    return item


def _no_parts(word: str) -> bool:
    """Characters of a name: no dictionary word spans two of them, and half of them are transliteration
    characters or the first is 中 (中老); 北南, 新旧 and 馆内 are words jieba tagged a place."""
    from flashgen.chinese.lexicon import lexicon

    if word[-1] in name_parts()["place_suffix"] or word[0] in NUMERALS:
        return False
    foreign = sum(ch in name_parts()["transliteration"] for ch in word)
    if foreign * 2 < len(word) and word[0] != "中":
        return False
    return not any(word[i:j] in lexicon() for i in range(len(word)) for j in range(i + 2, len(word) + 1))


def _unknown_place(word: str) -> bool:
    """A reef's or a foreign name and a place suffix (滩, 礁, 港, 市, 省 …) no dictionary knows: 礼乐滩, 莫尔斯比港
    (not 湛江港, 西哈努克市, 东北三省, 中国台湾, 美孚新邨: a known name, a numeral, a word, Chinese characters)."""
    from flashgen.chinese.lexicon import lexicon

    if len(word) < 3 or word[-1] not in FEATURE_SUFFIXES and word[-1] not in name_parts()["place_suffix"]:
        return False
    head = word[:-1]
    if word[0] in NUMERALS or word[-2] in NUMERALS or word[-2:] in lexicon():
        return False
    # a town or road of Chinese characters may be composed (美孚新邨 "Mobil + new + village"); a foreign
    # name (莫尔斯比港) or a reef's (礼乐滩) may not
    foreign = sum(ch in name_parts()["transliteration"] for ch in head) * 2 > len(head)
    return (foreign or word[-1] in FEATURE_SUFFIXES) and place_name(head) is None \
        and head not in lexicon().proper_headwords()
