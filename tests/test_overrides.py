"""The overrides file: one home for finding and reading it, every row checked, good rows never lost."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from flashgen.chinese.overrides import (MAX_BYTES, Override, load_overrides, parse_overrides, read_overrides,
                                        resolve_overrides_path)
from flashgen.chinese.syllables import SYLLABLES
from flashgen.cli import cli
from flashgen.errors import InputError

GOOD = (
    "word\tpinyin\tmeaning\n"
    "# my corrections\n"
    "接种\tjiē zhòng\tto vaccinate; to inoculate\n"  # 接种 "vaccinate", tone marks
    "行\t\t\n"  # 行: empty cells keep the computed reading and meaning
    "重庆\tChong2qing4\tChongqing\n"  # 重庆 Chongqing: tone numbers run together, capital kept out
    "绿色\tlv4 se4\tgreen/eco-friendly\n"  # 绿色 "green": v for ü; "/" is part of the meaning, not a separator
    "略\tlue4\tstrategy\n"  # 略: "lue" is the common spelling of lüe
    '说\tshuo1\t"to say\n'  # an unbalanced quote is an ordinary character
    "的\tde\tpossessive particle\n"  # 的: no tone number is the neutral tone
)


def test_good_rows_are_read() -> None:
    found = parse_overrides(GOOD, "o.tsv")
    assert found.problems == []
    assert found.entries == {
        "接种": Override("接种", ("jie1", "zhong4"), ("to vaccinate", "to inoculate")),
        "行": Override("行", (), ()),
        "重庆": Override("重庆", ("chong2", "qing4"), ("Chongqing",)),
        "绿色": Override("绿色", ("lü4", "se4"), ("green/eco-friendly",)),
        "略": Override("略", ("lüe4",), ("strategy",)),
        "说": Override("说", ("shuo1",), ('"to say',)),
        "的": Override("的", ("de5",), ("possessive particle",)),
    }


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("接种\tzz9 zhong4\tx", "'zz9' is not a syllable with a tone number"),  # junk reading
        ("接种\txyz1 zhong4\tx", "'xyz1' is not a Mandarin syllable"),
        ("接种\tjiē zhòngg\tx", "'zhòngg' is not a Mandarin syllable"),
        ("接种\tjie1\tx", "1 syllables for 2 characters"),  # one syllable for two characters
        ("接种\tjiezhong\tx", "'jiezhong' is not a Mandarin syllable"),  # toneless, run together
        ("hello\t\tx", "'hello' has no Chinese characters"),
        ("接 种\t\tx", "is not one word"),
        ("接种\t\tx\textra", "more than 3 tab-separated columns"),
        ("接种\t\t" + "x" * 600, "longer than 500 characters"),
    ],
)
def test_bad_rows_are_reported_by_line_and_the_rest_kept(line: str, problem: str) -> None:
    found = parse_overrides(GOOD + line + "\n" + "外交\twai4 jiao1\tdiplomacy\n", "o.tsv")  # 外交 "diplomacy"
    assert len(found.problems) == 1
    assert found.problems[0].startswith("o.tsv:10: ") and problem in found.problems[0]
    assert found.problems[0].endswith("; row left out") and "\n" not in found.problems[0]
    # The good rows before and after are kept (接种 from its good row on line 3).
    assert set(found.entries) == {"接种", "行", "重庆", "绿色", "略", "说", "的", "外交"}
    assert found.entries["外交"].numbered == ("wai4", "jiao1")


def test_a_repeated_word_is_reported_and_the_later_row_wins() -> None:
    found = parse_overrides("中方\tzhong1 fang1\tChina\n中方\t\tthe Chinese side\n", "o.tsv")  # 中方 "the Chinese side"
    assert found.problems == ["o.tsv:2: 中方 again; this later row wins"]
    assert found.entries["中方"].senses == ("the Chinese side",)


@given(st.text())
def test_any_text_parses_without_raising(text: str) -> None:
    found = parse_overrides(text, "o.tsv")
    lines = text.split("\n")
    for problem in found.problems:
        number = int(problem.split(":")[1])
        assert 1 <= number <= len(lines)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_read_in_any_transcript_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "o.tsv"
    # Big5 has no tone-marked letters: tone numbers there, and the traditional 接種.
    text = "接種\tjie1 zhong4\tto vaccinate\n" if encoding == "big5" else "接种\tjiē zhòng\tto vaccinate\n"
    path.write_bytes(text.encode(encoding))
    found = read_overrides(path)
    assert found.problems == [] and list(found.entries) == ["接种"]  # traditional 接種 corrects the simplified word
    assert found.entries["接种"].numbered == ("jie1", "zhong4")


def test_endless_stream_stops_at_the_size_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "zeros"  # like /dev/zero: bytes that never end, through a pipe of our own
    os.mkfifo(fifo)

    def endless() -> None:
        try:
            with fifo.open("wb") as fh:
                while True:
                    fh.write(b"\0" * 65536)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    with pytest.raises(InputError, match=r"is too large for an overrides file; give a text file under 1 MB"):
        read_overrides(fifo)
    writer.join(timeout=10)


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="mknod of a device needs root")
def test_zero_device_stops_at_the_size_limit(tmp_path: Path) -> None:
    zero = tmp_path / "zero"
    os.mknod(zero, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # a zero device of our own, under tmp_path
    with pytest.raises(InputError, match="too large"):
        read_overrides(zero)


def test_fifo_with_a_writer_is_read_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "o.tsv"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text("接种\tjie1 zhong4\tto vaccinate\n", encoding="utf-8"))
    writer.start()
    assert read_overrides(fifo).entries["接种"].senses == ("to vaccinate",)
    writer.join(timeout=10)


def test_limit_is_generous_for_real_lists() -> None:
    row = "共同体\tgong4 tong2 ti3\tcommunity\n"  # 共同体 "community"
    assert len((row * 1000).encode("utf-8")) < MAX_BYTES


# --------------------------------------------------------------- resolution


def test_missing_file_named_by_the_environment_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHGEN_OVERRIDES", str(tmp_path / "missing.tsv"))
    with pytest.raises(InputError, match=r"no such overrides file \(named by \$FLASHGEN_OVERRIDES\)"):
        resolve_overrides_path(None)
    result = CliRunner().invoke(cli, ["vocab", "--limit", "1"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: ") and "missing.tsv" in result.output


def test_missing_option_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such overrides file"):
        load_overrides(tmp_path / "missing.tsv")


def test_option_beats_environment_beats_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    (config / "flashgen").mkdir(parents=True)
    default = config / "flashgen" / "overrides.tsv"
    default.write_text("", encoding="utf-8")
    env, option = tmp_path / "env.tsv", tmp_path / "option.tsv"
    env.write_text("", encoding="utf-8")
    option.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("FLASHGEN_OVERRIDES", raising=False)
    assert resolve_overrides_path(None) == default
    monkeypatch.setenv("FLASHGEN_OVERRIDES", str(env))
    assert resolve_overrides_path(None) == env
    assert resolve_overrides_path(option) == option
    default.unlink()
    monkeypatch.delenv("FLASHGEN_OVERRIDES")
    assert resolve_overrides_path(None) is None


def _lookup(env: dict[str, str], *args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-m", "flashgen", "lookup", "-f", "json", "行", *args], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1", **env}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (item,) = json.loads(proc.stdout)
    return {"pinyin": item["pinyin_numbered"], "meanings": item["meanings"], "stderr": proc.stderr}


def test_lookup_honours_the_overrides_file(tmp_path: Path) -> None:
    # 行 read háng "row; firm" corrected by the user; lookup now shows what the deck shows.
    config = tmp_path / "config"
    (config / "flashgen").mkdir(parents=True)
    (config / "flashgen" / "overrides.tsv").write_text("行\thang2\tbank; firm\n", encoding="utf-8")
    other = tmp_path / "other.tsv"
    other.write_text("行\txing2\tto be OK\n接种\tzz9 zhong4\tx\n", encoding="utf-8")
    base = {"XDG_CONFIG_HOME": str(config), "FLASHGEN_OVERRIDES": ""}
    default = _lookup(base)
    assert default["pinyin"] == "hang2" and default["meanings"][:2] == ["bank", "firm"]
    chosen = _lookup(base, "--overrides", str(other))
    assert chosen["pinyin"] == "xing2" and chosen["meanings"][0] == "to be OK"
    assert chosen["stderr"].strip() == f"warning: {other}:2: reading of 接种: 'zz9' is not a syllable with a tone " \
        "number 1–5 (zhong4); write tone numbers (jie1 zhong4) or spaced tone marks (jiē zhòng); row left out"
    env = _lookup({**base, "FLASHGEN_OVERRIDES": str(other)})
    assert env["pinyin"] == "xing2"


def test_syllable_table_matches_pypinyin() -> None:
    from pypinyin.constants import PINYIN_DICT

    from flashgen.chinese.tones import normalise_u, strip_marks

    known = {normalise_u(strip_marks(r)).lower() for v in PINYIN_DICT.values() for r in v.split(",")}
    assert known == set(SYLLABLES)
