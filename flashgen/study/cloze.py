"""Cloze items on diplomatic terminology: real sentences of the transcript with terms deleted.

Works on the pipeline's tokens only (never re-segments). For each sentence:
the glossary terms it holds are deleted (one note, c1, c2, … in text order;
the same term twice gets the same cN); a sentence without a term gets at most
one other high-value word. Long sentences are trimmed to the clauses around
the deletions, and split into several items when the deletions are too far
apart for one window. c1 also gets three multiple-choice distractors.
"""

from __future__ import annotations

import hashlib
import random
import re
from typing import TYPE_CHECKING, Optional

from flashgen.models import PERSON_FLAGS, PROPER_FLAGS, ClozeItem, Gloss, Hint, Sentence, Token, VocabItem
from flashgen.study.cloze_syntax import cloze_segments, deletion, strip_markup
from flashgen.chinese.clauses import WEAK_ENDS, grow, split_clauses, tidy
from flashgen.chinese.hanzi import has_hanzi
from flashgen.chinese.punctuation import BREAKS
from flashgen.chinese.reading import sentence_numbered, sentence_pinyin

if TYPE_CHECKING:
    from flashgen.models import Analysis

HINTS = ("english", "pinyin", "none")
#: Aim for cloze text (markup removed) under this many characters.
MAX_TERMS_PER_ITEM = 3  # distinct words blanked in one item
MAX_ASKS_PER_TERM = 3  # items asking the same word
MAX_CLOZE_CHARS = 60
#: Shorter sentences ("谢谢。", "下一个问题。") give no context to guess from.
MIN_SENTENCE_CHARS = 8
#: A trimmed window shorter than this grows even over clauses that other items ask from.
MIN_CONTEXT_CHARS = 24
MAX_HINT_WORDS = 5
MAX_GLOSSES = 6
SKIP_KINDS = frozenset({"heading", "title"})
#: Categories the vocabulary stage gives to (non-glossary) proper nouns.
NAME_CATEGORIES = frozenset({"name", "place", "organisation"})
#: jieba flags of proper nouns: person, place, organisation, other proper noun.
NAME_FLAGS = PERSON_FLAGS | PROPER_FLAGS
#: Flags of words never deleted as "high-value words" nor offered as distractors.
_NOT_WORDS = frozenset({"x", "m", "mq", "eng", "q"})
#: Where a long cloze sentence may be cut: clause and sentence marks, the list comma, dashes and spaces.
_BREAKS = BREAKS | WEAK_ENDS
#: Words a shortened hint may be cut before (the head phrase comes first in English).
_LINKS = frozenset({"of", "for", "with", "and", "to", "in", "on", "or", "by", "at", "from", "between", "among", "that"})
_FUNCTION_WORDS = _LINKS | {"a", "an", "the"}


def short_english(meanings: list[str], first_only: bool = False) -> str:
    """A short English hint: first usable meaning, no parentheses, at most ~5 words, cloze-safe.

    ``first_only`` (glossary terms: the official rendering) shortens the first
    meaning rather than looking further for one without hanzi or cross-references.
    """
    for n, meaning in enumerate(meanings):
        text = meaning.split(";")[0]
        while re.search(r"\([^()]*\)|\[[^\[\]]*\]", text):
            text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)
        # Braces and "::" would end or split the deletion in Anki's syntax.
        text = re.sub(r":{2,}", ":", re.sub(r"[{}()\[\]]", " ", text))
        text = " ".join(text.split()).strip(" :,")
        # Hanzi would give the answer away; cross-references are no meaning (the official rendering stays).
        xref = re.match(r"(old )?variant of|see |abbr\.|surname ", text, re.I) and not (first_only and n == 0)
        if not text or has_hanzi(text) or xref:
            continue
        words = text.split()
        if len(words) > MAX_HINT_WORDS + 1:  # "~5": six words pass whole rather than lose their head
            # Cut before a linking word, so the head phrase survives: "great rejuvenation (of …)".
            cuts = [k for k in range(2, MAX_HINT_WORDS + 1) if words[k].lower() in _LINKS or words[k - 1].endswith(",")]
            words = words[: cuts[-1]] if cuts else words[:MAX_HINT_WORDS]
            while len(words) > 1 and words[-1].lower() in _FUNCTION_WORDS:
                words.pop()
        return " ".join(words).strip(" :,")
    return ""


