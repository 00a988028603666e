"""The Anki deck renderer, checked by importing its decks into a real Anki collection."""

from __future__ import annotations

from flashgen.study.cloze import make_cloze_items

import json
import os
import re
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("genanki")
pytest.importorskip("anki")

from anki_helpers import import_apkg, notes_by_guid, open_collection, render_all, visible_text  # noqa: E402

from flashgen.anki import deck  # noqa: E402
from flashgen.anki import templates as tpl  # noqa: E402
from flashgen.errors import OutputError  # noqa: E402
from flashgen.models import ClozeItem, Example, Gloss, Transcript, VocabItem  # noqa: E402

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
SHARED_FUTURE = "community with a shared future for mankind"


def make_transcript(title: str = "王毅答记者问 2021", slug: str = "wang-yi-2021") -> Transcript:
    return Transcript(title=title, source="sample.txt", sentences=[], slug=slug)


def make_vocab(meaning_of_tuidong: str = "to promote; to push forward") -> list[VocabItem]:
    ex = Example(
        text="中方愿同各方一道，推动构建人类命运共同体。",
        speaker="王毅",
        section="中国外交",
        sentence_index=3,
        pinyin="zhōngfāng yuàn tóng gèfāng yīdào ， tuīdòng gòujiàn rénlèi mìngyùn gòngtóngtǐ 。",
    )
    return [
        VocabItem(
            hanzi="人类命运共同体",
            traditional="人類命運共同體",
            pinyin="rénlèi mìngyùn gòngtóngtǐ",
            pinyin_numbered="ren2 lei4 ming4 yun4 gong4 tong2 ti3",
            zhuyin="ㄖㄣˊ ㄌㄟˋ ㄇㄧㄥˋ ㄩㄣˋ ㄍㄨㄥˋ ㄊㄨㄥˊ ㄊㄧˇ",
            meanings=[SHARED_FUTURE],
            term=True,
            category="concept",
            examples=[ex],
        ),
        VocabItem(
            hanzi="推动",
            traditional="推動",
            pinyin="tuīdòng",
            pinyin_numbered="tui1 dong4",
            zhuyin="ㄊㄨㄟ ㄉㄨㄥˋ",
            meanings=[meaning_of_tuidong],
            hsk=4,
            examples=[ex],
        ),
        VocabItem(
            hanzi="多边主义",
            traditional="多邊主義",
            pinyin="duōbiān zhǔyì",
            pinyin_numbered="duo1 bian1 zhu3 yi4",
            zhuyin="ㄉㄨㄛ ㄅㄧㄢ ㄓㄨˇ ㄧˋ",
            meanings=["multilateralism"],
            hsk=7,
            term=True,
            category="foreign policy",  # a space: must not reach a tag
        ),
        VocabItem(
            hanzi="王毅",
            traditional="王毅",
            pinyin="Wáng Yì",
            pinyin_numbered="wang2 yi4",
            zhuyin="ㄨㄤˊ ㄧˋ",
            meanings=["Wang Yi (1953-), PRC foreign minister"],
            category="name",
        ),
        VocabItem(
            hanzi="5G网络",
            traditional="5G網絡",
            pinyin="5G wǎngluò",
            pinyin_numbered="5G wang3 luo4",
            zhuyin="5G ㄨㄤˇ ㄌㄨㄛˋ",
            meanings=["5G network"],
            measure_words=["个 (gè)"],
            hsk=6,
        ),
        VocabItem(  # no meaning: recognition card only
            hanzi="塔斯社",
            traditional="塔斯社",
            pinyin="Tǎsīshè",
            pinyin_numbered="ta3 si1 she4",
            zhuyin="ㄊㄚˇ ㄙ ㄕㄜˋ",
            meanings=[],
            category="organisation",
        ),
        VocabItem(  # untrusted transcript text everywhere
            hanzi=HOSTILE,
            traditional=HOSTILE + "x",
            pinyin=HOSTILE,
            pinyin_numbered="",
            zhuyin=HOSTILE,
            meanings=[HOSTILE, "<img src=x onerror=alert(2)>"],
            measure_words=[HOSTILE],
            hsk=1,
            category=HOSTILE,
            examples=[Example(text=f"他说{HOSTILE}了 {{{{c1::x}}}}", speaker=HOSTILE, section=HOSTILE, pinyin=HOSTILE)],
        ),
        VocabItem(  # a duplicate headword: one note only
            hanzi="推动",
            traditional="推動",
            pinyin="tuīdòng",
            pinyin_numbered="tui1 dong4",
            zhuyin="",
            meanings=["duplicate"],
        ),
        VocabItem(hanzi="", traditional="", pinyin="", pinyin_numbered="", zhuyin="", meanings=["no headword"]),
    ]


