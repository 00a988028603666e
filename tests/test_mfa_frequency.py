"""The Foreign Ministry frequency baseline (data/mfa-frequency.tsv) and its use in the ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.chinese.lexicon import lexicon
from flashgen.chinese.mfa_frequency import mfa_zipf, parse
from flashgen.study.vocab import reference_zipf

TABLE = Path(__file__).resolve().parents[1] / "data" / "mfa-frequency.tsv"


def test_table_names_its_source_and_script_and_stays_small() -> None:
    text = TABLE.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("press conferences" in line for line in header)
    assert any("scripts/mfa_frequency.py" in line for line in header)
    assert TABLE.stat().st_size < 1_000_000
    assert len(parse(text)) > 10_000


def test_table_rows_are_well_formed_and_sorted() -> None:
    rows = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and not line.startswith("word\t")]
    counts = [int(count) for _, count, _ in rows]
    assert counts == sorted(counts, reverse=True)
    assert len({word for word, _, _ in rows}) == len(rows)
    assert all(float(per_million) > 0 for _, _, per_million in rows)


@pytest.mark.parametrize(
    "word",
    [
        "发言人",  # spokesperson: every briefing names one
        "记者",  # journalist: every question
        "双边",  # bilateral
        "中方",  # the Chinese side
    ],
)
def test_briefing_boilerplate_is_expected_more_often_than_in_general_chinese(word: str) -> None:
    ministry = mfa_zipf(word)
    assert ministry is not None and ministry > lexicon().zipf(word)
    assert reference_zipf(word, lexicon().zipf(word)) == ministry


@pytest.mark.parametrize(
    "word",
    [
        "疫苗",  # vaccine: the 2001-2020 briefings hardly use it, general Chinese does
        "牛年",  # Year of the Ox
    ],
)
def test_words_rare_in_briefings_keep_the_general_expectation(word: str) -> None:
    general = lexicon().zipf(word)
    ministry = mfa_zipf(word)
    assert ministry is None or ministry <= general
    assert reference_zipf(word, general) == max(general, 1.0)
