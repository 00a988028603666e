"""The text's names remembered over the whole text: abbreviations read as the place, no items from pieces of names."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from flashgen.chinese.units import is_title
from flashgen.chinese.uses import Use
from flashgen.models import Token, VocabItem
from flashgen.pipeline import Options, analyse
from flashgen.study.names import NameMemory, keep_mask, place_name, settle


def _items(text: str) -> dict[str, list[VocabItem]]:
    out: dict[str, list[VocabItem]] = {}
    for item in analyse(text=text, options=Options(min_hsk=1)).vocab:
        out.setdefault(item.hanzi, []).append(item)
    return out


def _memory(*tokens: tuple[str, str]) -> NameMemory:
    memory = NameMemory()
    for word, pos in tokens:
        memory.learn(Token(word, pos))
    return memory


@pytest.mark.parametrize(
    "word, english",
    [
        ("马尔代夫", "Maldives"),  # the Maldives
        ("雅加达", "Jakarta"),  # Jakarta, capital of Indonesia
        ("万隆", "Bandung"),  # Bandung (city in Indonesia)
        ("冈比亚", "Gambia"),
        ("朝鲜", "DPRK"),  # the glossary's rendering wins over CC-CEDICT's
        ("王毅", None),  # a person (CC-CEDICT gives his dates)
        ("伊丽莎白", None),  # Elizabeth (person name)
        ("印尼", None),  # itself an abbreviation (of 印度尼西亚): 中印 is still China and India
        ("发展", None),  # a common word
    ],
)
def test_place_names(word: str, english: str | None) -> None:
    assert place_name(word) == english


@pytest.mark.parametrize(
    "places, char, expected",
    [
        (["马尔代夫"], "马", "Maldives"),
        (["马尔代夫", "马来西亚"], "马", "Malaysia"),  # two places: CC-CEDICT's 马 "abbr. for 马来西亚" decides
        (["埃及", "埃塞俄比亚"], "埃", "Egypt"),  # 埃 "abbr. for Egypt 埃及"
        (["澳门", "澳大利亚"], "澳", None),  # CC-CEDICT's 澳 abbreviates both Macao and Australia: ambiguous
        (["朝鲜", "朝鲜半岛"], "朝", "DPRK"),  # the DPRK and its peninsula: one place
        (["马尔代夫", "马累"], "马", "Maldives"),  # 马累 "Malé, capital of Maldives" is inside it
        (["华盛顿"], "华", None),  # 华 abbreviates China (访华), never Washington
        (["北京"], "北", None),  # a direction (缅北 northern Myanmar), not Beijing
        ([], "中", "China"),
    ],
)
def test_abbreviates(places: list[str], char: str, expected: str | None) -> None:
    memory = _memory(*[(p, "ns") for p in places])
    assert memory.abbreviates(char) == expected


@pytest.mark.parametrize(
    "word, expected",
    [("部长", True), ("局长", True), ("总统", True), ("特使", True),
     ("增长", False), ("成长", False), ("擅长", False), ("延长", False)],  # 增长 "to grow", 擅长 cháng: no titles
)
def test_titles(word: str, expected: bool) -> None:
    assert is_title(word) is expected


# --- whole texts (written for these tests after the patterns of the ministry's briefings) ---

MALDIVES = ("马尔代夫总统选举顺利举行。中方高度重视中马关系，愿同马方共同努力。"
            "近年来中国赴马游客快速增加，中国已成为马最大旅游客源国。")


def test_abbreviation_reads_as_the_place_the_text_names() -> None:
    items = _items(MALDIVES)
    assert [i.meanings[0] for i in items["马"]] == ["Maldives (abbr.)"]  # not "horse"
    assert items["马"][0].pinyin == "Mǎ"


def test_two_places_leave_the_abbreviation_out() -> None:
    items = _items("澳大利亚总理和澳门特首将出席。中方高度重视中澳关系，愿同澳方共同努力。")  # Australia and Macao
    assert "澳" not in items  # not "deep bay", and not a guess between the two


def test_no_place_no_change() -> None:
    items = _items("这匹马跑得很快，马是人类的朋友。")  # horses, and no country named
    assert items["马"][0].meanings[0] == "horse"


@pytest.mark.parametrize(
    "text, word, absent",
    [
        # 解晓岩 named in full, then 解特使 (special envoy Xie): 解 is no item "to solve"
        ("中国政府任命解晓岩担任叙利亚问题特使。解特使将访问有关国家。", "解", "to solve"),
        # 亚明 (Yameen) before 先生 (Mr): 明 is a piece of his name wherever 亚明 recurs
        ("中方祝贺亚明先生当选马尔代夫总统。亚明当选后表示愿发展对华关系。", "明", "bright"),
    ],
)
def test_pieces_of_names_are_no_items(text: str, word: str, absent: str) -> None:
    items = _items(text)
    assert all(absent not in m for i in items.get(word, []) for m in i.meanings)


def test_surname_needs_the_full_name() -> None:
    # no full name begins with 应 here: 应…邀请 (at the invitation of) keeps its word
    items = _items("应中国政府邀请，新加坡总理将访问中国。")
    assert "应" in items


def test_composed_place_names_the_abbreviated_place() -> None:
    items = _items(MALDIVES + "中马是传统友好近邻。")
    found = items.get("中马", [])
    assert all("horse" not in i.meanings[0] for i in found)
    assert all(i.meanings[0].startswith("China + Maldives") for i in found)


# --- the memory's pieces alone ---

def _item(word: str, meaning: str, pos: str = "n", composed: bool = False) -> VocabItem:
    return VocabItem(hanzi=word, traditional=word, pinyin="mǎ", pinyin_numbered="ma3", zhuyin="",
                     meanings=[meaning], pos=pos, composed=composed)


@pytest.mark.parametrize(
    "word, meaning, pos, composed, uses, expected",
    [
        # 马 in 中马关系 and 马方 where the text names 马尔代夫
        ("马", "horse", "n", False, [Use(prev="中", next="关系"), Use(next="方")], "Maldives (abbr.)"),
        # 马 "horse" nowhere near an abbreviation slot: unchanged
        ("马", "horse", "n", False, [Use(prev="骑", next="。")], "horse"),
        # 马 in one slot of three uses, the others not nouns: not enough for a character CC-CEDICT does not
        # give the Maldives
        ("马", "horse", "n", False, [Use(next="方"), Use(prev="骑", pos="v"), Use(prev="好", pos="v")], "horse"),
        # … but nouns elsewhere are the place too (赴马游客, 成为马最大…)
        ("马", "horse", "n", False, [Use(prev="赴", pos="n"), Use(prev="，", pos="n"), Use(prev="成为", pos="n")],
         "Maldives (abbr.)"),
        # 中马 composed "within + horse": China and the Maldives
        ("中马", "within + horse", "ns", True, [Use()], "China + Maldives"),
        # 加利 "add + benefit", transliteration characters tagged a place: no item
        ("加利", "add + benefit", "ns", True, [Use()], None),
        # a correct composition of a common word stays (外交休兵 diplomacy + cease fire)
        ("外交休兵", "diplomacy + cease fire", "nz", True, [Use()], "diplomacy + cease fire"),
    ],
)
def test_settle(word: str, meaning: str, pos: str, composed: bool, uses: list[Use], expected: str | None) -> None:
    memory = _memory(("马尔代夫", "nz"))
    settled = settle(memory, _item(word, meaning, pos, composed), uses)
    assert (settled.meanings[0] if settled else None) == expected


@pytest.mark.parametrize(
    "place, word, pos, uses, expected",
    [
        # 美 is CC-CEDICT's abbreviation of 美国: a noun use is enough (了美对…: the US)
        ("美国", "美", "n", [Use(prev="了", next="对")], "United States (abbr.)"),
        # … but not an adjective's use without a slot
        ("美国", "美", "a", [Use(prev="很", next="。")], "beautiful"),
        # 老 of 老挝 (Laos): one slot among adjective uses is enough for the dictionary's own abbreviation
        ("老挝", "老", "a", [Use(prev="中", next="关系"), Use(prev="对", next="的"), Use(prev="到", next="投资"),
                             Use(prev="参与", next="水电")], "Laos (abbr.)"),
        # 利 after 在 (in Libya) where the text names 利比亚
        ("利比亚", "利", "n", [Use(prev="在", next="人员"), Use(prev="在", next="中方")], "Libya (abbr.)"),
    ],
)
def test_dictionary_abbreviation(place: str, word: str, pos: str, uses: list[Use], expected: str) -> None:
    item = _item(word, "beautiful" if word == "美" else "common", pos)
    settled = settle(_memory((place, "ns")), item, uses)
    assert settled is not None
    assert settled.meanings[0] == expected


def test_surname_occurrence_dropped_only_before_a_title() -> None:
    memory = _memory(("解晓岩", "nr"))
    uses = [Use(prev="。", next="特使"), Use(prev="和平", next="问题")]  # 解特使 (envoy Xie); 解 of another use
    assert keep_mask(memory, set(), "解", uses, ["jie3", "jie3"]) == [False, True]


@given(st.lists(st.tuples(st.sampled_from(["", "中", "马", "方", "关系", "先生", "特使", "亚"]),
                          st.sampled_from(["", "中", "方", "关系", "先生", "特使", "。"])), max_size=12))
def test_empty_memory_keeps_everything(contexts: list[tuple[str, str]]) -> None:
    uses = [Use(prev=p, next=n) for p, n in contexts]
    mask = keep_mask(NameMemory(), set(), "马", uses, ["ma3"] * len(uses))
    assert mask == [True] * len(uses)


@pytest.mark.parametrize(
    "text, whole",
    [
        ("中国渔船在南沙礼乐滩附近海域作业。", "礼乐滩"),  # Reed Bank: 礼乐 is no "rites and music"
        ("中方在渚碧礁启用新建灯塔。", "渚碧礁"),  # Subi Reef, cut 渚 + 碧 + 礁
        ("中国南沙群岛司令礁。", "司令礁"),  # Commodore Reef: 司令 is no "commanding officer"
        ("南沙有关岛礁建设。", "岛礁建设"),  # 岛礁 (islands and reefs) a dictionary word
        ("我们在沙滩上散步。", "沙滩"),  # a beach stays a beach
        # after a title and before a pause, two lone characters are a name: 亚明 Yameen, 通邢 Thongsing
        ("马尔代夫总统亚明、老挝总理通邢等将出席。", "亚明"),
        ("马尔代夫总统亚明、老挝总理通邢等将出席。", "通邢"),
    ],
)
def test_whole_names_and_features(text: str, whole: str) -> None:
    from flashgen.chinese.segment import cut

    assert whole in [w for w, _ in cut(text)]


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("国务院总理访韩、访日。", ["访", "韩"]),  # a visit to Korea after a title: no name 访韩
        ("美国总统也说好。", ["也"]),  # a function word is no part of a name
    ],
)
def test_no_name_after_a_title(text: str, pieces: list[str]) -> None:
    from flashgen.chinese.segment import cut

    words = [w for w, _ in cut(text)]
    assert all(p in words for p in pieces)


def test_place_no_dictionary_knows_is_no_item() -> None:
    items = _items("中国渔船在南沙礼乐滩附近海域作业，菲律宾军舰进入礼乐滩。")
    assert "礼乐" not in items and "礼乐滩" not in items  # no "rites and music (+ beach)"
