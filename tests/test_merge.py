"""Merging the vocabulary of several transcripts: each word once, counts summed, examples kept from every part."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flashgen.models import Example, VocabItem
from flashgen.study.merge import merge_vocab, name_slug

WORDS = ["多边主义", "主权", "条约", "互信"]  # multilateralism, sovereignty, treaty, mutual trust


def _item(word: str, count: int, part: int) -> VocabItem:
    return VocabItem(word, word, "", "", "", ["m"], count=count, score=float(count),
                     examples=[Example(f"{word}在第{part}篇", None, None)])


@given(st.lists(st.dictionaries(st.sampled_from(WORDS), st.integers(1, 9)), min_size=1, max_size=4))
def test_each_word_once_counts_summed_examples_from_every_part(parts: list[dict[str, int]]) -> None:
    lists = [[_item(w, c, n) for w, c in part.items()] for n, part in enumerate(parts)]
    merged = merge_vocab(lists)
    assert len({i.hanzi for i in merged}) == len(merged)
    for item in merged:
        assert item.count == sum(part.get(item.hanzi, 0) for part in parts)
        assert [e.text for e in item.examples] == [f"{item.hanzi}在第{n}篇" for n, p in enumerate(parts) if item.hanzi in p]
    assert [i.score for i in merged] == sorted((i.score for i in merged), reverse=True)


def test_merge_leaves_its_inputs_alone() -> None:
    first = [_item("主权", 2, 0)]
    merge_vocab([first, [_item("主权", 3, 1)]])
    assert first[0].count == 2 and len(first[0].examples) == 1


@given(st.text(max_size=40))
def test_name_slug_is_safe(name: str) -> None:
    slug = name_slug(name)
    assert slug and len(slug) <= 80 and all(c.isascii() and (c.isalnum() or c in "._-") for c in slug)
