"""``flashgen library``: what the library holds, as a table."""

from __future__ import annotations

from pathlib import Path
from typing import Union

from flashgen.library.store import Library


def library_report(path: Union[str, Path]) -> str:
    """Every transcript (oldest first): date, slug, words, new words, coverage, title; then the totals."""
    path = Path(path)
    if not path.is_file():
        return f"library {path} is empty: `flashgen build` records each transcript it builds\n"
    with Library(path) as lib:
        rows = lib.transcripts()
        words = lib.word_count()
    lines = [f"{'added':10}  {'running':>7}  {'words':>5}  {'new':>5}  {'known':>6}  slug: title"]
    for t in rows:
        coverage = "—" if t.coverage is None else f"{t.coverage:.1%}"
        lines.append(f"{t.added[:10]:10}  {t.tokens:>7,}  {t.words:>5,}  {t.new_words:>5,}  {coverage:>6}  {t.slug}: {t.title}")
    lines.append(f"{len(rows)} transcript{'' if len(rows) == 1 else 's'}, {words:,} distinct words in {path}")
    lines.append("running: running words (tokens); new: words no earlier transcript holds; known: share of the running words known when built")
    return "\n".join(lines) + "\n"