def _hint(item: Optional[VocabItem], token: Token, mode: str) -> str:
    if mode == "pinyin":
        return (item.pinyin if item and item.pinyin else token.pinyin).replace("::", ":").strip(":")
    if mode == "english" and item:
        return short_english(item.meanings, first_only=item.term)
    return ""


def _is_high_value(item: VocabItem, token: Token) -> bool:
    """A non-term word worth asking: rare, advanced or off the HSK lists, and not a name."""
    if item.term or item.category in NAME_CATEGORIES or token.pos in NAME_FLAGS or item.pos in NAME_FLAGS:
        return False
    if len(item.hanzi) < 2 or token.pos in _NOT_WORDS or any(ch.isdigit() for ch in item.hanzi):
        return False
    return item.hsk is None or item.hsk >= 6 or item.zipf < 3.5


def _windows(tokens: list[Token], positions: list[int]) -> list[tuple[int, int, list[int]]]:
    """(first token, end token, deleted positions) of each item cut from one sentence."""
    if sum(len(t.text) for t in tokens) <= MAX_CLOZE_CHARS:
        return [(0, len(tokens), positions)]
    clauses = split_clauses([t.text for t in tokens], _BREAKS)
    size = [sum(len(t.text) for t in tokens[a:b]) for a, b in clauses]
    clause_of = {p: next(c for c, (a, b) in enumerate(clauses) if a <= p < b) for p in positions}
    groups: list[list[int]] = []  # greedy: add a deletion while the clauses it spans stay short
    for p in sorted(positions):
        if groups and sum(size[clause_of[groups[-1][0]] : clause_of[p] + 1]) <= MAX_CLOZE_CHARS:
            groups[-1].append(p)
        else:
            groups.append([p])
    out = []
    for group in groups:
        lo, hi = clause_of[group[0]], clause_of[group[-1]]
        # Grow over free neighbouring clauses (never one that another item asks from).
        # A window that is still too short to give context may show another item's word unblanked.
        busy = {clause_of[p] for p in positions if p not in group}
        lo, hi = grow(size, lo, hi, MAX_CLOZE_CHARS, lambda c, total: c not in busy or total < MIN_CONTEXT_CHARS)
        a, b = tidy([t.text for t in tokens], min(group), max(group) + 1, clauses[lo][0], clauses[hi][1])
        out.append((a, b, group))
    return out


def make_id(sentence: str, answers: list[str]) -> str:
    """Stable item id: 16 hex digits of SHA-1 over the sentence and the answers."""
    return hashlib.sha1("\x1f".join([sentence, *answers]).encode("utf-8")).hexdigest()[:16]


#: Distractor candidates drawn per word length (see _Distractors.choose).
SAMPLE = 64


class _Distractors:
    """Multiple-choice distractors drawn from the glossary and the transcript's vocabulary."""

    def __init__(self, analysis: Analysis) -> None:
        from flashgen.chinese.glossary import glossary
        from flashgen.chinese.lexicon import lexicon

        self.pool: dict[str, tuple[Optional[str], str]] = {}  # word -> (glossary category, pos)
        for item in analysis.vocab:
            if item.term or (item.category not in NAME_CATEGORIES and item.pos not in NAME_FLAGS | _NOT_WORDS):
                self.pool[item.hanzi] = (item.category if item.term else None, item.pos)
        tags = lexicon()
        for term in glossary().values():
            if term.hanzi not in self.pool:  # a term the text lacks: jieba's dictionary tag, when it has one
                self.pool[term.hanzi] = (term.category, tags.jieba_tag(term.hanzi) or "")
        self.pool = {w: v for w, v in self.pool.items() if has_hanzi(w) and not any(c.isdigit() for c in w)}
        # The pool by glossary category, by part of speech and whole, each by length, in a fixed order.
        self.by_category: dict[str, dict[int, list[str]]] = {}
        self.by_pos: dict[str, dict[int, list[str]]] = {}
        self.everything: dict[int, list[str]] = {}
        for word in sorted(self.pool):
            category, pos = self.pool[word]
            if category:
                self.by_category.setdefault(category, {}).setdefault(len(word), []).append(word)
            if pos:
                self.by_pos.setdefault(pos, {}).setdefault(len(word), []).append(word)
            self.everything.setdefault(len(word), []).append(word)
        self.after: dict[str, set[str]] = {}  # token -> tokens seen right after it
        self.before: dict[str, set[str]] = {}
        for sentence in analysis.transcript.sentences:
            for left, right in zip(sentence.tokens, sentence.tokens[1:]):
                self.after.setdefault(left.text, set()).add(right.text)
                self.before.setdefault(right.text, set()).add(left.text)

    def choose(self, answer: str, item: Optional[VocabItem], answers: list[str], slots: list[tuple[str, str]],
               rng: random.Random) -> list[str]:
        """Four shuffled choices: ``answer`` and three distractors.

        Preferred: same glossary category, else same part of speech; within
        those, the same number of characters, then the same part of speech;
        ties broken by ``rng``. Excluded: the answers, words inside or around
        them, and words seen in this slot (after its left token or before its
        right token) anywhere in the text. A length holding many words is
        drawn from a random sample of them (SAMPLE), so the cost does not grow
        with the vocabulary of a long transcript.
        """
        banned = set(answers)
        for left, right in slots:  # words that also fill this slot somewhere in the text
            banned |= self.after.get(left, set()) | self.before.get(right, set())
        category = item.category if item and item.term else None
        pos = item.pos if item else ""
        # Tiers in order of preference; inside a tier the nearest length, then the same part
        # of speech first, ties at random.
        tiers = [self.by_category.get(category, {}) if category else {}, self.by_pos.get(pos, {}) if pos else {},
                 self.everything]
        picked: list[str] = []
        for tier in tiers:
            for length in sorted(tier, key=lambda n: (abs(n - len(answer)), n)):
                bucket = tier[length]
                drawn = rng.sample(bucket, min(len(bucket), SAMPLE))
                # Never a word inside an answer or holding one (单边 for 单边主义 would be half right).
                fresh = [w for w in drawn if w not in banned and w not in picked
                         and not any(a in w or w in a for a in answers)]
                # Same word class (jieba's first letter: n, v, a…) first; stable, so the draw's order breaks ties.
                fresh.sort(key=lambda w: self.pool[w][1][:1] != pos[:1])
                picked += fresh[: 3 - len(picked)]
                if len(picked) == 3:
                    break
            if len(picked) == 3:
                break
        choices = [answer, *picked]
        rng.shuffle(choices)
        return choices


