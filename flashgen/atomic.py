"""Write files so that a reader never sees a half-written one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable, Union

from flashgen.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Union[str, Path], data: Union[str, bytes, Iterable[str]], encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    ``data`` is text, bytes, or text in pieces (written as they come, so a long
    document need not be held whole).

    An interrupted write leaves the previous file intact (rename is atomic on
    one file system). Raises :class:`OutputError` with a one-line message when
    the folder cannot be created or written.
    """
    path = Path(path)
    pieces: Iterable[bytes]
    if isinstance(data, (str, bytes)):
        pieces = [data.encode(encoding) if isinstance(data, str) else data]
    else:
        pieces = (piece.encode(encoding) for piece in data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent}: {exc.strerror or exc}; choose another output folder") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in pieces:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; outputs get the permissions a plain open() would give.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; check the folder's permissions and free space") from None
    except BaseException:
        # KeyboardInterrupt and friends: never leave the temp file behind.
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
