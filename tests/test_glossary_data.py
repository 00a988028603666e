"""The curated diplomatic glossary (data/glossary.tsv) is well formed and correct where it matters most.

Each row: hanzi, numbered pinyin (one syllable per hanzi, CC-CEDICT style: ü as "u:"),
tone-marked pinyin (as dictionaries write it: syllables of a word joined, words spaced),
English (official rendering first, alternatives after " | "), category, note,
rendering ("official" or "flashgen") and origin ("corpus": found in the derive split of
the shared corpora by scripts/mine_terms.py; "seed": the bundled transcript; "other").
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from flashgen.chinese.tones import mark_syllable, numbered_to_marked

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "data" / "glossary.tsv"
SEED = ROOT / "data" / "wang-yi-press-conference-2021-03-07.txt"

HEADER = ["hanzi", "pinyin_numbered", "pinyin", "english", "category", "note", "rendering", "origin"]
RENDERINGS = {"official", "flashgen"}
ORIGINS = {"corpus", "seed", "other"}
CATEGORIES = {
    "concept", "slogan", "principle", "policy", "organisation", "document",
    "title", "idiom", "event", "place", "term",
}
#: One numbered syllable: letters (ü written "u:"), then a tone number 1-5.
SYLLABLE = re.compile(r"^[a-uw-z]+(?:u:[a-uw-z]*)?[1-5]$")
HANZI = re.compile(r"^[\u4e00-\u9fff]+$")


def _rows() -> list[list[str]]:
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines]


ROWS = _rows()
ENTRIES = {row[0]: dict(zip(HEADER, row)) for row in ROWS[1:]}


def _normalise(marked: str) -> str:
    return unicodedata.normalize("NFC", marked.replace(" ", "").replace("'", "").lower())


def test_header_is_exact() -> None:
    assert ROWS[0] == HEADER


def test_enough_entries() -> None:
    assert len(ROWS) - 1 >= 4000


def test_every_row_has_eight_non_empty_fields() -> None:
    for number, row in enumerate(ROWS[1:], start=2):
        assert len(row) == 8, f"line {number}: {row}"
        assert all(field.strip() == field and field for field in row), f"line {number}: {row}"


def test_no_duplicate_hanzi() -> None:
    hanzi = [row[0] for row in ROWS[1:]]
    duplicates = sorted({h for h in hanzi if hanzi.count(h) > 1})
    assert not duplicates


def test_hanzi_are_plain_chinese_characters() -> None:
    # No spaces, punctuation, Latin letters or digits: a segmenter keeps terms without them.
    bad = [row[0] for row in ROWS[1:] if not HANZI.match(row[0])]
    assert not bad


def test_categories_are_known() -> None:
    bad = {row[0]: row[4] for row in ROWS[1:] if row[4] not in CATEGORIES}
    assert not bad


def test_rendering_and_origin_are_known() -> None:
    bad = {row[0]: (row[6], row[7]) for row in ROWS[1:] if row[6] not in RENDERINGS or row[7] not in ORIGINS}
    assert not bad


def test_seed_origin_terms_occur_in_the_seed() -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "")
    missing = [row[0] for row in ROWS[1:] if row[7] == "seed" and row[0] not in text]
    assert not missing


def test_numbered_syllables_are_well_formed() -> None:
    # "v" for ü is not allowed: CC-CEDICT's "u:" is the convention.
    bad = {row[0]: row[1] for row in ROWS[1:] if not all(SYLLABLE.match(s) for s in row[1].split(" "))}
    assert not bad


def test_one_syllable_per_hanzi() -> None:
    bad = {row[0]: row[1] for row in ROWS[1:] if len(row[1].split()) != len(row[0])}
    assert not bad


def test_marked_pinyin_agrees_with_numbered() -> None:
    bad = {}
    for row in ROWS[1:]:
        hanzi, numbered, marked = row[0], row[1], row[2]
        if _normalise(marked) != unicodedata.normalize("NFC", numbered_to_marked(numbered).lower()):
            bad[hanzi] = (numbered, marked)
    assert not bad


def test_marked_pinyin_spacing_and_apostrophes() -> None:
    # Single spaces between words; an apostrophe only before a syllable starting with a, o or e.
    for row in ROWS[1:]:
        marked = row[2]
        assert "  " not in marked and marked == marked.strip(), row[0]
        for index in [i for i, ch in enumerate(marked) if ch == "'"]:
            following = unicodedata.normalize("NFD", marked[index + 1 : index + 2])[:1].lower()
            assert following in {"a", "o", "e"}, row[0]


def _words_from_numbered(numbered: str, marked: str) -> list[str]:
    """Re-join the numbered syllables into the words of ``marked``, with the apostrophes the rule asks for."""
    syllables = [unicodedata.normalize("NFC", mark_syllable(s).lower()) for s in numbered.split()]
    words, position = [], 0
    for word in marked.lower().split(" "):
        target = _normalise(word)
        built = ""
        while position < len(syllables) and len(_normalise(built)) < len(target):
            syllable = syllables[position]
            if built and unicodedata.normalize("NFD", syllable)[0] in "aoe":
                built += "'"
            built += syllable
            position += 1
        words.append(built)
    return words


def test_apostrophe_before_a_o_e_inside_a_word() -> None:
    # "Xī'ān", "jiǔ'ān", "fāng'àn": an apostrophe before a non-initial a/o/e syllable, and nowhere else.
    bad = {}
    for row in ROWS[1:]:
        expected = " ".join(_words_from_numbered(row[1], row[2]))
        if unicodedata.normalize("NFC", row[2].lower()) != expected:
            bad[row[0]] = (row[2], expected)
    assert not bad


def test_english_alternatives_are_clean() -> None:
    for row in ROWS[1:]:
        parts = row[3].split(" | ")
        assert all(part and part == part.strip() for part in parts), row[0]
        assert '"' not in row[3], row[0]  # a leading quote would confuse CSV readers


# First (official) English rendering of selected terms.
OFFICIAL_RENDERINGS = [
    ("人类命运共同体", "community with a shared future for mankind"),  # community with a shared future for mankind
    ("人类卫生健康共同体", "global community of health for all"),  # global community of health for all
    ("一带一路", "Belt and Road Initiative (BRI)"),  # the Belt and Road
    ("新型国际关系", "new type of international relations"),  # new type of international relations
    ("全人类共同价值", "common values of humanity"),  # common values of humanity
    ("全面战略协作伙伴关系", "comprehensive strategic partnership of coordination"),  # China-Russia partnership
    ("一国两制", "One Country, Two Systems"),  # One Country, Two Systems
    ("爱国者治港", "patriots administering Hong Kong"),  # patriots administering Hong Kong
    ("新发展格局", "new development paradigm"),  # new development paradigm
    ("双循环", "dual circulation"),  # dual circulation
    ("和平共处五项原则", "Five Principles of Peaceful Coexistence"),  # Five Principles of Peaceful Coexistence
    ("国务委员", "State Councilor"),  # State Councilor
    ("外交部发言人", "Foreign Ministry Spokesperson"),  # Foreign Ministry Spokesperson
    ("总体国家安全观", "holistic approach to national security"),  # holistic approach to national security
    ("亲诚惠容", "amity, sincerity, mutual benefit and inclusiveness"),  # neighbourhood diplomacy principle
    ("共商共建共享", "extensive consultation, joint contribution and shared benefits"),  # BRI principle
    ("民心相通", "people-to-people bonds"),  # people-to-people bonds
    ("削足适履", "cut the feet to fit the shoes"),  # cut the feet to fit the shoes
    ("长臂管辖", "long-arm jurisdiction"),  # long-arm jurisdiction
    ("上海合作组织", "Shanghai Cooperation Organisation (SCO)"),  # Shanghai Cooperation Organisation
    ("严正交涉", "lodge solemn representations"),  # lodge solemn representations
    ("中国式现代化", "Chinese modernization"),  # Chinese modernization
    ("出口管制", "export control"),  # export control(s)
    ("泛化国家安全概念", "overstretch the concept of national security"),  # MFA charge on tech curbs
    ("全球南方", "Global South"),  # Global South
    ("新质生产力", "new quality productive forces"),  # GWR since 2024
    ("不可靠实体清单", "Unreliable Entity List"),  # China's list, not the US Entity List
    ("航行和飞越自由", "freedom of navigation and overflight"),  # South China Sea
    ("核污染水", "nuclear-contaminated water"),  # not "treated water"
]


@pytest.mark.parametrize(("hanzi", "english"), OFFICIAL_RENDERINGS)
def test_official_rendering_comes_first(hanzi: str, english: str) -> None:
    assert ENTRIES[hanzi]["english"].split(" | ")[0] == english


# Readings that learners get wrong: polyphones, 一/不 in citation tone, ü, neutral tones.
READINGS = [
    ("重蹈覆辙", "chong2 dao3 fu4 zhe2"),  # repeat past mistakes: 重 chóng, 覆 fù
    ("重回正轨", "chong2 hui2 zheng4 gui3"),  # get back on track: 重 chóng
    ("重大关切", "zhong4 da4 guan1 qie4"),  # major concerns: 重 zhòng, 切 qiè
    ("双重标准", "shuang1 chong2 biao1 zhun3"),  # double standards: 重 chóng
    ("长治久安", "chang2 zhi4 jiu3 an1"),  # lasting stability: 长 cháng
    ("长臂管辖", "chang2 bi4 guan3 xia2"),  # long-arm jurisdiction: 长 cháng
    ("外交部长", "wai4 jiao1 bu4 zhang3"),  # Foreign Minister: 长 zhǎng
    ("干涉内政", "gan1 she4 nei4 zheng4"),  # interfere in internal affairs: 干 gān
    ("铸剑为犁", "zhu4 jian4 wei2 li2"),  # swords into plowshares: 为 wéi
    ("唯我独尊", "wei2 wo3 du2 zun1"),  # claim supremacy: 唯 wéi
    ("相向而行", "xiang1 xiang4 er2 xing2"),  # meet halfway: 相向 xiāngxiàng, 行 xíng
    ("薪火相传", "xin1 huo3 xiang1 chuan2"),  # pass the torch: 传 chuán
    ("强权政治", "qiang2 quan2 zheng4 zhi4"),  # power politics: 强 qiáng
    ("强迫劳动", "qiang3 po4 lao2 dong4"),  # forced labour: 强 qiǎng
    ("大国协调", "da4 guo2 xie2 tiao2"),  # major-country coordination: 调 tiáo
    ("主基调", "zhu3 ji1 diao4"),  # keynote: 调 diào
    ("种族灭绝", "zhong3 zu2 mie4 jue2"),  # genocide: 种 zhǒng
    ("与时俱进", "yu3 shi2 ju4 jin4"),  # keep pace with the times: 与 yǔ
    ("削足适履", "xue1 zu2 shi4 lu:3"),  # cut the feet to fit the shoes: 削 xuē, 履 lǚ
    ("一带一路", "yi1 dai4 yi1 lu4"),  # Belt and Road: 一 in citation tone
    ("亚投行", "ya4 tou2 hang2"),  # AIIB: 行 háng
    ("首相", "shou3 xiang4"),  # Prime Minister: 相 xiàng
    ("讲好中国故事", "jiang3 hao3 zhong1 guo2 gu4 shi5"),  # tell China's story well: 故事 gùshi
    ("交恶", "jiao1 wu4"),  # fall out: 恶 wù (loathe), not è
    ("强词夺理", "qiang3 ci2 duo2 li3"),  # resort to sophistry: 强 qiǎng
    ("强制技术转让", "qiang2 zhi4 ji4 shu4 zhuan3 rang4"),  # forced technology transfer: 强制 qiángzhì
    ("以小人之心度君子之腹", "yi3 xiao3 ren2 zhi1 xin1 duo2 jun1 zi3 zhi1 fu4"),  # 度 duó (measure)
    ("城镇调查失业率", "cheng2 zhen4 diao4 cha2 shi1 ye4 lu:4"),  # surveyed unemployment rate: 调 diào, 率 lǜ
    ("行政长官", "xing2 zheng4 zhang3 guan1"),  # Chief Executive: 行 xíng, 长 zhǎng
    ("是非曲直", "shi4 fei1 qu1 zhi2"),  # rights and wrongs: 曲 qū
    ("卡脖子", "qia3 bo2 zi5"),  # chokehold: 卡 qiǎ
]


@pytest.mark.parametrize(("hanzi", "numbered"), READINGS)
def test_reading(hanzi: str, numbered: str) -> None:
    assert ENTRIES[hanzi]["pinyin_numbered"] == numbered


@pytest.mark.parametrize(
    ("hanzi", "marked"),
    [
        ("人类命运共同体", "rénlèi mìngyùn gòngtóngtǐ"),
        ("一带一路", "yīdài yīlù"),
        ("多边主义", "duōbiān zhǔyì"),
        ("欧亚经济联盟", "Ōuyà Jīngjì Liánméng"),
        ("长治久安", "chángzhì jiǔ'ān"),
        ("战略机遇期", "zhànlüè jīyùqī"),
        ("仁爱礁", "Rén'ài Jiāo"),
        ("出尔反尔", "chū'ěr fǎn'ěr"),
    ],
)
def test_marked_pinyin_examples(hanzi: str, marked: str) -> None:
    assert ENTRIES[hanzi]["pinyin"] == unicodedata.normalize("NFC", marked)


# Terms of the bundled transcript (the foreign minister's press conference, 7 March 2021).
SEED_TERMS = [
    "人类命运共同体", "人类卫生健康共同体", "一带一路", "多边主义", "颜色革命",
    "十四五", "新发展格局", "港人治港", "爱国者治港",
    "一国两制", "高度自治", "长治久安", "全面战略协作伙伴关系", "中流砥柱",
    "元首外交", "百年华诞", "中华民族伟大复兴", "战略机遇期", "后疫情时代",
    "全人类共同价值", "继往开来", "推陈出新", "欧亚经济联盟", "薪火相传",
    "国际关系基本准则", "合宪合法", "增信释疑", "零和博弈", "相向而行",
    "重回正轨", "辞旧迎新", "铸剑为犁", "合法席位", "常任理事国",
    "与时俱进", "制度性对手", "疫苗民族主义", "免疫鸿沟", "量体裁衣",
    "削足适履", "唯我独尊", "休戚与共", "和而不同", "交流互鉴",
    "新冠疫苗实施计划", "中俄睦邻友好合作条约", "各美其美", "美美与共", "动荡不宁",
]


def test_seed_terms_occur_in_the_transcript() -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "")
    missing = [term for term in SEED_TERMS if term not in text]
    assert not missing


def test_seed_terms_are_in_the_glossary() -> None:
    missing = [term for term in SEED_TERMS if term not in ENTRIES]
    assert not missing


# --- Checks of the grown glossary (terms mined from the corpora) ---------------------------


def _char_readings(ch: str) -> set[str]:
    """Every reading pypinyin or CC-CEDICT knows for one character, numbered, ü as "u:"."""
    from pypinyin import Style, pinyin

    from flashgen.chinese.lexicon import lexicon

    found = {s.replace("ü", "u:").replace("v", "u:") for s in pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]}
    found |= {e.pinyin.lower().replace("ü", "u:") for e in lexicon().entries(ch)}
    return found


def test_every_syllable_is_a_reading_of_its_character() -> None:
    # A typo (政 zhen4) or a syllable shifted against its character fails here; a neutral
    # tone is accepted on any syllable the character can have (故事 gùshi).
    bad = {}
    for row in ROWS[1:]:
        for ch, syllable in zip(row[0], row[1].split()):
            known = _char_readings(ch)
            if syllable in known or (syllable.endswith("5") and any(k[:-1] == syllable[:-1] for k in known)):
                continue
            bad[row[0]] = (ch, syllable, sorted(known))
    assert not bad


#: Terms that lie inside a "name" of jieba's dictionary but are words of their own.
NOT_NAME_PIECES = {
    "亚信": "CICA, the Conference on Interaction and Confidence-Building Measures in Asia (jieba lists 尼西亚信 as a name)",
}


INSTITUTION = re.compile("[局部会院委署社党国省市]")


def test_no_term_is_a_fragment_of_a_name() -> None:
    # A piece of a person's name (克龙 of 马克龙, 锦涛 of 胡锦涛) is no term. Names: jieba's
    # person names and CC-CEDICT entries with life dates, of three or more characters. A
    # glossary entry lying inside one must be a CC-CEDICT headword in its own right.
    from importlib import resources

    from flashgen.chinese.lexicon import lexicon

    lex = lexicon()
    names: set[str] = set()
    with (resources.files("jieba") / "dict.txt").open("rb") as fh:
        for line in fh:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in ("nr", "nrt", "nrfg") and len(parts[0]) >= 3:
                names.add(parts[0])
    life_dates = re.compile(r"\(\d{1,4}(?: BC)?-")
    for simplified, senses in lex._con.execute("SELECT simp, senses FROM entry"):
        # Life dates of a person, not the years of an institution (国家新闻出版广电总局 2013-2018).
        if len(simplified) >= 3 and life_dates.search(senses) and not INSTITUTION.search(simplified):
            names.add(simplified)
    pieces: dict[str, str] = {}
    for name in names:
        for i in range(len(name)):
            for j in range(i + 2, len(name) + (1 if i else 0)):  # proper parts only
                pieces.setdefault(name[i:j], name)
    assert {"锦涛", "克龙", "朗普"} <= set(pieces)  # the check sees the pieces it is meant to catch
    bad = {row[0]: pieces[row[0]] for row in ROWS[1:]
           if row[0] in pieces and row[0] not in lex and row[0] not in NOT_NAME_PIECES}
    assert not bad


def _derive_texts() -> list[str] | None:
    """The derive split of the shared corpora (None when they are not on this machine)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from corpus import DATA, FILES, documents
    except ImportError:
        return None
    if not all((DATA / name).is_file() for name, _ in FILES.values()):
        return None
    from flashgen.source.convert import to_simplified

    return [to_simplified(doc.text)[0].replace("\n", "") for corpus in FILES for doc in documents(corpus, "derive")]  # type: ignore[arg-type]


