#!/usr/bin/env python3
"""Count the tokens that are fragments of a wrong cut, and list how a change re-cut the text.

A learner's item is a token of flashgen's segmentation. A token is a fragment
of a wrong cut when it and a neighbour can be cut another way into dictionary
words (CC-CEDICT or the glossary) that the genre says is far likelier:

- **cut apart**: A | B where AB is a dictionary word (多鼓劲: 鼓 | 劲);
- **glued across a boundary**: A | B where moving the boundary gives two
  dictionary words X | Y (成 | 效应 | 得到 for 成效 | 应 | 得到).

Each cut of the span is priced like jieba prices a route, by the words'
frequencies: a word's log10 probability is its Zipf value minus 9, taken from
the Foreign Ministry's press conferences (``data/mfa-frequency.tsv``) where the
word is there, else from wordfreq's general Chinese less ``GENERAL_PENALTY``.
A cut is wrong when the other cut is at least ``MARGIN`` (log10) likelier.
This is a yardstick, not the segmenter: it sees two tokens at a time.

    python3 scripts/eval_segments.py                       # every 5th derive-split presser
    python3 scripts/eval_segments.py --every 5 --save after.tsv
    python3 scripts/eval_segments.py --compare before.tsv after.tsv --sample 60 --seed 0

``--save`` writes each sentence's cut (tokens joined by "|", one sentence a
line); ``--compare`` lists the spans whose cut differs between two saved runs,
with counts, and a reproducible random sample for a person to judge. The
documents are ``scripts/corpus.py``'s derive split; ``--heldout`` reads the
held-out split instead, only to confirm a change chosen on the derive split.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flashgen.chinese.lexicon import lexicon  # noqa: E402
from flashgen.chinese.mfa_frequency import mfa_zipf  # noqa: E402
from flashgen.chinese.segment import cut, dictionary_word  # noqa: E402
from flashgen.source.sentences import split_sentences  # noqa: E402

#: log10 likelihood ratio above which the other cut is taken as right.
MARGIN = 1.0
#: A word only general Chinese has is priced this much lower (log10) in the genre.
GENERAL_PENALTY = 1.0
#: Longest span of two tokens looked at.
MAX_SPAN = 6
_HANZI = re.compile(r"[\u3400-\u9fff]+")


def logp(word: str) -> float:
    """log10 probability of ``word`` as a token of diplomatic speech."""
    genre = mfa_zipf(word)
    if genre is not None:
        return genre - 9
    general = lexicon().zipf(word)
    return (general or 1.0) - 9 - GENERAL_PENALTY


def wrong_cut(a: str, b: str) -> tuple[str, str] | None:
    """The better cut of the span ``a + b`` when the cut ``a | b`` is wrong: ("cut apart", "AB") or ("glued", "X|Y")."""
    span = a + b
    if len(span) > MAX_SPAN or not _HANZI.fullmatch(span):
        return None
    here = logp(a) + logp(b)
    if dictionary_word(span) and logp(span) >= here + MARGIN:
        return "cut apart", span
    best: tuple[float, str] | None = None
    for k in range(1, len(span)):
        if k == len(a):
            continue
        x, y = span[:k], span[k:]
        if dictionary_word(x) and dictionary_word(y) and (len(x) > 1 or len(y) > 1):
            score = logp(x) + logp(y)
            if score >= here + MARGIN and (best is None or score > best[0]):
                best = (score, f"{x}|{y}")
    return ("glued", best[1]) if best else None


def fragments(tokens: list[str]) -> list[tuple[int, str, str]]:
    """(index of the first token, kind, better cut) for each wrong boundary of one sentence."""
    found = []
    for i in range(len(tokens) - 1):
        verdict = wrong_cut(tokens[i], tokens[i + 1])
        if verdict:
            found.append((i, *verdict))
    return found


def segmented(every: int, split: str = "derive") -> list[list[str]]:
    from corpus import documents

    out = []
    for k, doc in enumerate(documents("mfa", split=split)):  # type: ignore[arg-type]
        if k % every == 0:
            for sentence in split_sentences(doc.text):
                if "|" not in sentence and "\n" not in sentence:  # the saved format's separators
                    out.append([w for w, _ in cut(sentence)])
    return out


def report(sentences: list[list[str]], show: int) -> None:
    kinds: collections.Counter[str] = collections.Counter()
    items: collections.Counter[tuple[str, str, str]] = collections.Counter()
    tokens = 0
    for tokens_ in sentences:
        tokens += sum(1 for t in tokens_ if _HANZI.fullmatch(t))
        for i, kind, better in fragments(tokens_):
            kinds[kind] += 1
            items[(kind, f"{tokens_[i]}|{tokens_[i + 1]}", better)] += 1
    total = sum(kinds.values())
    print(f"{len(sentences)} sentences, {tokens} hanzi tokens; wrong boundaries: {total} "
          f"({1000 * total / max(tokens, 1):.2f} per 1000 tokens; " +
          ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + f"), {len(items)} distinct")
    for (kind, here, better), n in items.most_common(show):
        print(f"  {n}\t{kind}\t{here} → {better}")


def load(path: str) -> list[list[str]]:
    return [line.rstrip("\n").split("|") for line in Path(path).read_text(encoding="utf-8").splitlines()]


def changes(before: list[list[str]], after: list[list[str]]) -> list[tuple[str, str, str]]:
    """(old cut, new cut, context) of every span re-cut between two runs over the same sentences."""
    found = []
    for old, new in zip(before, after):
        if old == new:
            continue
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                context = "".join(old[max(0, i1 - 3):i1]) + "[" + "".join(old[i1:i2]) + "]" + "".join(old[i2:i2 + 3])
                found.append(("|".join(old[i1:i2]), "|".join(new[j1:j2]), context))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=5, help="read every Nth derive-split presser (default 5)")
    parser.add_argument("--save", metavar="FILE", help="write the cut, one sentence a line")
    parser.add_argument("--show", type=int, default=30, help="most frequent wrong boundaries to print")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--heldout", action="store_true", help="read the held-out split instead (to confirm, never to tune)")
    parser.add_argument("--distinct", action="store_true", help="sample distinct re-cuts, not occurrences")
    args = parser.parse_args()
    if args.compare:
        before, after = (load(p) for p in args.compare)
        if len(before) != len(after):
            sys.exit("the two runs did not cut the same sentences")
        print("before:", end=" ")
        report(before, 0)
        print("after: ", end=" ")
        report(after, 0)
        found = changes(before, after)
        counts = collections.Counter((old, new) for old, new, _ in found)
        print(f"{len(found)} spans re-cut, {len(counts)} distinct; most frequent:")
        for (old, new), n in counts.most_common(args.show):
            print(f"  {n}\t{old} → {new}")
        if args.distinct:  # one occurrence of each distinct re-cut, so rare re-cuts weigh as much as common ones
            first: dict[tuple[str, str], tuple[str, str, str]] = {}
            for change in found:
                first.setdefault(change[:2], change)
            found = list(first.values())
        kind = "distinct re-cuts" if args.distinct else "re-cut spans"
        print(f"random sample of {args.sample} {kind} (seed {args.seed}):")
        for old, new, context in random.Random(args.seed).sample(found, min(args.sample, len(found))):
            print(f"{old}\t{new}\t{context}")
        return
    sentences = segmented(args.every, "heldout" if args.heldout else "derive")
    if args.save:
        Path(args.save).write_text("".join("|".join(s) + "\n" for s in sentences), encoding="utf-8")
    report(sentences, args.show)


if __name__ == "__main__":
    main()
