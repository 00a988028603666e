"""Golden files: compare output with tests/golden/…; FLASHGEN_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
import re
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(relpath: str, text: str) -> None:
    """Assert ``text`` equals the golden file ``tests/golden/<relpath>`` (byte for byte, UTF-8)."""
    path = GOLDEN / relpath
    if os.environ.get("FLASHGEN_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def without_stylesheet(html: str) -> str:
    """``html`` with its ``<style>`` blocks emptied: golden files hold content, not presentation."""
    return re.sub(r"(<style[^>]*>).*?(</style>)", r"\1…\2", html, flags=re.DOTALL)
