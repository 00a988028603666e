"""The SQLite progress store: FSRS card state and one row per answer.

Each answer is written in its own transaction and committed before the next
question is shown, so an interrupted session (Ctrl-C, a closed terminal, a
crash) loses nothing already answered. The default rollback journal with
``synchronous=FULL`` keeps the file a single, durable file.

Several sessions may share one file: :meth:`ProgressStore.answer` reads the
card's latest state inside the write transaction, so one session's review is
never overwritten by another's stale copy. Failures say what is really wrong
(locked by another program, read-only file or folder, full disk, damaged
file); a row with a bad value is skipped or repaired with a warning instead of
stopping the quiz.
"""

from __future__ import annotations

import logging
import os
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Union

from flashgen.sqlite_file import FileBusy, FileKind, SqliteFile

if TYPE_CHECKING:  # pragma: no cover
    from fsrs import Card

SCHEMA_VERSION = 1

log = logging.getLogger("flashgen")


#: Another program holds the progress file's lock; trying again later may work.
ProgressBusy = FileBusy

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    id          TEXT PRIMARY KEY,   -- "pinyin:共同体", "cloze:<cloze id>": never the answer text
    mode        TEXT NOT NULL,
    state       INTEGER NOT NULL,   -- fsrs.State: 1 learning, 2 review, 3 relearning
    due         TEXT NOT NULL,      -- ISO 8601 UTC, microseconds always written (sortable)
    fsrs        TEXT NOT NULL,      -- fsrs.Card.to_json()
    first_review TEXT NOT NULL,
    last_review TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cards_due ON cards (due);
CREATE TABLE IF NOT EXISTS reviews (
    id          INTEGER PRIMARY KEY,
    card_id     TEXT NOT NULL,
    mode        TEXT NOT NULL,
    answer      TEXT NOT NULL,      -- what the learner typed
    expected    TEXT NOT NULL,
    grade       TEXT NOT NULL CHECK (grade IN ('right', 'hard', 'wrong')),
    correct     INTEGER NOT NULL,   -- 1 only for "right"
    rating      INTEGER NOT NULL,   -- fsrs.Rating: 1 again, 2 hard, 3 good
    reviewed_at TEXT NOT NULL,
    due_before  TEXT,               -- NULL for a new card
    due_after   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_card ON reviews (card_id, reviewed_at);
"""


def default_progress_path() -> Path:
    """``$FLASHGEN_PROGRESS``, else ``progress.sqlite`` in the user's data folder."""
    env = os.environ.get("FLASHGEN_PROGRESS")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("flashgen")) / "progress.sqlite"


