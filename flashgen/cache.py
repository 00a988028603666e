"""The user's cache folder and safe, versioned cache files.

Expensive, stable resources (the CC-CEDICT index, the frequency table, jieba's
prefix dictionary with the glossary) are built once into the user's cache
directory, keyed by the versions of their inputs. Builds write a temporary
file and rename it into place, so two processes building at once both end up
with a complete file and a reader never sees a half-written one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable


def cache_dir() -> Path:
    """The cache folder (``FLASHGEN_CACHE_DIR`` overrides the platform default)."""
    env = os.environ.get("FLASHGEN_CACHE_DIR")
    if env:
        path = Path(env)
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("flashgen", appauthor=False))
    return path


def cache_key(*parts: object) -> str:
    """A short stable hash of the inputs a cache file depends on."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return digest[:16]


def cache_path(name: str, key: str) -> Path:
    """Where :func:`cached_file` keeps ``name`` built for ``key`` (it may not exist yet)."""
    sub, _, base = name.rpartition("/")
    stem, dot, ext = base.partition(".")
    folder = cache_dir() / sub if sub else cache_dir()
    return folder / f"{stem}-{key}{dot}{ext}"


def cached_file(name: str, key: str, build: Callable[[Path], None]) -> Path:
    """Return ``<cache>/<name>-<key>``, building it with ``build(tmp_path)`` if absent.

    ``name`` may hold a sub-folder (``"audio/flashgen.mp3"``). When the cache
    folder is not writable the file is built in a temporary folder for this
    process only: flashgen still works, just slower.
    """
    target = cache_path(name, key)
    folder, target_name = target.parent, target.name
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target_name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="flashgen-cache-"))
        target = folder / target_name
        tmp = str(folder / f".{target_name}.tmp")
    try:
        build(Path(tmp))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
