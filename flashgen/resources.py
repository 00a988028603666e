"""Files shipped with the package (``flashgen.data``), read with importlib.resources."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_NAME = "wang-yi-press-conference-2021-03-07.txt"


def data_path(name: str) -> Path:
    """Path of a data file: from the installed ``flashgen.data`` package, or the checkout's ``data/``."""
    try:
        ref = resources.files("flashgen.data") / name
        if ref.is_file():
            return Path(str(ref))
    except ModuleNotFoundError:
        pass
    # Running from a checkout without installing: data/ sits beside flashgen/.
    return Path(__file__).resolve().parent.parent / "data" / name


def read_data_text(name: str) -> str:
    """Text of a shipped data file (UTF-8)."""
    return data_path(name).read_text(encoding="utf-8")


def read_data_rows(name: str) -> list[list[str]]:
    """The tab-separated fields of each line of a shipped data file, blank lines and ``#`` comments left out."""
    return [line.split("\t") for line in read_data_text(name).splitlines() if line and not line.startswith("#")]
