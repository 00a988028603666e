"""Words the learner answers reliably in ``flashgen quiz``: known, like mature cards in Anki.

A word counts when one of its quiz cards (meaning, pinyin or hanzi) is in
FSRS's review state with an interval (next due minus last review) of at least
:data:`MATURE_DAYS` days: the same bar as ``--known-mature`` for Anki. The
progress file is opened read-only.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from flashgen.errors import InputError, ResourceError
from flashgen.known.anki import MATURE_DAYS

#: fsrs.State.Review as stored in the progress file.
REVIEW_STATE = 2
_VOCAB_MODES = ("meaning", "pinyin", "hanzi")


def read_quiz_words(path: Path) -> frozenset[str]:
    """The words of the quiz's progress file at ``path`` answered reliably (see the module's docstring)."""
    if not path.is_file():
        raise InputError(f"no quiz progress at {path} yet; take a `flashgen quiz` first or leave out --known-quiz")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT id, mode, due, last_review FROM cards WHERE state = ?", (REVIEW_STATE,)).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ResourceError(f"progress file {path} cannot be read ({str(exc).splitlines()[0]})") from None
    words = set()
    for card_id, mode, due, last in rows:
        prefix = f"{mode}:"
        if mode not in _VOCAB_MODES or not str(card_id).startswith(prefix):
            continue
        interval = datetime.fromisoformat(due) - datetime.fromisoformat(last)
        if interval.days >= MATURE_DAYS:
            words.add(str(card_id)[len(prefix):])
    return frozenset(words)
