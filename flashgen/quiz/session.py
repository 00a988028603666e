"""The quiz session loop: ask, check, schedule, store, show feedback.

Streams are injected so a whole session can be driven from tests. When the
input is not a terminal one answer is read per line; end of input ends the
session cleanly with the summary. Ctrl-C also ends it with the summary; the
caller decides the exit status (the CLI uses 130).
"""

from __future__ import annotations

import random
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, Iterator, Optional, Sequence, TextIO, Union

if TYPE_CHECKING:  # pragma: no cover
    from fsrs import Card, Scheduler

from flashgen.models import ClozeItem, QuizMode, VocabItem
from flashgen.quiz import questions as qs
from flashgen.quiz.check import HARD, RIGHT, WRONG, Verdict, check_hanzi, check_meaning, check_pinyin, parse_choice
from flashgen.export.ansi import BOLD, DIM, GREEN, RED, YELLOW, Painter, colour_wanted
from flashgen.quiz.render import excerpt, when
from flashgen.quiz.schedule import RATING_OF_GRADE, card_from_json, make_scheduler, new_card, review
from flashgen.quiz.store import ProgressBusy, ProgressStore, StoredCard, card_number


@dataclass
class SessionConfig:
    """What to ask: mode, how many cards, options or typing, new cards per day, seed."""

    mode: QuizMode = "mixed"
    count: int = 20
    choices: bool = False
    new_per_day: int = 20
    seed: Optional[int] = None


@dataclass
class SessionResult:
    """Counts of one session; ``score`` is "right/answered"."""

    planned: int = 0
    answered: int = 0
    right: int = 0
    hard: int = 0
    wrong: int = 0
    interrupted: bool = False

    @property
    def score(self) -> str:
        """"7/10": answers fully right out of answers given (hard is not right)."""
        return f"{self.right}/{self.answered}"

    def add(self, grade: str) -> None:
        """Count one graded answer."""
        self.answered += 1
        self.right += grade == RIGHT
        self.hard += grade == HARD
        self.wrong += grade == WRONG


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while an answer is stored and its feedback shown, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda signum, _frame: caught.append(signum)) for sig in held}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            handler = previous[signal.SIGTERM]
            if caught[0] == signal.SIGTERM and callable(handler):
                handler(caught[0], None)  # the CLI's SIGTERM handler raises
            raise KeyboardInterrupt


def _reader(stdin: TextIO, stdout: TextIO) -> Callable[[str], Optional[str]]:
    """A function reading one answer (None at end of input)."""
    interactive = bool(getattr(stdin, "isatty", lambda: False)())
    if interactive and stdin is sys.stdin and stdout is sys.stdout:

        def read_tty(prompt: str) -> Optional[str]:
            try:
                return input(prompt)  # line editing, which matters for an input method
            except EOFError:
                stdout.write("\n")
                return None

        return read_tty

    def read_stream(prompt: str) -> Optional[str]:
        if interactive:
            stdout.write(prompt)
            stdout.flush()
        line = stdin.readline()
        return None if line == "" else line.rstrip("\r\n")

    return read_stream


def _stray_number(answer: str, n_options: int) -> bool:
    """A bare number that picks no option ("9" of 4): asked again rather than graded."""
    text = answer.strip()
    return text.isdigit() and parse_choice(text, n_options) is None


def grade_answer(q: qs.Question, answer: str) -> tuple[Verdict, str]:
    """The verdict of ``answer`` and the text to store for it (a pick is stored as "2. option")."""
    pick = parse_choice(answer, len(q.options)) if q.options else None
    if pick is not None:
        verdict = Verdict(RIGHT) if pick == q.answer_index else Verdict(WRONG, f"you picked {q.options[pick]}")
        return verdict, f"{pick + 1}. {q.options[pick]}"
    item, mode = q.candidate.item, q.candidate.mode
    if isinstance(item, ClozeItem):
        return check_hanzi(answer, [item.shown_answers[0], item.answers[0]]), answer
    if mode == "pinyin":
        return check_pinyin(answer, item.pinyin_numbered, item.hanzi), answer
    if mode == "hanzi":
        return check_hanzi(answer, [item.headword, item.hanzi, item.traditional]), answer
    return check_meaning(answer, item.meanings), answer