def test_corpus_terms_occur_in_the_derive_corpora() -> None:
    texts = _derive_texts()
    if texts is None:
        pytest.skip("the shared corpora are not on this machine")
    wanted = {row[0] for row in ROWS[1:] if row[7] == "corpus"}
    by_start: dict[str, list[str]] = {}
    for term in wanted:
        by_start.setdefault(term[:2], []).append(term)
    found: set[str] = set()
    for text in texts:
        for i in range(len(text) - 1):
            for term in by_start.get(text[i : i + 2], ()):
                if term not in found and text.startswith(term, i):
                    found.add(term)
    assert sorted(wanted - found) == []


# Official renderings of mined terms: MFA, Xinhua and the English editions of the reports.
MINED_RENDERINGS = [
    ("政治互信", "political mutual trust"),  # political mutual trust
    ("社会主义市场经济体制", "socialist market economy"),  # the reports' rendering
    ("科学发展观", "Scientific Outlook on Development"),  # Hu Jintao's guiding concept
    ("社会主义初级阶段", "primary stage of socialism"),  # primary stage of socialism
    ("供给侧结构性改革", "supply-side structural reform"),  # supply-side structural reform
    ("稳中求进", "seek progress while maintaining stability"),  # general principle of work
    ("放管服改革", "reform to streamline administration, delegate power, improve regulation and upgrade services"),
    ("精神文明", "cultural and ethical progress"),  # GWR rendering, not "spiritual civilization"
    ("战略互惠关系", "mutually beneficial relationship based on common strategic interests"),  # China-Japan
    ("防空识别区", "air defense identification zone (ADIZ)"),  # ADIZ
    ("伊核问题全面协议", "Joint Comprehensive Plan of Action (JCPOA)"),  # the Iran nuclear deal
    ("两岸关系和平发展", "peaceful development of cross-Strait relations"),  # Taiwan policy
]


