#!/usr/bin/env python3
"""List study items that are pieces of names or abbreviations read as common words, to count them before and after.

For each document it analyses (the default vocabulary, as ``flashgen vocab``
makes it), an item is listed under one of these classes when its occurrences
in the text look so, whatever its meaning:

``abbr``     a single character standing where a country's abbreviation stands
             (中马关系, 马方, 访马, 驻马) while the text names a place that begins
             with it (马尔代夫): right only if its first meaning names that place;
``surname``  a single character before a title or honorific (解特使) while the
             text spells out a person's name that begins with it (解晓岩);
``piece``    an item beside a lone character tagged a name or an abbreviation
             (亚|明, 加利|温), or beside a person's name whose characters it
             continues, or a lone character before an honorific or beside a title
             next to an abbreviation-tagged character (亚|明|先生);
``composed`` an item tagged a name or place whose meaning is composed from its characters
             (加利 "add + benefit", 中马 "within + horse": right only if each part is);
``place``    an item before a one-character place suffix (礼乐|滩, 南沙|礼乐|滩).

The classes are deliberately wider than the fix in ``flashgen.study.names``:
they catch candidates, a person judges them. ``--dump FILE`` writes every item
(document, word, reading, first meaning) so that two runs can be compared with
``--diff OLD NEW``, which prints the items that disappeared or changed meaning.

    python3 scripts/eval_names.py                      # derive split, every 6th document
    python3 scripts/eval_names.py --every 6 --dump /tmp/after.tsv
    python3 scripts/eval_names.py --diff /tmp/before.tsv /tmp/after.tsv
    python3 scripts/eval_names.py --docs 1301,1683     # documents by line number (derive split only)
    python3 scripts/eval_names.py --heldout mfa:3      # a held-out document, to check at the end only
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import Document, documents  # noqa: E402

from flashgen.chinese.glossary import glossary  # noqa: E402
from flashgen.chinese.lexicon import lexicon  # noqa: E402
from flashgen.models import PERSON_FLAGS, Sentence, VocabItem  # noqa: E402
from flashgen.pipeline import analyse  # noqa: E402

HONORIFICS = frozenset({"先生", "女士", "阁下", "夫人", "小姐", "同志"})
#: One-character place suffixes of island and sea features, besides data/name_parts.tsv's.
FEATURE_SUFFIXES = "滩礁岛屿湾港峡角洲山河湖"
ABBR_BEFORE = ("访", "赴", "驻", "抵", "中")
ABBR_AFTER = ("方", "关系", "两国", "双边", "双方", "建交", "边境", "政府", "总统", "总理", "外长")


def titles() -> frozenset[str]:
    return frozenset(t.hanzi for t in glossary().values() if t.category == "title") | {"主席", "部长", "首相", "总统"}


def place_english(word: str) -> Optional[str]:
    """The English name of a place the dictionary or glossary knows, else None."""
    term = glossary().get(word)
    if term is not None and term.category == "place":
        return term.renderings[0] if term.renderings else None
    entries = lexicon().entries(word)
    if not entries or not all(e.proper for e in entries):
        return None
    sense = entries[0].senses[0] if entries[0].senses else ""
    if sense.startswith("surname") or "(name)" in sense or any(ch.isdigit() for ch in sense.split(",")[0]):
        return None
    name = sense.split(",")[0].split(" (")[0].strip()
    return name[4:] if name.startswith("the ") else name


def occurrences(sentences: Iterable[Sentence], word: str) -> Iterator[tuple[str, str, str, str, Sentence]]:
    """(previous token, its flag, next token, its flag) around each token ``word``."""
    for s in sentences:
        toks = s.tokens
        for i, t in enumerate(toks):
            if t.text == word:
                p = toks[i - 1] if i else None
                n = toks[i + 1] if i + 1 < len(toks) else None
                yield (p.text if p else "", p.pos if p else "", n.text if n else "", n.pos if n else "", s)


def classify(items: list[VocabItem], sentences: list[Sentence]) -> list[tuple[str, VocabItem, str]]:
    """(class, item, context) for each suspect item of one document."""
    tokens = {(t.text, t.pos) for s in sentences for t in s.tokens}
    persons = {w for w, f in tokens if f in PERSON_FLAGS and len(w) >= 2}
    places: dict[str, set[str]] = defaultdict(set)  # first character → English names
    for w, _ in tokens:
        if len(w) >= 2:
            english = place_english(w)
            if english:
                places[w[0]].add(english)
    ttl = titles()
    found = []
    for item in items:
        word = item.hanzi
        first = item.meanings[0] if item.meanings else ""
        occ = list(occurrences(sentences, word))
        ctx = " ".join(f"{p}|{word}|{n}" for p, _, n, _, _ in occ[:4])
        if len(word) == 1 and word != "中" and places.get(word):
            slot = any(p.endswith(ABBR_BEFORE) or n.startswith(ABBR_AFTER) for p, _, n, _, _ in occ)
            if slot and not any(e.lower() in first.lower() for e in places[word]):
                found.append(("abbr", item, f"{'/'.join(sorted(places[word]))}: {ctx}"))
                continue
        if len(word) == 1 and any(p.startswith(word) for p in persons) \
                and any(n in ttl or n in HONORIFICS or n.endswith("长") for _, _, n, _, _ in occ):
            found.append(("surname", item, ctx))
            continue
        named = any(p in ttl or n in HONORIFICS or n in ttl for p, _, n, _, _ in occ)
        lone = any(len(p) == 1 and pf in PERSON_FLAGS or len(n) == 1 and nf in PERSON_FLAGS
                   for p, pf, n, nf, _ in occ) \
            or (len(word) == 1 and named and any(len(p) == 1 and pf == "j" or len(n) == 1 and nf == "j"
                                                 for p, pf, n, nf, _ in occ))
        continues = any(any(name.endswith(p + word) or name.startswith(word + n) for name in persons if name != word)
                        for p, _, n, _, _ in occ if p or n)
        if lone or continues:
            found.append(("piece", item, ctx))
            continue
        if item.pos in PERSON_FLAGS | {"ns", "nz", "j", "nt"} and item.composed:
            found.append(("composed", item, ctx))
            continue
        if any(len(n) == 1 and n in FEATURE_SUFFIXES for _, _, n, _, _ in occ) and not place_english(word):
            found.append(("place", item, ctx))
    return found


def pick(args: argparse.Namespace) -> list[Document]:
    if args.heldout:
        out = []
        for spec in args.heldout:
            corpus, _, k = spec.partition(":")
            out.append(list(documents(corpus, split="heldout"))[int(k)])  # type: ignore[arg-type]
        return out
    if args.docs:
        wanted = {int(x) for x in args.docs.split(",")}
        return [d for d in documents("mfa", split="derive") if d.number in wanted]
    return [d for k, d in enumerate(documents("mfa", split="derive")) if k % args.every == args.offset]


def diff(old: Path, new: Path) -> None:
    def load(path: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
        with open(path, encoding="utf-8") as fh:
            return {(r[0], r[1], r[2].lower()): (r[2], r[3]) for r in csv.reader(fh, delimiter="\t")}
    a, b = load(old), load(new)
    both = {k[0] for k in a} & {k[0] for k in b}  # the documents both runs analysed
    a, b = {k: v for k, v in a.items() if k[0] in both}, {k: v for k, v in b.items() if k[0] in both}
    gone = sorted(k for k in a if k not in b)
    added = sorted(k for k in b if k not in a)
    changed = sorted(k for k in a if k in b and a[k] != b[k])
    for label, keys in (("dropped", gone), ("added", added), ("changed", changed)):
        print(f"## {label}: {len(keys)}")
        for k in keys:
            print("\t".join([label, *k[:2], *(a.get(k) or ("", "")), "→", *(b.get(k) or ("", ""))]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--every", type=int, default=6, help="take every N-th derive document")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--docs", help="derive documents by line number, comma-separated")
    parser.add_argument("--heldout", action="append", default=[], metavar="CORPUS:K")
    parser.add_argument("--dump", type=Path, help="write every item to this TSV")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--quiet", action="store_true", help="counts only")
    args = parser.parse_args()
    if args.diff:
        diff(*args.diff)
        return
    counts: Counter[str] = Counter()
    total = 0
    dump = []
    docs = pick(args)
    for doc in docs:
        analysis = analyse(text=doc.text)
        items, sentences = analysis.vocab, analysis.transcript.sentences
        total += len(items)
        for item in items:
            dump.append([str(doc.number), item.hanzi, item.pinyin, item.meanings[0] if item.meanings else ""])
        for cls, item, ctx in classify(items, sentences):
            counts[cls] += 1
            if not args.quiet:
                print("\t".join([cls, str(doc.number), item.hanzi, item.pinyin, item.pos,
                                 (item.meanings or [""])[0][:40], ctx[:120]]))
    classes = ("abbr", "surname", "piece", "composed", "place")
    print(f"# {total} items in {len(docs)} documents; " + ", ".join(f"{c} {counts[c]}" for c in classes))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            csv.writer(fh, delimiter="\t", lineterminator="\n").writerows(dump)


if __name__ == "__main__":
    main()
