"""The corpora in ``../shared/data/`` split into documents to derive from and documents held out.

Every script that derives data (term lists, frequency baselines, register
tables) reads :func:`documents` with ``split="derive"``; every script that
measures quality on text nobody tuned on reads ``split="heldout"``. One
document in ten (its 0-based line number in its JSONL file is 7 modulo 10)
is held out, so the held-out set spans every year of every corpus.

    from corpus import documents          # scripts/ is on sys.path when a script runs
    for doc in documents("mfa", split="derive"):
        doc.title, doc.date, doc.text
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal

Split = Literal["derive", "heldout", "all"]
Corpus = Literal["mfa", "work-reports", "congress-reports"]

#: The shared data folder: $FLASHGEN_SHARED_DATA, else ../shared/data beside the repository.
DATA = Path(os.environ.get("FLASHGEN_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))

FILES: dict[str, tuple[str, str]] = {  # corpus → (file, text field)
    "mfa": ("mfa-pressers/mfa_pressers_2001-2020.jsonl", "text"),
    "work-reports": ("political-corpus/government_work_reports.jsonl", "content"),
    "congress-reports": ("political-corpus/cpc_congress_reports.jsonl", "content"),
}
HELD_OUT_MODULUS = 10
HELD_OUT_REMAINDER = 7


@dataclass(frozen=True)
class Document:
    corpus: str
    number: int  # 0-based line number in the corpus file
    title: str
    date: str  # YYYY-MM-DD, a year, or ""
    text: str


def held_out(number: int) -> bool:
    """Whether the document on this line is kept for measurement only."""
    return number % HELD_OUT_MODULUS == HELD_OUT_REMAINDER


def documents(corpus: Corpus, split: Split = "derive") -> Iterator[Document]:
    """The corpus's documents in file order, restricted to ``split``."""
    name, field = FILES[corpus]
    with open(DATA / name, encoding="utf-8") as fh:
        for number, line in enumerate(fh):
            if split != "all" and held_out(number) != (split == "heldout"):
                continue
            row = json.loads(line)
            yield Document(corpus, number, row.get("title", ""), str(row.get("date") or row.get("year") or ""), row[field])


if __name__ == "__main__":
    for c in FILES:
        d = sum(1 for _ in documents(c, "derive"))  # type: ignore[arg-type]
        h = sum(1 for _ in documents(c, "heldout"))  # type: ignore[arg-type]
        print(f"{c}: {d} to derive from, {h} held out")
