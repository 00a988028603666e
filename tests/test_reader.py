"""Reading transcripts: encodings, HTML, error messages."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.source import reader
from flashgen.errors import InputError
from flashgen.chinese.hanzi import count_hanzi, is_hanzi
from flashgen.source.reader import SAMPLE_NAME, decode, html_to_text, load_sample_text, read_text
from flashgen.source.structure import parse_transcript

SEED = Path(__file__).resolve().parents[1] / "data" / SAMPLE_NAME

# A short press-conference excerpt in traditional characters (Big5 has no simplified ones).
TRADITIONAL = (
    "2021全國兩會\n\n"
    "外交部長就中國外交政策回答中外記者提問\n\n"
    "新的一年，元首外交將繼續領航定向\n\n"
    "塔斯社記者：中俄是全面戰略協作夥伴。疫情如何影響了俄中關係？\n\n"
    "王毅：面對世紀疫情，中俄肩並肩站在一起，背靠背緊密合作。我們還將\n\n"
    "打造公平正義的典範，攜手維護多邊主義。\n"
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _parsed(text: str) -> list[tuple]:
    """Comparable form of a parse result."""
    tr = parse_transcript(text, "t.txt")
    return [tr.title] + [(s.index, s.paragraph, s.section, s.speaker, s.kind, s.text) for s in tr.sentences]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-native-bom"),
        pytest.param(lambda t: b"\xff\xfe" + t.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(lambda t: b"\xfe\xff" + t.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(lambda t: t.encode("utf-16-be"), id="utf-16-be-no-bom"),
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.encode("gbk"), id="gbk"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("gb18030"), id="cr-gb18030"),
    ],
)
def test_seed_in_any_encoding_parses_identically(seed_text: str, encode) -> None:
    assert _parsed(decode(encode(seed_text))) == _parsed(seed_text)


@pytest.mark.parametrize(
    "encoding",
    ["big5", "cp950", "utf-8", "utf-8-sig", "gb18030", "utf-16"],
)
def test_traditional_text_in_any_encoding_parses_identically(encoding: str) -> None:
    # Big5 bytes also decode as GB18030 (into nonsense); the common-character score must pick Big5.
    assert _parsed(decode(TRADITIONAL.encode(encoding))) == _parsed(TRADITIONAL)


@pytest.mark.parametrize(
    "data, expected",
    [
        ("\ufeff中国".encode("utf-8"), "中国"),  # BOM stripped ("China")
        ("中国\r\n外交\r".encode("utf-8"), "中国\n外交\n"),  # CRLF and CR to LF ("China / diplomacy")
        ("e\u0301 中".encode("utf-8"), "é 中"),  # NFC: e + combining acute → é
        ("中\u200b国".encode("utf-8"), "中国"),  # zero-width space removed
        ("中文\x1a".encode("utf-8"), "中文"),  # DOS end-of-file mark dropped ("Chinese")
        ("中国外交".encode("utf-8")[:-1], "中国外"),  # cut inside the last character: that character goes
        ("中国外交".encode("utf-8")[:-2], "中国外"),
    ],
)
def test_decode_normalises(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"", "the file is empty"),
        (b"   \n\t\r\n  ", "the file is empty"),
        ("\ufeff  \n".encode("utf-16"), "the file is empty"),
        (random.Random(0).randbytes(512), "looks like binary data"),
        (b"\x89PNG\r\n\x1a\n", "looks like binary data"),  # bare PNG signature
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06", "looks like binary data"),
        (b"\x00\x01\x02\x03\xff\xfe\xfd", "looks like binary data"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is a zip archive"),
        (b"Hello, this is an English-only transcript.\n", "contains no Chinese text"),
        ("Привет, мир".encode("utf-8"), "contains no Chinese text"),  # Russian only
        (b"<p>only markup &amp; English</p>", "contains no Chinese text"),
        # A UTF-8 transcript with a GBK-encoded word pasted in ("we uphold multilateralism … China")
        ("我们坚持多边主义。".encode("utf-8") * 10 + "中国".encode("gbk"), "mixes text encodings (byte 270"),
    ],
)
def test_decode_errors_are_one_line(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "talk.txt")
    message = str(info.value)
    assert message.startswith("talk.txt: ")
    assert fragment in message
    assert "\n" not in message and ";" in message  # what is wrong; what to do


@pytest.mark.parametrize(
    "html, expected_lines",
    [
        # hostile script dropped, paragraph kept ("China")
        ("<script>alert(1)</script><p>中国</p>", ["中国"]),
        # <br> and block tags become line breaks; entities unescaped ("diplomacy & policy")
        ("<div>外交&amp;政策<br>第二行</div><p>第三段</p>", ["外交&政策", "第二行", "第三段"]),
        # styles dropped, escaped markup neutralised to full-width brackets ("China")
        ("<style>p{color:red}</style><p>中国&lt;script&gt;</p>", ["中国＜script＞"]),
        # unclosed tags and attributes ("press conference")
        ("<html><body><p class='x'>记者会<p onclick=\"evil()\">张三：好。", ["记者会", "张三：好。"]),
    ],
)
def test_html_becomes_plain_text(html: str, expected_lines: list[str]) -> None:
    text = decode(html.encode("utf-8"))
    assert [line for line in text.splitlines() if line.strip()] == expected_lines


def test_hostile_html_never_reaches_sentences() -> None:
    for html in (
        "<script>alert(1)</script><p>中国</p>",
        "<p>中国</p><img src=x onerror=alert(1)><p>外交&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<div><iframe src='javascript:alert(1)'>框架</iframe>中国外交</div>",
        "<svg onload=alert(1)>中国</svg><a href=javascript:alert(1)>外交</a>",  # not just <p> and <script>
        "中国&#60;script&#62;alert(1)&#60;/script&#62;<br/>外交",  # numeric entities spelling a tag
    ):
        sentences = parse_transcript(decode(html.encode("utf-8"))).sentences
        assert sentences and all("<" not in s.text and ">" not in s.text for s in sentences)
    assert "<" not in html_to_text("<p>中国</p><<script>script>alert(1)<</script>/script>")


@pytest.mark.parametrize(
    "char, expected",
    [("中", True), ("國", True), ("㐀", True), ("𠀀", True), ("a", False), ("。", False), ("１", False), ("〇", True)]  # 〇 líng, the zero of 二〇二一年, is read like a character,
)
def test_is_hanzi(char: str, expected: bool) -> None:
    assert is_hanzi(char) is expected


def test_read_text_reads_the_seed(seed_text: str) -> None:
    text = read_text(SEED)
    assert text == decode(seed_text.encode("utf-8"))
    assert count_hanzi(text) > 3000


def test_read_text_uses_the_path_as_given(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "missing.txt"
    with pytest.raises(InputError) as info:
        read_text(str(missing))
    assert str(info.value) == f"{missing}: no such file; check the path"


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda d: d / "does-not-exist.txt", "no such file; check the path"),
        (lambda d: d, "is a folder, not a file"),
        (lambda d: _write(d / "empty.txt", b""), "the file is empty"),
        (lambda d: _write(d / "english.txt", b"Only English here."), "contains no Chinese text"),
        (lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "looks like binary data"),
    ],
)
def test_read_text_errors(tmp_path: Path, make, fragment: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        read_text(path)
    message = str(info.value)
    assert message.startswith(str(path)) and fragment in message and "\n" not in message


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_read_text_permission_denied(tmp_path: Path) -> None:
    path = _write(tmp_path / "locked.txt", "中国".encode("utf-8"))
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_text(path)
    finally:
        path.chmod(0o644)


def test_read_text_permission_denied_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Same check without relying on file modes (which root ignores).
    path = _write(tmp_path / "locked.txt", "中国".encode("utf-8"))

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: permission denied; check that the file is readable"


def test_read_text_refuses_huge_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_BYTES", 1024)
    path = _write(tmp_path / "huge.txt", "中国。".encode("utf-8") * 200)
    with pytest.raises(InputError, match="is too large for a transcript"):
        read_text(path)


def test_load_sample_text(seed_text: str) -> None:
    text, name = load_sample_text()
    assert name == SAMPLE_NAME
    assert text == decode(seed_text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_only_ever_raises_input_error(data: bytes) -> None:
    try:
        text = decode(data)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert count_hanzi(text) > 0 and "\r" not in text


# Transcript-like text: hanzi (simplified and traditional), punctuation, digits, Latin, line breaks.
_TRANSCRIPT_CHARS = st.sampled_from(list("中国外交张三记者問題關係的一是了，。！？；：“”《》、 \n0123456789abcXYZ-"))


@settings(max_examples=200, deadline=None)
@given(
    st.text(_TRANSCRIPT_CHARS, min_size=1, max_size=200),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_decode_round_trips_unicode_encodings(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if count_hanzi(text) == 0:
        with pytest.raises(InputError):
            decode(data)
    elif encoding in ("utf-16-le", "utf-16-be") and not _obvious_utf16(text):
        pass  # without BOM, UTF-16 is only recognised by the NULs of its ASCII characters
    else:
        assert decode(data) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["gb18030", "big5", "utf-16-le"]))
def test_decode_of_any_encoded_text_only_raises_input_error(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        decode(data)
    except InputError:
        pass


def _obvious_utf16(text: str) -> bool:
    """Enough ASCII (one NUL each) and no hanzi like 一 U+4E00 whose NUL sits on the other side."""
    ascii_count = sum(1 for c in text if c.isascii())
    return ascii_count >= 2 and all(c.isascii() or ord(c) & 0xFF for c in text)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
