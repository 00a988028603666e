"""The terminal quiz says the word after an answer (flashgen quiz --audio), silently where nothing can play."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest

from flashgen.audio import AudioOptions, Speech, encode
from flashgen.audio import play
from flashgen.quiz import run_quiz

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None or not encode.sox_available(),
                                reason="espeak-ng and SoX (scripts/install-system-deps.sh)")

# 合作 cooperation, 多边主义 multilateralism, 推动 to promote.
TINY = "合作\n\n王毅：中国将继续推动国际合作，维护多边主义。\n"


@pytest.fixture()
def recording_player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A "player" that notes each clip it is given (this machine has no sound card)."""
    log = tmp_path / "played.log"
    script = tmp_path / "fake-player"
    script.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\n')
    script.chmod(0o755)
    monkeypatch.setattr(play, "PLAYERS", ((str(script),),))
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(tmp_path / "cache"))  # clips of the test's own
    return log


def lines_of(log: Path, n: int) -> list[str]:
    for _ in range(50):  # the player runs in the background
        if log.exists() and len(log.read_text().splitlines()) >= n:
            break
        time.sleep(0.1)
    return log.read_text().splitlines() if log.exists() else []


def test_speaker_plays_a_real_clip(recording_player: Path) -> None:
    speaker = play.Speaker(AudioOptions("espeak"))
    speaker.say(Speech("银行", "yin2 hang2"))  # 银行 bank
    played = lines_of(recording_player, 1)
    assert len(played) == 1 and 0.4 <= encode.duration(Path(played[0])) <= 2.0


def test_no_player_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(play, "PLAYERS", (("no-such-player-here",),))
    speaker = play.Speaker(AudioOptions("espeak"))
    assert not speaker.enabled and speaker.clip(Speech("银行", "yin2 hang2")) is None
    speaker.say(Speech("银行", "yin2 hang2"))  # nothing, no error


def test_engine_that_cannot_speak_turns_the_speaker_off(recording_player: Path) -> None:
    speaker = play.Speaker(AudioOptions("command", command="no-such-tts {out}"))
    speaker.say(Speech("银行", "yin2 hang2"))
    assert not speaker.enabled and not recording_player.exists()


def test_quiz_says_each_answered_word(tmp_path: Path, recording_player: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "tiny.txt"
    source.write_text(TINY, encoding="utf-8")
    monkeypatch.delenv("FLASHGEN_CACHE_DIR")  # the lexicon's cache as usual; clips land there too
    outputs = []
    for audio in (AudioOptions("espeak"), None):
        out = io.StringIO()
        result = run_quiz(str(source), mode="meaning", count=2, seed=1, progress=str(tmp_path / f"p{audio is None}.sqlite"),
                          stdin=io.StringIO("cooperation\nno idea\n"), stdout=out, audio=audio)
        assert result.answered == 2
        outputs.append(out.getvalue())
    played = lines_of(recording_player, 2)
    assert len(played) == 2 and all(encode.duration(Path(p)) > 0.3 for p in played)
    assert outputs[0] == outputs[1]  # sound adds no line to the session's output
