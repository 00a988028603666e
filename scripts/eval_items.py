#!/usr/bin/env python3
"""Measure the study items of a transcript: single characters, composed meanings, a sample to review.

For each text it prints the number of items, the share that are a single
character, the share whose meaning was composed from parts (no dictionary or
glossary entry), and a reproducible random sample of items, each with the
sentence it first occurs in, for a person to judge.

    python3 scripts/eval_items.py FILE...                    # transcripts on disk
    python3 scripts/eval_items.py --heldout mfa:2507 work-reports:17
    python3 scripts/eval_items.py --all --sample 30 --seed 1 FILE

``--heldout CORPUS:LINE`` takes a document of ``scripts/corpus.py``'s held-out
split (the documents nobody tunes on); asking for a document of the derive
split is an error. Options: ``--all`` keeps every word (the CLI's ``--all``),
``--sample N`` (default 25) and ``--seed S`` (default 0) fix the sample.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flashgen.models import VocabItem  # noqa: E402
from flashgen.pipeline import Options, analyse  # noqa: E402


@dataclass(frozen=True)
class Figures:
    items: int
    single: int
    composed: int

    def line(self, name: str) -> str:
        return f"{name}: {self.items} items, {self.share(self.single)} single characters ({self.single}), " \
               f"{self.share(self.composed)} composed meanings ({self.composed})"

    def share(self, n: int) -> str:
        return f"{100 * n / self.items:.1f}%" if self.items else "-"


def figures(items: list[VocabItem]) -> Figures:
    """Counts of all items, single-character items and items with a composed meaning."""
    return Figures(len(items), sum(len(i.hanzi) == 1 for i in items), sum(i.composed for i in items))


def sample(items: list[VocabItem], n: int, seed: int) -> list[VocabItem]:
    """``n`` items drawn at random (reproducible for a seed), in list order."""
    chosen = set(random.Random(seed).sample(range(len(items)), min(n, len(items))))
    return [item for k, item in enumerate(items) if k in chosen]


def _texts(args: argparse.Namespace) -> list[tuple[str, str]]:
    texts = [(path, Path(path).read_text(encoding="utf-8")) for path in args.files]
    if args.heldout:
        from corpus import documents, held_out

        for spec in args.heldout:
            corpus, _, number = spec.partition(":")
            if not held_out(int(number)):
                sys.exit(f"{spec} is not a held-out document (line numbers ≡ 7 mod 10 are)")
            doc = next(d for d in documents(corpus, split="heldout") if d.number == int(number))
            texts.append((f"{corpus}:{number} {doc.title}", doc.text))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--heldout", nargs="*", default=[], metavar="CORPUS:LINE")
    parser.add_argument("--all", action="store_true", help="keep every word (HSK 1–2 and function words too)")
    parser.add_argument("--sample", type=int, default=25)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quiet", action="store_true", help="figures only, no sample")
    args = parser.parse_args()
    options = Options(min_hsk=1) if args.all else Options()
    for name, text in _texts(args):
        analysis = analyse(text=text, options=options)
        print(figures(analysis.vocab).line(name))
        if args.quiet:
            continue
        for item in sample(analysis.vocab, args.sample, args.seed):
            mark = "≈" if item.composed else " "
            meaning = (item.meanings[0] if item.meanings else "")[:40]
            sentence = item.examples[0].text if item.examples else ""
            print(f"  {item.hanzi}\t{item.pinyin}\t{mark}{meaning}\t| {sentence[:70]}")
        print()


if __name__ == "__main__":
    main()
