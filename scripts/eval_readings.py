#!/usr/bin/env python3
"""Accuracy of flashgen's readings in context on the CPP polyphone benchmark.

CPP (Chinese Polyphones with Pinyin, from the g2pM paper) gives sentences with
one polyphonic character marked (``▁行▁``) and its gold reading. Each sentence
goes through flashgen's own path for a transcript sentence (segment, then a
reading for every token, as ``flashgen.study.annotate`` does), and the reading
of the token's syllable at the marked character is compared with the gold one.

    python3 scripts/eval_readings.py [--data DIR] [--limit N] [--part all|even|odd] [--show N]

Printed: accuracy strict and with the neutral tone forgiven (gold or ours 5 vs.
the full tone counts as right), and the characters with most errors.
``--part even`` / ``--part odd`` keep even / odd line numbers (0-based): rules
were tuned looking at even lines only, odd lines are the held-out half.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from flashgen.chinese.hanzi import HANZI  # noqa: E402
from flashgen.chinese.tones import normalise_u  # noqa: E402
from flashgen.models import Sentence  # noqa: E402
from flashgen.study.annotate import annotate  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "cpp-dev"
MARK = "\u2581"


@dataclass(frozen=True)
class Item:
    """One benchmark line: the sentence, where its marked character is, the gold reading."""

    line: int
    text: str
    position: int
    gold: str


@dataclass
class Result:
    """Counts of one run."""

    total: int
    strict: int
    forgiving: int
    errors: Counter[str]
    mistakes: list[tuple[Item, str]]

    @property
    def strict_rate(self) -> float:
        return self.strict / self.total if self.total else 0.0

    @property
    def forgiving_rate(self) -> float:
        return self.forgiving / self.total if self.total else 0.0


def load(folder: Path, part: str = "all", limit: int | None = None) -> list[Item]:
    """The benchmark items of ``folder`` (dev.sent, dev.lb), optionally half of them and ``limit`` of those."""
    sents = (folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / "dev.lb").read_text(encoding="utf-8").splitlines()
    if len(sents) != len(labels):
        raise SystemExit(f"{folder}: {len(sents)} sentences but {len(labels)} labels")
    items = []
    for n, (raw, gold) in enumerate(zip(sents, labels)):
        if part == "even" and n % 2 or part == "odd" and not n % 2:
            continue
        position = raw.index(MARK)
        text = raw.replace(MARK, "")
        items.append(Item(n, text, position, _canon(gold)))
    if limit is not None and limit < len(items):
        # Lines are grouped by character: take ``limit`` items spread evenly over the set.
        items = [items[i * len(items) // limit] for i in range(limit)]
    return items


def _canon(syllable: str) -> str:
    """Lower case, ü written out, neutral tone as 5 ("Lu:4" → "lü4", "de" → "de5")."""
    s = normalise_u(syllable.strip()).lower()
    return s if s[-1:].isdigit() else s + "5"


def reading_at(sentence: Sentence, position: int) -> str:
    """flashgen's numbered reading of the character at ``position`` of the annotated sentence."""
    start = 0
    for token in sentence.tokens:
        end = start + len(token.text)
        if start <= position < end:
            hanzi_before = sum(1 for ch in token.text[: position - start] if HANZI.match(ch))
            syllables = token.pinyin_numbered.split()
            return _canon(syllables[hanzi_before]) if hanzi_before < len(syllables) else "?"
        start = end
    return "?"


def evaluate(items: list[Item]) -> Result:
    """Run every item through the annotate stage and count right readings."""
    sentences = [Sentence(index=i, paragraph=i, section=None, speaker=None, text=item.text) for i, item in enumerate(items)]
    annotated = annotate(sentences)
    strict = forgiving = 0
    errors: Counter[str] = Counter()
    mistakes = []
    for item, sentence in zip(items, annotated):
        ours = reading_at(sentence, item.position)
        if ours == item.gold:
            strict += 1
            forgiving += 1
            continue
        if ours[:-1] == item.gold[:-1] and "5" in (ours[-1], item.gold[-1]):
            forgiving += 1
        errors[item.text[item.position]] += 1
        mistakes.append((item, ours))
    return Result(len(items), strict, forgiving, errors, mistakes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with dev.sent and dev.lb")
    parser.add_argument("--limit", type=int, default=None, help="only N items, spread evenly over the set (after --part)")
    parser.add_argument("--part", choices=("all", "even", "odd"), default="all")
    parser.add_argument("--top", type=int, default=20, help="characters with most errors to list")
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong items")
    args = parser.parse_args(argv)
    if not (args.data / "dev.sent").is_file():
        raise SystemExit(f"no CPP data in {args.data} (dev.sent, dev.lb)")
    result = evaluate(load(args.data, args.part, args.limit))
    print(f"items: {result.total} ({args.part} lines)")
    print(f"strict: {result.strict_rate:.2%} ({result.strict})")
    print(f"neutral tone forgiven: {result.forgiving_rate:.2%} ({result.forgiving})")
    print("most errors: " + " ".join(f"{ch} {n}" for ch, n in result.errors.most_common(args.top)))
    for item, ours in result.mistakes[: args.show]:
        marked = item.text[: item.position] + "[" + item.text[item.position] + "]" + item.text[item.position + 1 :]
        print(f"{item.line}\t{item.gold}\t{ours}\t{marked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
