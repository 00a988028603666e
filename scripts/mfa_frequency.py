#!/usr/bin/env python3
"""Derive data/mfa-frequency.tsv: how often the Foreign Ministry's press conferences use each word.

Reads the derive split of the MFA regular press conferences (``scripts/corpus.py``,
``split="derive"``; the held-out tenth is never read), segments them with
flashgen's own segmenter (the one the vocabulary stage uses, so the words are
the same units) and writes the ``--top`` most frequent words that occur at
least ``--min-count`` times in at least ``--min-docs`` conferences, with their
count and frequency per million words. flashgen ranks a transcript's words by
how much more often the transcript uses them than this baseline and than
general Chinese (see flashgen/chinese/mfa_frequency.py).

    python3 scripts/mfa_frequency.py [--top 20000] [--out data/mfa-frequency.tsv]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from corpus import documents  # noqa: E402

CLAUSE = re.compile(r"[\u4e00-\u9fff]+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "mfa-frequency.tsv")
    parser.add_argument("--top", type=int, default=20000)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-docs", type=int, default=3)
    args = parser.parse_args()

    from flashgen.chinese.segment import cut

    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    total = conferences = 0
    first = last = ""
    for doc in documents("mfa", split="derive"):
        conferences += 1
        first = min(first or doc.date, doc.date)
        last = max(last, doc.date)
        seen: set[str] = set()
        for clause in CLAUSE.findall(doc.text):
            for word, _ in cut(clause):
                counts[word] += 1
                seen.add(word)
                total += 1
        docs.update(seen)
    kept = [(w, c) for w, c in counts.most_common() if c >= args.min_count and docs[w] >= args.min_docs][: args.top]
    lines = [
        f"# Word frequencies of the Chinese Foreign Ministry's regular press conferences, {first[:4]}-{last[:4]}:",
        f"# {conferences} transcripts (the derive split; one in ten held out), {total} words segmented by flashgen.",
        "# Derived by scripts/mfa_frequency.py; the transcripts themselves are not shipped.",
        f"# The {len(kept)} most frequent words seen at least {args.min_count} times in {args.min_docs} or more transcripts.",
        "word\tcount\tper_million",
    ]
    lines += [f"{w}\t{c}\t{c * 1e6 / total:.2f}" for w, c in kept]
    from flashgen.atomic import atomic_write

    atomic_write(args.out, "\n".join(lines) + "\n")
    print(f"{len(kept)} words of {len(counts)} written to {args.out} ({total} words in {conferences} transcripts)", file=sys.stderr)


if __name__ == "__main__":
    main()
