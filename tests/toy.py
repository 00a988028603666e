"""Shared toy data for the tests: a hand-segmented transcript independent of the segmenter and the dictionaries."""

from __future__ import annotations

import json
from pathlib import Path

from flashgen.chinese.tones import numbered_to_marked
from flashgen.models import Analysis, Sentence, Token, Transcript, VocabItem

GOLDEN = Path(__file__).parent / "golden" / "cloze"


def toy_analysis() -> Analysis:
    """The hand-segmented toy transcript of ``golden/cloze/toy-transcript.json`` (English in its "en" fields).

    Independent of the segmenter and the dictionaries, so its golden files
    change only when the cloze or worksheet code does.
    """
    data = json.loads((GOLDEN / "toy-transcript.json").read_text(encoding="utf-8"))
    sentences = []
    for index, row in enumerate(data["sentences"]):
        tokens = [Token(text, pos, numbered_to_marked(numbered), numbered) for text, numbered, pos in row["tokens"]]
        text = "".join(t.text for t in tokens)
        sentences.append(Sentence(index, index, row["section"], row["speaker"], text, row["kind"], tokens))
    readings = {t.text: t for s in sentences for t in s.tokens}
    vocab = [
        VocabItem(v["hanzi"], v["hanzi"], readings[v["hanzi"]].pinyin, readings[v["hanzi"]].pinyin_numbered, "",
                  [v["meaning"]], hsk=v["hsk"], zipf=v["zipf"], term=v["term"], category=v["category"], pos=v["pos"])
        for v in data["vocab"]
    ]
    return Analysis(Transcript(data["title"], data["source"], sentences, "toy"), vocab)