def timestamp(moment: datetime) -> str:
    """A sortable UTC text form of ``moment`` (always with microseconds)."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def card_number(card_id: str) -> int:
    """A stable integer for fsrs.Card.card_id (FSRS does not use it for scheduling)."""
    return zlib.crc32(card_id.encode("utf-8"))


@dataclass(frozen=True)
class StoredCard:
    """A card as kept in the store."""

    id: str
    mode: str
    state: int
    due: datetime
    fsrs_json: str


@dataclass(frozen=True)
class ModeStats:
    """Progress figures of one mode (or of all modes, ``mode == "all"``)."""

    mode: str
    cards: int
    due: int
    learned: int
    reviews: int
    right: int
    hard: int

    @property
    def retention(self) -> Optional[float]:
        """Share of reviews answered right, None before the first review."""
        return self.right / self.reviews if self.reviews else None


class ProgressStore(SqliteFile):
    """Progress kept in one SQLite file; use as a context manager."""

    kind = FileKind(
        noun="progress file", option="--progress", schema=_SCHEMA, version=SCHEMA_VERSION,
        tables=frozenset({"cards", "reviews"}),
        empty_note="new progress in it (restore it from a backup if it held progress)",
        full_note="answers so far are saved", integrity_check=True,
    )

    def __init__(self, path: Union[str, Path], timeout: float = 5.0) -> None:
        super().__init__(path, timeout)

    def __enter__(self) -> "ProgressStore":
        return self

    # ------------------------------------------------------------------- reading

    def _stored(self, row: tuple[object, ...]) -> Optional[StoredCard]:
        """A card row as a StoredCard: a due date without time zone is read as UTC; a row
        with a due date that is not a date or FSRS state that is not FSRS JSON is left out
        (its card is asked as new) with a warning."""
        card_id, mode, state, due, fsrs_json = row
        try:
            when = datetime.fromisoformat(str(due))
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            from flashgen.quiz.schedule import card_from_json

            card_from_json(str(fsrs_json))
            return StoredCard(str(card_id), str(mode), int(str(state)), when, str(fsrs_json))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning(f"progress file {self.path}: card {card_id} has a bad value ({type(exc).__name__}: "
                        f"{str(exc)[:80]}); it is asked as a new card and its state rewritten")
            return None

    def cards(self) -> dict[str, StoredCard]:
        """Every card ever reviewed, by id (rows with bad values left out, with a warning)."""
        with self._guard():
            rows = self.conn.execute("SELECT id, mode, state, due, fsrs FROM cards").fetchall()
        found = (self._stored(r) for r in rows)
        return {c.id: c for c in found if c is not None}

    def card(self, card_id: str) -> Optional[StoredCard]:
        """The card's latest state (None: never reviewed, or a row with bad values)."""
        with self._guard():
            row = self.conn.execute("SELECT id, mode, state, due, fsrs FROM cards WHERE id = ?", (card_id,)).fetchone()
        return self._stored(row) if row else None

    def new_cards_today(self, now: datetime) -> int:
        """How many cards had their first review today (local calendar day)."""
        local = now.astimezone()
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        with self._guard():
            row = self.conn.execute(
                "SELECT COUNT(*) FROM (SELECT MIN(reviewed_at) AS first FROM reviews GROUP BY card_id)"
                " WHERE first >= ? AND first < ?",
                (timestamp(start), timestamp(start + timedelta(days=1))),
            ).fetchone()
        return int(row[0])

    def stats(self, now: datetime) -> list[ModeStats]:
        """Figures per mode (sorted), then a total row with mode "all"."""
        stamp = timestamp(now)
        with self._guard():
            card_rows = self.conn.execute(
                "SELECT mode, COUNT(*), SUM(due <= ?), SUM(state = 2) FROM cards GROUP BY mode", (stamp,)  # 2: review (graduated)
            ).fetchall()
            review_rows = self.conn.execute(
                "SELECT mode, COUNT(*), SUM(grade = 'right'), SUM(grade = 'hard') FROM reviews GROUP BY mode"
            ).fetchall()
        figures: dict[str, list[int]] = {}
        for mode, n, due, learned in card_rows:
            figures.setdefault(mode, [0] * 6)[0:3] = [n, due or 0, learned or 0]
        for mode, n, right, hard in review_rows:
            figures.setdefault(mode, [0] * 6)[3:6] = [n, right or 0, hard or 0]
        out = [ModeStats(mode, *values) for mode, values in sorted(figures.items())]
        total = [sum(getattr(s, f) for s in out) for f in ("cards", "due", "learned", "reviews", "right", "hard")]
        return out + [ModeStats("all", *total)]

    # ------------------------------------------------------------------- writing

    def answer(
        self,
        *,
        card_id: str,
        mode: str,
        answer: str,
        expected: str,
        grade: str,
        rating: int,
        reviewed_at: datetime,
        schedule: Callable[[Optional[StoredCard]], "Card"],
    ) -> tuple[Optional[StoredCard], "Card"]:
        """Record one answer against the card's latest state; return that state and the new card.

        ``schedule(previous)`` computes the card after this answer from the
        state read *inside* the write transaction (None for a new card), so a
        review another session committed meanwhile is built upon, not lost.
        Raises :class:`ProgressBusy` when another program holds the lock.
        """
        with self.transaction():
            row = self.conn.execute("SELECT id, mode, state, due, fsrs FROM cards WHERE id = ?", (card_id,)).fetchone()
            previous = self._stored(row) if row else None
            card_after = schedule(previous)
            self._write_answer(card_id, mode, answer, expected, grade, rating, reviewed_at,
                               previous.due if previous else None, card_after)
        return previous, card_after

    def _write_answer(self, card_id: str, mode: str, answer: str, expected: str, grade: str, rating: int,
                      reviewed_at: datetime, due_before: Optional[datetime], card_after: "Card") -> None:
        """The review row and the card's new state, inside the caller's transaction."""
        now, due = timestamp(reviewed_at), timestamp(card_after.due)
        self.conn.execute(
            "INSERT INTO reviews (card_id, mode, answer, expected, grade, correct, rating,"
            " reviewed_at, due_before, due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (card_id, mode, answer, expected, grade, int(grade == "right"), rating, now,
             timestamp(due_before) if due_before else None, due),
        )
        self.conn.execute(
            "INSERT INTO cards (id, mode, state, due, fsrs, first_review, last_review)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " state = excluded.state, due = excluded.due, fsrs = excluded.fsrs,"
            " last_review = excluded.last_review",
            (card_id, mode, int(card_after.state), due, card_after.to_json(), now, now),
        )
