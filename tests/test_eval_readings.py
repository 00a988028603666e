"""The CPP polyphone benchmark script runs on a spread subset and keeps a floor; items split by reading."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from flashgen.models import Sentence, Token, VocabItem
from flashgen.study.annotate import annotate
from flashgen.study.select import Filters
from flashgen.study.vocab import build_vocab, item_keys

ROOT = Path(__file__).resolve().parent.parent


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_readings", ROOT / "scripts" / "eval_readings.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_readings"] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_subset_keeps_its_floor() -> None:
    script = _script()
    if not (script.DEFAULT_DATA / "dev.sent").is_file():
        pytest.skip("CPP dev set not available (a shared corpus, never shipped)")
    items = script.load(script.DEFAULT_DATA, "odd", 400)  # held-out half, 400 items across all characters
    assert len(items) == 400 and len({i.text[i.position] for i in items}) > 300
    result = script.evaluate(items)
    assert result.strict_rate >= 0.96  # the full odd half reads about 97.4 %
    assert result.forgiving_rate >= result.strict_rate


def test_benchmark_reads_through_the_pipeline() -> None:
    script = _script()
    # 这条河长175公里 "the river is 175 km long": 长 cháng, found at its position in the annotated sentence
    item = script.Item(0, "这条河长175公里。", 3, "chang2")
    [sentence] = annotate([Sentence(0, 0, None, None, item.text)])
    assert script.reading_at(sentence, item.position) == "chang2"


def _sentence(index: int, tokens: list[Token]) -> Sentence:
    return Sentence(index, index, None, None, "".join(t.text for t in tokens), tokens=tokens)


def test_one_item_per_reading() -> None:
    # 这条河很长 "this river is long" (cháng) and 小树长得快 "the sapling grows fast" (zhǎng)
    first = _sentence(0, [Token("这条", "r", "zhètiáo", "zhe4 tiao2"), Token("河", "n", "hé", "he2"), Token("很", "d", "hěn", "hen3"),
                          Token("长", "a", "cháng", "chang2"), Token("。", "x")])
    second = _sentence(1, [Token("小树", "n", "xiǎoshù", "xiao3 shu4"), Token("长", "v", "zhǎng", "zhang3"),
                           Token("得", "ud", "de", "de5"), Token("快", "a", "kuài", "kuai4"), Token("。", "x")])
    items = [i for i in build_vocab([first, second], Filters(min_hsk=None)) if i.hanzi == "长"]
    assert sorted(i.pinyin for i in items) == ["cháng", "zhǎng"]
    by_reading = {i.pinyin: i for i in items}
    assert [e.text for e in by_reading["cháng"].examples] == [first.text]
    assert [e.text for e in by_reading["zhǎng"].examples] == [second.text]
    assert by_reading["cháng"].meanings != by_reading["zhǎng"].meanings  # each reading its own sense
    assert len(set(item_keys(items))) == 2  # two Anki notes, two quiz cards


def test_one_item_per_reading_through_annotate() -> None:
    # 这条河很长。小树长得很快。 "the river is long. the sapling grows fast."
    sentences = annotate([Sentence(0, 0, None, None, "这条河很长。"), Sentence(1, 1, None, None, "小树长得很快。")])
    readings = sorted(i.pinyin_numbered for i in build_vocab(sentences, Filters(min_hsk=None)) if i.hanzi == "长")
    assert readings == ["chang2", "zhang3"]


def test_two_readings_are_two_notes_and_two_quiz_cards(tmp_path: Path) -> None:
    # 长 cháng "long" and 长 zhǎng "to grow": the first keeps the hanzi's GUID, the second its own
    import sqlite3
    import zipfile

    from flashgen.anki import deck
    from flashgen.models import Transcript
    from flashgen.quiz.questions import candidates

    items = [VocabItem(hanzi="长", traditional="長", pinyin="cháng", pinyin_numbered="chang2", zhuyin="", meanings=["long"]),
             VocabItem(hanzi="长", traditional="長", pinyin="zhǎng", pinyin_numbered="zhang3", zhuyin="", meanings=["to grow"])]
    stats = deck.write_deck(Transcript("t", "t.txt", [], "t"), items, [], tmp_path / "d.apkg")
    assert stats.vocab_notes == 2
    with zipfile.ZipFile(stats.path) as z:
        (tmp_path / "c.db").write_bytes(z.read("collection.anki2"))
    guids = {row[0] for row in sqlite3.connect(tmp_path / "c.db").execute("SELECT guid FROM notes")}
    assert guids == {deck.vocab_guid("长"), deck.vocab_guid("长|zhang3")}
    assert {c.card_id for c in candidates("meaning", items, [])} == {"meaning:长", "meaning:长|zhang3"}
