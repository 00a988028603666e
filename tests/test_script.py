"""Traditional-character transcripts are analysed in simplified characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.pipeline import analyse
from flashgen.source.convert import simplified_of, to_simplified

TRADITIONAL = "外交部發言人：我們堅定維護多邊主義，推動構建人類命運共同體。中方願同各國加強合作。\n"
SIMPLIFIED = "外交部发言人：我们坚定维护多边主义，推动构建人类命运共同体。中方愿同各国加强合作。\n"


@pytest.mark.parametrize(
    "ch, expected",
    [
        ("們", "们"),  # plural suffix
        ("體", "体"),  # body
        ("願", "愿"),  # wish
        ("中", None),  # the same in both scripts
        ("著", None),  # also a simplified character (著名): left alone
    ],
)
def test_simplified_of(ch: str, expected: str | None) -> None:
    assert simplified_of(ch) == expected


def test_simplified_text_is_left_alone() -> None:
    assert to_simplified(SIMPLIFIED) == (SIMPLIFIED, False)


def test_big5_transcript_gives_the_simplified_analysis(tmp_path: Path) -> None:
    path = tmp_path / "hk.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    from_traditional = analyse(path)
    from_simplified = analyse(text=SIMPLIFIED)
    assert [s.text for s in from_traditional.transcript.sentences] == [s.text for s in from_simplified.transcript.sentences]
    vocab = {v.hanzi: v for v in from_traditional.vocab}
    assert vocab["人类命运共同体"].term and vocab["人类命运共同体"].traditional == "人類命運共同體"
