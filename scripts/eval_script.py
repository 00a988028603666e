#!/usr/bin/env python3
"""Script fidelity on held-out press conferences: the same text in either script gives the same study material.

Each held-out foreign-ministry press conference (scripts/corpus.py: one
document in ten) is converted to traditional characters by OpenCC (s2tw,
s2hk) and analysed both ways. Printed per region:

- documents whose vocabulary (items, readings, counts) and sentences are
  identical to the simplified text's;
- half-converted characters (judged by OpenCC, flashgen.source.convert.
  foreign_characters) in the traditional outputs: sentences, examples,
  cloze sentences, and headwords, answers and choices the text does not
  write itself; and in the simplified outputs of the traditional text
  (``--script simplified``).

    python3 scripts/eval_script.py [--docs 20]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import documents  # noqa: E402  (scripts/ is on sys.path)

from flashgen.models import Analysis, Region, Script  # noqa: E402
from flashgen.pipeline import Options, analyse  # noqa: E402
from flashgen.source.convert import convert, foreign_characters  # noqa: E402
from flashgen.study.cloze import make_cloze_items  # noqa: E402
from flashgen.study.cloze_syntax import strip_markup  # noqa: E402


def shown_texts(analysis: Analysis) -> list[str]:
    """Every piece of Chinese the outputs show in the primary script.

    OpenCC judges in context, so a word the text writes is judged in its
    sentence (伙伴 is right inside 戰略伙伴), and a cloze by its plain text;
    words the text does not write (distractors from the glossary) alone.
    """
    sentences = [s.shown for s in analysis.transcript.sentences]
    written = "\n".join(sentences)
    out = [analysis.transcript.title, *sentences]
    words = []
    for item in analysis.vocab:
        words.append(item.headword)
        out += [e.shown for e in item.examples]
    for c in make_cloze_items(analysis):
        out += [c.shown_sentence, strip_markup(c.shown_cloze)]
        words += [*c.shown_answers, *c.shown_choices]
    return out + sorted({w for w in words if w not in written})


def foreign(analysis: Analysis, script: Script) -> int:
    """Half-converted characters in the outputs of ``analysis`` (meant to be in ``script``)."""
    return sum(len(foreign_characters(text, script)) for text in shown_texts(analysis))


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20, help="held-out documents to use (the first N, in file order)")
    args = parser.parse_args()
    docs = [d for d in documents("mfa", split="heldout") if len(d.text) >= 500][: args.docs]
    regions: tuple[Region, ...] = ("tw", "hk")
    same = {r: 0 for r in regions}
    bad_traditional = {r: 0 for r in regions}
    bad_simplified = {r: 0 for r in regions}
    items = chars = 0
    for doc in docs:
        base = analyse(text=doc.text)
        items += len(base.vocab)
        key = [(v.hanzi, v.pinyin, v.count) for v in base.vocab]
        for region in regions:
            traditional = convert(doc.text, "traditional", region)
            chars += len(traditional) if region == regions[0] else 0
            shown = analyse(text=traditional)
            same[region] += key == [(v.hanzi, v.pinyin, v.count) for v in shown.vocab] and \
                [s.text for s in base.transcript.sentences] == [s.text for s in shown.transcript.sentences]
            bad_traditional[region] += foreign(shown, "traditional")
            bad_simplified[region] += foreign(analyse(text=traditional, options=Options(script="simplified")), "simplified")
    print(f"{len(docs)} held-out MFA press conferences, {chars:,} characters, {items:,} vocabulary items (simplified)")
    for region in regions:
        print(f"OpenCC s2{region}: identical items, readings, counts and sentences in {same[region]}/{len(docs)} documents; "
              f"half-converted characters: {bad_traditional[region]} in traditional outputs, "
              f"{bad_simplified[region]} in --script simplified outputs")


if __name__ == "__main__":
    main()
