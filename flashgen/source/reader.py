"""Read a transcript file: detect its encoding, decode it, clean it to plain text.

This is the first pipeline stage. It accepts what people actually have on disk
(UTF-8 with or without BOM, UTF-16 from Windows editors, GB18030/GBK from
mainland sites, Big5 from Taiwan and Hong Kong, HTML saved from a browser) and
returns NFC-normalised text with ``\\n`` line ends. Every failure is an
:class:`~flashgen.errors.InputError` with a one-line message.
"""

from __future__ import annotations

import codecs
import html
import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional, Union

from flashgen.errors import InputError, ResourceError
from flashgen.chinese.hanzi import HANZI, count_hanzi
from flashgen.resources import SAMPLE_NAME, data_path
from flashgen.source.subtitles import looks_like_subtitles, subtitles_to_text

#: File name of the bundled sample transcript (in the ``flashgen.data`` package).

#: Transcripts are a few hundred kilobytes; anything this big is not one.
MAX_BYTES = 50 * 1024 * 1024

# The 500 most frequent simplified characters of running text, followed by the
# traditional forms of those that differ. Used only to choose between a GB18030
# and a Big5 reading of the same bytes: the right reading is full of these, the
# wrong one is a soup of rare characters.
_COMMON_HANZI = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现"
    "当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重"
    "并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入"
    "几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基"
    "眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改"
    "收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚"
    "请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周"
    "较注语仅考落青随选列"
    "這個們來為國說時會對於著過發後裡種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見產話內給門兒東聲員論處義幾認條氣題爾別變總電"
    "數報結務場計資許統區隊決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風乾聯組濟車親極辦議證轉準遠單羅愛擊備連調質團價黨華"
    "級離況亞請際約復線斷滿視須寫稱嗎輕農裝廣顯標談圖歷醫專費號盡較語僅隨選"
)



def _binary_error(source: str) -> InputError:
    """The one-line error for bytes that are not text."""
    return InputError(
        f"{source}: looks like binary data, not text; give a plain-text transcript (UTF-8, GB18030 or Big5)"
    )


def _strict(data: bytes, encoding: str) -> Optional[str]:
    """``data`` decoded with ``encoding``, or None when any byte is invalid."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _bad_chars(text: str) -> int:
    """Characters that never occur in a real transcript: controls, private use, unassigned."""
    # \x1a is the end-of-file mark old DOS editors append: harmless at the very end only.
    body = text[:-1] if text.endswith("\x1a") else text
    return sum(1 for c in body if c not in "\t\n\r\f\v" and unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs"))


def _looks_like_text(text: str) -> bool:
    """Whether a decoding reads as text rather than binary."""
    # A stray control character in a long file is tolerated (old editors leave
    # them); one in 200 or more means the bytes were never text in this encoding.
    return _bad_chars(text) * 200 <= len(text)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """Decode BOM-less UTF-16 when the NUL bytes leave no doubt, else None.

    ASCII characters (digits, line breaks, Latin words) encode as one NUL and
    one non-NUL byte, so in UTF-16 the NULs sit mostly at odd offsets (little
    endian) or mostly at even offsets (big endian). Not all: a hanzi such as
    一 (U+4E00) puts its NUL on the other side. Binary data spreads NULs evenly,
    and rarely survives a strict decode plus the text check.
    """
    even, odd = data[0::2].count(0), data[1::2].count(0)
    nuls = even + odd
    if len(data) % 2 or nuls < 2:
        return None
    for share, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if share * 10 >= nuls * 7:
            text = _strict(data, encoding)
            if text is not None and _looks_like_text(text):
                return text
    return None


def _common_score(text: str) -> float:
    """Share of the hanzi of ``text`` that are among the most common characters."""
    hanzi = HANZI.findall(text)
    return sum(1 for c in hanzi if c in _COMMON_HANZI) / len(hanzi) if hanzi else 0.0


def _decode_legacy(data: bytes, source: str) -> str:
    """Decode bytes that are not UTF-8: GB18030 or Big5, whichever reads as Chinese."""
    candidates = []
    gb = _strict(data, "gb18030")
    if gb is not None and _looks_like_text(gb):
        candidates.append(gb)
    # cp950 is the Windows flavour of Big5 (a superset); HKSCS adds Cantonese characters.
    for encoding in ("big5", "cp950", "big5hkscs"):
        big5 = _strict(data, encoding)
        if big5 is not None and _looks_like_text(big5):
            candidates.append(big5)
            break
    if not candidates:
        offset = _mostly_utf8(data)
        if offset is not None:
            raise InputError(
                f"{source}: mixes text encodings (byte {offset} is not UTF-8); save the file as UTF-8 and try again"
            )
        raise _binary_error(source)
    # max() keeps the first of equal scores: GB18030 wins ties (the commoner encoding).
    best = max(candidates, key=_common_score)
    # Real Chinese text has a third or more of its hanzi among the common ones;
    # a wrong-encoding reading (Latin-1, Shift-JIS…) scores near zero.
    if count_hanzi(best) >= 20 and _common_score(best) < 0.1:
        raise InputError(
            f"{source}: the text encoding is not recognised (not UTF-8, GB18030 or Big5); "
            "save the file as UTF-8 and try again"
        )
    return best


# Formats people mistake for transcripts, named so the message can say what to do.
_MAGIC = (
    (b"%PDF-", "is a PDF document, not plain text; extract its text first (e.g. pdftotext) and give the .txt file"),
    (b"PK\x03\x04", "is a zip archive (a .docx/.epub?), not plain text; save the transcript as a .txt file"),
    (b"\xd0\xcf\x11\xe0", "is an old Office document, not plain text; save the transcript as a .txt file"),
    (b"{\\rtf", "is an RTF document, not plain text; save the transcript as a .txt file"),
)


def _detect(data: bytes, source: str) -> str:
    """Decode ``data`` to text (BOM stripped), trying the encodings in order."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{source}: {what}")
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            if text is None or not _looks_like_text(text):
                raise _binary_error(source)
            return text
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise _binary_error(source)
        return text
    text = _strict(data, "utf-8")
    if text is None:
        # A file cut short in the middle of a character (split by bytes, an interrupted
        # download) loses that last character only.
        text = _strict(_without_cut_tail(data), "utf-8")
    if text is not None:
        if not _looks_like_text(text):
            raise _binary_error(source)
        return text
    return _decode_legacy(data, source)


