"""The speech engines: espeak-ng, any local command, Microsoft's Edge voices.

Each engine writes one raw recording per :class:`Speech` into a folder it is
given; :mod:`flashgen.audio.encode` makes the clip. Two kinds of failure:
:class:`EngineUnavailable` (the engine is missing, the voice does not exist,
no connection: every clip would fail, so synthesis stops) and
:class:`ClipError` (this clip only).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Optional, get_args

from flashgen.audio.speech import Speech, pinyin_for_espeak
from flashgen.errors import InputError
from flashgen.models import AudioEngine

#: Seconds one clip may take before it is given up.
DEFAULT_TIMEOUT = 60.0

ESPEAK_VOICE = "cmn-latn-pinyin"  # Mandarin that reads Latin letters as pinyin (the plain cmn voice reads them as English)
EDGE_VOICE = "zh-CN-XiaoxiaoNeural"


class EngineUnavailable(Exception):
    """The engine cannot speak at all here: one line saying why and what to do."""


class ClipError(Exception):
    """This one clip failed."""


def _last_line(data: bytes, fallback: str) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1][:200] if lines else fallback


class Engine:
    """Base class: ``name`` and ``voice`` identify the sound of a clip (with the text sent)."""

    name = ""

    def __init__(self, voice: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.voice = voice
        self.timeout = timeout

    def identity(self) -> str:
        """What, besides the text, decides how a clip sounds (part of its cache key)."""
        return f"{self.name}\x1f{self.voice}"

    def spoken(self, speech: Speech) -> str:
        """The text the engine is given for ``speech``."""
        return speech.text

    def check(self) -> None:
        """Raise :class:`EngineUnavailable` when no clip can be made."""

    def render(self, speech: Speech, folder: Path) -> Path:
        """Synthesise ``speech`` into a new file in ``folder`` and return its path."""
        raise NotImplementedError

    def _run(self, args: list[str], stdin: Optional[bytes]) -> bytes:
        """Run a program for one clip; its standard output."""
        try:
            proc = subprocess.run(args, input=stdin, capture_output=True, timeout=self.timeout, check=False)
        except FileNotFoundError:
            raise EngineUnavailable(f"{args[0]} is not installed or not on PATH") from None
        except PermissionError:
            raise EngineUnavailable(f"{args[0]} cannot be run (permission denied)") from None
        except subprocess.TimeoutExpired:
            raise ClipError(f"timed out after {self.timeout:g} s") from None
        if proc.returncode != 0:
            raise ClipError(f"{Path(args[0]).name} failed: {_last_line(proc.stderr, f'exit status {proc.returncode}')}")
        return proc.stdout


class Espeak(Engine):
    """espeak-ng's Mandarin voice, given the card's pinyin (tone numbers) when the voice reads pinyin."""

    name = "espeak"

    def __init__(self, voice: Optional[str] = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(voice or ESPEAK_VOICE, timeout)

    def _reads_pinyin(self) -> bool:
        return self.voice.split("+")[0].lower().endswith("latn-pinyin")

    def spoken(self, speech: Speech) -> str:
        pinyin = pinyin_for_espeak(speech) if self._reads_pinyin() else None
        return pinyin or speech.text

    def check(self) -> None:
        if shutil.which("espeak-ng") is None:
            raise EngineUnavailable("espeak-ng is not installed (Debian/Ubuntu: apt install espeak-ng)")
        proc = subprocess.run(["espeak-ng", "-q", "-v", self.voice], input=b"", capture_output=True,
                              timeout=self.timeout, check=False)
        if proc.returncode != 0:
            raise EngineUnavailable(f"espeak-ng voice {self.voice!r}: {_last_line(proc.stderr, 'not usable')}")

    def render(self, speech: Speech, folder: Path) -> Path:
        out = folder / "espeak.wav"
        # Text on standard input: nothing in it can be taken for an option.
        self._run(["espeak-ng", "-v", self.voice, "-w", str(out)], self.spoken(speech).encode("utf-8"))
        return out


class Command(Engine):
    """Any local engine, from a template such as ``piper -m voice.onnx -f {out}``.

    Placeholders (each a whole word or part of one; no shell is involved, so
    the text needs no quoting): ``{out}`` the file to write (without it the
    command's standard output is the audio), ``{text}`` the characters,
    ``{reading}`` the numbered pinyin (the characters when there is none),
    ``{voice}`` the ``--voice`` value. Without ``{text}`` or ``{reading}`` the
    characters arrive on standard input, one line.
    """

    name = "command"

    def __init__(self, template: str, voice: str = "", timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(voice, timeout)
        try:
            self.args = shlex.split(template)
        except ValueError as exc:
            raise InputError(f"--tts-command: {exc} in {template!r}") from None
        if not self.args:
            raise InputError("--tts-command is empty: give a command such as 'piper -m voice.onnx -f {out}'")
        self.template = template
        joined = " ".join(self.args)
        self.to_stdout = "{out}" not in joined
        self.stdin = "{text}" not in joined and "{reading}" not in joined

    def identity(self) -> str:
        return f"{self.name}\x1f{self.voice}\x1f{self.template}"

    def spoken(self, speech: Speech) -> str:
        if "{reading}" in self.template:
            return f"{speech.text}\x1f{speech.reading}"
        return speech.text

    def check(self) -> None:
        program = self.args[0]
        if "{" not in program and shutil.which(program) is None:
            raise EngineUnavailable(f"--tts-command: {program} is not installed or not on PATH")

    def render(self, speech: Speech, folder: Path) -> Path:
        out = folder / "command.out"
        values = {"{out}": str(out), "{text}": speech.text, "{reading}": speech.reading or speech.text,
                  "{voice}": self.voice}
        args = []
        for arg in self.args:
            for key, value in values.items():
                arg = arg.replace(key, value)
            args.append(arg)
        stdout = self._run(args, (speech.text + "\n").encode("utf-8") if self.stdin else None)
        if self.to_stdout:
            out.write_bytes(stdout)
        if not out.is_file() or out.stat().st_size == 0:
            raise ClipError("the command wrote no audio" + ("" if self.to_stdout else " to {out}"))
        return out


class Edge(Engine):
    """Microsoft's neural voices through the edge-tts package (online; the optional ``edge`` extra)."""

    name = "edge"

    def __init__(self, voice: Optional[str] = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(voice or EDGE_VOICE, timeout)

    def check(self) -> None:
        try:
            import edge_tts  # noqa: F401
        except ImportError:
            raise EngineUnavailable("edge-tts is not installed: pip install 'flashgen[edge]'") from None

    def render(self, speech: Speech, folder: Path) -> Path:
        import asyncio

        import aiohttp
        import edge_tts

        out = folder / "edge.mp3"
        communicate = edge_tts.Communicate(speech.text, self.voice, connect_timeout=min(10, int(self.timeout)),
                                           receive_timeout=int(self.timeout))
        try:
            asyncio.run(asyncio.wait_for(communicate.save(str(out)), self.timeout))
        except asyncio.TimeoutError:  # before OSError: TimeoutError is one
            raise ClipError(f"timed out after {self.timeout:g} s") from None
        except (aiohttp.ClientConnectionError, OSError) as exc:
            if isinstance(exc, aiohttp.ClientConnectorError):  # its str() shows the SSL context object
                why = f"{exc.host}: {exc.os_error.strerror or exc.os_error}"
            else:
                why = str(exc) or type(exc).__name__
            raise EngineUnavailable(f"edge: cannot reach Microsoft's speech service ({why}); it needs a connection"
                                    " (offline: --audio espeak)") from None
        except (edge_tts.exceptions.EdgeTTSException, aiohttp.ClientError, ValueError) as exc:
            raise ClipError(f"edge-tts: {type(exc).__name__}: {exc}") from None
        return out


ENGINES: tuple[AudioEngine, ...] = get_args(AudioEngine)


def make_engine(name: str, *, voice: Optional[str] = None, command: Optional[str] = None,
                timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """The engine called ``name``; :class:`InputError` for a bad choice or a missing ``--tts-command``."""
    if name == "espeak":
        return Espeak(voice, timeout)
    if name == "edge":
        return Edge(voice, timeout)
    if name == "command":
        if not command:
            raise InputError("--audio command needs --tts-command, e.g. 'piper -m voice.onnx -f {out}'")
        return Command(command, voice or "", timeout)
    raise InputError(f"unknown audio engine {name!r}: choose one of {', '.join(ENGINES)}")
