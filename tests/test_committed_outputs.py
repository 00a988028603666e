"""decks/ holds what `flashgen build` makes from the sample; it must match a fresh build."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from flashgen.study.cloze import make_cloze_items
from flashgen.anki.deck import write_deck

DECKS = Path(__file__).resolve().parents[1] / "decks"


def notes(apkg: Path, folder: Path) -> dict[str, str]:
    """GUID → fields of every note in an .apkg (read straight from its SQLite file)."""
    with zipfile.ZipFile(apkg) as z:
        name = next(n for n in ("collection.anki21", "collection.anki2") if n in z.namelist())
        target = folder / f"{apkg.stem}-{name}"
        target.write_bytes(z.read(name))
    con = sqlite3.connect(target)
    try:
        return dict(con.execute("SELECT guid, flds FROM notes").fetchall())
    finally:
        con.close()


def test_committed_deck_matches_a_fresh_build(tmp_path: Path, sample_analysis) -> None:
    committed = DECKS / f"{sample_analysis.transcript.slug}.apkg"
    assert committed.is_file(), "decks/ lacks the sample deck: run `flashgen build`"
    fresh = write_deck(sample_analysis.transcript, sample_analysis.vocab, make_cloze_items(sample_analysis), tmp_path / "fresh.apkg")
    old, new = notes(committed, tmp_path), notes(fresh.path, tmp_path)
    assert set(old) == set(new), "GUIDs differ: rebuild decks/ with `flashgen build`"
    changed = [guid for guid in new if old[guid] != new[guid]]
    assert not changed, f"{len(changed)} notes differ: rebuild decks/ with `flashgen build`"


def test_committed_printables_exist() -> None:
    slug = "wang-yi-press-conference-2021-03-07"
    for name in (f"{slug}-vocab.pdf", f"{slug}-vocab.html", f"{slug}-cloze.pdf"):
        path = DECKS / name
        assert path.is_file() and path.stat().st_size > 10_000, name
