"""Thin wrapper around the ``fsrs`` package (FSRS v6, the scheduler modern Anki uses).

``fsrs`` is imported inside the functions so that ``import flashgen.cli`` stays light.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flashgen.quiz.check import HARD, RIGHT, WRONG

if TYPE_CHECKING:  # pragma: no cover
    from fsrs import Card, Scheduler

#: FSRS rating of each grade. Easy is never given: the quiz cannot tell "easy" from "right".
RATING_OF_GRADE = {WRONG: 1, HARD: 2, RIGHT: 3}  # Rating.Again, Rating.Hard, Rating.Good


def make_scheduler(deterministic: bool = False) -> "Scheduler":
    """An FSRS scheduler with the default parameters (90 % desired retention).

    FSRS adds random "fuzz" to intervals of 3 days or more, drawn from the global
    ``random`` module; a seeded (deterministic) session switches it off so that
    the same answers give the same due dates.
    """
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=not deterministic)


def new_card(number: int, now: datetime) -> "Card":
    """A never-reviewed card, due ``now``; ``number`` is its row number in the store."""
    from fsrs import Card

    return Card(card_id=number, due=now)  # an explicit id: Card() would sleep 1 ms to make one


def card_from_json(text: str) -> "Card":
    """Rebuild a card from the JSON the store keeps."""
    from fsrs import Card

    return Card.from_json(text)


def review(scheduler: "Scheduler", card: "Card", grade: str, now: datetime) -> "Card":
    """The card after answering it with ``grade`` ("right", "hard", "wrong") at ``now`` (UTC)."""
    from fsrs import Rating

    updated, _log = scheduler.review_card(card, Rating(RATING_OF_GRADE[grade]), review_datetime=now)
    return updated

