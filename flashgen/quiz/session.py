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
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterator, Optional, Sequence, TextIO, Union

from flashgen.models import ClozeItem, QuizMode, VocabItem
from flashgen.quiz import questions as qs
from flashgen.quiz.check import HARD, RIGHT, WRONG, Verdict, check_hanzi, check_meaning, check_pinyin, parse_choice
from flashgen.export.ansi import BOLD, DIM, GREEN, RED, YELLOW, Painter, colour_wanted
from flashgen.quiz.render import excerpt, when
from flashgen.quiz.schedule import RATING_OF_GRADE, card_from_json, make_scheduler, new_card, review
from flashgen.quiz.store import ProgressStore, card_number


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
    """Hold Ctrl-C while an answer is stored and its feedback shown, then deliver it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
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

    ``speak(item)`` is called after each answer's feedback (the word said aloud).
    """
    now = clock or (lambda: datetime.now(timezone.utc))
    rng = random.Random(config.seed)
    scheduler = make_scheduler(deterministic=config.seed is not None)
    view = _View(stdout, Painter(colour_wanted(stdout) if colour is None else colour), vocab)
    reader = _reader(stdin, stdout)
    interactive = bool(getattr(stdin, "isatty", lambda: False)())

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
    try:
        for number, cand in enumerate(chosen, 1):
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
                previous = stored.get(cand.card_id)
                card = card_from_json(previous.fsrs_json) if previous else new_card(card_number(cand.card_id), moment)
                updated = review(scheduler, card, verdict.grade, moment)
                store.record(card_id=cand.card_id, mode=cand.mode, answer=given, expected=q.expected,
                             grade=verdict.grade, rating=RATING_OF_GRADE[verdict.grade], reviewed_at=moment,
                             due_before=previous.due if previous else None, card_after=updated)
                result.add(verdict.grade)
                view.feedback(q, verdict, (updated.due - moment).total_seconds(), result)
            if speak is not None:
                speak(cand.item)
    except KeyboardInterrupt:
        result.interrupted = True
        view.line()
    view.summary(result)
    return result
