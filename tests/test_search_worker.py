"""The search worker, run in Node on small hand-made indexes written as the build writes them (no browser).

Each index here goes through the build's own writer (scripts/publish/search_index.py: a head and
text shards), and Node loads it through the worker's own loading code (importScripts). The worker
keeps each shard's section texts in one joined string; these pin what that must not change: a term
never matches across two sections, English words match at a word start only, titles count, a
section's count stops at 20; and what the library needs: results in reader form that lead to the
sentence they matched, the synonym table, a search limited to one text, and answers from part of
the index that say so.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import IN_CI, ROOT
from scripts.corpus.synonyms import Synonym
from scripts.publish import search_index
from scripts.publish.search_index import assemble, page_entry, write_index

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "search-worker.js"
HARNESS = """
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
global.self = global; global.location = { href: input.worker };
global.addEventListener = () => {};
const posted = [];
global.postMessage = (m) => posted.push(m);
// As the file:// shim does, importScripts may answer with a promise: with input.partial, the text
// shards' never settles (a slow network), so the head is all the worker has.
// With input.held, they arrive once the queries have been asked a first time (answers under "@before").
let release;
const held = new Promise((resolve) => { release = resolve; });
global.importScripts = (url) => {
  if (input.partial && url.includes("search-text.")) return new Promise(() => {});
  const run = () => { (0, eval)(fs.readFileSync(new URL(url).pathname, "utf8")); };
  if (input.held && url.includes("search-text.")) return held.then(run);
  run();
};
// With input.count, each answer says how many scans of the text looked for that word ("scanned").
let scanned = 0;
if (input.count) {
  const indexOf = String.prototype.indexOf;
  String.prototype.indexOf = function (s, from) { if (s === input.count) scanned++; return indexOf.call(this, s, from); };
}
(0, eval)(fs.readFileSync(new URL(input.worker).pathname, "utf8"));
const hs = handbookSearch;
const ask = () => {
  const out = {};
  for (const q of input.queries) { scanned = 0; out[q] = hs.search(q); out[q].scanned = scanned; }
  return out;
};
let before = null;
(input.held ? hs.load().then(() => { before = ask(); release(); return hs.loaded(); })
  : input.partial ? hs.load() : hs.loaded()).then(() => {
  if (input.scope !== null) hs.scope(input.scope);
  const out = ask();
  if (before) out["@before"] = before;
  out["@ready"] = posted.filter(m => m.type === "handbook-ready").map(m => m.data);
  process.stdout.write(JSON.stringify(out));
});
"""


def run_worker(tmp_path: Path, docs: list[dict], queries: list[str], vocab: list[str] | None = None,
               pages: dict | None = None, synonyms: list[Synonym] | None = None, scope: str | None = None,
               partial: bool = False, lang: str = "zh", held: bool = False, count: str = "") -> dict:
    """Every query's answer ({items, handbook}), asked in order of one worker; `partial`: with the head loaded and no
    text yet; `held`: asked first with the head alone (under "@before"), then again with the text; `count`: each
    answer's "scanned" is how many times the texts were searched for that word."""
    node = shutil.which("node")
    if node is None:
        if IN_CI:
            pytest.fail("node is missing: make test installs the Node tools")
        pytest.skip("node is not installed")
    site = tmp_path / "site"
    index = assemble(lang, [dict(d, t=d.get("t", ""), x=d.get("x", "")) for d in docs], pages or {}, vocab or [],
                     [s.as_index() for s in synonyms or []])
    write_index(site, index)
    worker = (site / "assets" / "javascripts" / f"search-worker.{lang}.js").as_uri()
    data = json.dumps({"worker": worker, "queries": queries, "scope": scope, "partial": partial, "held": held,
                       "count": count})
    result = subprocess.run([node, "-e", HARNESS], input=data, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def sections(answer: dict) -> list[dict]:
    """An answer's result sections, in order, without the page headings (each group's last item)."""
    return [i for group in answer["items"] for i in group[:-1]]


def search(tmp_path, docs, queries, vocab=None, texts=False, **kw) -> dict[str, list[str]]:
    """Each query's result sections, in order (their texts with texts=True), without the page headings."""
    found = run_worker(tmp_path, docs, queries, vocab, **kw)
    return {q: [i["text"] if texts else i["location"].rstrip("#") for i in sections(found[q])] for q in queries}


def test_terms_do_not_match_across_sections(tmp_path):
    found = search(tmp_path, [{"l": "a/#1", "x": "基层妇女"}, {"l": "a/#2", "x": "之家建设"}, {"l": "b/", "x": "妇女之家"}],
                   ["妇女之家"])
    assert found["妇女之家"] == ["b/"]


def test_quotes_are_ignored_and_compounds_found(tmp_path):
    found = search(tmp_path, [{"l": "a/", "x": "开展妇女“两癌”筛查"}, {"l": "b/", "x": "关爱妇女儿童"}], ["两癌筛查", "儿童"])
    assert found["两癌筛查"] == ["a/"]
    assert found["儿童"] == ["b/"]


def test_english_matches_at_word_starts_only(tmp_path):
    found = search(tmp_path, [{"l": "a/", "x": "a bright idea"}, {"l": "b/", "x": "women's rights"},
                              {"l": "c/", "x": "Petitions are handled"}], ["rights", "petit"], lang="en")
    assert found["rights"] == ["b/"]
    assert found["petit"] == ["c/"]


def test_typing_the_next_letter_searches_the_text_only_for_the_word_being_typed(tmp_path):
    """Each keystroke asks for the whole query again. The words before the one being typed are searched for once,
    not at every letter (at 100x in English: p90 per keystroke 71 -> 40 ms in Node), and every answer is the one a
    fresh worker gives. A word counted before the texts arrived is counted again once they are in."""
    docs = [{"l": "a/", "x": "migrant women workers"}, {"l": "b/", "t": "Migrant families", "x": "women's rights"},
            {"l": "c/", "x": "workers who migrate"}, {"l": "d/", "x": "women at work"}]
    typed = ["migr", "migrant", "migrant w", "migrant wo", "migrant wor", "women migrant"]
    found = run_worker(tmp_path, docs, typed, lang="en", count="migrant")
    scans = [found[q]["scanned"] for q in typed]
    assert scans[1] > 0 and scans[:1] + scans[2:] == [0] * 5, scans  # "migr" is another word
    for q in typed:
        assert found[q]["items"] == run_worker(tmp_path, docs, [q], lang="en")[q]["items"], q
    assert sections(found["migrant wor"])[0]["location"] == "a/#"
    held = run_worker(tmp_path, docs, ["migrant", "migrant w"], lang="en", held=True)

    def places(answer: dict) -> list[str]:
        return sorted(i["location"] for i in sections(answer))
    assert places(held["@before"]["migrant"]) == ["b/#"]  # the head alone: the title
    assert places(held["migrant"]) == ["a/#", "b/#"] == places(found["migrant"])


def test_title_only_sections_are_found(tmp_path):
    found = search(tmp_path, [{"l": "a/", "t": "信访代理制", "x": "见下文"}, {"l": "b/", "x": "无关"}], ["信访代理制"])
    assert found["信访代理制"] == ["a/"]


def test_counts_stop_at_twenty_per_section(tmp_path):
    # 400 occurrences count as 20, so the section that also has the word in its title ranks first
    # (counted in full, 400 would outscore 20 plus the title).
    found = search(tmp_path, [{"l": "a/", "x": "维权 " * 400}, {"l": "b/", "t": "维权", "x": "维权 " * 20}], ["维权"])
    assert found["维权"] == ["b/", "a/"]


def test_words_of_a_run_the_text_lacks_are_matched_separately(tmp_path):
    found = search(tmp_path, [{"l": "a/", "x": "流动妇女的服务工作"}, {"l": "b/", "x": "流动人口"}], ["流动妇女服务"],
                   vocab=["流动妇女", "服务"])
    assert found["流动妇女服务"][0] == "a/"


def test_what_is_found_through_brackets_is_also_highlighted(tmp_path):
    found = search(tmp_path, [{"l": "a/", "x": "开展妇女【两癌】筛查"}, {"l": "b/", "x": "妇女《两癌》筛查"}], ["两癌筛查"],
                   texts=True)
    assert found["两癌筛查"] == ["开展妇女【<mark data-md-highlight>两癌】筛查</mark>",
                                 "妇女《<mark data-md-highlight>两癌》筛查</mark>"]


def test_worker_and_index_builder_fold_the_same_characters():
    from scripts.core.fold import FOLDED
    from scripts.publish.search_index import worker_source

    assert "【" in FOLDED and "《" in FOLDED
    assert worker_source()  # raises when the worker's `var FOLDED` line differs from FOLDED


def test_a_worker_whose_folded_characters_drift_is_refused(tmp_path, monkeypatch):
    drifted = tmp_path / "w.js"
    drifted.write_text(WORKER.read_text("utf-8").replace("\\u3010\\u3011", ""), "utf-8")
    monkeypatch.setattr(search_index, "WORKER_SOURCE", drifted)
    with pytest.raises(ValueError, match="FOLDED"):
        search_index.worker_source()


# ------------------------------------------------------------------ a library: reader form, landing, synonyms

LAW = "《示例市妇女权益保障条例》"
LIBRARY = [
    {"l": "guidance/x/", "t": "家庭教育指导", "x": "组织开展家庭教育讲座。"},
    {"l": "source/women/chapter-4/", "t": "第四章　人身和人格权益", "x": "", "d": "women", "dt": "示例市妇女权益保障条例",
     "p": "第四章"},
    {"l": "source/women/chapter-4/#17-第十七条", "t": "17 第十七条", "d": "women", "p": "第十七条",
     "x": "禁止对妇女实施家庭暴力。公安机关应当预防和制止家庭暴力。",
     "a": [[0, "17.1.1", "第十七条第一款"], [12, "17.2.1", "第十七条第二款"]]},
    {"l": "source/women/chapter-4/#20-第二十条", "t": "20 第二十条", "d": "women", "p": "第二十条",
     "x": "遭受家庭暴力的妇女，可以申请人身安全保护令。", "a": [[0, "20.1.1", "第二十条第一款"]]},
    {"l": "source/law/chapter-4/#22-第二十二条", "t": "22 第二十二条", "d": "law", "dt": "示范妇女权益保障法",
     "p": "第二十二条", "x": "用人单位应当定期为女职工安排妇科疾病、乳腺疾病检查。", "a": [[0, "22.1.1", "第二十二条第一款"]]},
    {"l": "source/assist/chapter-4/#20-第二十条", "t": "20 第二十条", "d": "assist", "dt": "示例市社会救助条例",
     "p": "第二十条", "x": "本条例所称最低生活保障边缘家庭，是指不符合最低生活保障条件的家庭。",
     "a": [[0, "20.1.1", "第二十条第一款"]]},
]
PAGES = {"guidance/x/": page_entry("家庭教育指导", "解读"),
         "source/women/chapter-4/": page_entry("第四章　人身和人格权益", "原文", "women")}
TABLE = [Synonym(("家暴",), ("家庭暴力",), "家暴是家庭暴力的简称。"),
         Synonym(("两癌",), ("宫颈癌", "乳腺癌", "妇科疾病", "乳腺疾病"), "两癌指宫颈癌和乳腺癌。"),
         Synonym(("低收入困难家庭",), ("最低生活保障边缘家庭",), kind="renamed")]


def test_a_result_names_its_text_and_provision_and_leads_to_the_sentence_it_matched(tmp_path):
    found = run_worker(tmp_path, LIBRARY, ["预防和制止家庭暴力", "家庭教育"], pages=PAGES)
    group = found["预防和制止家庭暴力"]["items"][0]
    section, heading = group[0], group[-1]
    # The match is in the second 款: the link goes to its sentence, and the title names that 款.
    assert section["location"] == "source/women/chapter-4/#17.2.1"
    assert section["title"] == f"{LAW}第十七条第二款"
    # The group's heading (Material shows the item without "#", else the last) is the page, in
    # reader form under its nav section, and it leads to the same sentence, not to the top of the page.
    assert all("#" in item["location"] for item in group)
    assert heading["location"] == "source/women/chapter-4/#17.2.1"
    assert heading["title"] == f'<span class="search-result-kind">原文</span>{LAW}第四章　人身和人格权益'
    guidance = found["家庭教育"]["items"][0]
    assert guidance[-1]["title"].startswith('<span class="search-result-kind">解读</span>')
    assert guidance[0]["location"] == "guidance/x/#"  # the page's own section: its top, still with a "#"


def test_no_missing_terms_are_listed(tmp_path):
    """Material lists the terms flagged false as 缺少: …; only found terms are passed (they highlight the page)."""
    found = run_worker(tmp_path, LIBRARY, ["家庭暴力 火星"])
    items = [i for group in found["家庭暴力 火星"]["items"] for i in group]
    assert items and all(i["terms"] == {"家庭暴力": True} for i in items)


def test_a_word_of_the_synonym_table_finds_the_texts_wording_and_says_why(tmp_path):
    found = run_worker(tmp_path, LIBRARY, ["家暴", "两癌筛查", "两癌", "低收入困难家庭"], pages=PAGES, synonyms=TABLE)
    first = found["家暴"]["items"][0]
    assert first[0]["title"] == f"{LAW}第十七条第一款"
    assert "<mark data-md-highlight>家庭暴力</mark>" in first[0]["text"]
    assert first[0]["terms"] == {"家庭暴力": True}  # the page highlights the text's word
    assert found["家暴"]["handbook"]["why"] == ["“家暴”也按“家庭暴力”查找：家暴是家庭暴力的简称。"]
    # Inside a longer run too: 两癌筛查 is 两癌 + 筛查, and 两癌 reaches 妇科疾病、乳腺疾病检查.
    assert [g[0]["location"] for g in found["两癌"]["items"]] == ["source/law/chapter-4/#22.1.1"]
    assert found["两癌"]["handbook"]["why"] == ["“两癌”也按“妇科疾病、乳腺疾病”查找：两癌指宫颈癌和乳腺癌。"]
    # A renamed term says what it is called now.
    assert found["低收入困难家庭"]["items"][0][0]["title"] == "《示例市社会救助条例》第二十条第一款"
    assert found["低收入困难家庭"]["handbook"]["why"] == ["“最低生活保障边缘家庭”原称“低收入困难家庭”"]


def test_the_synonym_table_loses_no_result_of_a_query_without_its_words(tmp_path):
    queries = ["家庭暴力", "妇女", "家庭教育", "保护令", "女职工检查"]
    plain = search(tmp_path / "a", LIBRARY, queries)
    with_table = search(tmp_path / "b", LIBRARY, queries, synonyms=TABLE)
    assert plain == with_table and all(plain.values())


def test_a_search_limited_to_one_text_finds_only_its_provisions(tmp_path):
    found = run_worker(tmp_path, LIBRARY, ["妇女", "家庭教育"], pages=PAGES, scope="women")
    assert {i["location"].split("#")[0] for g in found["妇女"]["items"] for i in g} == {"source/women/chapter-4/"}
    assert found["妇女"]["handbook"]["scope"] == "women"
    assert found["家庭教育"]["items"] == []
    # The texts it can be limited to, as the search box lists them.
    assert found["@ready"][0]["texts"] == [["women", "示例市妇女权益保障条例"], ["law", "示范妇女权益保障法"],
                                           ["assist", "示例市社会救助条例"]]


def test_the_head_answers_from_titles_before_the_text_arrives(tmp_path):
    found = run_worker(tmp_path, LIBRARY, ["家庭教育指导", "家庭暴力"], pages=PAGES, partial=True)
    assert found["家庭教育指导"]["handbook"]["complete"] is False
    assert [g[0]["location"] for g in found["家庭教育指导"]["items"]] == ["guidance/x/#"]
    assert found["家庭暴力"]["items"] == []  # only in texts, which have not arrived


def test_shards_give_the_same_results_as_one_index(tmp_path, monkeypatch):
    docs = [{"l": f"p{i}/#s{j}", "t": f"标题{j}", "x": f"第{i}页第{j}节：妇女之家建设和维权服务" + "。" * (i * j % 7)}
            for i in range(30) for j in range(5)]
    queries = ["妇女之家", "维权服务", "标题3", "第7页"]
    whole = run_worker(tmp_path / "one", docs, queries)
    monkeypatch.setattr(search_index, "SHARD_BYTES", 300)
    sharded = run_worker(tmp_path / "many", docs, queries)
    shards = list((tmp_path / "many" / "site" / "assets" / "javascripts").glob("search-text.zh.*.js"))
    assert len(shards) > 10
    for q in queries:
        assert sharded[q]["items"] == whole[q]["items"] and whole[q]["items"], q
