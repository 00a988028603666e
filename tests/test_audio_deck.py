"""Audio in the Anki deck: real espeak-ng clips, imported into a real Anki collection; build and CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("genanki")
pytest.importorskip("anki")

from anki_helpers import import_apkg, notes_by_guid, open_collection  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from flashgen.anki import deck  # noqa: E402
from flashgen.anki import templates as tpl  # noqa: E402
from flashgen.audio import AudioMedia, AudioOptions, encode, speeches, synthesise, word_speech  # noqa: E402
from flashgen.cli import cli  # noqa: E402
from flashgen.models import ClozeItem, Example, Transcript, VocabItem  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None or not encode.sox_available(),
                                reason="espeak-ng and SoX (scripts/install-system-deps.sh)")

SOUND = re.compile(r"\[sound:(flashgen-[0-9a-f]{16}\.mp3)\]")

# A short press-conference exchange: 银行业 (yínhángyè, "banking") has the polyphone 行.
TINY = """银行业的合作

王毅：中国银行将继续推动国际合作，维护多边主义。

记者：中方如何看待全球治理？

王毅：我们坚持共商共建共享的全球治理观，推动构建人类命运共同体。
"""


# "China is willing to work with all sides to promote the building of a community with a shared future for mankind."
EXAMPLE = Example(text="中方愿同各方一道，推动构建人类命运共同体。", speaker="王毅", section="中国外交",
                  pinyin_numbered="zhong1 fang1 yuan4 tong2 ge4 fang1 yi1 dao4 ， tui1 dong4 gou4 jian4 "
                                  "ren2 lei4 ming4 yun4 gong4 tong2 ti3 。")


def make_transcript() -> Transcript:
    return Transcript(title="王毅答记者问", source="sample.txt", sentences=[], slug="wang-yi")


def make_vocab() -> list[VocabItem]:
    def item(hanzi: str, numbered: str, meaning: str, examples: list[Example]) -> VocabItem:
        return VocabItem(hanzi=hanzi, traditional=hanzi, pinyin=numbered, pinyin_numbered=numbered, zhuyin="",
                         meanings=[meaning], examples=examples)

    return [
        item("推动", "tui1 dong4", "to promote", [EXAMPLE]),  # 推动 to promote
        item("人类命运共同体", "ren2 lei4 ming4 yun4 gong4 tong2 ti3", "community with a shared future for mankind",
             [EXAMPLE]),  # the same example: one clip for both notes
        item("银行", "yin2 hang2", "bank", []),  # 银行 bank: no example, no example clip
    ]


def make_cloze() -> list[ClozeItem]:
    # "We must uphold multilateralism."
    kept = ClozeItem(id="c-multilateral", sentence="我们要坚持多边主义。", cloze="我们要坚持{{c1::多边主义}}。",
                     answers=["多边主义"], hint="", choices=[], speaker="王毅", section=None,
                     sentence_pinyin_numbered="wo3 men5 yao4 jian1 chi2 duo1 bian1 zhu3 yi4 。")
    # "No blank." — no deletion: Anki would make no card, so the deck has no note (and no clip) for it.
    dropped = ClozeItem(id="c-none", sentence="没有填空。", cloze="没有填空。", answers=[], hint="", choices=[],
                        speaker=None, section=None)
    return [kept, dropped]


@pytest.fixture()
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(folder))
    return folder


def media_map(apkg: Path) -> dict[str, bytes]:
    """Media name → bytes, as the package's ``media`` file maps them."""
    with zipfile.ZipFile(apkg) as zf:
        names = json.loads(zf.read("media"))
        return {name: zf.read(number) for number, name in names.items()}


def write(tmp_path: Path, name: str, audio: AudioMedia | None, **kw: object) -> Path:
    vocab, cloze = make_vocab(), make_cloze()
    return deck.write_deck(make_transcript(), vocab, cloze, tmp_path / name, audio=audio, **kw).path  # type: ignore[arg-type]


def test_espeak_deck_imports_with_its_media(tmp_path: Path, own_cache: Path) -> None:
    vocab, cloze = make_vocab(), make_cloze()
    media = synthesise(speeches(vocab, cloze), AudioOptions("espeak"))
    assert not media.failures and not media.unavailable and media.synthesised == len(media.clips)
    apkg = write(tmp_path, "audio.apkg", media)
    packed = media_map(apkg)
    # The clips the notes play, no others: the cloze item without a deletion makes no note, so its clip stays out.
    assert set(packed) < set(media.files()) and len(packed) == len(media.files()) - 1
    for name, data in packed.items():
        assert data == media.files()[name].read_bytes()
    with open_collection(tmp_path) as col:
        log = import_apkg(col, apkg)
        assert not log.conflicting
        folder = Path(col.media.dir())
        assert {p.name for p in folder.iterdir()} == set(packed)
        for note in notes_by_guid(col).values():
            # Every headword and cloze sentence is spoken, and every example a vocabulary note shows.
            spoken = ["Audio", "Example audio"] if note.get("Example") else ["Audio"]
            for key in spoken:
                names = SOUND.findall(note[key])
                assert len(names) == 1 and (folder / names[0]).is_file(), (key, note)
                assert 0.3 <= encode.duration(folder / names[0]) <= 30
            if "Example audio" in note and not note["Example"]:
                assert note["Example audio"] == ""
        words = {deck.vocab_guid(v.hanzi): word_speech(v) for v in vocab}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            assert not card.question_av_tags()  # fronts are silent: no answer given away
            played = [tag.filename for tag in card.answer_av_tags()]  # type: ignore[union-attr]
            assert played and all((folder / name).is_file() for name in played)
            if card.template()["name"] == "Recognition":  # the headword first, then its example
                assert played[0] == media.media_name(words[card.note().guid])
        before = sorted(p.name for p in folder.iterdir())
        again = write(tmp_path, "again.apkg", media, timestamp=time.time() + 10)
        import_apkg(col, again)  # a rebuilt deck, same clips
        assert sorted(p.name for p in folder.iterdir()) == before  # no duplicate media


