"""Invariants over arbitrary input (hypothesis)."""

from __future__ import annotations

from hypothesis import assume, given, settings, strategies as st

from flashgen.study.cloze import make_cloze_items
from flashgen.study.cloze_syntax import strip_markup
from flashgen.pipeline import analyse
from flashgen.quiz.check import _normalise, check_pinyin
from flashgen.chinese.tones import normalise_u, numbered_to_marked

SYLLABLES = ["zhong", "guo", "ren", "lei", "ming", "yun", "gong", "tong", "ti", "lü", "nü", "xue", "an", "er", "shi", "jie", "duo", "bian"]
# Words and terms of the seed, punctuation and noise to build transcripts from.
PIECES = ["人类命运共同体", "多边主义", "一带一路", "维护", "我们", "中国", "坚持", "王毅：", "记者：", "，", "。", "？", "\n", "\n\n", "“", "”", "{{", "}}", "::", "<b>", "G20", " "]


@given(st.text(max_size=30))
def test_normalise_u_is_idempotent(text: str) -> None:
    once = normalise_u(text)
    assert normalise_u(once) == once


@given(st.text(max_size=60))
def test_meaning_normalisation_is_idempotent(text: str) -> None:
    once = _normalise(text)
    assert _normalise(once) == once


@given(st.lists(st.tuples(st.sampled_from(SYLLABLES), st.integers(1, 5)), min_size=1, max_size=5))
def test_expected_reading_is_right_in_every_spelling(parts: list[tuple[str, int]]) -> None:
    numbered = " ".join(f"{s}{t}" for s, t in parts)
    assert check_pinyin(numbered, numbered).right  # tone numbers, spaced
    assert check_pinyin(numbered.replace(" ", ""), numbered).right  # tone numbers, run together
    assert check_pinyin(numbered_to_marked(numbered, joiner=" "), numbered).right  # tone marks
    assert check_pinyin(numbered.replace("ü", "v"), numbered).right  # v for ü


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_cloze_markup_removed_gives_back_the_sentence(pieces: list[str]) -> None:
    text = "".join(pieces)
    assume(any("\u4e00" <= ch <= "\u9fff" for ch in text))
    analysis = analyse(text=text)
    for item in make_cloze_items(analysis):
        assert strip_markup(item.cloze) in item.sentence
        assert item.answers[0] in item.choices and len(set(item.choices)) == len(item.choices)
