"""From whatever an engine wrote to a small, even, playable MP3 clip (with SoX).

One SoX pass trims the silence at both ends, mixes to mono, resamples to
16 kHz and measures the speech's RMS level; a second applies the gain that
brings it to :data:`TARGET_RMS_DB` (less when the peaks would pass
:data:`PEAK_DB`: never clipped) and encodes MP3 at :data:`BITRATE_KBPS`
constant bit rate. The result is decoded once more to check it is a real
clip of plausible length.

MP3 rather than Opus: every Anki client plays it (AnkiMobile and older
AnkiDroid versions do not all play Ogg/Opus), and at 24 kbit/s a word costs
about 3 KB, a sentence about 25 KB.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

#: Part of every clip's cache key: change it when the settings below change.
ENCODING = "mp3-16k-24k-rms20-pk1-v1"
SAMPLE_RATE = 16000
BITRATE_KBPS = 24
TARGET_RMS_DB = -20.0
#: Highest peak allowed (dBFS): no clipping, room for the MP3 encoder.
PEAK_DB = -1.0
#: Clips shorter than this after trimming are broken (an engine that spoke nothing).
MIN_SECONDS = 0.15
#: And longer than this (a runaway engine).
MAX_SECONDS = 120.0
#: Seconds allowed to each SoX run.
SOX_TIMEOUT = 60.0

# Leading/trailing sound below 0.5 % of full scale (about -46 dBFS) for 20 ms counts as silence.
_TRIM = ["silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"]
# A little air around the speech, so players do not clip the first consonant.
_PAD = ["pad", "0.05", "0.1"]

_MAGIC = ((b"RIFF", "wav"), (b"OggS", "ogg"), (b"fLaC", "flac"), (b"ID3", "mp3"), (b"FORM", "aiff"))


class EncodeError(Exception):
    """SoX is missing or could not make a clip of the engine's output."""


def sox_available() -> bool:
    return shutil.which("sox") is not None and shutil.which("soxi") is not None


def sniff(path: Path) -> str:
    """The audio type of ``path`` from its first bytes (``wav``, ``mp3``, …), for SoX's ``-t``."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if not head:
        raise EncodeError("the engine wrote an empty file")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[0] == 0xFF and head[1] & 0xE0 == 0xE0:  # an MPEG audio frame without an ID3 tag
        return "mp3"
    raise EncodeError("the engine wrote no audio SoX can read (WAV, MP3, Ogg Vorbis, FLAC)")


def _sox(args: list[str]) -> str:
    """Run SoX; its diagnostics (where ``stats`` also writes) are returned."""
    try:
        proc = subprocess.run(["sox", "-q", "-V2", *args], capture_output=True, timeout=SOX_TIMEOUT, check=False)
    except FileNotFoundError:
        raise EncodeError("SoX is not installed (Debian: apt install sox libsox-fmt-mp3)") from None
    except subprocess.TimeoutExpired:
        raise EncodeError("SoX took too long") from None
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        last = err.strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
        raise EncodeError(f"SoX failed: {last[0]}")
    return err


def duration(path: Path) -> float:
    """Seconds of audio in ``path``, as SoX decodes it; :class:`EncodeError` when it does not decode."""
    try:
        proc = subprocess.run(["soxi", "-D", str(path)], capture_output=True, timeout=SOX_TIMEOUT, check=False)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        raise EncodeError("soxi could not read the clip") from None
    try:
        return float(proc.stdout.decode().strip())
    except ValueError:
        raise EncodeError("the clip does not decode") from None


def to_clip(raw: Path, out: Path) -> float:
    """Encode the engine's output ``raw`` as the finished MP3 ``out`` (its name must end in .mp3); its length."""
    trimmed = raw.with_name(raw.name + ".trim.wav")
    report = _sox(["-t", sniff(raw), str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(trimmed),
                   *_TRIM, "stats", *_PAD])
    rms = re.search(r"RMS lev dB\s+(-?[\d.]+)", report)
    peak = re.search(r"Pk lev dB\s+(-?[\d.]+)", report)
    if not rms or not peak:
        raise EncodeError("the engine's output is silent")
    # To the target level, unless that would push the peaks past PEAK_DB (then as loud as they allow).
    gain = max(-30.0, min(30.0, TARGET_RMS_DB - float(rms.group(1)), PEAK_DB - float(peak.group(1))))
    _sox([str(trimmed), "-t", "mp3", "-C", str(BITRATE_KBPS), str(out), "gain", f"{gain:.2f}"])
    seconds = duration(out)
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise EncodeError(f"the clip lasts {seconds:.2f} s, not a plausible recording")
    return seconds
