#!/usr/bin/env python3
"""List candidates for ``data/register.tsv``: the political corpus's staple words whose first dictionary sense is off.

Reads the documents kept for deriving (``split="derive"``) of the government
work reports, the party congress reports and the foreign ministry's press
conferences, segments them as flashgen does, and counts content words. A word
is a candidate when it is frequent in this genre and flashgen, left to the
dictionary alone, would show a first sense that is likely not the political
one: a noun or adjective sense first for a word used as a verb, a classifier,
surname or proper-noun sense first, more than one entry for the reading, or no
dictionary entry at all (a composed meaning). Glossary terms are left out:
they show their official rendering first already. Candidates are printed as TSV,
most frequent first, with the senses flashgen shows today, so that a reviewer
writes the register sense and a note for each one in ``data/register.tsv``;
words already in either table (register or function-word glosses) are marked.

    python3 scripts/build_register.py [--limit 3000] [--mfa-every 4] [--cache counts.pickle] [--todo] > candidates.tsv

``--todo`` leaves out the words either table has already, so that a review
picks up where the last one stopped.

Segmenting the corpus takes minutes; ``--cache`` keeps the counts in a file between runs.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import documents  # noqa: E402

from flashgen.chinese.glossary import glossary  # noqa: E402
from flashgen.chinese.hanzi import HANZI  # noqa: E402
from flashgen.chinese.lexicon import lexicon  # noqa: E402
from flashgen.chinese.meaning import dictionary_meaning  # noqa: E402
from flashgen.chinese.reading import numbered, prefers_proper  # noqa: E402
from flashgen.chinese.segment import cut  # noqa: E402
from flashgen.chinese.senses import rules  # noqa: E402

CONTENT = re.compile(r"^(?:v|vn|vd|n|nz|a|ad|an|d|l|i|j)$")
_ALL_HANZI = re.compile(f"^(?:{HANZI.pattern})+$")


def counts(mfa_every: int) -> tuple[Counter[tuple[str, str]], int]:
    """(word, jieba tag) counts over the derive split, and the number of tokens."""
    found: Counter[tuple[str, str]] = Counter()
    total = 0
    streams = [documents("work-reports"), documents("congress-reports")]
    mfa = (d for d in documents("mfa") if d.number % mfa_every == 0)
    for stream in (*streams, mfa):
        for doc in stream:
            for word, tag in cut(doc.text):
                if _ALL_HANZI.match(word):
                    total += 1
                    found[(word, tag)] += 1
    return found, total


def why(word: str, tag: str, senses: tuple[str, ...], source: str) -> str:
    """Why the word's first sense may be off for political text ("" when it looks fine)."""
    if source != "cedict":
        return "composed" if source else "no entry"
    first = senses[0]
    if tag.startswith("v") and not first.startswith("to "):
        return "verb used, first sense not a verb"
    if first.startswith(("classifier", "surname", "variant", "see ", "used in", "(")):
        return "first sense is a note"
    if len(senses) > 1 and len(word) == 1:
        return "character with several senses"
    if len(senses) > 2:
        return "several senses"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=3000, help="candidates to print")
    parser.add_argument("--mfa-every", type=int, default=4, help="read one press conference in N")
    parser.add_argument("--cache", type=Path, help="pickle of the counts, written on the first run and read after")
    parser.add_argument("--todo", action="store_true", help="leave out words the register or function-word table has")
    args = parser.parse_args()
    if args.cache and args.cache.is_file():
        found, total = pickle.loads(args.cache.read_bytes())
    else:
        found, total = counts(args.mfa_every)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((found, total)))
    words: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = {}
    for (word, tag), n in found.items():
        words[word] += n
        tags.setdefault(word, Counter())[tag] += n
    table = rules()  # the register and the function-word glosses
    print("word\tcount\tper_million\tzipf\ttag\twhy\tin_table\tshown_now")
    printed = 0
    for word, n in words.most_common():
        tag = tags[word].most_common(1)[0][0]
        if not CONTENT.match(tag) or word in glossary():
            continue  # glossary terms show their official rendering already
        reading = numbered(word, tag)
        meaning = dictionary_meaning(word, reading, prefers_proper(word, tag))
        reason = why(word, tag, meaning.senses, meaning.source)
        if not reason or (args.todo and word in table):
            continue
        shown = " / ".join(meaning.senses[:4])
        print(f"{word}\t{n}\t{n / total * 1e6:.0f}\t{lexicon().zipf(word)}\t{tag}\t{reason}\t{'yes' if word in table else ''}\t{shown}")
        printed += 1
        if printed >= args.limit:
            break


if __name__ == "__main__":
    main()
