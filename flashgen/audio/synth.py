"""Synthesise every clip a deck needs: cached, in parallel, one failure costing one clip.

Each clip is cached in the user's cache folder (``audio/flashgen-<key>.mp3``)
under a key made of the encoding settings, the engine and voice, and the text
the engine is given; it is built in a temporary file and renamed into place,
so nothing half-written is ever found there. The same key names the clip in
the deck's media, so re-importing a rebuilt deck adds no duplicate media.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from flashgen.audio import encode
from flashgen.audio.engines import DEFAULT_TIMEOUT, ClipError, Engine, EngineUnavailable, make_engine
from flashgen.audio.speech import Speech
from flashgen.cache import cache_key, cache_path, cached_file

#: How many failed clips the summary names.
SHOWN_FAILURES = 3


@dataclass(frozen=True)
class AudioOptions:
    """Which engine speaks, and how (see :func:`flashgen.audio.engines.make_engine`)."""

    engine: str
    voice: Optional[str] = None
    command: Optional[str] = None
    timeout: float = DEFAULT_TIMEOUT
    jobs: Optional[int] = None  # parallel clips (default: the number of cores)

    def check(self) -> None:
        """Raise :class:`flashgen.errors.InputError` now for options no engine can use (before any work)."""
        make_engine(self.engine, voice=self.voice, command=self.command, timeout=self.timeout)


@dataclass
class AudioMedia:
    """The clips made for a deck, and what went wrong."""

    engine: str
    clips: dict[Speech, Path] = field(default_factory=dict)
    synthesised: int = 0
    cached: int = 0
    failures: list[tuple[Speech, str]] = field(default_factory=list)
    unavailable: str = ""  # why the engine could not speak at all ("" when it could)

    def media_name(self, speech: Optional[Speech]) -> str:
        path = self.clips.get(speech) if speech is not None else None
        return path.name if path is not None else ""

    def sound(self, speech: Optional[Speech]) -> str:
        """``[sound:flashgen-<key>.mp3]`` for a card field, or "" when the clip is missing."""
        name = self.media_name(speech)
        return f"[sound:{name}]" if name else ""

    def files(self) -> dict[str, Path]:
        """Media name → clip file, for the package."""
        return {path.name: path for path in self.clips.values()}

    def summary(self) -> tuple[list[str], list[str]]:
        """(notes, warnings) for the build summary."""
        notes, warnings = [], []
        if self.clips:
            size = sum(p.stat().st_size for p in set(self.clips.values()))
            amount = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"
            notes.append(f"audio ({self.engine}): {len(self.clips)} clips, {amount} "
                         f"({self.synthesised} synthesised, {self.cached} from the cache)")
        if self.unavailable:
            warnings.append(f"audio: {self.unavailable}; the deck is written without sound")
        if self.failures:
            total = len(self.clips) + len(self.failures)
            shown = "; ".join(f"{s.text[:12]}{'…' if len(s.text) > 12 else ''}: {why}"
                              for s, why in self.failures[:SHOWN_FAILURES])
            more = f"; and {len(self.failures) - SHOWN_FAILURES} more" if len(self.failures) > SHOWN_FAILURES else ""
            warnings.append(f"audio: {len(self.failures)} of {total} clips failed and are left out ({shown}{more})")
        return notes, warnings


def clip_key(engine: Engine, speech: Speech) -> str:
    """The clip's identity: encoding settings, engine, voice and the text the engine is given."""
    return cache_key("flashgen-audio", encode.ENCODING, engine.identity(), engine.spoken(speech))


CACHE_NAME = "audio/flashgen.mp3"  # → <cache>/audio/flashgen-<key>.mp3, also the media name


def _make_clip(engine: Engine, speech: Speech, key: str) -> Path:
    """The cached clip of ``speech``, synthesised now if absent."""

    def build(tmp: Path) -> None:
        from flashgen.workspace import work_dir

        # Inside this process's scratch folder: removed at exit even after SIGTERM.
        with tempfile.TemporaryDirectory(prefix="tts-", dir=work_dir()) as work:
            raw = engine.render(speech, Path(work))
            clip = Path(work) / "clip.mp3"
            encode.to_clip(raw, clip)
            shutil.copyfile(clip, tmp)

    return cached_file(CACHE_NAME, key, build)


def synthesise(
    speeches: Sequence[Speech],
    options: AudioOptions,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> AudioMedia:
    """A clip for each of ``speeches``; ``progress(done, total)`` after each one synthesised.

    Raises :class:`flashgen.errors.InputError` for unusable options (unknown
    engine, ``command`` without a template); everything else ends up in the
    result: a clip that fails is left out and named in the summary, an engine
    that cannot speak at all (not installed, offline) stops synthesis with one
    line saying why.
    """
    engine = make_engine(options.engine, voice=options.voice, command=options.command, timeout=options.timeout)
    media = AudioMedia(engine.name)
    todo: list[tuple[Speech, str]] = []
    for speech in dict.fromkeys(speeches):
        key = clip_key(engine, speech)
        path = cache_path(CACHE_NAME, key)
        if path.is_file():
            media.clips[speech] = path
            media.cached += 1
        else:
            todo.append((speech, key))
    if not todo:
        return media
    try:
        if not encode.sox_available():
            raise EngineUnavailable("SoX is not installed (Debian/Ubuntu: apt install sox libsox-fmt-mp3)")
        engine.check()
    except EngineUnavailable as exc:
        media.unavailable = str(exc)
        return media
    _run_pool(engine, todo, media, options.jobs or os.cpu_count() or 1, progress)
    return media


def _run_pool(engine: Engine, todo: list[tuple[Speech, str]], media: AudioMedia, jobs: int,
              progress: Callable[[int, int], None]) -> None:
    """Synthesise ``todo`` on ``jobs`` threads (each clip is a few subprocesses or a network call)."""
    stop = threading.Event()

    def task(speech: Speech, key: str) -> Optional[Path]:
        return None if stop.is_set() else _make_clip(engine, speech, key)

    done = 0
    progress(0, len(todo))
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="flashgen-tts")
    try:
        futures: dict[Future[Optional[Path]], Speech] = {pool.submit(task, s, k): s for s, k in todo}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                speech = futures[future]
                try:
                    path = future.result()
                except EngineUnavailable as exc:
                    if not stop.is_set():
                        stop.set()
                        media.unavailable = str(exc)
                    continue
                except (ClipError, encode.EncodeError) as exc:
                    media.failures.append((speech, str(exc)))
                except Exception as exc:  # a broken clip must never cost the deck
                    media.failures.append((speech, f"{type(exc).__name__}: {exc}"))
                else:
                    if path is None:
                        continue  # skipped after the engine became unavailable
                    media.clips[speech] = path
                    media.synthesised += 1
                done += 1
                progress(done, len(todo))
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
