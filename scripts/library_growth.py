#!/usr/bin/env python3
"""How many new words a learner meets day by day: a month of press conferences through one library.

Reads the MFA press-conference corpus (JSON Lines: date, title, text), takes the
conferences of one month (default 2019-06, not used to tune anything), records
them in order in a temporary library as ``flashgen build`` would, and prints
per day the study words, the new ones (no earlier day held them), and the
share of running words already delivered by earlier days.

    python3 scripts/library_growth.py CORPUS.jsonl [--month 2019-06]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from flashgen.pipeline import Options
from flashgen.studyset import collect


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--month", default="2019-06")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, library = Path(tmp), Path(tmp) / "library.sqlite"
        days = []
        with args.corpus.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                if doc["date"].startswith(args.month):
                    path = folder / f"mfa-{doc['date']}.txt"
                    path.write_text(doc["title"] + "\n\n" + doc["text"] + "\n", encoding="utf-8")
                    days.append(path)
        seen: set[str] = set()
        print(f"{'day':12} {'words':>6} {'new':>6} {'new %':>6} {'running words seen before':>26}")
        new_counts: list[int] = []
        word_counts: list[int] = []
        for path in days:
            with collect([path], Options(), library=library) as got:
                words = {i.hanzi for i in got.combined.vocab}
                new = got.new_words or 0
            tokens = [t.text for s in got.combined.transcript.sentences for t in s.tokens if t.text in words]
            before = sum(t in seen for t in tokens) / len(tokens) if tokens else 0.0
            seen |= words
            new_counts.append(new)
            word_counts.append(len(words))
            print(f"{path.stem[4:]:12} {len(words):>6} {new:>6} {new / max(1, len(words)):>6.0%} {before:>26.0%}")
        later, later_words = new_counts[1:], word_counts[1:]
        print(f"{len(days)} conferences, {len(seen)} distinct study words; after the first day a conference brings "
              f"{sum(later) / max(1, len(later)):.0f} new words of {sum(later_words) / max(1, len(later_words)):.0f} on average")


if __name__ == "__main__":
    main()