def _without_cut_tail(data: bytes) -> bytes:
    """``data`` without an incomplete UTF-8 sequence at its very end (at most three bytes)."""
    for cut in (1, 2, 3):
        lead = data[-cut] if len(data) >= cut else 0x00
        if lead >= 0xC0:  # the lead byte of the cut character
            return data[:-cut]
        if not 0x80 <= lead < 0xC0:  # not a continuation byte: nothing was cut
            break
    return data


def _mostly_utf8(data: bytes) -> Optional[int]:
    """Offset of the first byte that is not UTF-8 when nearly all the rest is (mixed encodings), else None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lossy = data.decode("utf-8", errors="replace")
        if lossy.count("\ufffd") * 10 <= len(lossy) and count_hanzi(lossy) >= 2:
            return exc.start
    return None


# Any tag-like ASCII sequence makes the text HTML: a hostile page is not limited
# to <p> and <script> (<svg onload=…>, <img onerror=…>).
_HTML_HINT = re.compile(r"<(?:!doctype|!--|/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer blockquote pre title dt dd".split()
)
# Never text. <head> is not here: pages often omit </head>, and html.parser would skip the body.
_SKIP_TAGS = frozenset("script style noscript template iframe".split())


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page, one paragraph per block element."""

    def __init__(self) -> None:
        """An extractor with no text yet."""
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0  # depth inside <script>, <style>…: their content is never text

    def _break(self, tag: str) -> None:
        """A line break for <br>, a paragraph break around block elements."""
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        """Enter a skipped element or break the text."""
        if tag in _SKIP_TAGS:
            self.skip += 1
        else:
            self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        """``<br/>`` and friends: break the text."""
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        """Leave a skipped element or break the text."""
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        else:
            self._break(tag)  # browsers read </br> as <br> too

    def handle_data(self, data: str) -> None:
        """Keep text outside skipped elements (entities already unescaped)."""
        if not self.skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` carries HTML tags (a page saved from a browser, a CMS export)."""
    return _HTML_HINT.search(text) is not None


def html_to_text(text: str) -> str:
    """The visible text of an HTML document, block elements turned into paragraphs.

    Markup that survives as text (``&lt;script&gt;`` unescapes to ``<script>``)
    is neutralised by turning the angle brackets into their full-width forms,
    so nothing downstream can ever mistake it for markup.
    """
    parser = _TextExtractor()
    try:
        parser.feed(text)
        parser.close()
        plain = "".join(parser.parts)
    except Exception:  # html.parser is lenient, but a malformed page must not crash a read
        plain = html.unescape(re.sub(r"<[^>]*>", "\n", text))
    return plain.replace("<", "＜").replace(">", "＞")


_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
# Invisible characters: every format character (Unicode category Cf: zero-width spaces and joiners,
# the bidi controls U+200E/F, U+202A–U+202E and U+2066–U+2069 that can reorder what a reader sees,
# soft hyphens, tag characters…), variation selectors, and the C0/C1 controls but tab and line feed.
# They only get in the way of segmentation and matching, and can disguise text.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)


def strip_invisible(text: str) -> str:
    """``text`` without invisible format and control characters (tab and line feed stay)."""
    return _INVISIBLE.sub("", text)


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode a transcript's bytes to clean text.

    Detects UTF-8 (BOM or not), UTF-16/32 (BOM, or UTF-16 without one when its
    NUL bytes make it obvious), GB18030/GBK and Big5; converts HTML and
    subtitles (SRT, WebVTT) to text;
    normalises line ends to ``\\n``, drops the BOM and invisible characters (controls, bidi
    overrides and other format characters: :func:`strip_invisible`), and
    NFC-normalises. Raises :class:`InputError` (naming ``source``) for empty
    input, binary data, and text without any Chinese.
    """
    if not data.strip():
        raise InputError(f"{source}: the file is empty; give a transcript with Chinese text")
    text = strip_invisible(_LINE_BREAKS.sub("\n", _detect(data, source)))
    if not text.strip():  # e.g. a UTF-16 file holding only a BOM and spaces
        raise InputError(f"{source}: the file is empty; give a transcript with Chinese text")
    if looks_like_subtitles(text):  # before HTML: cue tags (<i>, <c.yellow>) look like markup
        text = subtitles_to_text(text)
    elif looks_like_html(text):
        # Entities may spell line breaks and invisible characters: clean again.
        text = strip_invisible(_LINE_BREAKS.sub("\n", html_to_text(text)))
    text = unicodedata.normalize("NFC", text)
    if count_hanzi(text) == 0:
        raise InputError(f"{source}: contains no Chinese text; flashgen needs a Chinese transcript")
    return text


def read_bytes(path: Union[str, "os.PathLike[str]"], max_bytes: Optional[int] = None, what: str = "a transcript") -> bytes:
    """The bytes of the file at ``path``, at most ``max_bytes`` (one-line InputError otherwise).

    Reads like a stream, so a FIFO or ``/dev/stdin`` works, and a device that
    never ends (``/dev/zero``) stops at the limit.
    """
    name = os.fspath(path)
    p = Path(name)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a folder, not a file; give the path of {what} file")
        # Read at most one byte past the limit: a device such as /dev/zero never ends.
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            limit = f"{max_bytes >> 20} MB" if max_bytes >= 1 << 20 else f"{max_bytes >> 10} kB"
            raise InputError(f"{name}: is too large for {what}; give a text file under {limit}")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file; give the path of {what} file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check that the file is readable") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}); check the file") from None
    return data


def read_text(path: Union[str, "os.PathLike[str]"]) -> str:
    """Read and decode the transcript at ``path``; messages name the path as given."""
    name = os.fspath(path)
    return decode(read_bytes(name), name)


def read_plain(path: Union[str, "os.PathLike[str]"], max_bytes: int, what: str) -> str:
    """A small text file (overrides, known words) in any encoding a transcript may have.

    Plain text only: no HTML or subtitle conversion, no need for Chinese;
    line ends normalised, invisible characters dropped, NFC.
    """
    name = os.fspath(path)
    data = read_bytes(name, max_bytes, what)
    if not data.strip():
        return ""
    text = strip_invisible(_LINE_BREAKS.sub("\n", _detect(data, name)))
    return unicodedata.normalize("NFC", text)


def _sample_bytes() -> bytes:
    """Bytes of the bundled sample, from the installed package or from a checkout."""
    try:
        return data_path(SAMPLE_NAME).read_bytes()
    except OSError:
        raise ResourceError(f"the bundled sample transcript {SAMPLE_NAME} is missing; reinstall flashgen") from None


def load_sample_text() -> tuple[str, str]:
    """The bundled sample transcript: ``(text, file name)``."""
    return decode(_sample_bytes(), SAMPLE_NAME), SAMPLE_NAME
