"""Quiz questions built from the sample: plausible options, readings as written."""

from __future__ import annotations

import random

from flashgen.quiz.questions import _similar
from flashgen.export.ansi import Painter
from flashgen.chinese.tones import segments


def test_hanzi_options_are_of_the_same_kind(sample_analysis) -> None:
    vocab = sample_analysis.vocab
    item = next(v for v in vocab if v.hanzi == "香港")  # Hong Kong, a place
    others = [v for v in vocab if v.hanzi != item.hanzi]
    options = _similar(item, others, random.Random(0))
    by_hanzi = {v.hanzi: v for v in vocab}
    assert all(by_hanzi[o].category == "place" for o in options[:3])
    assert not any("香港" in o for o in options)  # never a word holding the answer (香港特区)


def test_feedback_shows_the_reading_as_written() -> None:
    painter = Painter(enabled=False)
    # 联合国 United Nations: capital kept; 人类命运共同体: word spacing kept
    assert painter.pinyin("lian2 he2 guo2", written="Liánhéguó") == "Liánhéguó"
    assert painter.pinyin("ren2 lei4 ming4 yun4", written="rénlèi mìngyùn") == "rénlèi mìngyùn"
    assert painter.pinyin("ren2 lei4", written="something else") == "rénlèi"


def test_segments_line_up_or_refuse() -> None:
    assert segments("Xī'ān", "xi1 an1") == [("Xī", 1), ("'", 0), ("ān", 1)]
    assert segments("rénlèi", "ren2 lei4 ming4") is None
