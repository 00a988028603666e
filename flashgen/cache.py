"""The user's cache folder and safe, versioned, self-repairing cache files.

Expensive, stable resources (the CC-CEDICT index, the frequency table, jieba's
prefix dictionary with the glossary) are built once into the user's cache
directory, keyed by the versions of their inputs. Builds write a temporary
file and rename it into place, so two processes building at once both end up
with a complete file and a reader never sees a half-written one.

A cache is disposable: a file that fails its check is rebuilt. When the cache
folder cannot be written, one fallback folder in the system's temporary
folder (``flashgen-cache-<uid>``, private to the user) is used and reused;
when that fails too, the file is built in this process's scratch folder
(:mod:`flashgen.workspace`), removed at exit.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Callable, Optional

from flashgen.atomic import TMP_SUFFIX, clean_stale, temp_prefix
from flashgen.errors import ResourceError

#: The folder used for each configured cache folder (worked out once per process).
_usable: dict[Path, Path] = {}


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


def _writable(folder: Path) -> bool:
    """Whether files can be created in ``folder`` (tried for real: root ignores permission bits)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=temp_prefix("probe"), suffix=TMP_SUFFIX, dir=folder)
        os.close(fd)
        os.unlink(probe)
        return True
    except OSError:
        return False


def _private_fallback() -> Optional[Path]:
    """``<temp>/flashgen-cache-<uid>``, created private; None when it is not ours or not usable."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"flashgen-cache-{uid}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    # Another user could have made it first in a shared /tmp: never trust theirs.
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != uid) or info.st_mode & 0o077:
        return None
    return folder if _writable(folder) else None


def usable_cache_dir() -> Path:
    """The folder cache files go to in this process: the cache folder, else the fallback, else scratch."""
    configured = cache_dir()
    usable = _usable.get(configured)
    if usable is None or not usable.is_dir():
        usable = configured
        if not _writable(usable):
            from flashgen.workspace import work_dir

            usable = _private_fallback() or work_dir()
        clean_stale(usable)
        _usable[configured] = usable
    return usable


def cache_path(name: str, key: str) -> Path:
    """Where :func:`cached_file` keeps ``name`` built for ``key`` (it may not exist yet).

    ``name`` may hold a sub-folder (``"audio/flashgen.mp3"``).
    """
    sub, _, base = name.rpartition("/")
    stem, dot, ext = base.partition(".")
    folder = usable_cache_dir() / sub if sub else usable_cache_dir()
    return folder / f"{stem}-{key}{dot}{ext}"


def cached_file(name: str, key: str, build: Callable[[Path], None],
                valid: Callable[[Path], bool] = lambda path: True, *, rebuild: bool = False) -> Path:
    """Return ``<cache>/<name>-<key>``, building it with ``build(tmp_path)`` if absent or not ``valid``.

    ``rebuild`` builds it again whatever is there (a damaged file found while reading).
    Raises :class:`ResourceError` with a one-line message naming the folder
    when the file cannot be built (a full disk, a read-only folder).
    """
    target = cache_path(name, key)
    folder, target_name = target.parent, target.name
    if not rebuild and target.is_file() and valid(target):
        return target
    tmp = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target_name), suffix=TMP_SUFFIX, dir=folder)
        os.close(fd)
        os.unlink(tmp)  # the builder creates the file (SQLite wants a fresh path)
        build(Path(tmp))
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        full = getattr(exc, "errno", 0) == 28 or "full" in reason.lower()
        hint = "free some disk space" if full else "check the folder, or set FLASHGEN_CACHE_DIR to another folder"
        raise ResourceError(f"cannot build the cache file {target_name} in {folder} ({reason}); {hint}") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    return target