N_VOCAB = 7  # distinct, non-empty headwords above
N_VOCAB_CARDS = 2 * N_VOCAB - 1  # 塔斯社 has no meaning: no recall card


def make_cloze() -> list[ClozeItem]:
    return [
        ClozeItem(
            id="c-multilateral",
            sentence="我们要坚持多边主义，推动构建人类命运共同体。",
            cloze="我们要坚持{{c1::多边主义::multilateralism}}，{{c2::推动::promote}}构建人类命运共同体。",
            answers=["多边主义", "推动"],
            hint="multilateralism",
            choices=["多边主义", "单边主义", "保护主义", "霸权主义"],
            speaker="王毅",
            section="中国外交",
            sentence_pinyin="wǒmen yào jiānchí duōbiān zhǔyì ， tuīdòng gòujiàn rénlèi mìngyùn gòngtóngtǐ 。",
            sentence_pinyin_numbered=(
                "wo3 men5 yao4 jian1 chi2 duo1 bian1 zhu3 yi4 ， tui1 dong4 gou4 jian4 "
                "ren2 lei4 ming4 yun4 gong4 tong2 ti3 。"
            ),
            hints=["multilateralism", "promote"],
            glosses=[Gloss("坚持", "jiānchí", "to persist in"), Gloss("构建", "gòujiàn", "to build")],
        ),
        ClozeItem(
            id="c-hostile",
            sentence=f"他说{HOSTILE}。",
            cloze=f"他说{{{{c1::{HOSTILE}::<b>hint</b>}}}}。{{{{c9",
            answers=[HOSTILE],
            hint="",
            choices=[],
            speaker=HOSTILE,
            section=None,
            glosses=[Gloss(HOSTILE, HOSTILE, HOSTILE)],
        ),
        ClozeItem(  # no deletion: skipped (Anki would make no card)
            id="c-none",
            sentence="没有填空。",
            cloze="没有填空。",
            answers=[],
            hint="",
            choices=[],
            speaker=None,
            section=None,
        ),
    ]


N_CLOZE = 2
N_CLOZE_CARDS = 3  # c1 + c2, c1


def build(tmp_path: Path, name: str = "deck.apkg", **kw) -> deck.DeckStats:
    vocab = kw.pop("vocab", None) or make_vocab()
    cloze = kw.pop("cloze", make_cloze())
    transcript = kw.pop("transcript", None) or make_transcript()
    return deck.write_deck(transcript, vocab, cloze, tmp_path / name, **kw)


def read_apkg(path: Path) -> sqlite3.Connection:
    """The package's SQLite collection, opened from a copy in memory."""
    with zipfile.ZipFile(path) as zf:
        data = zf.read("collection.anki2")
    tmp = path.with_suffix(".anki2-read")
    tmp.write_bytes(data)
    return sqlite3.connect(tmp)


def without_kind_label(html_text: str) -> str:
    return re.sub(r'<div class="kind">.*?</div>', "", html_text)


# ---------------------------------------------------------------------------
# Import into a real Anki collection


def test_stats_count_notes_and_cards(tmp_path: Path) -> None:
    stats = build(tmp_path)
    assert stats.path == tmp_path / "deck.apkg" and stats.path.is_file()
    assert (stats.vocab_notes, stats.cloze_notes) == (N_VOCAB, N_CLOZE)
    assert stats.cards == N_VOCAB_CARDS + N_CLOZE_CARDS
    assert stats.deck_name == "王毅答记者问 2021"


def test_import_renders_every_card(tmp_path: Path) -> None:
    stats = build(tmp_path)
    with open_collection(tmp_path) as col:
        log = import_apkg(col, stats.path)
        assert len(log.new) == N_VOCAB + N_CLOZE
        assert not (log.conflicting or log.missing_notetype or log.missing_deck or log.empty_first_field)
        assert col.note_count() == N_VOCAB + N_CLOZE
        cards = render_all(col)
    assert len(cards) == stats.cards
    for card in cards:
        for side in (card.question, card.answer):
            assert "{{" not in side and "}}" not in side, (card.template, side)
        assert visible_text(without_kind_label(card.question)).strip(), f"empty front: {card}"
        assert "url(" not in card.css and "@import" not in card.css
    decks = {c.deck for c in cards}
    assert decks == {"王毅答记者问 2021::Vocabulary", "王毅答记者问 2021::Cloze"}
    by_template: dict[str, int] = {}
    for card in cards:
        by_template[card.template] = by_template.get(card.template, 0) + 1
    assert by_template == {"Recognition": N_VOCAB, "Recall": N_VOCAB - 1, "Cloze": N_CLOZE_CARDS}


