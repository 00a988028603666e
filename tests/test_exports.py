"""Exports (CSV, TSV, Pleco, Markdown): each one parsed back and compared with the items."""

from __future__ import annotations

from goldens import assert_golden

import csv
import io

import pytest

from flashgen.export.files import (
    CEDICT_ATTRIBUTION,
    COLUMNS,
    hsk_label,
    pleco_pinyin,
    row,
    spreadsheet_safe,
    to_csv,
    to_markdown,
    to_pleco,
    to_tsv,
)
from flashgen.models import Example, VocabItem



def _item(hanzi: str, trad: str, pinyin: str, numbered: str, meanings: list[str], **kw: object) -> VocabItem:
    return VocabItem(hanzi, trad, pinyin, numbered, "", meanings, **kw)  # type: ignore[arg-type]


def items() -> list[VocabItem]:
    """A small fixed list: two glossary terms, ordinary words, awkward characters."""
    return [
        # 人类命运共同体: "community with a shared future for mankind", a glossary term
        _item(
            "人类命运共同体", "人類命運共同體", "rénlèi mìngyùn gòngtóngtǐ", "ren2 lei4 ming4 yun4 gong4 tong2 ti3",
            ["community with a shared future for mankind", "community of common destiny for mankind"],
            term=True, category="concept", count=2,
            examples=[Example("同各国携手构建人类命运共同体。", "外交部长", "携手构建人类命运共同体", 3)],
        ),
        # 多边主义: multilateralism
        _item(
            "多边主义", "多邊主義", "duōbiān zhǔyì", "duo1 bian1 zhu3 yi4", ["multilateralism"],
            term=True, category="concept", count=1,
            examples=[Example("中方坚定维护多边主义，反对单边主义。", "外交部长", None, 4)],
        ),
        # 国家: country, measure word 个
        _item(
            "国家", "國家", "guójiā", "guo2 jia1", ["country", "nation", "state"],
            measure_words=["个 (gè)"], hsk=1, count=5,
            examples=[Example("向六十多个国家提供疫苗援助。", "外交部长", "疫苗合作", 6)],
        ),
        # 接种: to vaccinate; HSK 7–9 band
        _item("接种", "接種", "jiēzhòng", "jie1 zhong4", ["to vaccinate", "to inoculate"], hsk=7, count=2),
        # 绿色: green; ü written "v" by typists, "u:" by Pleco; a meaning with a pipe, comma and quotes
        _item(
            "绿色", "綠色", "lǜsè", "lv4 se4", ['green | "eco-friendly", low-carbon'], hsk=3, count=1,
            examples=[Example("推动绿色\t发展\n转型", None, None, 9)],
        ),
    ]


def _golden(name: str, text: str) -> None:
    assert_golden("exports/" + name, text)


def _expected(item: VocabItem) -> dict[str, str]:
    example = " ".join(item.examples[0].text.split()) if item.examples else ""
    return {
        "hanzi": item.hanzi,
        "traditional": item.traditional,
        "pinyin": item.pinyin,
        "pinyin_numbered": item.pinyin_numbered,
        "meaning": ("≈ " if item.composed else "") + "; ".join(item.meanings),  # composed meanings are marked
        "measure_words": "; ".join(item.measure_words),
        "hsk": hsk_label(item.hsk),
        "category": item.category or "",
        "count": str(item.count),
        "example": example,
    }


@pytest.mark.parametrize(
    ("level", "label"),
    [(None, ""), (1, "1"), (6, "6"), (7, "7–9")],
)
def test_hsk_label(level: int | None, label: str) -> None:
    assert hsk_label(level) == label


def test_csv_parses_back_with_bom() -> None:
    text = to_csv(items())
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    # utf-8-sig strips the BOM, as spreadsheet programs do.
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0].keys()) == list(COLUMNS)
    assert rows == [_expected(i) for i in items()]


