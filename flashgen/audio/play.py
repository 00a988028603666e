"""Play a clip where the machine can: the terminal quiz says the word after an answer.

Best effort by design: the clip is synthesised (or found in the cache) and
handed to the first player found (SoX's ``play``, mpv, ffplay, macOS's
``afplay``) in the background; no player, no sound device or an engine that
cannot speak means silence, never an error or a line of output.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Optional

from flashgen.audio.speech import Speech
from flashgen.audio.synth import AudioOptions, synthesise

#: Players tried in order, each with its quiet options; the clip's path is appended.
PLAYERS: tuple[tuple[str, ...], ...] = (
    ("play", "-q"),
    ("mpv", "--really-quiet", "--no-video"),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
    ("afplay",),
)


def find_player() -> Optional[list[str]]:
    """The command of the first player installed, or None."""
    for player in PLAYERS:
        if shutil.which(player[0]):
            return list(player)
    return None


class Speaker:
    """Says one :class:`Speech` at a time (a new one cuts the previous short)."""

    def __init__(self, options: AudioOptions, player: Optional[list[str]] = None) -> None:
        self.options = options
        self.player = player if player is not None else find_player()
        self.enabled = self.player is not None
        self._playing: Optional[subprocess.Popen[bytes]] = None

    def clip(self, speech: Speech) -> Optional[Path]:
        """The clip of ``speech`` (made now if not cached), or None; an engine that cannot speak turns the speaker off."""
        if not self.enabled:
            return None
        media = synthesise([speech], self.options)
        if media.unavailable:
            self.enabled = False
        return media.clips.get(speech)

    def say(self, speech: Speech) -> None:
        path = self.clip(speech)
        if path is None or self.player is None:
            return
        self.stop()
        try:
            self._playing = subprocess.Popen([*self.player, str(path)], stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            self.enabled = False

    def stop(self) -> None:
        """Cut the clip playing, if any (a player that failed, e.g. without a sound device, has ended already)."""
        if self._playing is not None and self._playing.poll() is None:
            self._playing.terminate()
            try:
                self._playing.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._playing.kill()
        self._playing = None
