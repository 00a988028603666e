"""Study items a learner can trust: whole units, no fragments, sub-terms, the default for the audience."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from flashgen.chinese.segment import cut
from flashgen.cli import cli
from flashgen.pipeline import Options, analyse
from flashgen.study.subterms import sub_terms

ROOT = Path(__file__).resolve().parents[1]
HK_NEWS = ROOT / "tests" / "data" / "hk-news.txt"  # a Hong-Kong-news-style text written for these tests


def _words(text: str) -> list[str]:
    return [w for w, _ in cut(text)]


def _items(text: str, **options: object) -> dict[str, object]:
    return {i.hanzi: i for i in analyse(text=text, options=Options(**options)).vocab}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, whole, pieces",
    [
        # names: 拜登 Biden, 马克龙 Macron (CC-CEDICT knows him, jieba cuts 马克 + 龙), 蓬佩奥 Pompeo
        ("习近平主席应约同拜登总统通了电话。", "拜登", ["登"]),
        ("法国总统马克龙和美国国务卿蓬佩奥会谈。", "马克龙", ["马克", "龙"]),
        ("运输及物流局局长林世雄表示。", "林世雄", ["林", "世", "雄"]),  # a Chinese name cut up after 局长 (director)
        ("行政长官李家超表示。", "李家超", ["李家", "超"]),  # after 行政长官 (Chief Executive)
        ("马克龙表示，欢迎中方参加。", "马克龙", ["马克", "龙"]),
        ("俄罗斯副外长莫尔古洛夫举行磋商。", "莫尔古洛夫", ["莫"]),  # Morgulov, beside the title 副外长
        ("巴西新任总统博索纳罗就职。", "博索纳罗", ["罗"]),  # Bolsonaro: a run of transliteration characters
        ("被请求引渡人金京叶涉嫌杀人犯罪。", "金京叶", ["京", "叶"]),  # a surname and given-name characters
        ("从涂启明先生介绍的情况来看。", "涂启明", ["启明"]),  # a name before 先生 (Mr): not 启明 "Venus"
        ("朝方副团长李根先生今天离开北京。", "李根", ["根"]),  # Ri Gun, Mr: 根 is no preposition here
        # quoted project names and numbered slogans: 鲁班工坊 Luban Workshops, 丝路电商 Silk Road e-commerce,
        # 三保 the "three guarantees", 双减 double reduction
        ("推进“鲁班工坊”建设。", "鲁班工坊", ["鲁班", "工坊"]),
        ("发展“丝路电商”。", "丝路电商", ["丝路", "电商"]),
        ("落实“三保”原则。", "三保", ["三", "保"]),
        ("推进“双减”工作。", "双减", ["双", "减"]),
        # reduplication: 实实在在 "real, tangible", not 实 + 实在 + 在
        ("实实在在提升服务水平。", "实实在在", ["实在", "在"]),
        # nouns in 感/性: 幸福感 sense of happiness (jieba tags it a person), 使命感 sense of mission
        ("增强人民的幸福感。", "幸福感", ["幸福"]),
        ("我们有强烈的使命感。", "使命感", ["使命", "感"]),
        ("联合国最具代表性。", "代表性", ["代表"]),  # representativeness
        # places: 旺角 Mong Kok, 港铁 MTR, 大埔道 Tai Po Road, 美孚新邨 Mei Foo Sun Chuen, 沙田区 Sha Tin District
        ("旺角和港铁都很繁忙。", "旺角", ["旺", "角"]),
        ("旺角和港铁都很繁忙。", "港铁", ["港", "铁"]),
        ("大埔道一带交通挤塞。", "大埔道", ["大埔", "道"]),
        ("住在美孚新邨的陈女士说。", "美孚新邨", ["美孚", "新", "邨"]),
        ("市民改乘巴士前往沙田区。", "沙田区", ["沙田", "区"]),
    ],
)
def test_units_stay_whole(text: str, whole: str, pieces: list[str]) -> None:
    words = _words(text)
    assert whole in words
    assert not set(pieces) & set(words)


@pytest.mark.parametrize(
    "text, words",
    [
        ("中国和美国是大国。", ["中国", "和", "美国"]),  # A和B: 和 stays a conjunction, no 和美
        ("外交部省区市全球推介活动。", ["外交部"]),  # 外交部 + 省 is no place (省区市 provinces…)
        ("南海北部湾湾口外海域。", ["北部湾"]),  # Beibu Gulf; the next 湾 is not a second suffix
        ("特朗普总统回答“会的”。", ["会", "的"]),  # quoted speech, not a name: 会的 stays two words
        ("中国有句话，叫“相由心生”。", ["心"]),  # a quoted saying keeps its words
        ("同拜登总统通了电话。", ["同", "拜登", "总统", "通"]),  # 同 (with) is no piece of the name
        ("外交部长王毅就中国外交政策回答提问。", ["王毅", "就"]),  # 王毅 is whole: 就 (on) stays out of the name
        ("我们期待新大使先生早日到任。", ["新", "大使", "先生"]),  # the new ambassador: 新 is no surname here
        ("我们可能和罗斯先生见面。", ["和", "罗斯"]),  # and Mr Ross: 和 stays a conjunction
    ],
)
def test_no_join_across_word_boundaries(text: str, words: list[str]) -> None:
    found = _words(text)
    assert all(w in found for w in words), found


@pytest.mark.parametrize("text, piece", [
    ("美国贸易代表佐立克先生访华。", "立克"),  # Zoellick: no 立克 "name" cut out of the longer name before 先生
    ("欢迎厄齐尔先生。", "齐尔"),  # Özil: no 齐尔 (齐 is a surname) inside the transliteration
])
def test_no_name_cut_out_of_a_longer_name(text: str, piece: str) -> None:
    assert piece not in _words(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("实在马克龙拜登总统“”三保旺角道区新邨和的性感化，。美国佩奥")), max_size=24).map("".join))
def test_joined_tokens_rebuild_the_text(text: str) -> None:
    assert "".join(_words(text)) == text


@pytest.mark.parametrize(
    "text, absent",
    [
        ("上个月习近平主席应约同拜登总统通了电话。拜登政府称盟友关系又回来了。", "登"),  # Biden leaves no 登
        ("法国总统马克龙访华。马克龙表示愿意合作。", "龙"),  # Macron leaves no 龙
        ("法国总统马克龙访华。马克龙表示愿意合作。", "马"),
        ("推进“鲁班工坊”建设，发展“丝路电商”。", "坊"),
        ("中国输美产品加征关税。", "美"),  # 美 of 输美 is an abbreviation of 美国, not an item
        ("中俄两国要互为战略依托。", "俄"),
    ],
)
def test_no_fragment_items(text: str, absent: str) -> None:
    assert absent not in _items(text, min_hsk=1)


def test_de_of_junzi_zhi_de_is_virtue_not_germany() -> None:
    # 君子之德 "the virtue of a gentleman": 德 dé is virtue here, never "Germany"
    item = _items("中国文化中，和而不同是君子之德。", min_hsk=1).get("德")
    assert item is not None
    assert item.category != "place" and not item.pinyin[:1].isupper()  # type: ignore[attr-defined]
    assert "Germany" not in " ".join(item.meanings)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "word, subs",
    [
        ("中欧投资协定", {"中欧", "投资协定"}),  # China-EU investment agreement → investment agreement
        ("联合国安理会", {"联合国", "安理会"}),  # UN Security Council → Security Council
        ("投资协定", {"投资", "协定"}),
        ("一带一路", set()),  # a parallel formula: 一带 "region" is another word
        ("和而不同", set()),  # an idiom
        ("安理会", set()),  # too short
    ],
)
def test_sub_terms(word: str, subs: set[str]) -> None:
    assert set(sub_terms(word)) == subs


def test_sub_terms_are_linked_items_with_examples() -> None:
    text = "如期完成中欧投资协定谈判。联合国安理会召开会议。"
    items = _items(text, min_hsk=1)
    for long, short in [("中欧投资协定", "投资协定"), ("联合国安理会", "安理会")]:
        assert short in items[long].related and long in items[short].related  # type: ignore[attr-defined]
        assert items[short].examples and long in items[short].examples[0].text  # type: ignore[attr-defined]
        assert items[short].pinyin  # type: ignore[attr-defined]
    assert items["安理会"].pinyin == "Ānlǐhuì"  # type: ignore[attr-defined]


@pytest.mark.parametrize("text, word, reading", [
    # 两国关系 "bilateral relations" spells guānxì; 关系 alone is guānxi: one item, with the word's own reading
    ("两国关系很好。我们的关系不错。", "关系", "guan1 xi5"),
    # only inside the long term: the word alone's reading all the same
    ("两国关系很好。", "关系", "guan1 xi5"),
])
def test_a_sub_term_is_one_item_with_the_words_own_reading(text: str, word: str, reading: str) -> None:
    found = [i for i in analyse(text=text, options=Options(min_hsk=1)).vocab if i.hanzi == word]
    assert [i.pinyin_numbered for i in found] == [reading]
    assert all(i.examples for i in found)


def test_a_place_inside_a_long_term_stays_whole() -> None:
    # 朝鲜半岛局势 "the situation on the Korean Peninsula" yields 朝鲜半岛 (a place), which is not cut in turn
    # into 朝鲜 "DPRK" + 半岛: the DPRK is not what the sentence speaks of
    items = _items("朝鲜半岛局势总体缓和。")
    assert "朝鲜半岛" in items and "朝鲜" not in items


def test_related_words_on_the_anki_card() -> None:
    from flashgen.anki.deck import vocab_fields
    from flashgen.anki import templates as tpl

    item = _items("如期完成中欧投资协定谈判。", min_hsk=1)["投资协定"]
    fields = dict(zip(tpl.VOCAB_FIELDS, vocab_fields(item, "t")))  # type: ignore[arg-type]
    assert "中欧投资协定" in fields["Related"]
    assert "{{Related}}" in tpl.RECOGNITION_BACK and "{{Related}}" in tpl.RECALL_BACK


def test_json_has_related() -> None:
    result = CliRunner().invoke(cli, ["vocab", "-f", "json"])
    items = {i["hanzi"]: i for i in json.loads(result.output)}
    assert "中欧投资协定" in items["投资协定"]["related"]  # the sample's China-EU investment agreement
    assert "投资协定" in items["中欧投资协定"]["related"]


# --- the default for intermediate and advanced learners ---------------------------------------


def test_cli_default_leaves_out_basic_words() -> None:
    default = json.loads(CliRunner().invoke(cli, ["vocab", "-f", "json"]).output)
    everything = json.loads(CliRunner().invoke(cli, ["vocab", "-f", "json", "--all"]).output)
    level_one = json.loads(CliRunner().invoke(cli, ["vocab", "-f", "json", "--min-hsk", "1"]).output)
    assert all(i["hsk"] is None or i["hsk"] >= 3 for i in default)
    basic = {"是", "有", "人", "看", "要"}  # to be, to have, person, to look, to want
    assert not basic & {i["hanzi"] for i in default}
    assert basic <= {i["hanzi"] for i in everything}
    assert [i["hanzi"] for i in everything] == [i["hanzi"] for i in level_one]
    assert len(everything) > len(default)


def test_function_words_only_with_all() -> None:
    text = "我们认为，尽管形势复杂，但是各方应该加强合作。"  # we / although / but: function words
    assert not {"我们", "尽管", "但是"} & set(_items(text))
    assert {"尽管"} <= set(_items(text, min_hsk=1))


def test_summary_lines_say_what_is_left_out(tmp_path: Path) -> None:
    table = CliRunner().invoke(cli, ["vocab"]).output
    assert "HSK 1–2 words and function words left out (--all keeps them)" in table
    assert "left out" not in CliRunner().invoke(cli, ["vocab", "--all"]).output.splitlines()[-1]
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "vocabulary: HSK 1–2 words and function words left out (--all keeps them)" in result.output


def test_all_and_min_hsk_conflict() -> None:
    result = CliRunner().invoke(cli, ["vocab", "--all", "--min-hsk", "4"])
    assert result.exit_code != 0 and "Traceback" not in result.output and "--all" in result.output


# --- the measuring script ----------------------------------------------------------------------


def test_eval_items_script_on_the_hong_kong_text() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_items.py"), "--sample", "5", str(HK_NEWS)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    head, *sample = out.strip().splitlines()
    assert "single characters" in head and "composed meanings" in head
    assert len(sample) == 5 and all("|" in line for line in sample)
    again = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_items.py"), "--sample", "5", str(HK_NEWS)],
                           capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert again == out  # the sample is reproducible


def test_hong_kong_text_items() -> None:
    items = _items(HK_NEWS.read_text(encoding="utf-8"))
    assert {"港铁", "旺角", "大埔道", "美孚新邨", "实实在在", "幸福感", "安全感"} <= set(items)
    assert not {"登", "龙", "邨", "坊", "保"} & set(items)  # no pieces of names, estates or slogans
    singles = [w for w in items if len(w) == 1]
    assert len(singles) / len(items) < 0.15  # 24.5% before whole units; 12.5% now (verbs such as 乘, 改, 需)