def test_tsv_parses_back() -> None:
    lines = to_tsv(items()).splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    parsed = [dict(zip(COLUMNS, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)
    assert parsed == [_expected(i) for i in items()]


def test_field_with_tab_and_newline_stays_on_one_line() -> None:
    # 推动绿色发展转型 "promote the green transition", broken by a tab and a newline
    assert row(items()[4])[-1] == "推动绿色 发展 转型"


@pytest.mark.parametrize(
    ("numbered", "pleco"),
    [
        ("ren2 lei4", "ren2lei4"),  # 人类
        ("lv4 se4", "lu:4se4"),  # 绿色, ü typed as v
        ("lü4 se4", "lu:4se4"),  # 绿色, ü
        ("nu:3 er2", "nu:3er2"),  # 女儿, CC-CEDICT spelling kept
        ("Zhong1 guo2", "Zhong1guo2"),  # 中国, capital kept
        ("xi1 an1", "xi1an1"),  # 西安: tone numbers keep the syllables apart
    ],
)
def test_pleco_pinyin(numbered: str, pleco: str) -> None:
    assert pleco_pinyin(numbered) == pleco


def test_pleco_parses_back() -> None:
    lines = to_pleco(items()).splitlines()
    categories = [line for line in lines if line.startswith("//")]
    assert categories == ["//Diplomatic terms", "//Vocabulary"]
    assert lines[0] == "//Diplomatic terms"
    cards: dict[str, list[tuple[str, str, str]]] = {}
    current = ""
    for line in lines:
        if line.startswith("//"):
            current = line[2:]
            continue
        fields = line.split("\t")
        assert len(fields) == 3
        cards.setdefault(current, []).append((fields[0], fields[1], fields[2]))
    assert [c[0] for c in cards["Diplomatic terms"]] == ["人类命运共同体[人類命運共同體]", "多边主义[多邊主義]"]
    assert [c[0] for c in cards["Vocabulary"]] == ["国家[國家]", "接种[接種]", "绿色[綠色]"]
    guojia = cards["Vocabulary"][0]
    assert guojia == ("国家[國家]", "guo2jia1", "country; nation; state; MW: 个 (gè)")
    assert cards["Diplomatic terms"][0][1] == "ren2lei4ming4yun4gong4tong2ti3"


def test_pleco_same_traditional_and_parent_category() -> None:
    # 疫苗 "vaccine": same in both scripts, so no [traditional]; the parent's "/" would nest
    vaccine = _item("疫苗", "疫苗", "yìmiáo", "yi4 miao2", ["vaccine"])
    text = to_pleco([vaccine], parent="Press conference 2021/03")
    assert text == "//Press conference 2021-03/Vocabulary\n疫苗\tyi4miao2\tvaccine\n"


def test_pleco_empty() -> None:
    assert to_pleco([]) == ""


def _md_split(line: str) -> list[str]:
    """Cells of a GFM table row, honouring backslash escapes."""
    cells, cell, i = [], "", 1
    while i < len(line) - 1:
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) - 1:
            cell += line[i + 1]
            i += 2
            continue
        if ch == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
        i += 1
    cells.append(cell.strip())
    return cells


def test_markdown_parses_back() -> None:
    text = to_markdown(items(), title="Press conference")
    lines = text.splitlines()
    assert lines[0] == "# Press conference"
    table = [line for line in lines if line.startswith("|")]
    assert set(table[1]) <= set("|-")
    parsed = [dict(zip(COLUMNS, _md_split(line))) for line in table[2:]]
    assert all(len(_md_split(line)) == len(COLUMNS) for line in table)
    assert parsed == [_expected(i) for i in items()]
    assert "green \\| \"eco-friendly\"" in text  # the pipe is escaped, not a cell border
    assert lines[-1] == CEDICT_ATTRIBUTION


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("vocab.csv", to_csv),
        ("vocab.tsv", to_tsv),
        ("vocab-pleco.txt", to_pleco),
        ("vocab.md", to_markdown),
    ],
)
def test_golden(name: str, render: object) -> None:
    _golden(name, render(items()))  # type: ignore[operator]


def test_sample_exports_parse_back() -> None:
    from flashgen.pipeline import analyse

    words = analyse().vocab
    rows = list(csv.DictReader(io.StringIO(to_csv(words).encode("utf-8").decode("utf-8-sig"), newline="")))
    # In spreadsheet formats a cell that would start a formula ("-ism" of 主义) carries a leading apostrophe.
    assert rows == [{k: spreadsheet_safe(v) for k, v in _expected(i).items()} for i in words]
    assert any(r["meaning"].startswith("'-") for r in rows)
    tsv = to_tsv(words).splitlines()
    assert [dict(zip(COLUMNS, line.split("\t"))) for line in tsv[1:]] == rows
    cards = [line.split("\t") for line in to_pleco(words).splitlines() if not line.startswith("//")]
    assert len(cards) == len(words) and all(len(c) == 3 and c[1] for c in cards)
    table = [line for line in to_markdown(words).splitlines() if line.startswith("|")][2:]
    assert [dict(zip(COLUMNS, _md_split(line))) for line in table] == [_expected(i) for i in words]
