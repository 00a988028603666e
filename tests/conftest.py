"""Shared fixtures: the sample taken through the pipeline once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "wang-yi-press-conference-2021-03-07.txt"


@pytest.fixture(scope="session")
def sample_analysis():
    """The bundled sample through the whole pipeline (default options)."""
    from flashgen.pipeline import analyse

    return analyse()


@pytest.fixture(scope="session")
def sample_vocab(sample_analysis):
    """Vocabulary of the sample by hanzi."""
    return {item.hanzi: item for item in sample_analysis.vocab}


@pytest.fixture(scope="session")
def sample_tokens(sample_analysis):
    """Every (token text, numbered pinyin) pair of the sample, with the sentence it stands in."""
    return [(t, s) for s in sample_analysis.transcript.sentences for t in s.tokens]


@pytest.fixture(autouse=True)
def _private_library(tmp_path_factory, monkeypatch):
    """Every test builds with a library of its own, never the user's (subprocesses inherit it too)."""
    monkeypatch.setenv("FLASHGEN_LIBRARY", str(tmp_path_factory.mktemp("library") / "library.sqlite"))
