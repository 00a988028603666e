#!/usr/bin/env python3
"""Sizes and lengths of the audio clips a deck gets, and the deck's size.

    python3 scripts/audio_report.py [TRANSCRIPT] [--engine espeak] [--voice V] [--tts-command T]

Synthesises (or takes from the cache) every clip the transcript's deck needs
and prints: clips made and cached, the average size and the length range of
word clips and of sentence clips, and the size of the .apkg with them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashgen.anki.deck import write_deck  # noqa: E402
from flashgen.audio import AudioOptions, cloze_speech, example_speech, speeches, synthesise, word_speech  # noqa: E402
from flashgen.audio.encode import duration  # noqa: E402
from flashgen.pipeline import analyse  # noqa: E402
from flashgen.study.cloze import make_cloze_items  # noqa: E402


def describe(label: str, paths: list[Path]) -> str:
    if not paths:
        return f"{label}: none"
    sizes = [p.stat().st_size for p in paths]
    seconds = [duration(p) for p in paths]
    return (f"{label}: {len(paths)} clips, average {statistics.mean(sizes) / 1000:.1f} KB "
            f"(max {max(sizes) / 1000:.1f} KB), {statistics.mean(seconds):.2f} s on average "
            f"({min(seconds):.2f}–{max(seconds):.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("transcript", nargs="?")
    parser.add_argument("--engine", default="espeak", choices=["espeak", "command", "edge"])
    parser.add_argument("--voice")
    parser.add_argument("--tts-command")
    args = parser.parse_args()

    analysis = analyse(args.transcript)
    cloze = make_cloze_items(analysis)
    start = time.perf_counter()
    media = synthesise(speeches(analysis.vocab, cloze), AudioOptions(args.engine, voice=args.voice, command=args.tts_command))
    elapsed = time.perf_counter() - start
    notes, warnings = media.summary()
    for line in notes + warnings:
        print(line)
    print(f"synthesis: {elapsed:.1f} s wall")
    words = {media.clips[s] for s in map(word_speech, analysis.vocab) if s in media.clips}
    sentences = {media.clips[s] for s in [example_speech(v) for v in analysis.vocab] + [cloze_speech(c) for c in cloze]
                 if s is not None and s in media.clips}
    print(describe("words", sorted(words)))
    print(describe("sentences", sorted(sentences - words)))
    with tempfile.TemporaryDirectory() as tmp:
        silent = write_deck(analysis.transcript, analysis.vocab, cloze, Path(tmp) / "silent.apkg").path.stat().st_size
        loud = write_deck(analysis.transcript, analysis.vocab, cloze, Path(tmp) / "audio.apkg", audio=media).path.stat().st_size
    print(f"deck: {loud / 1e6:.2f} MB with audio, {silent / 1e6:.2f} MB without")


if __name__ == "__main__":
    main()