def _budget(plans: list[tuple[Sentence, list[int]]], rank: dict[str, int]) -> list[tuple[Sentence, list[int]]]:
    """Keep at most MAX_TERMS_PER_ITEM words per sentence and MAX_ASKS_PER_TERM asks per word.

    A sentence with six blanks is a puzzle, not practice, and 联合国 asked in
    thirteen sentences crowds out the rarer terms. Within a sentence the words
    asked least so far win, then those with fewest sentences to be asked in
    (so a rare term is not pushed out), then the better-ranked.
    """
    available: dict[str, int] = {}
    for sentence, positions in plans:
        for word in {sentence.tokens[p].text for p in positions}:
            available[word] = available.get(word, 0) + 1
    asked: dict[str, int] = {}
    kept: list[tuple[Sentence, list[int]]] = []
    for sentence, positions in plans:
        words = sorted({sentence.tokens[p].text for p in positions},
                       key=lambda w: (asked.get(w, 0), available[w], rank.get(w, len(rank))))
        chosen = [w for w in words if asked.get(w, 0) < MAX_ASKS_PER_TERM][:MAX_TERMS_PER_ITEM]
        for word in chosen:
            asked[word] = asked.get(word, 0) + 1
            available[word] -= 1
        for word in set(words) - set(chosen):
            available[word] -= 1
        if chosen:
            kept.append((sentence, [p for p in positions if sentence.tokens[p].text in chosen]))
    return kept