def test_without_audio_fields_are_empty_and_nothing_plays(tmp_path: Path) -> None:
    apkg = write(tmp_path, "silent.apkg", None)
    assert media_map(apkg) == {}
    with open_collection(tmp_path) as col:
        import_apkg(col, apkg)
        for note in notes_by_guid(col).values():
            assert note["Audio"] == "" and note.get("Example audio", "") == ""
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            assert not card.answer_av_tags() and "[sound:" not in card.answer()


def test_audio_fields_come_last_and_model_ids_stay() -> None:
    assert tpl.VOCAB_FIELDS[-2:] == ("Audio", "Example audio") and tpl.CLOZE_FIELDS[-1] == "Audio"
    assert (deck.VOCAB_MODEL_ID, deck.CLOZE_MODEL_ID) == (1658032202, 1111121423)


def _old_note_types(monkeypatch: pytest.MonkeyPatch) -> None:
    """The note types as they were before audio: no Audio fields, no sound in the templates."""
    strip = re.compile(r"\{\{#(Example audio|Audio)\}\}.*?\{\{/\1\}\}")
    monkeypatch.setattr(tpl, "VOCAB_FIELDS", tpl.VOCAB_FIELDS[:-2])
    monkeypatch.setattr(tpl, "CLOZE_FIELDS", tpl.CLOZE_FIELDS[:-1])
    for name in ("RECOGNITION_BACK", "RECALL_BACK", "CLOZE_BACK"):
        monkeypatch.setattr(tpl, name, strip.sub("", getattr(tpl, name)))


@pytest.mark.parametrize("merge, updated", [(True, True), (False, False)])
def test_existing_users_merge_note_types_on_import(tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                   merge: bool, updated: bool) -> None:
    """A collection with the old note types: "Merge note types" brings the new fields in; without it Anki keeps them apart."""
    with monkeypatch.context() as patch:
        _old_note_types(patch)
        old = write(tmp_path, "old.apkg", None)
    media = synthesise(speeches(make_vocab(), make_cloze()), AudioOptions("espeak"))
    new = write(tmp_path, "new.apkg", media, timestamp=time.time() + 10)
    with open_collection(tmp_path) as col:
        import_apkg(col, old)
        log = import_apkg(col, new, merge=merge)
        note = notes_by_guid(col)[deck.vocab_guid("推动")]  # 推动 to promote
        if updated:
            assert len(log.updated) == len(notes_by_guid(col)) and not log.conflicting
            assert SOUND.fullmatch(note["Audio"])
            fields = [f["name"] for f in col.models.by_name(deck.VOCAB_MODEL_NAME)["flds"]]  # type: ignore[index]
            assert fields == list(tpl.VOCAB_FIELDS)
        else:  # what README's advice avoids: the notes stay as they were
            assert log.conflicting and not log.updated and "Audio" not in note


# ---------------------------------------------------------------------------
# flashgen build --audio


def test_cli_build_with_espeak_then_from_the_cache(tmp_path: Path) -> None:
    source = tmp_path / "tiny.txt"
    source.write_text(TINY, encoding="utf-8")
    runner = CliRunner()
    args = ["build", str(source), "-o", str(tmp_path / "out"), "--no-pdf", "--audio", "espeak"]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    found = re.search(r"audio \(espeak\): (\d+) clips, [\d.]+ [KM]B \((\d+) synthesised, (\d+) from the cache\)", first.output)
    assert found and int(found.group(1)) >= 15, first.output
    second = runner.invoke(cli, args)
    assert f"audio (espeak): {found.group(1)} clips" in second.output and "(0 synthesised" in second.output
    apkg = tmp_path / "out" / "tiny.apkg"
    packed = media_map(apkg)
    assert len(packed) == int(found.group(1))
    with open_collection(tmp_path) as col:
        import_apkg(col, apkg)
        note = notes_by_guid(col)[deck.vocab_guid("银行业")]  # 银行业 banking, yínhángyè
        name = SOUND.fullmatch(note["Audio"]).group(1)  # type: ignore[union-attr]
        assert (Path(col.media.dir()) / name).is_file()
    said = subprocess.run(["espeak-ng", "-q", "-x", "-v", "cmn-latn-pinyin", "yin2 hang2 ye4"], capture_output=True,
                          text=True).stdout
    assert "X'a" in said  # what the clip says: háng, not xíng


def test_cli_edge_offline_still_writes_the_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("edge_tts")
    monkeypatch.setenv("WSS_PROXY", "http://127.0.0.1:9")  # nobody listens: offline on any machine
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    source = tmp_path / "tiny.txt"
    source.write_text(TINY, encoding="utf-8")
    proc = subprocess.run(["python3", "-m", "flashgen", "build", str(source), "-o", str(tmp_path / "out"), "--no-pdf",
                           "--audio", "edge"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("warning: audio: edge: cannot reach Microsoft's speech service")
    assert "Traceback" not in proc.stderr
    apkg = tmp_path / "out" / "tiny.apkg"
    assert media_map(apkg) == {} and apkg.stat().st_size > 5_000


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--audio", "command"], "Error: --audio command needs --tts-command"),
        (["--audio", "command", "--tts-command", "say 'oops"], "Error: --tts-command: No closing quotation"),
    ],
)
def test_cli_bad_audio_options_are_one_line(tmp_path: Path, extra: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path), "--no-pdf", *extra])
    assert result.exit_code == 1 and result.output.strip().splitlines()[-1].startswith(message), result.output