def test_rendered_content(tmp_path: Path) -> None:
    stats = build(tmp_path)
    with open_collection(tmp_path) as col:
        import_apkg(col, stats.path)
        cards = render_all(col)
    guid = deck.vocab_guid("人类命运共同体")
    recognition = next(c for c in cards if c.guid == guid and c.template == "Recognition")
    recall = next(c for c in cards if c.guid == guid and c.template == "Recall")
    # Front: the plain headword (colours would give the tones away); back: coloured, reading, meaning, example.
    assert "人类命运共同体" in recognition.question and "tone" not in recognition.question
    assert '<span class="tone2">人</span><span class="tone4">类</span>' in recognition.answer
    assert '<span class="tone2">rén</span><span class="tone4">lèi</span> <span class="tone4">mìng</span>' in recognition.answer
    assert SHARED_FUTURE in recognition.answer
    assert '<b class="hl">人类命运共同体</b>' in recognition.answer
    assert "tuīdòng gòujiàn" in recognition.answer and "王毅" in recognition.answer
    assert "人類命運共同體" in visible_text(recognition.answer)
    # Recall: English on the front, never the headword outside the hidden hint's blank.
    assert SHARED_FUTURE in recall.question and "人类命运共同体" not in recall.question
    assert '<span class="blank">' in recall.question
    # Latin letters and digits next to hanzi are never coloured.
    g5 = next(c for c in cards if c.guid == deck.vocab_guid("5G网络") and c.template == "Recognition")
    assert '5G<span class="tone3">网</span><span class="tone4">络</span>' in g5.answer
    assert '5G <span class="tone3">wǎng</span><span class="tone4">luò</span>' in g5.answer
    cloze = [c for c in cards if c.guid == deck.cloze_guid("c-multilateral")]
    assert len(cloze) == 2
    c1 = next(c for c in cloze if c.ord == 0)
    assert "[multilateralism]" in c1.question and "多边主义" not in visible_text(c1.question)
    assert "多边主义" in visible_text(c1.answer) and "to persist in" in c1.answer
    assert '<span class="tone1">jiān</span><span class="tone2">chí</span>' in c1.answer


def test_tags(tmp_path: Path) -> None:
    stats = build(tmp_path)
    with open_collection(tmp_path) as col:
        import_apkg(col, stats.path)
        tags = {n.guid: set(n.tags) for n in (col.get_note(i) for i in col.find_notes(""))}
        assert set(col.find_notes("tag:HSK::7-9")) == set(col.find_notes('"Hanzi:多边主义"'))
    src = "source::wang-yi-2021"
    assert tags[deck.vocab_guid("推动")] == {"HSK::4", src}
    assert tags[deck.vocab_guid("多边主义")] == {"HSK::7-9", "diplomacy::foreign-policy", src}
    assert tags[deck.vocab_guid("人类命运共同体")] == {"diplomacy::concept", src}
    assert tags[deck.vocab_guid("王毅")] == {"name", src}
    assert tags[deck.vocab_guid("塔斯社")] == {"organisation", src}
    assert deck.vocab_tags(VocabItem("联合国", "", "", "", "", [], term=True, category="organisation"), "s") == [
        "diplomacy::organisation",
        "organisation",
        "source::s",
    ]
    assert tags[deck.cloze_guid("c-multilateral")] == {src}
    for note_tags in tags.values():
        assert all(" " not in t and t for t in note_tags)


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    stats = build(tmp_path)
    with open_collection(tmp_path) as col:
        import_apkg(col, stats.path)
        cards = render_all(col)
    hostile = [c for c in cards if c.guid in (deck.vocab_guid(HOSTILE), deck.cloze_guid("c-hostile"))]
    assert len(hostile) == 3  # recognition, recall, cloze
    for card in cards:
        for side in (card.question, card.answer):
            assert "<script" not in side.lower() and "<img" not in side.lower()
    rec = next(c for c in hostile if c.template == "Recognition")
    assert HOSTILE_ESCAPED in rec.question and HOSTILE_ESCAPED in rec.answer
    assert HOSTILE in visible_text(rec.answer)
    cl = next(c for c in hostile if c.template == "Cloze")
    assert HOSTILE_ESCAPED in cl.answer and "&lt;b&gt;hint&lt;/b&gt;" in cl.question


