"""Whole quiz sessions: driven in-process with StringIO, and end to end through the CLI."""

from __future__ import annotations

import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

import pytest

from flashgen.models import ClozeItem, Example, VocabItem
from flashgen.export.ansi import Painter, colour_wanted
from flashgen.quiz.render import excerpt
from flashgen.quiz.session import SessionConfig, SessionResult, run_session
from flashgen.quiz.store import ProgressStore

T0 = datetime(2025, 3, 7, 12, 0, tzinfo=timezone.utc)


def vocab() -> list[VocabItem]:
    """Five hand-made items, best-ranked first."""
    return [
        VocabItem("共同体", "共同體", "gòngtóngtǐ", "gong4 tong2 ti3", "", ["community"],  # community
                  examples=[Example("构建人类命运共同体。", "发言人", None)]),  # build a community of shared future
        VocabItem("主权", "主權", "zhǔquán", "zhu3 quan2", "", ["sovereignty"]),  # sovereignty
        VocabItem("多边主义", "多邊主義", "duōbiānzhǔyì", "duo1 bian1 zhu3 yi4", "", ["multilateralism"]),
        VocabItem("合作", "合作", "hézuò", "he2 zuo4", "", ["to cooperate; cooperation"]),  # cooperate
        VocabItem("人们", "人們", "rénmen", "ren2 men5", "", ["people"]),  # people
    ]


def cloze() -> list[ClozeItem]:
    # 我们坚持多边主义。We uphold multilateralism.
    return [ClozeItem("c-duobian", "我们坚持多边主义。", "我们坚持{{c1::多边主义::multilateralism}}。", ["多边主义"],
                      "multilateralism", ["多边主义", "单边主义", "主权", "合作"], "发言人", None)]


