"""The SQLite progress store, on real files."""

from __future__ import annotations

import sqlite3
from typing import Optional
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card

from flashgen.errors import ResourceError
from flashgen.quiz import progress_path, stats_report
from flashgen.quiz.schedule import RATING_OF_GRADE, make_scheduler, new_card, review
from flashgen.quiz.store import SCHEMA_VERSION, ProgressStore, StoredCard, card_number, default_progress_path

T0 = datetime(2025, 3, 7, 12, 0, tzinfo=timezone.utc)


def answer(store: ProgressStore, card_id: str, grade: str, at: datetime, given: str = "x") -> None:
    """Review ``card_id`` as the session does and record it."""
    from flashgen.quiz.schedule import card_from_json

    def schedule(stored: Optional[StoredCard]) -> Card:
        card = card_from_json(stored.fsrs_json) if stored else new_card(card_number(card_id), at)
        return review(make_scheduler(deterministic=True), card, grade, at)

    store.answer(card_id=card_id, mode=card_id.split(":")[0], answer=given, expected="gong4 tong2 ti3",
                 grade=grade, rating=RATING_OF_GRADE[grade], reviewed_at=at, schedule=schedule)


def columns(db: Path, table: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def test_new_file_gets_schema_and_version(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "progress.sqlite"
    ProgressStore(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert columns(db, "reviews") == [
        "id", "card_id", "mode", "answer", "expected", "grade", "correct", "rating",
        "reviewed_at", "due_before", "due_after",
    ]
    assert columns(db, "cards") == ["id", "mode", "state", "due", "fsrs", "first_review", "last_review"]


def test_each_answer_is_committed_at_once(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    with ProgressStore(db) as store:
        answer(store, "pinyin:共同体", "right", T0, "gong4tong2ti3")  # 共同体 community
        # A second connection sees the row while the store is still open: it was committed.
        with sqlite3.connect(db) as other:
            rows = other.execute("SELECT card_id, mode, answer, grade, correct, rating, due_before FROM reviews").fetchall()
        assert rows == [("pinyin:共同体", "pinyin", "gong4tong2ti3", "right", 1, 3, None)]
        answer(store, "pinyin:共同体", "wrong", T0 + timedelta(days=3))
        answer(store, "meaning:主权", "hard", T0 + timedelta(days=3))  # 主权 sovereignty
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 3
        assert conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 2
        grades = conn.execute("SELECT grade, correct, rating FROM reviews ORDER BY id").fetchall()
    assert grades == [("right", 1, 3), ("wrong", 0, 1), ("hard", 0, 2)]


def test_card_state_and_due_dates_round_trip(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        answer(store, "pinyin:共同体", "right", T0)
        first = store.cards()["pinyin:共同体"]
        assert first.due > T0  # a right answer moves the card into the future
        answer(store, "pinyin:共同体", "right", first.due)
        second = store.cards()["pinyin:共同体"]
        assert second.due > first.due
        due_before, due_after = store.conn.execute(
            "SELECT due_before, due_after FROM reviews ORDER BY id DESC LIMIT 1").fetchone()
    assert datetime.fromisoformat(due_before) == first.due
    assert datetime.fromisoformat(due_after) == second.due


def test_new_cards_today_counts_first_reviews_only(tmp_path: Path) -> None:
    now = datetime.now(timezone.utc)
    with ProgressStore(tmp_path / "p.sqlite") as store:
        answer(store, "meaning:主权", "right", now - timedelta(days=3))  # first seen days ago
        answer(store, "meaning:主权", "right", now)  # … reviewed again today: not new
        answer(store, "pinyin:主权", "wrong", now)
        answer(store, "pinyin:主权", "right", now)  # same card twice today: one new card
        answer(store, "hanzi:主权", "right", now)
        assert store.new_cards_today(now) == 2


def test_stats_per_mode(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        answer(store, "pinyin:共同体", "right", T0)
        answer(store, "pinyin:主权", "hard", T0)
        answer(store, "meaning:主权", "wrong", T0)
        stats = {s.mode: s for s in store.stats(T0 + timedelta(days=365))}
    assert (stats["pinyin"].cards, stats["pinyin"].reviews, stats["pinyin"].right, stats["pinyin"].hard) == (2, 2, 1, 1)
    assert stats["pinyin"].retention == 0.5
    assert stats["meaning"].retention == 0.0
    assert stats["all"].reviews == 3 and stats["all"].due == 3  # a year later everything is due
    assert stats["all"].learned == 0  # one answer each: still in FSRS's learning steps


def test_learned_means_graduated_to_review(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        # 共同体 answered right three times over an hour: it leaves the learning steps
        for minutes in (0, 15, 60):
            answer(store, "pinyin:共同体", "right", T0 + timedelta(minutes=minutes))
        answer(store, "meaning:主权", "wrong", T0)  # missed on first sight: not learned
        stats = {s.mode: s for s in store.stats(T0 + timedelta(days=1))}
    assert (stats["pinyin"].learned, stats["meaning"].learned, stats["all"].learned) == (1, 0, 1)


def test_stats_report_text(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    assert "No progress yet" in stats_report(db)
    assert not db.exists()  # stats never creates the file
    with ProgressStore(db) as store:
        answer(store, "pinyin:共同体", "right", T0)
        answer(store, "pinyin:主权", "wrong", T0)
    text = stats_report(db, now=T0)
    row = next(line for line in text.splitlines() if line.startswith("pinyin"))
    assert row.split() == ["pinyin", "2", "0", "0", "2", "50%"]  # one answer each: none past the learning steps


@pytest.mark.parametrize(
    "content, words",
    [
        (b"this is not a database" * 100, "damaged"),
        (b"SQLite format 3\x00" + b"\xff" * 2000, "damaged"),
    ],
)
def test_corrupt_file_is_a_one_line_resource_error(tmp_path: Path, content: bytes, words: str) -> None:
    db = tmp_path / "p.sqlite"
    db.write_bytes(content)
    with pytest.raises(ResourceError) as info:
        ProgressStore(db)
    message = str(info.value)
    assert words in message and "--progress" in message and str(db) in message
    assert "\n" not in message


def test_truncated_database_is_damaged(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    with ProgressStore(db) as store:
        for i in range(300):  # enough rows for several pages
            answer(store, f"meaning:词{i}", "right", T0, "x" * 50)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    with pytest.raises(ResourceError, match="damaged"):
        with ProgressStore(db) as store:
            store.stats(T0)


def test_foreign_database_and_newer_schema_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(ResourceError, match="not a flashgen progress file"):
        ProgressStore(other)
    newer = tmp_path / "newer.sqlite"
    ProgressStore(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ResourceError, match="newer flashgen"):
        ProgressStore(newer)


def test_locked_file_is_a_resource_error(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    ProgressStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        with pytest.raises(ResourceError, match="locked"):
            ProgressStore(db, timeout=0.05)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_folder_as_progress_file(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="is a folder"):
        ProgressStore(tmp_path)


def test_progress_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHGEN_PROGRESS", str(tmp_path / "env.sqlite"))
    assert default_progress_path() == tmp_path / "env.sqlite"
    assert progress_path(None) == tmp_path / "env.sqlite"
    assert progress_path(tmp_path / "opt.sqlite") == tmp_path / "opt.sqlite"
    monkeypatch.delenv("FLASHGEN_PROGRESS")
    assert default_progress_path().name == "progress.sqlite"
    assert "flashgen" in default_progress_path().parts


def test_cli_reports_a_damaged_file_in_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "p.sqlite"
    db.write_bytes(b"not a database at all" * 50)
    done = subprocess.run([sys.executable, "-m", "flashgen", "stats", "--progress", str(db)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"Error: progress file {db} is damaged (file is not a database); move it away or pass --progress"
    ]