def test_rebuilt_deck_updates_notes_in_place(tmp_path: Path) -> None:
    """A rebuild with a corrected meaning and reading adds no note and updates the fields (Anki's default options)."""
    t0 = time.time() - 3600
    first = build(tmp_path, "v1.apkg", timestamp=t0)
    vocab2 = make_vocab(meaning_of_tuidong="to push forward (corrected)")
    vocab2[1].pinyin = "tuīdòng "
    second = build(tmp_path, "v2.apkg", vocab=vocab2, timestamp=t0 + 60)
    guid = deck.vocab_guid("推动")
    with open_collection(tmp_path) as col:
        import_apkg(col, first.path)
        before = col.note_count()
        assert notes_by_guid(col)[guid]["Meaning"] == "to promote; to push forward"
        log = import_apkg(col, second.path)  # "update notes: if newer", Anki's default
        assert len(log.new) == 0 and col.note_count() == before
        assert len(col.find_cards("")) == first.cards
        assert notes_by_guid(col)[guid]["Meaning"] == "to push forward (corrected)"
        # Re-importing the same deck adds nothing either.
        log = import_apkg(col, second.path, update="always")
        assert len(log.new) == 0 and col.note_count() == before
        names = [m.name for m in col.models.all_names_and_ids()]
        assert names.count(deck.VOCAB_MODEL_NAME) == 1 and names.count(deck.CLOZE_MODEL_NAME) == 1


def test_rebuilt_deck_updates_the_note_types(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New CSS in a later release reaches the collection's note types; no second note type appears."""
    t0 = time.time() - 3600
    first = build(tmp_path, "v1.apkg", timestamp=t0)
    monkeypatch.setattr(tpl, "CSS", tpl.CSS + "\n.flashgen-next-release { color: red; }")
    second = build(tmp_path, "v2.apkg", timestamp=t0 + 60)
    with open_collection(tmp_path) as col:
        import_apkg(col, first.path)
        import_apkg(col, second.path)
        names = [m.name for m in col.models.all_names_and_ids()]
        assert names.count(deck.VOCAB_MODEL_NAME) == 1 and names.count(deck.CLOZE_MODEL_NAME) == 1
        model = col.models.by_name(deck.VOCAB_MODEL_NAME)
        assert model is not None and ".flashgen-next-release" in model["css"]
        assert [f["name"] for f in model["flds"]] == list(tpl.VOCAB_FIELDS)


def test_update_always_applies_an_older_build(tmp_path: Path) -> None:
    """With "update notes: always" even a build stamped earlier replaces the fields."""
    new = build(tmp_path, "new.apkg", timestamp=time.time())
    old = build(tmp_path, "old.apkg", vocab=make_vocab("older meaning"), timestamp=time.time() - 86400)
    guid = deck.vocab_guid("推动")
    with open_collection(tmp_path) as col:
        import_apkg(col, new.path)
        import_apkg(col, old.path)  # if newer: skipped
        assert notes_by_guid(col)[guid]["Meaning"] != "older meaning"
        log = import_apkg(col, old.path, update="always")
        assert len(log.new) == 0
        assert notes_by_guid(col)[guid]["Meaning"] == "older meaning"


def test_same_word_from_two_transcripts_is_one_note(tmp_path: Path) -> None:
    a = build(tmp_path, "a.apkg", transcript=make_transcript("记者会 A", "a"), cloze=[])
    b = build(tmp_path, "b.apkg", transcript=make_transcript("记者会 B", "b"), cloze=[], timestamp=time.time() + 5)
    with open_collection(tmp_path) as col:
        import_apkg(col, a.path)
        log = import_apkg(col, b.path)
        assert len(log.new) == 0
        assert col.note_count() == N_VOCAB
        assert len(col.find_notes('"Hanzi:推动"')) == 1


def test_no_cloze_items_no_cloze_subdeck(tmp_path: Path) -> None:
    stats = build(tmp_path, cloze=[])
    assert stats.cloze_notes == 0 and stats.cards == N_VOCAB_CARDS
    with read_apkg(stats.path) as db:
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    names = {d["name"] for d in decks.values()}
    assert "王毅答记者问 2021::Cloze" not in names
    assert {"王毅答记者问 2021", "王毅答记者问 2021::Vocabulary"} <= names
    assert str(deck.CLOZE_MODEL_ID) not in models


# ---------------------------------------------------------------------------
# Stable identities


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (dict(pinyin="tuīdòng", meanings=["to promote"]), dict(pinyin="tuídòng", meanings=["to push"])),
        (dict(pinyin_numbered="tui1 dong4", hsk=4), dict(pinyin_numbered="tui2 dong4", hsk=5)),
        (dict(examples=[], term=False), dict(examples=[Example("推动", None, None)], term=True, category="concept")),
        (dict(traditional="推動", zhuyin="ㄊㄨㄟ ㄉㄨㄥˋ"), dict(traditional="", zhuyin="")),
    ],
)
def test_vocab_guid_depends_on_headword_only(tmp_path: Path, a: dict, b: dict) -> None:
    base = dict(hanzi="推动", traditional="推動", pinyin="tuīdòng", pinyin_numbered="tui1 dong4", zhuyin="", meanings=["x"])
    guids = []
    for i, changes in enumerate((a, b)):
        item = VocabItem(**{**base, **changes})
        stats = deck.write_deck(make_transcript(slug=f"t{i}"), [item], [], tmp_path / f"{i}.apkg")
        with read_apkg(stats.path) as db:
            guids.append(db.execute("SELECT guid FROM notes").fetchone()[0])
    assert guids[0] == guids[1] == deck.vocab_guid("推动")


