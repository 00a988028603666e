#!/usr/bin/env python3
"""Print a reproducible random sample of a transcript's vocabulary items for review, or score a review.

Each line: the item, its reading, its first meaning (where it comes from) and
its first example sentence with the word in 【】. The sample depends only on
the text, --n and --seed.

    python3 scripts/sample_meanings.py transcript.txt [--n 50] [--seed 1]
    python3 scripts/sample_meanings.py --heldout mfa:3 --heldout work-reports:0 [--n 60]
    python3 scripts/sample_meanings.py --heldout mfa:3 --review scripts/meaning_review.tsv
    python3 scripts/sample_meanings.py --derive mfa:100 --derive congress-reports:2 --n 20 --seed 7

``--heldout CORPUS:K`` takes the K-th held-out document of a corpus (see
scripts/corpus.py; nothing is tuned on those); ``--derive CORPUS:K`` the K-th
document of the derive split, for review rounds whose misses may be fixed
(named "derive:CORPUS:K"). ``--review FILE`` reads a TSV of
verdicts (source, word, first meaning, ok|wrong, note), matches them with the
items sampled now, and prints the share of sampled items whose first meaning
is wrong for its sentence; items whose first meaning changed since the review
are listed as unjudged.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import documents  # noqa: E402

from flashgen.models import VocabItem  # noqa: E402
from flashgen.pipeline import analyse  # noqa: E402


@dataclass(frozen=True)
class Text:
    name: str  # "mfa:3" or the file name
    text: str


def _document(spec: str, split: str) -> Text:
    """The K-th document of a corpus's split ("mfa:3"); a derive document is named "derive:mfa:3"."""
    corpus, _, k = spec.partition(":")
    for i, doc in enumerate(documents(corpus, split=split)):  # type: ignore[arg-type]
        if i == int(k or 0):
            return Text(spec if split == "heldout" else f"{split}:{spec}", doc.text)
    raise SystemExit(f"{spec}: no such {split} document")


def sample(text: Text, n: int, seed: int, stable: bool = False) -> list[VocabItem]:
    """``n`` items drawn at random (seeded by the text's name and ``seed``) from the text's default vocabulary.

    ``stable``: each item's chance is a hash of the text's name, ``seed`` and the
    item's word, and the ``n`` lowest are drawn; so a change that adds, drops or
    reorders other items leaves the rest of the sample as it was, and a before and
    after of the same code change judge mostly the same items.
    """
    items = analyse(text=text.text).vocab
    if stable:
        def rank(item: VocabItem) -> str:
            return hashlib.sha1(f"{text.name}:{seed}:{item.hanzi}".encode()).hexdigest()
        return sorted(items, key=rank)[:n]
    rng = random.Random(f"{text.name}:{seed}")
    return rng.sample(items, min(n, len(items)))


def line(text: Text, item: VocabItem) -> list[str]:
    example = item.examples[0].text if item.examples else ""
    marked = example.replace(item.hanzi, f"【{item.hanzi}】", 1)
    return [text.name, item.hanzi, item.pinyin, item.meanings[0] if item.meanings else "", item.meaning_source, marked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("transcript", nargs="*", type=Path)
    parser.add_argument("--heldout", action="append", default=[], metavar="CORPUS:K", help="K-th held-out document")
    parser.add_argument("--derive", action="append", default=[], metavar="CORPUS:K", help="K-th derive-split document")
    parser.add_argument("--n", type=int, default=50, help="items per text")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--review", type=Path, help="TSV of verdicts to score")
    parser.add_argument("--stable", action="store_true",
                        help="draw by a hash of each word, so that other items' changes leave the sample alone (round 7 on)")
    args = parser.parse_args()
    texts = [Text(p.name, p.read_text(encoding="utf-8")) for p in args.transcript] + [_document(s, "heldout") for s in args.heldout]
    texts += [_document(s, "derive") for s in args.derive]
    rows = [line(t, item) for t in texts for item in sample(t, args.n, args.seed, args.stable)]
    if not args.review:
        writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        writer.writerow(["text", "word", "pinyin", "first meaning", "source", "example"])
        writer.writerows(rows)
        return
    verdicts: dict[tuple[str, str, str], tuple[str, str]] = {}
    with args.review.open(encoding="utf-8") as fh:
        for rec in csv.reader((r for r in fh if not r.startswith("#")), delimiter="\t"):
            if len(rec) >= 4 and rec[3] in ("ok", "wrong"):
                verdicts[(rec[0], rec[1], rec[2])] = (rec[3], rec[4] if len(rec) > 4 else "")
    judged = wrong = 0
    for row in rows:
        verdict = verdicts.get((row[0], row[1], row[3]))
        if verdict is None:
            print(f"unjudged\t{row[0]}\t{row[1]}\t{row[3]}\t{row[5]}")
            continue
        judged += 1
        if verdict[0] == "wrong":
            wrong += 1
            print(f"wrong\t{row[0]}\t{row[1]}\t{row[3]}\t{verdict[1]}")
    print(f"{wrong} of {judged} judged items ({wrong / max(judged, 1):.1%}) have a first meaning wrong for their sentence; "
          f"{len(rows) - judged} unjudged")


if __name__ == "__main__":
    main()