@pytest.mark.parametrize(("hanzi", "english"), MINED_RENDERINGS)
def test_mined_official_rendering_comes_first(hanzi: str, english: str) -> None:
    assert ENTRIES[hanzi]["english"].split(" | ")[0] == english
    assert ENTRIES[hanzi]["rendering"] == "official"


# Readings of mined terms that the two reading sources disagreed on, settled by review.
MINED_READINGS = [
    ("长效机制", "chang2 xiao4 ji1 zhi4"),  # long-term mechanism: 长 cháng
    ("退耕还林", "tui4 geng1 huan2 lin2"),  # return farmland to forest: 还 huán
    ("框架协议", "kuang4 jia4 xie2 yi4"),  # framework agreement: 框 kuàng
    ("朝鲜半岛局势", "chao2 xian3 ban4 dao3 ju2 shi4"),  # Korean Peninsula: 朝鲜 Cháoxiǎn
    ("难以为继", "nan2 yi3 wei2 ji4"),  # unsustainable: 为 wéi
    ("大局为重", "da4 ju2 wei2 zhong4"),  # put the overall interest first: 为 wéi
    ("正当合法权益", "zheng4 dang4 he2 fa3 quan2 yi4"),  # legitimate rights: 正当 zhèngdàng
    ("工商行政管理", "gong1 shang1 xing2 zheng4 guan3 li3"),  # industry and commerce administration: 行 xíng
    ("流血冲突", "liu2 xue4 chong1 tu1"),  # bloody clashes: 血 xuè
    ("中意政府委员会", "zhong1 yi4 zheng4 fu3 wei3 yuan2 hui4"),  # China-Italy committee: 中意 Zhōng Yì, not zhòngyì "to like"
    ("古为今用", "gu3 wei2 jin1 yong4"),  # make the past serve the present: 为 wéi
    ("一视同仁", "yi1 shi4 tong2 ren2"),  # treat all alike: 一 in citation tone
    ("友好合作关系", "you3 hao3 he2 zuo4 guan1 xi4"),  # 关系 guānxì, full tone as in the rest of the file
]


@pytest.mark.parametrize(("hanzi", "numbered"), MINED_READINGS)
def test_mined_reading(hanzi: str, numbered: str) -> None:
    assert ENTRIES[hanzi]["pinyin_numbered"] == numbered
