"""Which cards a session asks, and how each question looks (prompt, options)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Sequence, Union

from flashgen.models import ClozeItem, VocabItem
from flashgen.study.vocab import item_keys
from flashgen.chinese.tones import syllables, tones
from flashgen.quiz.check import expected_syllables, meaning_alternatives
from flashgen.study.cloze_syntax import CLOZE_RE, deletion
from flashgen.quiz.store import StoredCard

MODES = ("meaning", "pinyin", "hanzi", "cloze")
N_OPTIONS = 4

Item = Union[VocabItem, ClozeItem]


@dataclass(frozen=True)
class Candidate:
    """A card the transcript can ask: its store id, mode and content."""

    card_id: str
    mode: str
    item: Item

    @property
    def word(self) -> str:
        """The Chinese term asked, to ask each term once per session."""
        return self.item.hanzi if isinstance(self.item, VocabItem) else (self.item.answers or [""])[0]


@dataclass
class Question:
    """One question as shown: prompt, instruction, options and the expected answer."""

    candidate: Candidate
    prompt: str
    ask: str
    expected: str
    options: list[str] = field(default_factory=list)
    answer_index: int = -1
    hint: str = ""


def card_id(mode: str, item: Item, key: str | None = None) -> str:
    """Store identity: mode + hanzi (``key``: a second reading's hanzi|reading), or the cloze id,
    never pinyin or meaning text."""
    return f"cloze:{item.id}" if isinstance(item, ClozeItem) else f"{mode}:{key or item.hanzi}"


def short_meaning(item: VocabItem) -> str:
    """The first meaning, without parentheticals or further alternatives."""
    first = next((m for m in item.meanings if not m.lower().startswith("cl:")), "")
    part = re.split(r"[;；]", first)[0].strip()
    return part or first


def distinct_meanings(item: VocabItem, limit: int) -> list[str]:
    """Up to ``limit`` meanings, leaving out those that add no new accepted answer."""
    out: list[str] = []
    covered: set[str] = set()
    for meaning in item.meanings:
        alternatives = set(meaning_alternatives([meaning]))
        if alternatives and not alternatives <= covered:
            out.append(meaning)
            covered |= alternatives
        if len(out) >= limit:
            break
    return out


def _without_hanzi(meaning: str) -> str:
    """A meaning with its Chinese removed, so that the hanzi prompt does not give the word away."""
    return re.sub(r"\s*[\u3400-\u9fff]+[\u3400-\u9fff\s]*", " … ", meaning).strip()


def _usable(mode: str, item: Item) -> bool:
    if mode == "cloze":
        return isinstance(item, ClozeItem) and bool(item.answers) and bool(item.cloze or item.sentence)
    if not isinstance(item, VocabItem) or not item.hanzi:
        return False
    if mode == "pinyin":
        return expected_syllables(item.pinyin_numbered) is not None
    return bool(meaning_alternatives(item.meanings))


def candidates(mode: str, vocab: Sequence[VocabItem], cloze: Sequence[ClozeItem]) -> list[Candidate]:
    """Every askable card of ``mode`` ("mixed": of all modes), in the items' rank order."""
    modes = MODES if mode == "mixed" else (mode,)
    out: list[Candidate] = []
    seen: set[str] = set()
    keys = {id(item): key for item, key in zip(vocab, item_keys(vocab))}
    for m in modes:
        for item in cloze if m == "cloze" else vocab:
            cid = card_id(m, item, keys.get(id(item)))
            if cid not in seen and _usable(m, item):
                seen.add(cid)
                out.append(Candidate(cid, m, item))
    return out


def plan(
    pool: Sequence[Candidate],
    stored: dict[str, StoredCard],
    now: datetime,
    count: int,
    new_limit: int,
    rng: random.Random,
) -> tuple[list[Candidate], int]:
    """Due cards first (most overdue first), then up to ``new_limit`` new ones; (plan, n_due).

    A term is asked once per session, so the feedback of one mode never gives away
    the answer of another. New cards are taken best-ranked first, round-robin over
    modes, then shuffled (by ``rng``) so consecutive questions vary.
    """
    words: set[str] = set()
    due: list[Candidate] = []
    for cand in sorted((c for c in pool if c.card_id in stored and stored[c.card_id].due <= now),
                       key=lambda c: stored[c.card_id].due):
        if len(due) < count and cand.word not in words:
            words.add(cand.word)
            due.append(cand)
    by_mode: dict[str, list[Candidate]] = {}
    for cand in pool:
        if cand.card_id not in stored:
            by_mode.setdefault(cand.mode, []).append(cand)
    fresh: list[Candidate] = []
    queues = [list(q) for q in by_mode.values()]
    room = min(new_limit, count - len(due))
    while len(fresh) < room and any(queues):
        for queue in queues:
            while queue and queue[0].word in words:
                queue.pop(0)
            if queue and len(fresh) < room:
                cand = queue.pop(0)
                words.add(cand.word)
                fresh.append(cand)
    rng.shuffle(fresh)
    return due + fresh, len(due)


def _tone_variants(pinyin_numbered: str, rng: random.Random, n: int) -> list[str]:
    """Up to ``n`` readings with the same syllables and other tones (pinyin distractors)."""
    bodies = [s.rstrip("12345") for s in pinyin_numbered.split()]
    want = tones(pinyin_numbered)
    out: list[str] = []
    for _attempt in range(60):
        if len(out) >= n:
            break
        new = list(want)
        for i in rng.sample(range(len(new)), k=min(len(new), rng.choice((1, 2)))):
            new[i] = rng.choice([t for t in (1, 2, 3, 4) if t != want[i]])
        reading = " ".join(f"{b}{t}" for b, t in zip(bodies, new))
        if new != want and reading not in out:
            out.append(reading)
    return out


def _pick(pool: list[str], exclude: set[str], rng: random.Random, n: int) -> list[str]:
    seen = set(exclude)
    unique = [p for p in pool if p and not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]
    return rng.sample(unique, k=min(n, len(unique)))


def _similar(item: VocabItem, others: Sequence[VocabItem], rng: random.Random) -> list[str]:
    """Other headwords, most plausible first: same glossary category, same part of speech,
    same length (a term among terms, a verb among verbs), ties broken by ``rng``."""

    def key(v: VocabItem) -> tuple[int, int, int, float]:
        same_kind = 0 if item.term and v.term and v.category == item.category else 1 if v.term == item.term else 2
        return (same_kind, 0 if v.pos == item.pos else 1, abs(len(v.hanzi) - len(item.hanzi)), rng.random())

    # Never a word inside the answer or holding it (香港特区 for 香港 would be half right).
    apart = [v for v in others if item.hanzi not in v.hanzi and v.hanzi not in item.hanzi]
    return [v.headword for v in sorted(apart, key=key)[:6]]


def _with_options(q: Question, right: str, distractors: list[str], rng: random.Random) -> Question:
    if len(distractors) >= 1:
        options = [right, *distractors[: N_OPTIONS - 1]]
        rng.shuffle(options)
        q.options, q.answer_index = options, options.index(right)
    return q


def _marked(numbered: str) -> str:
    """Numbered syllables as tone-marked pinyin written together."""
    return "".join(s for s, _t in syllables(numbered))


def _cloze_prompt(item: ClozeItem) -> tuple[str, str]:
    """The clause with c1 blanked (other deletions shown) and the hint of c1."""
    hint = item.hint
    answer = item.shown_answers[0]
    text = item.shown_cloze or item.shown_sentence.replace(answer, deletion(1, answer), 1)

    def blank(m: re.Match[str]) -> str:
        nonlocal hint
        if m.group(1) == "1":
            hint = hint or (m.group(3) or "")
            return "＿＿＿"
        return m.group(2)

    return CLOZE_RE.sub(blank, text), hint


def build(cand: Candidate, vocab: Sequence[VocabItem], rng: random.Random, choices: bool) -> Question:
    """The question of one card; hanzi and cloze always offer options, the others with ``choices``."""
    item = cand.item
    if isinstance(item, ClozeItem):
        prompt, hint = _cloze_prompt(item)
        answer = item.shown_answers[0]
        q = Question(cand, prompt, "Which word fills the gap? (1–4, or type it)", answer, hint=hint)
        return _with_options(q, answer, _pick(list(item.shown_choices), {answer, item.answers[0]}, rng, 3), rng)
    others = [v for v in vocab if v.hanzi != item.hanzi]
    if cand.mode == "hanzi":
        pool = _similar(item, others, rng)
        meanings = distinct_meanings(item, 3)
        plain = [m for m in meanings if not re.search(r"[\u3400-\u9fff]", m)]  # no Chinese, no pinyin hint
        prompt = "; ".join(plain[:2]) or _without_hanzi(meanings[0])
        q = Question(cand, prompt, "Which word is it? (1–4, or type it)", item.headword)
        return _with_options(q, item.headword, _pick(pool, {item.headword, item.hanzi, item.traditional}, rng, 3), rng)
    if cand.mode == "pinyin":
        q = Question(cand, item.headword, "Pinyin? (tone numbers or marks)", item.pinyin_numbered)
        if not choices:
            return q
        q.ask = "Which reading? (1–4, or type it)"
        variants = [_marked(v) for v in _tone_variants(item.pinyin_numbered, rng, 3)]
        return _with_options(q, _marked(item.pinyin_numbered), variants, rng)
    q = Question(cand, item.headword, "Meaning in English?", short_meaning(item))
    if not choices:
        return q
    q.ask = "Which meaning? (1–4, or type it)"
    accepted = set(meaning_alternatives(item.meanings))
    pool = [short_meaning(v) for v in others if not set(meaning_alternatives([short_meaning(v)])) & accepted]
    return _with_options(q, short_meaning(item), _pick(pool, {short_meaning(item)}, rng, 3), rng)
