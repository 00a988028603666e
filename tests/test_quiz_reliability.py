"""The progress file under stress: concurrent sessions, locks, read-only places, full disks, bad rows, empty files."""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest

from flashgen.errors import ResourceError
from flashgen.pipeline import analyse
from flashgen.quiz.schedule import card_from_json, make_scheduler, new_card, review
from flashgen.quiz.store import ProgressStore, card_number

# 中方 "the Chinese side", 支持 "support", 多边主义 "multilateralism", 联合国 "United Nations"…
TEXT = "外交部发言人：中方坚定支持多边主义，维护以联合国为核心的国际体系。\n记者：请问中方如何看待这一问题？\n"
T0 = datetime(2025, 3, 7, 12, 0, tzinfo=timezone.utc)


@pytest.fixture()
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "briefing.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


class Quiz:
    """A real ``flashgen quiz`` process, fed and read line by line."""

    def __init__(self, transcript: Path, db: Path, *args: str) -> None:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flashgen", "quiz", str(transcript), "--progress", str(db), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: "queue.Queue[str]" = queue.Queue()
        self.seen: list[str] = []
        assert self.proc.stdout is not None
        threading.Thread(target=self._pump, args=(self.proc.stdout,), daemon=True).start()

    def _pump(self, stream: Iterator[str]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put("")

    def until(self, text: str, timeout: float = 120) -> str:
        """Read output up to the first line containing ``text``; return that line."""
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line, f"process ended before {text!r}:\n{''.join(self.seen)}{self.proc.stderr.read()}"
            self.seen.append(line)
            if text in line:
                return line

    def prompt(self) -> str:
        """The hanzi asked by the next pinyin question."""
        self.until("] pinyin")  # "[1/2] pinyin"
        return self.until(" ").strip().split()[0]

    def say(self, answer: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(answer + "\n")
        self.proc.stdin.flush()

    def end(self) -> tuple[int, str, str]:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        err = self.proc.stderr.read() if self.proc.stderr else ""
        self.proc.wait(timeout=120)
        rest = []
        while True:
            line = self.lines.get(timeout=60)
            if not line:
                break
            rest.append(line)
        return self.proc.returncode, "".join(self.seen + rest), err


def reviews(db: Path) -> list[tuple[str, str, str | None, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT card_id, grade, due_before, due_after FROM reviews ORDER BY id").fetchall()


def test_second_session_builds_on_the_first_sessions_review(tmp_path: Path, transcript: Path) -> None:
    db = tmp_path / "p.sqlite"
    ProgressStore(db).close()
    readings = {i.hanzi: i.pinyin_numbered for i in analyse(transcript).vocab}
    a = Quiz(transcript, db, "--mode", "pinyin", "-n", "1", "--seed", "3")
    b = Quiz(transcript, db, "--mode", "pinyin", "-n", "1", "--seed", "3")
    word = a.prompt()
    assert b.prompt() == word  # both sessions planned the same new card
    a.say(readings[word].replace(" ", ""))  # right…
    a.until("right so far")
    b.say("xx")  # …then wrong, in the other session
    b.until("right so far")
    for quiz in (a, b):
        code, out, err = quiz.end()
        assert code == 0 and "Traceback" not in err, err
    rows = reviews(db)
    assert [(r[0], r[1]) for r in rows] == [(f"pinyin:{word}", "right"), (f"pinyin:{word}", "wrong")]
    assert rows[1][2] == rows[0][3]  # the wrong answer was scheduled from the right one's state, not from new
    # The stored card is what answering right, then wrong, gives.
    with sqlite3.connect(db) as conn:
        stored = card_from_json(conn.execute("SELECT fsrs FROM cards").fetchone()[0])
        times = [datetime.fromisoformat(t) for (t,) in conn.execute("SELECT reviewed_at FROM reviews ORDER BY id")]
    scheduler = make_scheduler(deterministic=True)
    replay = review(scheduler, new_card(card_number(f"pinyin:{word}"), times[0]), "right", times[0])
    replay = review(scheduler, replay, "wrong", times[1])
    assert (stored.stability, stored.difficulty, stored.due) == (replay.stability, replay.difficulty, replay.due)


def test_new_card_limit_holds_across_sessions(tmp_path: Path, transcript: Path) -> None:
    db = tmp_path / "p.sqlite"
    ProgressStore(db).close()
    a = Quiz(transcript, db, "--mode", "pinyin", "-n", "3", "--new", "3", "--seed", "1")
    b = Quiz(transcript, db, "--mode", "pinyin", "-n", "3", "--new", "3", "--seed", "2")
    b.prompt()  # b has planned three new cards and shows its first
    for _ in range(3):
        a.prompt()
        a.say("xx")
        a.until("right so far")
    a.end()
    b.say("xx")  # the answer to the question already on screen is kept…
    b.until("right so far")
    code, out, err = b.end()
    assert code == 0, err
    assert "left out: another session answered them or used up today's new cards meanwhile" in out  # …the rest not
    with sqlite3.connect(db) as conn:
        new_today, answers = conn.execute("SELECT COUNT(DISTINCT card_id), COUNT(*) FROM reviews").fetchone()
    assert answers == 4  # a's three and b's one: b asked nothing after the limit was used up
    assert new_today <= 4  # the limit (3) and at most the one question already on screen; unchecked, 6


def test_a_long_lock_keeps_the_answer_and_saves_it_when_free(tmp_path: Path, transcript: Path) -> None:
    db = tmp_path / "p.sqlite"
    ProgressStore(db).close()
    quiz = Quiz(transcript, db, "--mode", "pinyin", "-n", "1")
    quiz.prompt()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing for a long time
    try:
        quiz.say("xx")
        assert "answer kept, saved when it frees" in quiz.until("locked by another program")
        quiz.proc.stdin.close()  # type: ignore[union-attr]
        quiz.until("Waiting for the progress file to save 1 answer")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    code, out, err = quiz.end()
    assert code == 0 and "Saved." in out and "Traceback" not in err, err
    assert [r[1] for r in reviews(db)] == ["wrong"]


# ------------------------------------------------------------ what is wrong


def _immutable(path: Path, on: bool) -> bool:
    """Make ``path`` read-only even for root (chattr +i); False where the file system cannot."""
    if os.geteuid() != 0:
        path.chmod((0o555 if path.is_dir() else 0o444) if on else (0o755 if path.is_dir() else 0o644))
        return True
    done = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    return done.returncode == 0


@pytest.mark.parametrize("which", ["file", "folder"])
def test_read_only_progress_is_not_called_damaged(tmp_path: Path, transcript: Path, which: str) -> None:
    folder = tmp_path / "progress"
    folder.mkdir()
    db = folder / "p.sqlite"
    ProgressStore(db).close()
    target = db if which == "file" else folder
    if not _immutable(target, True):
        pytest.skip("no way to make a file read-only for root here (chattr unsupported)")
    try:
        quiz = Quiz(transcript, db, "--mode", "pinyin", "-n", "1")
        code, out, err = quiz.end()
        stats = subprocess.run([sys.executable, "-m", "flashgen", "stats", "--progress", str(db)],
                               capture_output=True, text=True, timeout=120)
    finally:
        _immutable(target, False)
    assert code == 1 and "damaged" not in err and "\n" not in err.strip()
    if which == "file":
        assert err.startswith(f"Error: progress file {db}: the file is read-only")
    else:
        assert err.startswith(f"Error: progress file {db}: its folder {folder} is read-only")
    assert stats.returncode == 0 and "Progress file:" in stats.stdout  # reading still works


def test_full_disk_is_not_called_damaged(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    with ProgressStore(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
        with pytest.raises(ResourceError) as info:
            for i in range(200):
                store.answer(card_id=f"meaning:词{i}", mode="meaning", answer="x" * 200, expected="y", grade="wrong",
                             rating=1, reviewed_at=T0,
                             schedule=lambda prev: review(make_scheduler(True), new_card(1, T0), "wrong", T0))
    message = str(info.value)
    assert message == f"the disk holding progress file {db} is full; free some space (answers so far are saved)"


@pytest.mark.parametrize(
    ("due", "fsrs_json", "kept"),
    [
        ("not a date", None, False),
        (None, "{not json", False),
        (None, '{"card_id": 1}', False),  # JSON, but not an FSRS card
        ("2025-03-07T12:00:00", None, True),  # no time zone: read as UTC
    ],
)
def test_bad_values_are_skipped_or_repaired_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                           due: str | None, fsrs_json: str | None, kept: bool) -> None:
    db = tmp_path / "p.sqlite"
    good = review(make_scheduler(True), new_card(1, T0), "right", T0)
    with ProgressStore(db) as store:
        store.answer(card_id="pinyin:中方", mode="pinyin", answer="x", expected="y", grade="right", rating=3,
                     reviewed_at=T0, schedule=lambda prev: good)
        store.answer(card_id="pinyin:支持", mode="pinyin", answer="x", expected="y", grade="right", rating=3,
                     reviewed_at=T0, schedule=lambda prev: good)
    with sqlite3.connect(db) as conn:
        if due is not None:
            conn.execute("UPDATE cards SET due = ? WHERE id = 'pinyin:支持'", (due,))
        if fsrs_json is not None:
            conn.execute("UPDATE cards SET fsrs = ? WHERE id = 'pinyin:支持'", (fsrs_json,))
    with caplog.at_level(logging.WARNING, logger="flashgen"), ProgressStore(db) as store:
        cards = store.cards()
        if kept:
            assert set(cards) == {"pinyin:中方", "pinyin:支持"}
            assert cards["pinyin:支持"].due == datetime(2025, 3, 7, 12, 0, tzinfo=timezone.utc)
            assert not caplog.records
        else:
            assert set(cards) == {"pinyin:中方"}
            (record,) = caplog.records
            assert record.getMessage().startswith(f"progress file {db}: card pinyin:支持 has a bad value")
            # Answering it again rewrites the bad row with a fresh state.
            store.answer(card_id="pinyin:支持", mode="pinyin", answer="x", expected="y", grade="wrong", rating=1,
                         reviewed_at=T0 + timedelta(days=1),
                         schedule=lambda prev: review(make_scheduler(True), new_card(2, T0), "wrong", T0))
            caplog.clear()
            assert set(store.cards()) == {"pinyin:中方", "pinyin:支持"} and not caplog.records


def test_quiz_runs_over_a_bad_row_and_says_so(tmp_path: Path, transcript: Path) -> None:
    db = tmp_path / "p.sqlite"
    good = review(make_scheduler(True), new_card(1, T0), "right", T0)
    with ProgressStore(db) as store:
        store.answer(card_id="pinyin:中方", mode="pinyin", answer="x", expected="y", grade="right", rating=3,
                     reviewed_at=T0, schedule=lambda prev: good)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE cards SET due = 'tomorrow-ish'")
    code, out, err = Quiz(transcript, db, "--mode", "pinyin", "-n", "1").end()
    assert code == 0 and "Traceback" not in err
    assert err.startswith(f"warning: progress file {db}: card pinyin:中方 has a bad value")


@pytest.mark.parametrize("content", [b"", None], ids=["zero-bytes", "empty-database"])
def test_empty_file_is_not_silently_reused(tmp_path: Path, transcript: Path, content: bytes | None) -> None:
    db = tmp_path / "p.sqlite"
    if content is None:
        sqlite3.connect(db).execute("VACUUM").connection.close()  # a valid, table-less database
    else:
        db.write_bytes(content)
    size = db.stat().st_size
    code, out, err = Quiz(transcript, db, "--mode", "pinyin", "-n", "1").end()
    assert code == 0
    assert err.strip() == (f"warning: progress file {db} was empty ({size} bytes); starting new progress in it "
                           "(restore it from a backup if it held progress)")