def test_guids_and_ids_are_fixed() -> None:
    import genanki

    assert deck.vocab_guid("推动") == genanki.guid_for("flashgen-vocab", "推动")
    assert deck.vocab_guid("推动") != deck.vocab_guid("推進")
    assert deck.cloze_guid("abc") == genanki.guid_for("flashgen-cloze", "abc")
    assert deck.cloze_guid("abc") != deck.vocab_guid("abc")
    # Golden values: these must never change, or users' collections get duplicates.
    assert (deck.VOCAB_MODEL_ID, deck.CLOZE_MODEL_ID) == (1658032202, 1111121423)
    assert deck.deck_id("王毅答记者问 2021") == deck.deck_id("王毅答记者问 2021")
    assert deck.deck_id("a") == 1581829781 and deck.deck_id("a::Vocabulary") == 1651184713
    assert 1 << 30 <= deck.deck_id("任何名字") < 1 << 31


def test_ids_in_package_are_stable_across_builds(tmp_path: Path) -> None:
    def ids(path: Path) -> tuple:
        with read_apkg(path) as db:
            decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
            models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
            notes = sorted(db.execute("SELECT guid, mid, flds, tags FROM notes").fetchall())
        return sorted((d["name"], d["id"]) for d in decks.values()), sorted(models), notes

    one = ids(build(tmp_path, "1.apkg", timestamp=1_600_000_000).path)
    two = ids(build(tmp_path, "2.apkg", timestamp=1_700_000_000).path)
    assert one == two
    assert ("王毅答记者问 2021::Vocabulary", deck.deck_id("王毅答记者问 2021::Vocabulary")) in one[0]
    assert one[1] == sorted([str(deck.VOCAB_MODEL_ID), str(deck.CLOZE_MODEL_ID)])


def test_deck_name_is_one_level() -> None:
    assert deck.deck_name(make_transcript("A::B  c")) == "A: B c"
    assert deck.deck_name(make_transcript("", slug="the-slug")) == "the-slug"


# ---------------------------------------------------------------------------
# Writing


def test_failed_build_keeps_the_previous_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = build(tmp_path)
    before = good.path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure while packing")

    monkeypatch.setattr(deck, "_package_bytes", boom)
    with pytest.raises(RuntimeError):
        build(tmp_path)
    assert good.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]


def test_unwritable_target_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError):
        build(blocker, "deck.apkg")


def test_no_temp_files_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    out = tmp_path / "out"
    build(out)
    assert os.listdir(scratch) == []
    assert sorted(p.name for p in out.iterdir()) == ["deck.apkg"]


# ---------------------------------------------------------------------------
# Markup helpers


