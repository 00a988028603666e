"""Several transcripts, one learner: a set in one package, the library's union of examples and sources,
--new-only, forget, coverage; decks imported into a real Anki collection in both orders."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from anki.collection import Collection
from anki.notes import Note
from click.testing import CliRunner

from anki_helpers import import_apkg, open_collection, visible_text
from flashgen.anki.deck import vocab_guid
from flashgen.build import build
from flashgen.cli import cli
from flashgen.errors import InputError, ResourceError
from flashgen.library import Library
from flashgen.pipeline import Options, analyse

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "wang-yi-press-conference-2021-03-07.txt"  # Wang Yi's NPC press conference, 2021
MFA = ROOT / "tests" / "data" / "mfa-2020-01-09.txt"  # a regular MFA press conference, 2020-01-09
SLUGS = {SAMPLE: "wang-yi-press-conference-2021-03-07", MFA: "mfa-2020-01-09"}


@pytest.fixture(scope="module")
def vocab() -> dict[Path, dict[str, list[str]]]:
    """Per transcript: word → the example sentences of its note's item (the first of its characters; best first)."""
    out: dict[Path, dict[str, list[str]]] = {}
    for path in (SAMPLE, MFA):
        out[path] = {}
        for item in analyse(path, Options()).vocab:
            out[path].setdefault(item.hanzi, [e.text for e in item.examples])
    return out


@pytest.fixture(scope="module")
def shared(vocab: dict[Path, dict[str, list[str]]]) -> set[str]:
    words = set(vocab[SAMPLE]) & set(vocab[MFA])
    assert {"国际法", "多边主义"} <= words  # international law, multilateralism: in both
    return words


def _note(col: Collection, word: str) -> Note:
    """The vocabulary note of ``word`` in the collection."""
    nid = col.db.scalar("SELECT id FROM notes WHERE guid = ?", vocab_guid(word))
    assert nid, word
    return col.get_note(nid)


def _dump(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT slug, title, added, content_hash, tokens FROM transcripts ORDER BY id").fetchall()
        rows += con.execute("SELECT transcript_id, hanzi, count, examples FROM words ORDER BY 1, 2").fetchall()
        return rows
    finally:
        con.close()


@pytest.mark.parametrize("built_first", [SAMPLE, MFA])
@pytest.mark.parametrize("import_later_first", [False, True])  # import in build order, or the later deck first
def test_import_in_either_order_loses_no_example_or_source(tmp_path: Path, vocab: dict[Path, dict[str, list[str]]],
                                                           shared: set[str], built_first: Path, import_later_first: bool) -> None:
    library = tmp_path / "library.sqlite"
    second = MFA if built_first == SAMPLE else SAMPLE
    decks = [build(p, tmp_path / p.stem, pdf=False, library=library).outputs[0] for p in (built_first, second)]
    if import_later_first:
        decks.reverse()
    with open_collection(tmp_path) as col:
        for deck in decks:
            import_apkg(col, deck)
        for word in sorted(shared):
            note = _note(col, word)
            assert {f"source::{SLUGS[SAMPLE]}", f"source::{SLUGS[MFA]}"} <= set(note.tags), word
            example = visible_text(note["Example"])
            for path in (SAMPLE, MFA):
                assert vocab[path][word][0] in example, (word, path.name)
        only_first = next(w for w in vocab[built_first] if w not in vocab[second])
        note = _note(col, only_first)
        assert f"source::{SLUGS[second]}" not in note.tags


def test_most_recent_example_first(tmp_path: Path, vocab: dict[Path, dict[str, list[str]]]) -> None:
    library = tmp_path / "library.sqlite"
    build(SAMPLE, tmp_path / "a", pdf=False, library=library)
    build(MFA, tmp_path / "b", pdf=False, library=library)
    with Library(library) as lib:
        uses = lib.uses(["国际法"])["国际法"]  # international law
    assert [u.slug for u in uses] == [SLUGS[MFA], SLUGS[SAMPLE]]  # added later (or in the same second, after it)
    assert [u.examples[0].text for u in uses] == [vocab[MFA]["国际法"][0], vocab[SAMPLE]["国际法"][0]]
    assert all(u.count >= 1 for u in uses)


def test_rebuilding_the_same_transcript_changes_nothing(tmp_path: Path, vocab: dict[Path, dict[str, list[str]]]) -> None:
    library = tmp_path / "library.sqlite"
    build(MFA, tmp_path / "a", pdf=False, library=library)
    before = _dump(library)
    result = build(MFA, tmp_path / "b", pdf=False, library=library)
    assert _dump(library) == before
    assert result.new_words == len(vocab[MFA])  # nothing earlier: every word (by its characters) is new


def test_a_set_is_one_package(tmp_path: Path, vocab: dict[Path, dict[str, list[str]]], shared: set[str]) -> None:
    result = build([SAMPLE, MFA], tmp_path, pdf=True, name="Pressers 2020–21")
    deck = tmp_path / "Pressers-2020-21.apkg"
    assert result.outputs[0] == deck and (tmp_path / "Pressers-2020-21-vocab.html").is_file()
    keys = {(i.hanzi, i.pinyin_numbered.lower()) for p in (SAMPLE, MFA) for i in analyse(p, Options()).vocab}
    assert result.vocab_notes == len(keys)  # each word (characters and reading) once
    with open_collection(tmp_path) as col:
        import_apkg(col, deck)
        names = sorted(col.decks.all_names_and_ids(), key=lambda d: d.name)
        cloze_decks = [d.name for d in names if "::Cloze::" in d.name]
        assert len(cloze_decks) == 2 and all(d.startswith("Pressers 2020–21::Cloze::") for d in cloze_decks)
        note = _note(col, '多边主义')  # multilateralism
        assert {f"source::{SLUGS[SAMPLE]}", f"source::{SLUGS[MFA]}"} <= set(note.tags)
        assert all(vocab[p]["多边主义"][0] in visible_text(note["Example"]) for p in (SAMPLE, MFA))
        for nid in col.find_notes("deck:*::Cloze::*"):
            assert len([t for t in col.get_note(nid).tags if t.startswith("source::")]) == 1


def test_set_counts_add_up(vocab: dict[Path, dict[str, list[str]]]) -> None:
    from flashgen.studyset import analyse_paths

    combined, _ = analyse_paths([SAMPLE, MFA], Options())
    single = {p: {(i.hanzi, i.pinyin_numbered.lower()): i.count for i in analyse(p, Options()).vocab} for p in (SAMPLE, MFA)}
    for item in combined.vocab:
        key = (item.hanzi, item.pinyin_numbered.lower())
        assert item.count == single[SAMPLE].get(key, 0) + single[MFA].get(key, 0), item.hanzi
    assert len(combined.transcript.sentences) == sum(len(analyse(p, Options()).transcript.sentences) for p in (SAMPLE, MFA))


def test_a_folder_is_a_set_named_after_it(tmp_path: Path) -> None:
    folder = tmp_path / "pressers"
    folder.mkdir()
    shutil.copy(MFA, folder / MFA.name)
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "notes.pdf").write_bytes(b"%PDF not a transcript")
    result = build(folder, tmp_path / "out", pdf=False)
    assert result.title == "pressers" and result.outputs[0].name == "pressers.apkg"


