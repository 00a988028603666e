"""Audio clips (flashgen/audio): real espeak-ng and SoX, the command engine driving espeak-ng, edge offline.

Every test here synthesises for real; the clips go to a cache folder of the
test's own (``FLASHGEN_CACHE_DIR``), so counts of clips made are exact.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashgen.audio import AudioOptions, Speech, synthesise
from flashgen.audio import encode
from flashgen.audio.engines import Command, EngineUnavailable, Espeak, make_engine
from flashgen.audio.speech import pinyin_for_espeak
from flashgen.errors import InputError

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None or not encode.sox_available(),
                                  reason="espeak-ng and SoX (scripts/install-system-deps.sh)")

# 银行 "bank": yínháng; 行 alone reads xíng, which is what espeak-ng says for the characters.
BANK = Speech("银行", "yin2 hang2")
# "This year is the 50th anniversary of New China's restored seat in the UN."
SENTENCE = Speech("今年是新中国恢复联合国合法席位50周年。",
                  "jin1 nian2 shi4 xin1 zhong1 guo2 hui1 fu4 lian2 he2 guo2 he2 fa3 xi2 wei4 50 zhou1 nian2 。")
ESPEAK_PINYIN = "espeak-ng -v cmn-latn-pinyin -w {out} {reading}"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(folder))
    return folder


def rms_db(path: Path) -> float:
    report = subprocess.run(["sox", str(path), "-n", "stats"], capture_output=True, text=True, check=True).stderr
    found = re.search(r"RMS lev dB\s+(-?[\d.]+)", report)
    assert found, report
    return float(found.group(1))


def phonemes(text: str) -> str:
    return subprocess.run(["espeak-ng", "-q", "-x", "-v", "cmn-latn-pinyin"], input=text, capture_output=True,
                          text=True, check=True).stdout.strip()


# ---------------------------------------------------------------------------
# What espeak-ng is given


@pytest.mark.parametrize(
    "speech, expected",
    [
        (BANK, "yin2 hang2"),  # 银行 bank
        (Speech("战略", "zhan4 lüe4"), "zhan4 lüe4"),  # 战略 strategy: ü kept
        (Speech("绿", "lu:4"), "lü4"),  # 绿 green, CC-CEDICT's u: spelling
        # 合作，共赢。 cooperation, win-win: Chinese punctuation → pauses espeak-ng knows
        (Speech("合作，共赢。", "he2 zuo4 ， gong4 ying2 。"), "he2 zuo4, gong4 ying2."),
        # 《联合国宪章》 the UN Charter: book-title marks dropped
        (Speech("《联合国宪章》", "《 lian2 he2 guo2 xian4 zhang1 》"), "lian2 he2 guo2 xian4 zhang1"),
        (SENTENCE, "jin1 nian2 shi4 xin1 zhong1 guo2 hui1 fu4 lian2 he2 guo2 he2 fa3 xi2 wei4 50 zhou1 nian2."),
        (Speech("银行", ""), None),  # no reading: the characters are spoken
        (Speech("G20", "G20"), None),  # no pinyin syllable at all
        (Speech("银行", "yin2 行"), None),  # a reading with a hanzi left in it is not trusted
    ],
)
def test_pinyin_for_espeak(speech: Speech, expected: str | None) -> None:
    assert pinyin_for_espeak(speech) == expected


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["zhong1", "guo2", "lüe4", "ma5", "，", "。", "50", "、"]), min_size=1, max_size=12))
def test_espeak_input_is_ascii_pinyin_and_marks(words: list[str]) -> None:
    text = pinyin_for_espeak(Speech("字", " ".join(words)))
    if text is not None:
        assert not re.search(r"[\u3000-\u303f\uff00-\uffef]", text)  # no Chinese punctuation reaches espeak-ng
        assert "  " not in text and text == text.strip()


@needs_espeak
def test_polyphone_is_spoken_as_the_card_reads_it() -> None:
    engine = Espeak()
    assert engine.spoken(BANK) == "yin2 hang2"
    # espeak-ng given the characters says xíng (ɕ "S;"); given the card's reading, háng (χ "X").
    assert "S;" in phonemes("银行") and "X'a" in phonemes(engine.spoken(BANK))
    assert Espeak("cmn").spoken(BANK) == "银行"  # the plain cmn voice reads Latin as English: characters


# ---------------------------------------------------------------------------
# Real clips


@needs_espeak
def test_espeak_clips_decode_with_plausible_length_and_size(own_cache: Path) -> None:
    media = synthesise([BANK, SENTENCE], AudioOptions("espeak"))
    assert not media.failures and not media.unavailable
    assert media.synthesised == 2
    word, sentence = media.clips[BANK], media.clips[SENTENCE]
    assert word.parent == own_cache / "audio" and re.fullmatch(r"flashgen-[0-9a-f]{16}\.mp3", word.name)
    assert 0.4 <= encode.duration(word) <= 2.0  # two syllables
    assert 3.0 <= encode.duration(sentence) <= 9.0  # 20 syllables
    assert word.stat().st_size <= 8_000 and sentence.stat().st_size <= 30_000
    assert subprocess.run(["soxi", "-t", str(word)], capture_output=True, text=True).stdout.strip() == "mp3"


@needs_espeak
def test_loudness_is_evened_out_and_silence_trimmed() -> None:
    quiet = "espeak-ng -a 15 -v cmn-latn-pinyin -w {out} {reading}"
    # The same words with two seconds of silence before and after.
    padded = ("sh -c 'espeak-ng -v cmn-latn-pinyin --stdout \"$1\" | sox -t wav - -t wav {out} pad 2 2' _ {reading}")
    plain = synthesise([BANK], AudioOptions("command", command=ESPEAK_PINYIN)).clips[BANK]
    soft = synthesise([BANK], AudioOptions("command", command=quiet)).clips[BANK]
    long = synthesise([BANK], AudioOptions("command", command=padded)).clips[BANK]
    for clip in (plain, soft, long):
        assert abs(rms_db(clip) - encode.TARGET_RMS_DB) <= 2.5, clip
    assert abs(encode.duration(long) - encode.duration(plain)) < 0.2  # the 4 s of silence are gone


@needs_espeak
def test_second_run_synthesises_nothing(own_cache: Path) -> None:
    first = synthesise([BANK, SENTENCE, BANK], AudioOptions("espeak"))
    stamps = {p: p.stat().st_mtime_ns for p in first.clips.values()}
    second = synthesise([BANK, SENTENCE], AudioOptions("espeak"))
    assert (first.synthesised, second.synthesised, second.cached) == (2, 0, 2)
    assert {p: p.stat().st_mtime_ns for p in second.clips.values()} == stamps
    assert not [p for p in (own_cache / "audio").iterdir() if p.name.startswith(".")]  # no temp files


@needs_espeak
def test_key_follows_engine_voice_and_reading() -> None:
    names = {
        synthesise([BANK], AudioOptions("espeak")).media_name(BANK),
        synthesise([Speech("银行", "")], AudioOptions("espeak")).media_name(Speech("银行", "")),
        synthesise([BANK], AudioOptions("espeak", voice="cmn-latn-pinyin+f3")).media_name(BANK),
        synthesise([BANK], AudioOptions("command", command=ESPEAK_PINYIN)).media_name(BANK),
    }
    assert len(names) == 4 and "" not in names


# ---------------------------------------------------------------------------
# The command engine, driven by espeak-ng


@needs_espeak
@pytest.mark.parametrize(
    "template",
    [
        ESPEAK_PINYIN,  # the reading as an argument, a file out
        "espeak-ng -v cmn -w {out}",  # characters on standard input
        "espeak-ng -v cmn --stdout {text}",  # audio on standard output
        "espeak-ng -v {voice} -w {out} {reading}",  # --voice fills {voice}
    ],
)
def test_command_engine_with_espeak(template: str) -> None:
    media = synthesise([BANK, SENTENCE], AudioOptions("command", command=template, voice="cmn-latn-pinyin"))
    assert not media.failures and not media.unavailable, media.summary()
    assert 0.4 <= encode.duration(media.clips[BANK]) <= 2.0


@needs_espeak
def test_one_failing_clip_costs_that_clip_only(own_cache: Path) -> None:
    # Fails for any text with 坏 ("broken") in it; speaks the others.
    picky = "sh -c 'case \"$1\" in *坏*) echo \"cannot say $1\" >&2; exit 3;; esac; espeak-ng -v cmn -w \"$2\" \"$1\"' _ {text} {out}"
    bad = Speech("坏了", "huai4 le5")
    media = synthesise([BANK, bad, SENTENCE], AudioOptions("command", command=picky))
    assert set(media.clips) == {BANK, SENTENCE}
    assert media.failures == [(bad, "sh failed: cannot say 坏了")]
    notes, warnings = media.summary()
    assert warnings == ["audio: 1 of 3 clips failed and are left out (坏了: sh failed: cannot say 坏了)"]
    assert not [p for p in (own_cache / "audio").iterdir() if p.name.startswith(".")]


@needs_espeak
@pytest.mark.parametrize(
    "template, timeout, reason",
    [
        ("sleep 5", 0.5, "timed out after 0.5 s"),
        ("sh -c 'echo not audio > {out}'", 60.0, "the engine wrote no audio SoX can read"),
        ("sox -n -r 16000 -t wav {out} trim 0 1", 60.0, "the engine's output is silent"),
        ("true {out}", 60.0, "the command wrote no audio to {out}"),
        ("true", 60.0, "the command wrote no audio"),  # nothing on standard output either
        ("sh -c 'exit 7'", 60.0, "sh failed: exit status 7"),
    ],
)
def test_broken_clips_are_reported(template: str, timeout: float, reason: str, own_cache: Path) -> None:
    media = synthesise([BANK], AudioOptions("command", command=template, timeout=timeout))
    assert not media.clips and not media.unavailable
    assert len(media.failures) == 1 and media.failures[0][1].startswith(reason), media.failures
    assert not (own_cache / "audio").exists() or not list((own_cache / "audio").iterdir())


@pytest.mark.parametrize(
    "options, message",
    [
        (AudioOptions("command", command="no-such-tts -f {out}"), "--tts-command: no-such-tts is not installed"),
        (AudioOptions("espeak", voice="nosuchvoice"), "espeak-ng voice 'nosuchvoice'"),
    ],
)
def test_unusable_engine_is_one_line(options: AudioOptions, message: str) -> None:
    if options.engine == "espeak" and shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng")
    media = synthesise([BANK, SENTENCE], options)
    assert not media.clips and not media.failures
    _, warnings = media.summary()
    assert len(warnings) == 1 and message in warnings[0] and "\n" not in warnings[0]


def test_missing_espeak_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # neither espeak-ng nor SoX on it
    media = synthesise([BANK], AudioOptions("espeak"))
    assert media.unavailable.startswith("SoX is not installed")
    with pytest.raises(EngineUnavailable, match="espeak-ng is not installed"):
        Espeak().check()


@pytest.mark.parametrize(
    "name, command, message",
    [
        ("command", None, "--audio command needs --tts-command"),
        ("command", "piper 'unclosed", "--tts-command: No closing quotation"),
        ("command", "   ", "--tts-command is empty"),
        ("festival", None, "unknown audio engine 'festival'"),
    ],
)
def test_bad_options_are_input_errors(name: str, command: str | None, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        make_engine(name, command=command)


def test_command_placeholders_are_whole_arguments() -> None:
    # No shell: a text with quotes and spaces is one argument, never code.
    engine = Command("printf %s {text}")
    assert engine.stdin is False and engine.to_stdout is True
    assert engine._run(["printf", "%s", "a'b \"c\" $(x)"], None) == "a'b \"c\" $(x)".encode()


# ---------------------------------------------------------------------------
# edge (Microsoft's neural voices): the offline failure path


def test_edge_offline_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("edge_tts")
    # The service's websocket goes through a proxy nobody listens on: offline, even on a connected machine.
    monkeypatch.setenv("WSS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    media = synthesise([BANK, SENTENCE], AudioOptions("edge", timeout=20))
    assert not media.clips and not media.failures
    _, warnings = media.summary()
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert warnings[0].startswith("audio: edge: cannot reach Microsoft's speech service (")
    assert warnings[0].endswith("the deck is written without sound")


def test_edge_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "edge_tts", None)  # import edge_tts now fails
    media = synthesise([BANK], AudioOptions("edge"))
    assert media.unavailable == "edge-tts is not installed: pip install 'flashgen[edge]'"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=20))
def test_every_engine_has_a_stable_key_for_any_text(text: str) -> None:
    from flashgen.audio.synth import clip_key

    for engine in (Espeak(), Command("x {out}"), make_engine("edge")):
        key = clip_key(engine, Speech(text, ""))
        assert re.fullmatch(r"[0-9a-f]{16}", key) and key == clip_key(engine, Speech(text, ""))
