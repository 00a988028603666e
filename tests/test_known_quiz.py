"""--known-quiz: words answered reliably in the terminal quiz (review state, interval ≥ 21 days) are known."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs import Card, State

from flashgen.cli import cli
from flashgen.errors import InputError
from flashgen.known.quiz import read_quiz_words
from flashgen.pipeline import Options, analyse
from flashgen.quiz.store import ProgressStore, card_number

NOW = datetime(2026, 3, 1, tzinfo=timezone.utc)


@pytest.fixture()
def progress(tmp_path: Path) -> Path:
    path = tmp_path / "progress.sqlite"
    cards = [
        ("meaning:多边主义", "meaning", State.Review, 30),  # multilateralism: reliable
        ("hanzi:国际法", "hanzi", State.Review, 21),  # international law: just reliable
        ("pinyin:主权", "pinyin", State.Review, 5),  # sovereignty: interval too short
        ("meaning:抹黑", "meaning", State.Learning, 40),  # smear: still learning
        ("cloze:abc123", "cloze", State.Review, 60),  # a cloze card names no word
    ]
    with ProgressStore(path) as store:
        for card_id, mode, state, days in cards:
            card = Card(card_id=card_number(card_id), state=state, due=NOW + timedelta(days=days), last_review=NOW)
            store.answer(card_id=card_id, mode=mode, answer="x", expected="x", grade="right", rating=3,
                         reviewed_at=NOW, schedule=lambda _previous, card=card: card)
    return path


def test_reliable_words_only(progress: Path) -> None:
    assert read_quiz_words(progress) == {"多边主义", "国际法"}


def test_they_leave_the_list(progress: Path, sample_vocab) -> None:
    left = {i.hanzi for i in analyse(None, Options(known_quiz=progress)).vocab}
    assert set(sample_vocab) - left == {"多边主义", "国际法"}


def test_cli_flag_reads_the_progress_file(progress: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHGEN_PROGRESS", str(progress))
    result = CliRunner().invoke(cli, ["vocab", "-f", "csv", "--known-quiz"])
    assert result.exit_code == 0, result.output
    rows = {line.split(",")[0] for line in result.output.splitlines()}
    assert "多边主义" not in rows and "主权" in rows


def test_no_progress_yet_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no quiz progress"):
        read_quiz_words(tmp_path / "missing.sqlite")
