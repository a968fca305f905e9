"""The search worker's matching core, run in Node on small hand-made indexes (no browser, no build).

The worker keeps every section's text in one joined string; these pin what that must not change:
a term never matches across two sections, English words match at a word start only, titles count,
and a section's count stops at 20.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import IN_CI, ROOT

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "search-worker.js"
HARNESS = """
const fs = require("fs");
global.self = global; global.location = { href: "file:///w.js" };
global.addEventListener = () => {}; global.postMessage = () => {};
const input = JSON.parse(fs.readFileSync(0, "utf8"));
global.HANDBOOK_INDEX = input.index;
eval(fs.readFileSync(input.worker, "utf8"));
handbookSearch.load().then(() => {
  const out = {};
  for (const q of input.queries) out[q] = handbookSearch.search(q).items.flat().map(i => input.texts ? i.text : i.location);
  process.stdout.write(JSON.stringify(out));
});
"""


def search(docs: list[dict], queries: list[str], vocab: list[str] | None = None, texts: bool = False) -> dict[str, list[str]]:
    """Locations of the results of each query (texts=True: their highlighted texts)."""
    node = shutil.which("node")
    if node is None:
        if IN_CI:
            pytest.fail("node is missing: make test installs the Node tools")
        pytest.skip("node is not installed")
    index = {"lang": "zh", "docs": [{"l": d["l"], "t": d.get("t", ""), "x": d.get("x", "")} for d in docs],
             "vocab": vocab or []}
    data = json.dumps({"index": index, "worker": str(WORKER), "queries": queries, "texts": texts})
    result = subprocess.run([node, "-e", HARNESS], input=data, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_terms_do_not_match_across_sections():
    found = search([{"l": "a/#1", "x": "基层妇女"}, {"l": "a/#2", "x": "之家建设"}, {"l": "b/", "x": "妇女之家"}],
                   ["妇女之家"])
    assert found["妇女之家"] == ["b/"]


def test_quotes_are_ignored_and_compounds_found():
    found = search([{"l": "a/", "x": "开展妇女“两癌”筛查"}, {"l": "b/", "x": "关爱妇女儿童"}], ["两癌筛查", "儿童"])
    assert found["两癌筛查"] == ["a/"]
    assert found["儿童"] == ["b/"]


def test_english_matches_at_word_starts_only():
    found = search([{"l": "a/", "x": "a bright idea"}, {"l": "b/", "x": "women's rights"},
                    {"l": "c/", "x": "Petitions are handled"}], ["rights", "petit"])
    assert found["rights"] == ["b/"]
    assert found["petit"] == ["c/"]


def test_title_only_sections_are_found():
    found = search([{"l": "a/", "t": "信访代理制", "x": "见下文"}, {"l": "b/", "x": "无关"}], ["信访代理制"])
    assert found["信访代理制"] == ["a/"]


def test_counts_stop_at_twenty_per_section():
    # 400 occurrences count as 20, so the section that also has the word in its title ranks first
    # (counted in full, 400 would outscore 20 plus the title).
    found = search([{"l": "a/", "x": "维权 " * 400}, {"l": "b/", "t": "维权", "x": "维权 " * 20}], ["维权"])
    assert found["维权"] == ["b/", "a/"]


def test_words_of_a_run_the_text_lacks_are_matched_separately():
    found = search([{"l": "a/", "x": "流动妇女的服务工作"}, {"l": "b/", "x": "流动人口"}], ["流动妇女服务"],
                   vocab=["流动妇女", "服务"])
    assert found["流动妇女服务"][0] == "a/"


def test_what_is_found_through_brackets_is_also_highlighted():
    found = search([{"l": "a/", "x": "开展妇女【两癌】筛查"}, {"l": "b/", "x": "妇女《两癌》筛查"}], ["两癌筛查"], texts=True)
    assert found["两癌筛查"] == ["开展妇女【<mark data-md-highlight>两癌】筛查</mark>",
                                 "妇女《<mark data-md-highlight>两癌》筛查</mark>"]


def test_worker_and_index_builder_fold_the_same_characters():
    from scripts.publish.search_index import FOLDED, worker_source

    assert "【" in FOLDED and "《" in FOLDED
    assert worker_source()  # raises when the worker's `var FOLDED` line differs from FOLDED


def test_a_worker_whose_folded_characters_drift_is_refused(tmp_path, monkeypatch):
    from scripts.publish import search_index

    drifted = tmp_path / "w.js"
    drifted.write_text(WORKER.read_text("utf-8").replace("\\u3010\\u3011", ""), "utf-8")
    monkeypatch.setattr(search_index, "WORKER_SOURCE", drifted)
    with pytest.raises(ValueError, match="FOLDED"):
        search_index.worker_source()