def test_colour_hanzi_only_when_counts_match() -> None:
    assert deck.colour_hanzi("推动", "tui1 dong4") == '<span class="tone1">推</span><span class="tone4">动</span>'
    assert deck.colour_hanzi("一点儿", "yi1 dianr3") == "一点儿"  # 3 characters, 2 syllables
    assert deck.colour_hanzi("G20峰会", "G20 feng1 hui4") == 'G20<span class="tone1">峰</span><span class="tone4">会</span>'
    assert deck.colour_hanzi("<b>", "") == "&lt;b&gt;"


def test_colour_pinyin_keeps_the_written_form() -> None:
    assert deck.colour_pinyin("Xī'ān", "xi1 an1") == '<span class="tone1">Xī</span>&#x27;<span class="tone1">ān</span>'
    assert deck.colour_pinyin("lǜsè", "lv4 se4") == '<span class="tone4">lǜ</span><span class="tone4">sè</span>'
    assert deck.colour_pinyin("de", "de5") == '<span class="tone5">de</span>'
    # Disagreeing readings: shown as written, uncoloured, never wrong colours.
    assert deck.colour_pinyin("wǒmen", "wo3 ma5") == "wǒmen"
    # No tone-marked text: built from the numbers.
    assert deck.colour_pinyin("", "ni3 hao3") == '<span class="tone3">nǐ</span><span class="tone3">hǎo</span>'


def test_highlight_and_blank_escape_first() -> None:
    assert deck.highlight("a<推动>&推动", ["推动"]) == 'a&lt;<b class="hl">推动</b>&gt;&amp;<b class="hl">推动</b>'
    assert deck.blank_out("<推动>", "推动") == '&lt;<span class="blank">＿＿</span>&gt;'
    assert deck.blank_out("没有", "推动") == ""
    assert deck.esc("{{c1::x}}\x1f") == "&#123;&#123;c1::x&#125;&#125;"


def test_css_is_self_contained_and_has_night_mode() -> None:
    from flashgen.chinese.tones import TONE_COLOURS

    css = tpl.CSS
    for banned in ("url(", "@import", "http:", "https:", "@font-face"):
        assert banned not in css
    for templ in (tpl.RECOGNITION_FRONT, tpl.RECOGNITION_BACK, tpl.RECALL_FRONT, tpl.RECALL_BACK, tpl.CLOZE_BACK):
        assert "<script" not in templ and "src=" not in templ and "http" not in templ
    for tone, colour in TONE_COLOURS.items():
        assert f".tone{tone} {{ color: {colour}; }}" in css
        assert f".nightMode .tone{tone}, .night_mode .tone{tone}" in css
    assert ".card.nightMode" in css and ".night_mode .card" in css
    assert "@media (max-width: 480px)" in css


# ---------------------------------------------------------------------------
# The bundled sample, once the pipeline exists


def test_sample_deck_imports_into_anki(tmp_path: Path, sample_analysis) -> None:
    """The bundled sample through ``analyse()`` (conftest's session fixture) into a real collection."""
    transcript = sample_analysis.transcript
    vocab = list(sample_analysis.vocab)
    cloze = make_cloze_items(sample_analysis)
    stats = deck.write_deck(transcript, vocab, cloze, tmp_path / "sample.apkg")
    assert stats.vocab_notes >= 300 and stats.cloze_notes >= 40
    with open_collection(tmp_path) as col:
        log = import_apkg(col, stats.path)
        assert len(log.new) == stats.vocab_notes + stats.cloze_notes
        cards = render_all(col)
        assert len(cards) == stats.cards
        for card in cards:
            assert "{{" not in card.question and "{{" not in card.answer
            assert visible_text(without_kind_label(card.question)).strip()
        note = notes_by_guid(col)[deck.vocab_guid("人类命运共同体")]
        assert SHARED_FUTURE in note["Meaning"]
        assert '<span class="tone2">rén</span>' in note["Pinyin"] and "gòng" in note["Pinyin"]
        # Tone colours reach (almost) every note: readings and headwords line up.
        vocab_notes = [n for n in notes_by_guid(col).values() if "Hanzi colour" in n]
        coloured = [n for n in vocab_notes if "tone" in n["Pinyin"] and "tone" in n["Hanzi colour"]]
        assert len(coloured) >= 0.95 * len(vocab_notes)
        rebuilt = deck.write_deck(transcript, vocab, cloze, tmp_path / "again.apkg", timestamp=time.time() + 10)
        log = import_apkg(col, rebuilt.path)
        assert len(log.new) == 0
        assert col.note_count() == stats.vocab_notes + stats.cloze_notes
