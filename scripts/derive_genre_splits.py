#!/usr/bin/env python3
"""Candidates for data/genre_splits.tsv: jieba words that diplomatic speech almost only writes across a word boundary.

jieba's general-corpus dictionary counts 上将 "admiral", 中将 "lieutenant
general" and 内向 "introverted" high, so 在这个问题上将发挥作用 is cut 问题 | 上将 |
发挥 and gives the card 上将 "general", where the sentence says 问题上 + 将 "on
the issue … will". This script lists the two-character words of jieba's
dictionary made of a locative (中 上 后 内 前 里 时) and a modal, adverb or
preposition (将 会 要 也 就 对 应 能 …), with how often the derive split's press
conferences write the string, how often a military branch or rank stands right
before it (海军上将), and a few contexts, so that a reviewer decides which ones
the genre writes across the boundary; the decisions, with these counts, are
data/genre_splits.tsv.

    python3 scripts/derive_genre_splits.py [--min 10]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jieba  # noqa: E402

from corpus import documents  # noqa: E402

LOCATIVES = "中上后内前里时"
FOLLOWERS = "将会要也就对应能已还都可并为与向在把被"
RANK_BEFORE = re.compile("(?:海军|空军|陆军|军|星)$")


def main() -> None:
    """Print candidate, jieba's count, occurrences in the derive split, occurrences after a branch, contexts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min", type=int, default=10, help="least occurrences in the derive split")
    args = parser.parse_args()
    jieba.setLogLevel(60)
    jieba.initialize()
    text = "\n".join(d.text for d in documents("mfa", split="derive"))
    print("word\tjieba count\tderive occurrences\tafter a military branch\tcontexts")
    for word, count in sorted(jieba.dt.FREQ.items()):
        if len(word) != 2 or not count or word[0] not in LOCATIVES or word[1] not in FOLLOWERS:
            continue
        spots = [m.start() for m in re.finditer(word, text)]
        if len(spots) < args.min:
            continue
        ranks = sum(1 for i in spots if RANK_BEFORE.search(text[max(0, i - 2):i]))
        contexts = " ".join(text[max(0, i - 3):i + 4].replace("\n", " ") for i in spots[:4])
        print(f"{word}\t{count}\t{len(spots)}\t{ranks}\t{contexts}")


if __name__ == "__main__":
    main()