def make_cloze_items(analysis: Analysis, *, hint: Hint = "english", seed: int = 0,
                     limit: Optional[int] = None) -> list[ClozeItem]:
    """Cloze items of the transcript, ordered by the best-ranked term they ask.

    ``hint``: "english" (shortened official rendering), "pinyin" (tone marks)
    or "none". ``seed`` drives only the multiple-choice distractors and their
    order; ids depend on the sentence and the answers only. ``limit`` keeps
    the first items. Every glossary term of ``analysis.vocab`` that occurs in
    the tokens is asked at least once: a term found only in a heading or a
    very short sentence is asked there.
    """
    if hint not in HINTS:
        raise ValueError(f"hint must be one of {', '.join(HINTS)}, not {hint!r}")
    rank = {item.hanzi: i for i, item in enumerate(analysis.vocab)}
    by_word = {item.hanzi: item for item in analysis.vocab}
    terms = {item.hanzi for item in analysis.vocab if item.term}
    plans: list[tuple[Sentence, list[int]]] = []
    for sentence in analysis.transcript.sentences:
        # "{{" in the text itself would open a deletion in Anki: such sentences are not used.
        if sentence.kind in SKIP_KINDS or len(sentence.text) < MIN_SENTENCE_CHARS or "{{" in sentence.text:
            continue
        toks = sentence.tokens
        positions = [i for i, t in enumerate(toks) if t.text in terms]
        if not positions:
            words = [t.text for t in toks if t.text in by_word and _is_high_value(by_word[t.text], t)]
            best = min(words, key=lambda w: rank[w], default=None)
            positions = [i for i, t in enumerate(toks) if t.text == best]
        if positions:
            plans.append((sentence, positions))
    plans = _budget(plans, rank)
    asked = {s.tokens[p].text for s, ps in plans for p in ps}
    for sentence in analysis.transcript.sentences:  # coverage: terms seen only where we do not ask
        if "{{" in sentence.text:
            continue
        missing = [i for i, t in enumerate(sentence.tokens) if t.text in terms and t.text not in asked]
        if missing:
            plans.append((sentence, missing))
            asked |= {sentence.tokens[p].text for p in missing}
    from flashgen.study.display import ClozeDisplay

    distractors = _Distractors(analysis)
    shown = ClozeDisplay(analysis)
    items: dict[str, ClozeItem] = {}
    for sentence, positions in plans:
        for a, b, group in _windows(sentence.tokens, positions):
            # A repeated sentence, or a word repeated in one sentence, asking the same words: once.
            if make_id(sentence.text, _answers(sentence.tokens, group)) not in items:
                item = shown.item(_build(analysis, sentence, a, b, group, by_word, rank, hint, seed, distractors), sentence, a, b)
                items[item.id] = item
    ordered = sorted(items.values(), key=lambda it: (it.score, it.sentence_index, it.sentence.find(strip_markup(it.cloze))))
    return ordered[:limit] if limit is not None else ordered


def _answers(toks: list[Token], group: list[int]) -> list[str]:
    """The distinct words deleted at ``group``, in text order."""
    answers: list[str] = []
    for p in sorted(group):
        if toks[p].text not in answers:
            answers.append(toks[p].text)
    return answers


def _build(analysis: Analysis, sentence: Sentence, a: int, b: int, group: list[int], by_word: dict[str, VocabItem],
           rank: dict[str, int], hint: str, seed: int, distractors: _Distractors) -> ClozeItem:
    """One ClozeItem: tokens [a, b) of ``sentence`` with the tokens at ``group`` deleted."""
    toks = sentence.tokens
    answers = _answers(toks, group)
    hints = [_hint(by_word.get(w), next(toks[p] for p in group if toks[p].text == w), hint) for w in answers]
    parts = []
    for i in range(a, b):
        text = toks[i].text
        if i in group:
            n = answers.index(text)
            text = deletion(n + 1, text, hints[n])
        parts.append(text)
    item_id = make_id(sentence.text, answers)
    rng = random.Random(f"{seed}:{item_id}")
    slots = [
        (toks[p - 1].text if p > 0 else "", toks[p + 1].text if p + 1 < len(toks) else "")
        for p in group if toks[p].text == answers[0]
    ]
    choices = distractors.choose(answers[0], by_word.get(answers[0]), answers, slots, rng)
    return ClozeItem(
        id=item_id,
        sentence=sentence.text,
        cloze="".join(parts),
        answers=answers,
        hint=hints[0],
        choices=choices,
        speaker=sentence.speaker,
        section=sentence.section,
        sentence_index=sentence.index,
        sentence_pinyin=sentence_pinyin([(t.text, t.pinyin) for t in toks]),
        sentence_pinyin_numbered=sentence_numbered([(t.text, t.pinyin_numbered) for t in toks]),
        hints=hints,
        glosses=_glosses(toks, answers, by_word, rank),
        score=float(min(rank.get(w, len(rank)) for w in answers)),
    )


def _glosses(toks: list[Token], answers: list[str], by_word: dict[str, VocabItem], rank: dict[str, int]) -> list[Gloss]:
    """Up to MAX_GLOSSES harder words of the sentence (best-ranked kept), in text order."""
    seen: list[str] = []
    for t in toks:
        item = by_word.get(t.text)
        if item and t.text not in answers and t.text not in seen and item.meanings and (item.hsk is None or item.hsk >= 5):
            seen.append(t.text)
    keep = set(sorted(seen, key=lambda w: rank[w])[:MAX_GLOSSES])
    return [Gloss(w, by_word[w].pinyin, by_word[w].meanings[0]) for w in seen if w in keep]