class _View:
    """Everything the session prints."""

    def __init__(self, out: TextIO, painter: Painter, vocab: Sequence[VocabItem]) -> None:
        self.out, self.p = out, painter
        self.by_hanzi = {v.hanzi: v for v in vocab}

    def line(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()  # a piped reader (a test, a script) sees each line at once

    def question(self, number: int, total: int, q: qs.Question) -> None:
        self.line()
        self.line(self.p.style(f"[{number}/{total}] {q.candidate.mode}", DIM))
        self.line("  " + self.p.style(q.prompt, BOLD) + (f"  ({q.hint})" if q.hint else ""))
        for i, option in enumerate(q.options, 1):
            self.line(f"   {i}. {option}")
        self.line("  " + q.ask)

    def feedback(self, q: qs.Question, verdict: Verdict, due_in: float, result: SessionResult) -> None:
        mark = {RIGHT: self.p.style("✓ right", GREEN), HARD: self.p.style("~ almost", YELLOW),
                WRONG: self.p.style("✗ wrong", RED)}[verdict.grade]
        note = f" — {verdict.note}" if verdict.note else ""
        if verdict.grade == HARD:
            note += " (counts as hard)"
        self.line(f"  {mark}{note}")
        item = q.candidate.item
        if isinstance(item, ClozeItem):
            term, shown = item.answers[0], item.shown_answers[0]
            vocab = self.by_hanzi.get(term)
            gloss = next((g for g in item.glosses if g.hanzi == term), None)
            reading = self.p.pinyin(vocab.pinyin_numbered, written=vocab.pinyin) if vocab else (gloss.pinyin if gloss else "")
            meaning = qs.short_meaning(vocab) if vocab else (gloss.meaning if gloss else q.hint)
            self.line(f"  {self.p.style(shown, BOLD)}  {reading}  {meaning}".rstrip())
            self.line(f"  {self.p.highlight(item.shown_sentence, shown)}" + (f"  — {item.speaker}" if item.speaker else ""))
            if item.sentence_pinyin:
                self.line(self.p.style(f"  {item.sentence_pinyin}", DIM))
        else:
            self.line(f"  {self.p.style(item.headword, BOLD)}  {self.p.pinyin(item.pinyin_numbered, written=item.pinyin)}  "
                      + "; ".join(qs.distinct_meanings(item, 3)))
            if item.examples:
                ex = item.examples[0]
                written = ex.word or item.headword
                text = self.p.highlight(excerpt(ex.text, item.hanzi, shown=ex.shown), written)
                self.line(f"  e.g. {text}" + (f"  — {ex.speaker}" if ex.speaker else ""))
        self.line(self.p.style(f"  next review {when(due_in)} · {result.right}/{result.answered} right so far", DIM))

    def summary(self, result: SessionResult) -> None:
        extra = [f"{n} {label}" for n, label in ((result.hard, "hard"), (result.wrong, "wrong")) if n]
        self.line()
        if result.interrupted:
            self.line("Stopped; every answer given is saved.")
        self.line(f"Score: {result.score}" + (f" ({', '.join(extra)})" if extra else ""))


@dataclass
class _Answer:
    """One answer to save: what was asked, what was given, when."""

    card_id: str
    mode: str
    given: str
    expected: str
    grade: str
    moment: datetime


class _Saver:
    """Saves answers in order; keeps those the progress file's lock refuses and saves them when it frees."""

    def __init__(self, store: ProgressStore, scheduler: "Scheduler", view: "_View") -> None:
        self.store, self.scheduler, self.view = store, scheduler, view
        self.pending: list[_Answer] = []

    def _schedule(self, a: _Answer) -> Callable[[Optional[StoredCard]], "Card"]:
        def schedule(previous: Optional[StoredCard]) -> "Card":
            card = card_from_json(previous.fsrs_json) if previous else new_card(card_number(a.card_id), a.moment)
            return review(self.scheduler, card, a.grade, a.moment)

        return schedule

    def _write(self, a: _Answer) -> "Card":
        _, card = self.store.answer(card_id=a.card_id, mode=a.mode, answer=a.given, expected=a.expected,
                                    grade=a.grade, rating=RATING_OF_GRADE[a.grade], reviewed_at=a.moment,
                                    schedule=self._schedule(a))
        return card

    def save(self, a: _Answer, provisional: Optional[StoredCard]) -> "Card":
        """Save ``a`` (after any kept answers); the card after it, provisional when the file is busy."""
        self.pending.append(a)
        try:
            card = self.flush()
        except ProgressBusy:
            card = None
        if card is None:
            self.view.line(f"  (the progress file is locked by another program: {len(self.pending)} answer"
                           f"{'s' * (len(self.pending) != 1)} kept, saved when it frees)")
            return self._schedule(a)(provisional)
        return card

    def flush(self) -> "Optional[Card]":
        """Save every kept answer, oldest first; the last card saved (raises ProgressBusy, keeping the rest)."""
        card = None
        while self.pending:
            card = self._write(self.pending[0])
            self.pending.pop(0)
        return card

    def finish(self, wait: float = 1.0) -> None:
        """Before the session ends: wait for the lock until every kept answer is saved (Ctrl-C gives up)."""
        told = False
        while self.pending:
            try:
                self.flush()
            except ProgressBusy:
                if not told:
                    self.view.line(f"Waiting for the progress file to save {len(self.pending)} answer"
                                   f"{'s' * (len(self.pending) != 1)} (another program holds it; Ctrl-C gives up"
                                   " and loses them)…")
                    told = True
                time.sleep(wait)
        if told:
            self.view.line("Saved.")


def _still_askable(store: ProgressStore, cand: qs.Candidate, planned: Optional[StoredCard], now: datetime,
                   new_per_day: int) -> bool:
    """Whether a planned card is still worth asking after what other sessions did meanwhile.

    A card another session reviewed since the plan is asked only if it is due
    again; a new card only while today's new cards (counted across sessions) are under the limit.
    """
    try:
        latest = store.card(cand.card_id)
        new_today = store.new_cards_today(now) if latest is None and planned is None else 0
    except ProgressBusy:
        return True  # cannot look: ask as planned
    if latest is not None and (planned is None or latest.fsrs_json != planned.fsrs_json):
        return latest.due <= now
    if latest is None and planned is None:
        return new_today < new_per_day
    return True


def run_session(
    vocab: Sequence[VocabItem],
    cloze: Sequence[ClozeItem],
    store: ProgressStore,
    config: SessionConfig,
    stdin: TextIO,
    stdout: TextIO,
    colour: Optional[bool] = None,
    clock: Optional[Callable[[], datetime]] = None,
    speak: Optional[Callable[[Union[VocabItem, ClozeItem]], None]] = None,
) -> SessionResult:
    """Run one quiz session and return its counts; every answer is committed to ``store`` at once.

    Other sessions may use the same file at the same time: each answer builds
    on the card's latest state, and the new-card limit counts every session's new cards.
    ``speak(item)`` is called after each answer's feedback (the word said aloud).
    """
    now = clock or (lambda: datetime.now(timezone.utc))
    rng = random.Random(config.seed)
    scheduler = make_scheduler(deterministic=config.seed is not None)
    view = _View(stdout, Painter(colour_wanted(stdout) if colour is None else colour), vocab)
    reader = _reader(stdin, stdout)
    interactive = bool(getattr(stdin, "isatty", lambda: False)())
    saver = _Saver(store, scheduler, view)

    def read() -> Optional[str]:
        line = reader("> ")
        if line is not None and not interactive:
            view.line(f"> {line}")  # a scripted session's output then reads like a terminal's
        return line

    stored = store.cards()
    start = now()
    pool = qs.candidates(config.mode, vocab, cloze)
    new_limit = max(0, config.new_per_day - store.new_cards_today(start))
    chosen, n_due = qs.plan(pool, stored, start, max(0, config.count), new_limit, rng)
    result = SessionResult(planned=len(chosen))
    if not chosen:
        upcoming = [stored[c.card_id].due for c in pool if c.card_id in stored]
        nxt = f"; next card due {when((min(upcoming) - start).total_seconds())}" if upcoming else ""
        view.line(f"Nothing to ask: no card is due and no new card is left for today{nxt}.")
        view.summary(result)
        return result
    view.line(f"{len(chosen)} card{'s' * (len(chosen) != 1)} ({n_due} due, {len(chosen) - n_due} new), mode {config.mode}."
              " End with Ctrl-D or Ctrl-C; every answer is saved at once.")
    skipped = 0
    try:
        for number, cand in enumerate(chosen, 1):
            planned = stored.get(cand.card_id)
            if not saver.pending and not _still_askable(store, cand, planned, now(), config.new_per_day):
                skipped += 1
                continue
            q = qs.build(cand, vocab, rng, config.choices)
            view.question(number, len(chosen), q)
            answer = read()
            while answer is not None and q.options and _stray_number(answer, len(q.options)):
                view.line(f"  Pick 1–{len(q.options)}, or type the answer.")
                answer = read()
            if answer is None:
                break
            with _sigint_deferred():
                verdict, given = grade_answer(q, answer.strip())
                moment = now()
                updated = saver.save(_Answer(cand.card_id, cand.mode, given, q.expected, verdict.grade, moment),
                                     planned)
                result.add(verdict.grade)
                view.feedback(q, verdict, (updated.due - moment).total_seconds(), result)
            if speak is not None:
                speak(cand.item)
    except KeyboardInterrupt:
        result.interrupted = True
        view.line()
    if skipped:
        view.line(f"{skipped} card{'s' * (skipped != 1)} left out: another session answered them or used up"
                  " today's new cards meanwhile.")
    try:
        saver.finish()
    except KeyboardInterrupt:
        result.interrupted = True
        view.line(f"Gave up: {len(saver.pending)} answer{'s' * (len(saver.pending) != 1)} not saved.")
    view.summary(result)
    return result