class Clock:
    """A settable clock so that days can pass between sessions."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def session(db: Path, answers: str, clock: Optional[Clock] = None, items: Optional[list[VocabItem]] = None,
            colour: bool = False, **config: object) -> tuple[SessionResult, str]:
    """Run one session on ``db`` with ``answers`` (one per line); return its result and output."""
    out = io.StringIO()
    settings = {"mode": "pinyin", "count": 3, "seed": 7, **config}
    with ProgressStore(db) as store:
        result = run_session(items or vocab(), cloze(), store, SessionConfig(**settings),  # type: ignore[arg-type]
                             io.StringIO(answers), out, colour=colour, clock=clock or Clock())
    return result, out.getvalue()


def reviews(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT card_id, answer, grade, rating, due_before, due_after FROM reviews ORDER BY id").fetchall()


def asked(output: str) -> list[str]:
    """The prompts shown, in order (the line after each "[i/n] mode" header)."""
    lines = output.splitlines()
    return [lines[i + 1].strip() for i, line in enumerate(lines) if re.match(r"\[\d+/\d+\]", line)]


RIGHT_READING = {"共同体": "gong4tong2ti3", "主权": "zhǔquán", "多边主义": "duo1 bian1 zhu3 yi4", "合作": "HE2ZUO4",
                 "人们": "ren2men"}
TONELESS = {"共同体": "gongtongti", "主权": "zhuquan", "多边主义": "duo bian zhu yi", "合作": "hezuo", "人们": "renmen"}


def test_scripted_pinyin_session_scores_and_stores(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    # A first pass (blank answers) only to learn the seeded order; a second store answers in that order.
    _, preview = session(tmp_path / "preview.sqlite", "\n\n\n")
    order = asked(preview)
    assert len(order) == 3
    given = [RIGHT_READING[order[0]], TONELESS[order[1]], "xx"]
    result, output = session(db, "\n".join(given) + "\n")
    assert (result.answered, result.right, result.hard, result.wrong) == (3, 1, 1, 1)
    assert "Score: 1/3 (1 hard, 1 wrong)" in output
    rows = reviews(db)
    assert [r[0] for r in rows] == [f"pinyin:{term}" for term in order]
    assert [r[1:4] for r in rows] == [(given[0], "right", 3), (given[1], "hard", 2), ("xx", "wrong", 1)]
    assert all(r[4] is None for r in rows)  # all were new cards
    assert all(r[5] > "2025-03-07T12:00" for r in rows)  # due after the review, even when wrong


def test_toneless_answer_is_hard_and_rated_hard(tmp_path: Path) -> None:
    items = vocab()[:1]  # only 共同体
    result, output = session(tmp_path / "p.sqlite", "gongtongti\n", items=items, count=1)
    assert (result.right, result.hard, result.wrong) == (0, 1, 0)
    assert "Score: 0/1 (1 hard)" in output
    assert reviews(tmp_path / "p.sqlite")[0][2:4] == ("hard", 2)


def test_end_of_input_ends_cleanly_with_summary(tmp_path: Path) -> None:
    result, output = session(tmp_path / "p.sqlite", "renmen\n", count=5)
    assert result.planned == 5 and result.answered == 1 and not result.interrupted
    assert output.rstrip().splitlines()[-1].startswith("Score: ")
    assert len(reviews(tmp_path / "p.sqlite")) == 1


class InterruptingInput(io.StringIO):
    """Gives its lines, then raises KeyboardInterrupt as Ctrl-C would."""

    def readline(self, *args: object) -> str:  # type: ignore[override]
        line = super().readline()
        if not line:
            raise KeyboardInterrupt
        return line


def test_ctrl_c_ends_with_summary_and_keeps_answers(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    out = io.StringIO()
    with ProgressStore(db) as store:
        result = run_session(vocab(), [], store, SessionConfig(mode="meaning", count=5, seed=1),
                             InterruptingInput("community\nsovereignty\n"), out, colour=False, clock=Clock())
    assert result.interrupted and result.answered == 2
    assert "Stopped; every answer given is saved." in out.getvalue()
    assert re.search(r"Score: \d/2", out.getvalue())
    assert len(reviews(db)) == 2


def test_due_cards_first_then_new_and_due_dates_move(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    clock = Clock()
    items = vocab()[:2]
    session(db, "gong4tong2ti3\nzhu3quan2\n", clock, items=items, count=2, new_per_day=2)
    first = reviews(db)
    # The next day both are due again (learning steps are minutes); nothing is new any more.
    clock.now = T0 + timedelta(days=1)
    result, output = session(db, "gong4tong2ti3\nzhu3quan2\n", clock, items=vocab(), count=2, new_per_day=5)
    assert "2 cards (2 due, 0 new)" in output
    assert result.right == 2
    later = reviews(db)[2:]
    for old, new in zip(sorted(first), sorted(later)):
        assert new[4] == old[5]  # due_before of the second review = due_after of the first
        assert new[5] > new[4]  # a right answer moves the due date forward


def test_new_cards_per_day_limit(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    result, output = session(db, "a\nb\nc\n", count=10, new_per_day=2)
    assert result.planned == 2
    result, output = session(db, "a\n", count=10, new_per_day=2)  # same day, same clock
    assert result.planned == 0
    assert "Nothing to ask" in output and "Score: 0/0" in output


def test_card_identity_survives_corrected_content(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    clock = Clock()
    items = vocab()[:1]
    session(db, "community\n", clock, items=items, mode="meaning", count=1)
    items[0].meanings = ["community (corrected)"]
    items[0].pinyin_numbered = "gong4 tong2 ti3"
    clock.now = T0 + timedelta(days=1)
    result, output = session(db, "community\n", clock, items=items, mode="meaning", count=1)
    assert "1 card (1 due, 0 new)" in output
    assert [r[0] for r in reviews(db)] == ["meaning:共同体", "meaning:共同体"]


def test_same_seed_same_session(tmp_path: Path) -> None:
    outputs = [session(tmp_path / f"p{i}.sqlite", "1\n2\n3\n4\n", mode="mixed", count=4, seed=11)[1] for i in range(2)]
    assert outputs[0] == outputs[1]
    other = session(tmp_path / "p9.sqlite", "1\n2\n3\n4\n", mode="mixed", count=4, seed=12)[1]
    assert other != outputs[0]


def test_mixed_asks_each_term_once(tmp_path: Path) -> None:
    result, output = session(tmp_path / "p.sqlite", "\n" * 20, mode="mixed", count=20, new_per_day=20)
    modes = re.findall(r"\[\d+/\d+\] (\w+)", output)
    assert result.planned == 5  # five terms (the cloze asks 多边主义 too: counted once)
    assert len(set(modes)) >= 3


@pytest.mark.parametrize("mode", ["meaning", "pinyin", "hanzi", "cloze"])
def test_picking_the_right_option(tmp_path: Path, mode: str) -> None:
    # Read the options of the first question, then answer with the right number.
    _, preview = session(tmp_path / "a.sqlite", "", mode=mode, count=1, choices=True)
    options = re.findall(r"^ {3}(\d)\. (.+)$", preview, flags=re.M)
    assert len(options) == 4
    term = asked(preview)[0]
    by_hanzi = {v.hanzi: v for v in vocab()}
    by_meaning = {v.meanings[0]: v.hanzi for v in vocab()}
    right = {
        "meaning": lambda: "to cooperate" if term == "合作" else by_hanzi[term].meanings[0],
        "pinyin": lambda: by_hanzi[term].pinyin,
        "hanzi": lambda: by_meaning[term],  # the prompt is the meaning
        "cloze": lambda: "多边主义",
    }[mode]()
    numbers = [n for n, o in options if o == right]
    assert len(numbers) == 1
    result, output = session(tmp_path / "b.sqlite", numbers[0] + "\n", mode=mode, count=1, choices=True)
    assert result.right == 1, output
    assert reviews(tmp_path / "b.sqlite")[0][1].startswith(numbers[0] + ". ")


def test_cloze_blank_and_typed_answer(tmp_path: Path) -> None:
    result, output = session(tmp_path / "p.sqlite", "多边主义\n", mode="cloze", count=1)
    assert "我们坚持＿＿＿。" in output and "(multilateralism)" in output
    assert result.right == 1
    assert reviews(tmp_path / "p.sqlite")[0][0] == "cloze:c-duobian"


def test_a_number_that_picks_nothing_is_asked_again(tmp_path: Path) -> None:
    result, output = session(tmp_path / "p.sqlite", "9\n多边主义\n", mode="cloze", count=1)
    assert "Pick 1–4, or type the answer." in output
    assert (result.answered, result.right) == (1, 1)
    assert [r[1] for r in reviews(tmp_path / "p.sqlite")] == ["多边主义"]


def test_feedback_shows_answer_pinyin_meaning_example(tmp_path: Path) -> None:
    items = vocab()[:1]
    _, plain = session(tmp_path / "a.sqlite", "xx\n", items=items, mode="meaning", count=1)
    assert "共同体  gòngtóngtǐ  community" in plain
    assert "e.g. 构建人类命运共同体。" in plain
    assert "\x1b[" not in plain
    _, coloured = session(tmp_path / "b.sqlite", "xx\n", items=items, mode="meaning", count=1, colour=True)
    painter = Painter(True, environ={})
    assert painter.pinyin("gong4 tong2 ti3") in coloured  # each syllable in its tone colour


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "stream, environ, wanted",
    [
        (FakeTty(), {}, True),
        (FakeTty(), {"NO_COLOR": "1"}, False),
        (FakeTty(), {"NO_COLOR": ""}, True),  # no-color.org: only a non-empty value counts
        (io.StringIO(), {}, False),  # not a terminal
    ],
)
def test_colour_wanted(stream: io.StringIO, environ: dict[str, str], wanted: bool) -> None:
    assert colour_wanted(stream, environ) is wanted


@pytest.mark.parametrize(
    "environ, start",
    [({"COLORTERM": "truecolor"}, "\x1b[38;2;227;0;0m"), ({}, "\x1b[31m")],  # tone 1: red
)
def test_tone_colours(environ: dict[str, str], start: str) -> None:
    assert Painter(True, environ).pinyin("zhong1").startswith(start)


LONG = "我们还将打造公平正义的典范，携手维护多边主义，维护联合国权威，维护国际法和国际关系基本准则，维护全球战略稳定。"


@pytest.mark.parametrize(
    "term, shown",
    [
        # We will uphold multilateralism, the authority of the UN, international law …
        ("联合国", "…携手维护多边主义，维护联合国权威，维护国际法和国际关系基本准则…"),  # no comma before the cut
        ("典范", "我们还将打造公平正义的典范，携手维护多边主义，维护联合国权威…"),
        ("稳定", "…维护联合国权威，维护国际法和国际关系基本准则，维护全球战略稳定。"),
    ],
)
def test_long_examples_are_cut_around_the_term(term: str, shown: str) -> None:
    assert excerpt(LONG, term) == shown
    assert excerpt("短句。", "短") == "短句。"  # short sentence: whole


# ------------------------------------------------------------------- end to end

def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "flashgen", "quiz", "--mode", "pinyin", "--count", "3", "--seed", "1",
            "--progress", str(db), *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}


def test_cli_scripted_sessions_and_stats(tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    done = subprocess.run(_cli(first), input="gong4\nxx\n\n", capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^Score: 0/3 \(3 wrong\)$", done.stdout, flags=re.M)
    rows = reviews(first)
    assert [(r[1], r[2], r[3]) for r in rows] == [("gong4", "wrong", 1), ("xx", "wrong", 1), ("", "wrong", 1)]
    with sqlite3.connect(first) as conn:
        readings = [r[0] for r in conn.execute("SELECT expected FROM reviews ORDER BY id")]

    # The same seed on a fresh file asks the same three terms: now right, toneless, wrong.
    given = [readings[0].replace(" ", ""), re.sub(r"\d", "", readings[1]), "xx"]
    done = subprocess.run(_cli(second), input="\n".join(given) + "\n", capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^Score: 1/3 \(1 hard, 1 wrong\)$", done.stdout, flags=re.M)
    with sqlite3.connect(second) as conn:
        rows2 = conn.execute("SELECT card_id, grade, rating, reviewed_at, due_after FROM reviews ORDER BY id").fetchall()
    assert [r[0] for r in rows2] == [r[0] for r in rows]
    assert [(r[1], r[2]) for r in rows2] == [("right", 3), ("hard", 2), ("wrong", 1)]
    intervals = [datetime.fromisoformat(r[4]) - datetime.fromisoformat(r[3]) for r in rows2]
    assert intervals[0] > intervals[2] > timedelta(0)  # FSRS moves a right answer further than a wrong one

    stats = subprocess.run([sys.executable, "-m", "flashgen", "stats", "--progress", str(second)],
                           capture_output=True, text=True, env=_env(), timeout=60)
    assert stats.returncode == 0, stats.stderr
    assert re.search(r"^pinyin\s+3\s+\d+\s+0\s+3\s+33%$", stats.stdout, flags=re.M)  # none graduated yet


def test_cli_interrupted_session_keeps_every_answer(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    proc = subprocess.Popen(_cli(db), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env())
    assert proc.stdin and proc.stdout
    proc.stdin.write("xx\nyy\n")
    proc.stdin.flush()
    seen = []
    while sum("right so far" in line for line in seen) < 2:  # wait for the second feedback
        line = proc.stdout.readline()
        assert line, "".join(seen)
        seen.append(line)
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "Traceback" not in rest
    assert "Score: 0/2" in rest
    assert [r[1] for r in reviews(db)] == ["xx", "yy"]
