"""--known-anki: words of a real Anki collection (made with Anki's own library) leave the list, read-only."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions
from click.testing import CliRunner

from flashgen.cli import cli
from flashgen.chinese.hanzi import is_hanzi
from flashgen.errors import InputError
from flashgen.known.anki import AnkiSource, field_words, read_anki_words
from flashgen.pipeline import Options, analyse

# Words of the sample press conference, with the field they are written in.
KNOWN = {
    "多边主义": "<b>多边主义</b>",  # multilateralism, in bold
    "主权": "主权&nbsp;",  # sovereignty, a non-breaking space after it
    "抹黑": "抹黑[sound:mohei.mp3]",  # smear, with Anki's sound tag
    "互信": "<div>互信</div>",  # mutual trust
}
MATURE = {"主权", "互信"}  # their cards get an interval of 30 days
NOT_A_HEADWORD = "国际法 is international law"  # a field mixing Chinese and English holds no headword


def _make_collection(folder: Path) -> Path:
    path = folder / "collection.anki2"
    col = Collection(str(path))
    try:
        basic = col.models.by_name("Basic")
        assert basic is not None
        deck = col.decks.id("Chinese")
        assert deck is not None
        for word, field in KNOWN.items():
            note = col.new_note(basic)
            note["Front"], note["Back"] = field, "meaning"
            col.add_note(note, deck)
            if word in MATURE:
                col.db.execute("UPDATE cards SET ivl = 30, type = 2, queue = 2 WHERE nid = ?", note.id)
        note = col.new_note(basic)
        note["Front"], note["Back"] = "meaning only", NOT_A_HEADWORD
        col.add_note(note, deck)
    finally:
        col.close()
    return path


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_collection(tmp_path_factory.mktemp("anki"))


@pytest.fixture(scope="module")
def sample_words() -> set[str]:
    return {i.hanzi for i in analyse(None, Options()).vocab}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("value, words", [
    ("多边主义", ["多边主义"]),  # multilateralism
    ("<b>主权</b><br>", ["主权"]),  # sovereignty, HTML stripped
    ("互信、抹黑", ["互信", "抹黑"]),  # mutual trust, smear: a list of two
    ("國際法 / 国际法", ["國際法", "国际法"]),  # international law, traditional and simplified
    ("主权 (sovereignty)", []),  # English beside it: not a headword field
    ("zhǔquán", []),  # pinyin
    ("", []),
])
def test_field_words(value: str, words: list[str]) -> None:
    assert field_words(value) == words


def test_collection_words_leave_the_list_and_nothing_else(collection: Path, sample_words: set[str]) -> None:
    before = _digest(collection)
    assert set(KNOWN) <= sample_words
    left = {i.hanzi for i in analyse(None, Options(known_anki=collection)).vocab}
    assert sample_words - left == set(KNOWN)
    assert "国际法" in left  # only in a mixed field: not taken as known
    assert _digest(collection) == before  # read-only


def test_mature_only(collection: Path, sample_words: set[str]) -> None:
    assert read_anki_words(AnkiSource(collection, mature=True)) == MATURE
    left = {i.hanzi for i in analyse(None, Options(known_anki=collection, known_mature=True)).vocab}
    assert sample_words - left == MATURE


def test_a_profile_folder_means_its_collection(collection: Path) -> None:
    assert read_anki_words(AnkiSource(collection.parent)) == set(KNOWN)


def test_named_field(collection: Path) -> None:
    assert read_anki_words(AnkiSource(collection, field="Front")) == set(KNOWN)
    assert read_anki_words(AnkiSource(collection, field="Back")) == set()
    with pytest.raises(InputError, match="no note type has a field named 'Hanzi'"):
        read_anki_words(AnkiSource(collection, field="Hanzi"))


def test_read_while_anki_holds_it_open_with_unsaved_wal(tmp_path: Path) -> None:
    """Anki running: the collection is open, the newest note only in the -wal file; neither file is touched."""
    path = _make_collection(tmp_path)
    col = Collection(str(path))
    try:
        note = col.new_note(col.models.by_name("Basic"))  # type: ignore[arg-type]
        note["Front"] = "条约"  # treaty
        col.add_note(note, col.decks.id("Chinese"))  # type: ignore[arg-type]
        wal = path.with_name(path.name + "-wal")
        assert wal.is_file() and wal.stat().st_size > 0
        digests = (_digest(path), _digest(wal))
        assert read_anki_words(AnkiSource(path)) == set(KNOWN) | {"条约"}
        assert (_digest(path), _digest(wal)) == digests
    finally:
        col.close()


@pytest.mark.parametrize("legacy", [False, True])  # anki21b (zstd, current Anki) and collection.anki21 (legacy)
def test_apkg(collection: Path, tmp_path: Path, legacy: bool) -> None:
    apkg = tmp_path / "chinese.apkg"
    col = Collection(str(collection))
    try:
        deck = col.decks.id("Chinese")
        assert deck is not None
        col.export_anki_package(out_path=str(apkg), limit=DeckIdLimit(deck),
                                options=ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False,
                                                                 with_media=False, legacy=legacy))
    finally:
        col.close()
    member = "collection.anki21" if legacy else "collection.anki21b"
    assert member in zipfile.ZipFile(apkg).namelist()
    assert read_anki_words(AnkiSource(apkg)) == set(KNOWN)
    assert read_anki_words(AnkiSource(apkg, mature=True)) == MATURE


def test_colpkg(collection: Path, tmp_path: Path) -> None:
    colpkg = tmp_path / "backup.colpkg"
    col = Collection(str(collection))
    try:
        col.export_collection_package(str(colpkg), include_media=False, legacy=False)
    finally:
        col.close()
    assert read_anki_words(AnkiSource(colpkg)) == set(KNOWN)


def test_text_export(collection: Path, tmp_path: Path, sample_words: set[str]) -> None:
    export = tmp_path / "notes.txt"
    col = Collection(str(collection))
    try:
        deck = col.decks.id("Chinese")
        assert deck is not None
        col.export_note_csv(out_path=str(export), limit=DeckIdLimit(deck), with_html=True, with_tags=True,
                            with_deck=True, with_notetype=True, with_guid=True)
    finally:
        col.close()
    assert export.read_text(encoding="utf-8").startswith("#separator:")
    assert read_anki_words(AnkiSource(export)) == set(KNOWN)
    left = {i.hanzi for i in analyse(None, Options(known_anki=export)).vocab}
    assert sample_words - left == set(KNOWN)
    with pytest.raises(InputError, match="no review intervals"):
        read_anki_words(AnkiSource(export, mature=True))


def test_plain_text_export_without_header(tmp_path: Path) -> None:
    export = tmp_path / "old.txt"
    export.write_text("多边主义\tmultilateralism\n主权\tsovereignty\n", encoding="utf-8")
    assert read_anki_words(AnkiSource(export)) == {"多边主义", "主权"}
    assert read_anki_words(AnkiSource(export, field="2")) == set()


def _not_anki_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.anki2", "no such Anki collection"),
    (lambda p: p, "is a folder"),
    (lambda p: _not_anki_sqlite(p / "other.sqlite"), "not an Anki collection"),
    (lambda p: (p / "essay.md").write_text("# Title\n\nJust prose.\n") and p / "essay.md", "not an Anki collection"),
    (lambda p: (p / "bad.apkg").write_bytes(b"PK\x03\x04 broken") and p / "bad.apkg", "not a valid Anki package"),
    (lambda p: (p / "zero.anki2").write_bytes(b"SQLite format 3\x00" + b"\x00" * 84) and p / "zero.anki2", "damaged or not an Anki"),
])
def test_bad_files_are_one_line_errors(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = CliRunner().invoke(cli, ["vocab", "--known-anki", str(path)])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_collection(collection: Path, tmp_path: Path) -> None:
    locked = tmp_path / "collection.anki2"
    locked.write_bytes(collection.read_bytes())
    locked.chmod(0)
    with pytest.raises(InputError, match="cannot be read"):
        read_anki_words(AnkiSource(locked))


def test_cli_known_anki(collection: Path) -> None:
    result = CliRunner().invoke(cli, ["vocab", "-f", "json", "--known-anki", str(collection), "--known-mature"])
    assert result.exit_code == 0, result.output
    words = {item["hanzi"] for item in json.loads(result.output)}
    assert "主权" not in words and "多边主义" in words  # sovereignty is mature, multilateralism is not


@given(st.text(alphabet=st.sampled_from(list("多边主义主权 、/<b></b>&nbsp;xyz（）[sound:a.mp3]")), max_size=30))
def test_field_words_are_whole_chinese_words(value: str) -> None:
    """Whatever a field holds, what comes out is only Chinese characters, and only from a field without Latin or brackets."""
    words = field_words(value)
    assert all(w and all(is_hanzi(c) for c in w) for w in words)
    assert all(w in value for w in words)
