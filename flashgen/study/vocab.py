"""Select stage: the transcript's vocabulary, annotated and ranked by usefulness.

Ranking: diplomatic glossary terms first (most frequent in the text first),
then every other word by keyness — how much more often it occurs in this text
than both in general Chinese (wordfreq) and in the Foreign Ministry's press
conferences (data/mfa-frequency.tsv), weighted by its count — so the words that
make this text what it is come before the words every learner knows and the
set phrases every briefing repeats.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Optional, Sequence

from flashgen.chinese.glossary import glossary
from flashgen.chinese.levels import DEFAULT_STANDARD, hsk_level
from flashgen.chinese.lexicon import lexicon
from flashgen.chinese.meaning import dictionary_meaning, merge_meanings
from flashgen.chinese.overrides import Override
from flashgen.chinese.senses import Choice, Use, choose, use_at
from flashgen.models import PERSON_FLAGS, Example, HskStandard, Sentence, Token, VocabItem
from flashgen.chinese.hanzi import has_hanzi
from flashgen.chinese.reading import prefers_proper, sentence_numbered, sentence_pinyin, to_zhuyin
from flashgen.study.names import NameMemory, keep_mask, name_pairs, settle
from flashgen.study.select import Filters, cut_from_word, kept, wanted
from flashgen.study.subterms import add_sub_terms

__all__ = ["Filters", "VocabFold", "build_vocab", "word_item"]

_CATEGORY_OF_FLAG = {"nr": "name", "nrt": "name", "nrfg": "name", "ns": "place", "nt": "organisation"}
MAX_EXAMPLES = 3


@dataclass
class _Occurrences:
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Each token's context and its sentence, in two lists (a pair per occurrence would cost 64 bytes more).
    uses: list[Use] = field(default_factory=list)
    where: list[Sentence] = field(default_factory=list)


def build_vocab(
    sentences: Iterable[Sentence],
    filters: Filters | None = None,
    overrides: Mapping[str, Override] | None = None,
) -> list[VocabItem]:
    """Aggregate the tokens of annotated sentences into ranked vocabulary items."""
    fold = VocabFold(filters)
    fold.add(sentences)
    return fold.items(overrides)


class VocabFold:
    """The vocabulary in the making: annotated sentences are folded in block by block, the items made at the end.

    Each distinct token (tokens are shared objects) is classified once, and each
    distinct context (the tokens around an occurrence) is one :class:`Use`.
    """

    def __init__(self, filters: Filters | None = None) -> None:
        self.filters = filters or Filters()
        self.seen: dict[str, _Occurrences] = defaultdict(_Occurrences)
        self.total = 0  # running words: tokens holding Chinese characters
        self._terms = glossary()
        self._kinds: dict[int, int] = {}  # token → _NO_HANZI, _NOT_WANTED, _TERM or _WORD
        self._contexts: dict[Use, Use] = {}  # one shared Use for each distinct context
        self._cut: dict[tuple[int, int, int], bool] = {}  # (token before, token, token after) → a piece of a cut word
        self.names = NameMemory()  # the text's places and persons (study.names)

    def add(self, sentences: Iterable[Sentence]) -> None:
        """Fold in the tokens of ``sentences`` (annotated, in text order)."""
        kinds, contexts, cuts, seen = self._kinds, self._contexts, self._cut, self.seen
        include_names = self.filters.include_names
        for sentence in sentences:
            tokens = sentence.tokens
            for i, token in enumerate(tokens):
                kind = kinds.get(id(token))
                if kind is None:
                    kind = kinds[id(token)] = _kind(token, token.text in self._terms, include_names)
                    self.names.learn(token)
                if kind == _NO_HANZI:
                    continue
                self.total += 1
                if kind == _NOT_WANTED:
                    continue
                if kind == _WORD:
                    key = (id(tokens[i - 1]) if i else 0, id(token), id(tokens[i + 1]) if i + 1 < len(tokens) else 0)
                    cut = cuts.get(key)
                    if cut is None:
                        cut = cuts[key] = cut_from_word(tokens, i)
                    if cut:
                        continue
                use = use_at(tokens, i)
                occ = seen[token.text]
                occ.tokens.append(token)
                occ.uses.append(contexts.setdefault(use, use))
                occ.where.append(sentence)
                if not occ.sentences or occ.sentences[-1] is not sentence:
                    occ.sentences.append(sentence)

    def items(self, overrides: Mapping[str, Override] | None = None) -> list[VocabItem]:
        """The ranked vocabulary items of everything folded in (call once: sub-terms are added to the fold)."""
        filters, overrides, seen = self.filters, overrides or {}, self.seen
        # One sentence serves as the example of many words: its readings are worked out once
        # (keyed by object identity, as sentences built by hand may share an index).
        readings: dict[int, tuple[str, str]] = {}
        _drop_name_pieces(seen, self.names)
        links = add_sub_terms(seen, _Occurrences)
        made = [_item(word, part, self.total, overrides, filters, readings, self.names)
                for word, occ in seen.items() for part in _by_reading(word, occ)]
        items = [i for i in made if i is not None and kept(i, filters)]
        _link(items, links)
        items.sort(key=lambda i: (-i.score, i.hanzi))
        return items[: filters.limit] if filters.limit else items


_NO_HANZI, _NOT_WANTED, _TERM, _WORD = range(4)


def _drop_name_pieces(seen: dict[str, _Occurrences], names: NameMemory) -> None:
    """Leave out the occurrences that are pieces of a name the text spells out (study.names); a word left
    with none is no item."""
    pairs = name_pairs({w: occ.uses for w, occ in seen.items() if len(w) == 1})
    for word in [w for w in seen if len(w) <= 2 and w not in glossary()]:
        occ = seen[word]
        mask = keep_mask(names, pairs, word, occ.uses, [t.pinyin_numbered for t in occ.tokens])
        if all(mask):
            continue
        if not any(mask):
            del seen[word]
            continue
        kept_at = [k for k, keep in enumerate(mask) if keep]
        occ.tokens = [occ.tokens[k] for k in kept_at] + occ.tokens[len(mask):]
        occ.uses = [occ.uses[k] for k in kept_at]
        occ.where = [occ.where[k] for k in kept_at]
        occ.sentences = list({id(s): s for s in occ.where}.values())


def _kind(token: Token, is_term: bool, include_names: bool) -> int:
    """What a distinct token is to the fold: no running word, no candidate, a glossary term, another candidate."""
    if not has_hanzi(token.text):
        return _NO_HANZI
    if not wanted(token, is_term, include_names):
        return _NOT_WANTED
    return _TERM if is_term else _WORD


def _by_reading(word: str, occ: _Occurrences) -> list[_Occurrences]:
    """The occurrences of ``word`` split by reading, the most frequent first: one item per
    reading (长 cháng "long" and 长 zhǎng "to grow" are two items, each with its examples)."""
    groups: dict[str, _Occurrences] = defaultdict(_Occurrences)
    for k, token in enumerate(occ.tokens):
        group = groups[token.pinyin_numbered.lower()]
        group.tokens.append(token)
        if k < len(occ.uses):  # tokens and their contexts stay paired (sub-terms have none)
            group.uses.append(occ.uses[k])
            group.where.append(occ.where[k])
    if len(groups) < 2:
        return [occ]
    ordered = sorted(groups, key=lambda r: -len(groups[r].tokens))
    for sentence in occ.sentences:
        said = {t.pinyin_numbered.lower() for t in sentence.tokens if t.text == word} & groups.keys()
        for reading in said or ordered[:1]:
            groups[reading].sentences.append(sentence)
    return [groups[r] for r in ordered]


def item_keys(items: Sequence[VocabItem]) -> list[str]:
    """The identity of each item (Anki note, quiz card), in list order: its hanzi, so that a
    corrected reading or meaning updates the note; a second item of the same hanzi, another
    reading of it (长 zhǎng after 长 cháng), is ``hanzi|reading``."""
    first: dict[str, str] = {}  # hanzi → the reading of its first item
    keys = []
    for item in items:
        reading = item.pinyin_numbered.lower()
        same = first.setdefault(item.hanzi, reading) == reading
        keys.append(item.hanzi if same else f"{item.hanzi}|{reading}")
    return keys


def _link(items: list[VocabItem], links: Mapping[str, list[str]]) -> None:
    """Name on each item the listed long terms it is part of and the sub-terms it holds."""
    listed = {i.hanzi for i in items}
    for item in items:
        item.related = [w for w in dict.fromkeys(links.get(item.hanzi, ())) if w in listed and w != item.hanzi]


def _category(pos: str, pinyin: str) -> Optional[str]:
    """"name" for persons; "place"/"organisation" only when read as a proper noun (安宁 ānníng is not a place)."""
    if pos in PERSON_FLAGS:
        return "name"
    return _CATEGORY_OF_FLAG.get(pos) if pinyin[:1].isupper() else None


def word_item(
    word: str,
    syllables: tuple[str, ...],
    pinyin: str,
    proper: bool,
    overrides: Mapping[str, Override],
    hsk_standard: HskStandard = DEFAULT_STANDARD,
    fallback_category: Optional[str] = None,
    choice: Optional[Choice] = None,
) -> VocabItem:
    """A word's dictionary side — meanings, traditional form, levels — given its reading.

    Shared by the vocabulary stage and ``flashgen lookup``; count, examples and
    score are the caller's. ``choice`` is the senses the word's occurrences use
    (senses.choose); without one, the word's register sense comes first.
    """
    term = glossary().get(word)
    choice = choice or choose(word, " ".join(syllables), ())
    found = dictionary_meaning(word, syllables, choice.proper if choice.senses else proper)
    meanings, source = merge_meanings(term.renderings if term else (), found, overrides.get(word),
                                      choice.senses, choice.official)
    return VocabItem(
        hanzi=word,
        traditional=found.traditional,
        pinyin=pinyin,
        pinyin_numbered=" ".join(syllables),
        zhuyin=to_zhuyin(syllables),
        meanings=meanings,
        measure_words=list(found.measure_words),
        hsk=hsk_level(word, hsk_standard),
        zipf=lexicon().zipf(word),
        term=term is not None,
        category=term.category if term else fallback_category,
        composed=source == "composed",
        meaning_source=source,
    )


def _sentence_readings(sentence: Sentence, readings: dict[int, tuple[str, str]]) -> tuple[str, str]:
    """The tone-marked and numbered readings of ``sentence``, worked out once per sentence."""
    found = readings.get(id(sentence))
    if found is None:
        found = (
            sentence_pinyin([(t.text, t.pinyin) for t in sentence.tokens]),
            sentence_numbered([(t.text, t.pinyin_numbered) for t in sentence.tokens]),
        )
        readings[id(sentence)] = found
    return found


def reference_zipf(word: str, general: float) -> float:
    """How often a word is expected (Zipf): the higher of general Chinese and the ministry's briefings.

    A word the ministry uses all the time (记者, 发言人, 双边) is no news in one more
    briefing, however rare it is in general Chinese. A word the ministry's table
    lacks is rare in its briefings: general Chinese alone sets its expectation.
    """
    from flashgen.chinese.mfa_frequency import mfa_zipf

    return max(general, 1.0, mfa_zipf(word) or 0.0)


def _item(word: str, occ: _Occurrences, total: int, overrides: Mapping[str, Override], filters: Filters,
          readings: dict[int, tuple[str, str]], names: Optional[NameMemory] = None) -> Optional[VocabItem]:
    first = occ.tokens[0]
    pos = Counter(t.pos for t in occ.tokens).most_common(1)[0][0]
    syllables = tuple(first.pinyin_numbered.split())
    uses = _uses(occ)
    choice = choose(word, first.pinyin_numbered, [use for use, _ in uses])
    item = word_item(word, syllables, first.pinyin, prefers_proper(word, pos), overrides, filters.hsk_standard,
                     _category(pos, first.pinyin), choice)
    term = glossary().get(word)
    count = len(occ.tokens)
    if term:
        score = 1000.0 + count * 10 - term.rank / 1000
    else:
        text_zipf = math.log10(count / max(total, 1) * 1e9)
        score = (text_zipf - reference_zipf(word, item.zipf)) * math.log2(1 + count)
    examples = [
        Example(
            text=s.text,
            speaker=s.speaker,
            section=s.section,
            sentence_index=s.index,
            pinyin=_sentence_readings(s, readings)[0],
            pinyin_numbered=_sentence_readings(s, readings)[1],
            sense=sense if len(choice.senses) > 1 else "",
        )
        for s, sense in _example_sentences(uses, choice)
    ]
    item = replace(item, count=count, examples=examples, pos=pos, score=round(score, 4))
    return settle(names, item, [use for use, _ in uses]) if names is not None else item


def _uses(occ: _Occurrences) -> list[tuple[Use, Sentence]]:
    """Each occurrence's context and sentence; a sub-term's occurrences (study.subterms) have no neighbours."""
    uses = list(zip(occ.uses, occ.where))
    if len(uses) < len(occ.tokens):
        covered = {id(s) for _, s in uses}
        rest = [s for s in occ.sentences if id(s) not in covered] or occ.sentences or [s for _, s in uses]
        for k, token in enumerate(occ.tokens[len(uses):] if rest else ()):  # no sentence at all: nothing to show
            uses.append((Use(pos=token.pos), rest[min(k, len(rest) - 1)]))
    return uses


def _example_sentences(uses: list[tuple[Use, Sentence]], choice: Choice) -> list[tuple[Sentence, str]]:
    """Up to MAX_EXAMPLES sentences and the word's sense in each: one for every sense used first, most used first.

    Real sentences make better examples than headings, which repeat them in short.
    """
    order = sorted(range(len(uses)), key=lambda k: (uses[k][1].kind in ("heading", "title"), uses[k][1].index))
    picked: list[tuple[Sentence, str]] = []
    for sense in choice.senses[:MAX_EXAMPLES]:
        k = next((k for k in order if k < len(choice.per_use) and choice.per_use[k] == sense), -1)
        if k >= 0 and all(s is not uses[k][1] for s, _ in picked):
            picked.append((uses[k][1], sense))
    for k in order:
        if len(picked) >= MAX_EXAMPLES:
            break
        if k < len(choice.per_use) and all(s is not uses[k][1] for s, _ in picked):
            picked.append((uses[k][1], choice.per_use[k]))
    return sorted(picked, key=lambda p: choice.senses.index(p[1]) if p[1] in choice.senses else len(choice.senses))
