"""One temporary folder per process for scratch work, removed on exit.

Everything flashgen writes only for a moment (the deck's SQLite collection
before it is zipped, a dictionary index when no cache folder is writable)
goes into ``<system temp>/flashgen-<pid>-<random>``. The folder is removed
when the process exits, also after Ctrl-C or SIGTERM (which the CLI turns
into a clean exit); a folder left by a process killed outright (``kill -9``)
is removed by the next run, once its process is gone.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

_PREFIX = "flashgen-"
# flashgen-<pid>-<random> (this version); flashgen-deck-<random> (earlier versions).
_OURS = re.compile(r"^flashgen-(?:(\d+)-[A-Za-z0-9_]{8}|deck-[A-Za-z0-9_]{8})$")
_lock = threading.Lock()
_folder: Optional[Path] = None


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_stale_work(root: Optional[Path] = None, older_than: float = 3600.0) -> list[Path]:
    """Remove work folders of flashgen processes that are gone; return them."""
    root = Path(root or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        m = _OURS.match(entry.name)
        if not m:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or (uid is not None and info.st_uid != uid):
                continue
            pid = m.group(1)
            if pid is not None:
                stale = int(pid) != os.getpid() and _gone(int(pid))
            else:
                stale = time.time() - info.st_mtime >= older_than
        except OSError:
            continue
        if stale:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def _remove() -> None:
    global _folder
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
        _folder = None


def work_dir() -> Path:
    """This process's scratch folder (created on first use, removed at exit)."""
    global _folder
    with _lock:
        if _folder is None or not _folder.is_dir():
            clean_stale_work()
            _folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
            atexit.register(_remove)
        return _folder
