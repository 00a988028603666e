"""The cache is disposable: a damaged index is rebuilt, an unwritable folder has one fallback, a full disk is one line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from flashgen.chinese.lexicon import SCHEMA_VERSION, index_ok


def lookup(cache: Path, *extra_env: tuple[str, str], words: tuple[str, ...] = ("外交", "联合国")) -> subprocess.CompletedProcess[str]:
    """``flashgen lookup`` in a fresh process with its own cache folder (外交 diplomacy, 联合国 United Nations)."""
    env = {**os.environ, "NO_COLOR": "1", "FLASHGEN_CACHE_DIR": str(cache), **dict(extra_env)}
    return subprocess.run([sys.executable, "-m", "flashgen", "lookup", "-f", "json", *words], capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def good_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound lexicon index, built once for this module in a cache folder of its own."""
    cache = tmp_path_factory.mktemp("cache")
    proc = lookup(cache)
    assert proc.returncode == 0, proc.stderr
    (index,) = cache.glob("lexicon-*.sqlite")
    assert index_ok(index)
    return index


def _truncate(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 3)


def _scribble(path: Path) -> None:
    # Garbage over every page after the first: the schema still reads, every query hits a bad page.
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset:offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def _empty_database(path: Path) -> None:
    path.unlink()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # right version, no tables: "no such table: entry"
    con.close()


def _old_schema(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    con.close()


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_truncate, _scribble, _empty_database, _old_schema, _zero_bytes],
                         ids=["truncated", "scribbled", "no-tables", "old-schema", "empty-file"])
def test_damaged_index_is_rebuilt(tmp_path: Path, good_index: Path, damage: Callable[[Path], None]) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    index = cache / good_index.name
    shutil.copyfile(good_index, index)
    damage(index)
    proc = lookup(cache)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert '"pinyin": "wàijiāo"' in proc.stdout and "United Nations" in proc.stdout
    assert index_ok(index) and index.stat().st_size == good_index.stat().st_size
    assert sorted(p.name for p in cache.iterdir()) == [good_index.name]  # no temporary file left


def test_unwritable_cache_folder_uses_one_fallback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = blocker / "cache"  # cannot be created, even by root
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    for _ in range(2):
        proc = lookup(cache, ("TMPDIR", str(scratch)))
        assert proc.returncode == 0, proc.stderr
    folders = list(scratch.iterdir())
    assert [p.name for p in folders] == [f"flashgen-cache-{os.getuid()}"]  # one place, reused
    assert (folders[0].stat().st_mode & 0o777) == 0o700
    assert len(list(folders[0].glob("lexicon-*.sqlite"))) == 1


def test_someone_elses_fallback_is_not_trusted(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    scratch = tmp_path / "tmp"
    planted = scratch / f"flashgen-cache-{os.getuid()}"
    planted.mkdir(parents=True)
    planted.chmod(0o777)  # writable by anyone: another user could have put a forged index here
    proc = lookup(blocker / "cache", ("TMPDIR", str(scratch)))
    assert proc.returncode == 0, proc.stderr
    assert list(planted.iterdir()) == []
    assert [p.name for p in scratch.iterdir()] == [planted.name]  # the scratch folder used instead is gone


def test_full_disk_while_building_the_cache_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True) if shutil.which("unshare") else None
    if probe is not None and probe.returncode == 0:
        script = 'mount -t tmpfs -o size=1m tmpfs "$1" && shift && exec "$@"'
        env = {**os.environ, "NO_COLOR": "1", "FLASHGEN_CACHE_DIR": str(cache)}
        proc = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(cache), sys.executable, "-m", "flashgen",
                               "lookup", "外交"], capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 1
        message = proc.stderr.strip()
    else:  # no mount namespace: the same failure raised where SQLite would raise it
        from flashgen import cache as cache_module
        from flashgen.errors import ResourceError

        monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(cache))
        monkeypatch.setattr(cache_module, "_usable", {})

        def full(path: Path) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        with pytest.raises(ResourceError) as info:
            cache_module.cached_file("lexicon.sqlite", "k", full)
        message = "Error: " + str(info.value)
    assert message.startswith("Error: cannot build the cache file lexicon-")
    assert f"in {cache} (database or disk is full); free some disk space" in message
    assert "\n" not in message and not list(cache.iterdir())