def test_new_only_leaves_out_earlier_words(tmp_path: Path, vocab: dict[Path, dict[str, list[str]]]) -> None:
    library = tmp_path / "library.sqlite"
    build(SAMPLE, tmp_path / "a", pdf=False, library=library)
    result = build(MFA, tmp_path / "b", pdf=False, library=library, new_only=True)
    new = set(vocab[MFA]) - set(vocab[SAMPLE])
    assert result.new_words == len(new)
    with open_collection(tmp_path) as col:
        import_apkg(col, result.outputs[0])
        assert {visible_text(col.get_note(n)["Hanzi"]) for n in col.find_notes('"note:flashgen Vocabulary"')} == new
    assert f"new words: {len(new)} of {len(vocab[MFA])} ({len(vocab[MFA]) - len(new)} seen in earlier transcripts)" in result.notes
    with pytest.raises(InputError, match="needs the library"):
        build(MFA, tmp_path / "c", pdf=False, new_only=True)


def test_forget_removes_one_transcript(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    build(SAMPLE, tmp_path / "a", pdf=False, library=library)
    build(MFA, tmp_path / "b", pdf=False, library=library)
    runner = CliRunner()
    listing = runner.invoke(cli, ["library", "--library", str(library)])
    assert listing.exit_code == 0, listing.output
    assert f"{SLUGS[SAMPLE]}: " in listing.output and f"{SLUGS[MFA]}: " in listing.output
    assert "2 transcripts" in listing.output
    forget = runner.invoke(cli, ["library", "--library", str(library), "forget", SLUGS[SAMPLE]])
    assert forget.exit_code == 0, forget.output
    with Library(library) as lib:
        assert [t.slug for t in lib.transcripts()] == [SLUGS[MFA]]
        assert [u.slug for u in lib.uses(["国际法"])["国际法"]] == [SLUGS[MFA]]
        assert lib.transcripts()[0].new_words == lib.transcripts()[0].words  # nothing before it now
    again = runner.invoke(cli, ["library", "--library", str(library), "forget", SLUGS[SAMPLE]])
    assert again.exit_code == 1 and "no transcript" in again.output


def test_coverage_in_the_summary_and_the_library(tmp_path: Path) -> None:
    known = tmp_path / "known.txt"
    known.write_text("中国\n国际\n合作\n发展\n", encoding="utf-8")  # China, international, cooperation, development
    library = tmp_path / "library.sqlite"
    result = build(MFA, tmp_path / "out", Options(known=known), pdf=False, library=library)
    tokens = [t.text for s in analyse(MFA, Options()).transcript.sentences for t in s.tokens
              if any("\u4e00" <= c <= "\u9fff" for c in t.text)]
    hits = sum(t in {"中国", "国际", "合作", "发展"} for t in tokens)
    assert hits > 0
    line = next(n for n in result.notes if n.startswith("coverage of"))
    assert line.endswith(f"{hits / len(tokens):.1%} of {len(tokens):,} running words known")
    with Library(library) as lib:
        (entry,) = lib.transcripts()
    assert entry.tokens == len(tokens) and entry.known_tokens == hits
    listing = CliRunner().invoke(cli, ["library", "--library", str(library)])
    assert f"{hits / len(tokens):.1%}" in listing.output


def test_a_locked_or_foreign_library_is_one_line(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    Library(library).close()
    holder = sqlite3.connect(library, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ResourceError, match="locked"):
            with Library(library, timeout=0.1) as lib, lib.transaction():
                pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.close()
    result = CliRunner().invoke(cli, ["library", "--library", str(foreign)])
    assert result.exit_code == 1 and "not a flashgen library" in result.output


def test_a_failed_build_records_nothing(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the output folder should be")
    with pytest.raises(Exception):
        build(MFA, blocker, pdf=False, library=library)
    with Library(library) as lib:
        assert lib.transcripts() == []


def test_vocab_and_cloze_take_several_files(vocab: dict[Path, dict[str, list[str]]]) -> None:
    import json

    runner = CliRunner()
    listed = runner.invoke(cli, ["vocab", "-f", "json", str(SAMPLE), str(MFA)])
    assert listed.exit_code == 0, listed.output
    words = {item["hanzi"] for item in json.loads(listed.output)}
    assert words == set(vocab[SAMPLE]) | set(vocab[MFA])
    cloze = runner.invoke(cli, ["cloze", "-f", "json", str(SAMPLE), str(MFA)])
    assert cloze.exit_code == 0, cloze.output
    sentences = {item["sentence"] for item in json.loads(cloze.output)}
    texts = {p: "".join(s.text for s in analyse(p, Options()).transcript.sentences) for p in (SAMPLE, MFA)}
    assert all(any(s in texts[p] for s in sentences) for p in (SAMPLE, MFA))  # sentences of both transcripts


def test_build_cli_with_a_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), str(MFA), "--name", "Week 1", "--no-pdf", "-o", str(tmp_path),
                                      "--library", str(tmp_path / "library.sqlite")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Week 1: ") and (tmp_path / "Week-1.apkg").is_file()
    assert "new words: " in result.output
    contradiction = CliRunner().invoke(cli, ["build", str(MFA), "--new-only", "--no-library"])
    assert contradiction.exit_code == 2 and "--new-only needs the library" in contradiction.output


def test_a_merged_note_renders_each_example_once_with_the_first_reading(tmp_path: Path, vocab: dict[Path, dict[str, list[str]]]) -> None:
    """Rendered by Anki: the recognition card shows both transcripts' sentences, the most recent first, and one reading."""
    from anki_helpers import render_all

    library = tmp_path / "library.sqlite"
    build(SAMPLE, tmp_path / "a", pdf=False, library=library)
    deck = build(MFA, tmp_path / "b", pdf=False, library=library).outputs[0]
    with open_collection(tmp_path) as col:
        import_apkg(col, deck)
        card = next(c for c in render_all(col) if c.guid == vocab_guid("国际法") and c.template == "Recognition")
    answer = visible_text(card.answer)
    newest, older = vocab[MFA]["国际法"][0], vocab[SAMPLE]["国际法"][0]  # international law, in each transcript
    assert answer.count(newest) == 1 and answer.count(older) == 1
    assert answer.index(newest) < answer.index(older)
    assert card.answer.count('class="ex-py"') == 1 and 'class="ex-more"' in card.answer


@pytest.mark.parametrize("make, message", [
    # not a database at all
    (lambda p: p.write_bytes(b"not sqlite" * 200), "library {p} is damaged (file is not a database); move it away or pass --library"),
    # a database written by a newer flashgen
    (lambda p: sqlite3.connect(p).execute("PRAGMA user_version = 99").connection.close(),
     "library {p} was written by a newer flashgen; upgrade flashgen or pass --library"),
])
def test_library_file_problems_are_one_line(tmp_path: Path, make: object, message: str) -> None:
    """The library shares the progress file's opener (flashgen.sqlite_file): the same checks, the same kind of message."""
    library = tmp_path / "library.sqlite"
    make(library)  # type: ignore[operator]
    result = CliRunner().invoke(cli, ["library", "--library", str(library)])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: " + message.format(p=library)


def test_a_folder_is_no_library(tmp_path: Path) -> None:
    with pytest.raises(ResourceError) as err:
        Library(tmp_path)
    assert str(err.value) == f"library {tmp_path} is a folder; pass --library with a file name"


def test_an_empty_library_file_is_said_and_started(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    library = tmp_path / "library.sqlite"
    library.write_bytes(b"")
    with caplog.at_level("WARNING", logger="flashgen"), Library(library) as lib:
        assert lib.transcripts() == []
    assert caplog.messages == [f"library {library} was empty (0 bytes); starting a new library in it "
                               "(restore it from a backup if it held transcripts)"]
