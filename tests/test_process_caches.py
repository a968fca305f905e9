"""What a process keeps between builds (make serve rebuilds in one process) is given again only for
the same input: a changed text is split and rendered again."""
import os
import py_compile
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

from scripts.core import cachefile
from scripts.corpus import split as split_module
from scripts.corpus.seeds import load_corpus
from scripts.corpus.split import split_cache_file, split_file
from scripts.dev.handbook_copy import copy_handbook
from scripts.render.source import render_corpus


def test_a_text_is_split_again_when_its_bytes_change(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("关于某项工作的意见\n\n一、总体要求\n\n做好工作。\n\n二、主要任务\n\n抓好落实。\n", encoding="utf-8")
    first = split_file(path)
    assert split_file(path) is first  # the same bytes: the same document
    path.write_text(path.read_text("utf-8").replace("抓好落实。", "抓好落实。加强检查。"), encoding="utf-8")
    again = split_file(path)
    assert again is not first and "加强检查。" in [s.text for s in again.sentences.values()]


def test_a_texts_pages_are_rendered_again_when_seeds_change(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    first = render_corpus(load_corpus(seeds))
    assert render_corpus(load_corpus(seeds)) == first
    # The translation is read while rendering, not while splitting: only the cache's own key sees it.
    translation = seeds / "shunyi-women-social-management.en.yml"
    translation.write_text(translation.read_text("utf-8").replace("title: ", "title: NEW ", 1), encoding="utf-8")
    pages = render_corpus(load_corpus(seeds))
    index = "source/shunyi-women-social-management/index.en.md"
    assert "NEW" in pages[index] and "NEW" not in first[index]


def test_make_keeps_python_s_compiled_modules_where_the_environment_says_not_to(tmp_path):
    """Container images set PYTHONDONTWRITEBYTECODE=1; every command make runs would then compile the scripts
    package again. The Makefile unsets it for what it runs, and a copy of the handbook keeps the compiled modules."""
    probe = subprocess.run(["make", "-s", "--no-print-directory", "--eval", 'probe: ; @echo "[$$PYTHONDONTWRITEBYTECODE]"',
                            "probe"], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=True)
    assert probe.stdout == "[]\n"
    compiled = Path(py_compile.compile(str(ROOT / "scripts" / "__init__.py")))  # a cache file, ignored by git
    copy = copy_handbook(tmp_path / "copy")
    assert (copy / compiled.relative_to(ROOT)).read_bytes() == compiled.read_bytes()


def test_a_split_text_is_read_back_by_the_next_process_while_its_bytes_and_the_code_are_the_same(tmp_path, monkeypatch):
    """load_corpus with a cache folder keeps each text's split (every check and build loads every text): the next
    process reads it back, an edited text or changed code is split again, and what comes back is the same split."""
    seed = tmp_path / "t.txt"
    seed.write_text("关于某项工作的意见\n\n一、总体要求\n\n做好工作。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    splits = []
    real = split_module.split_text
    monkeypatch.setattr(split_module, "split_text", lambda *a: splits.append(a[2]) or real(*a))

    def new_process_split():
        split_module._SPLIT.clear()  # what a new process starts with
        return split_module.split_file(seed, "t", cache)

    first = new_process_split()
    assert splits == ["t"] and len(list(cache.glob("*.pickle"))) == 1
    again = new_process_split()
    assert splits == ["t"] and again is not first and split_module.rows(again) == split_module.rows(first)
    seed.write_text(seed.read_text("utf-8") + "\n二、主要任务\n\n抓好落实。\n", encoding="utf-8")
    assert "二、主要任务" in [p.heading for p in new_process_split().provisions.values()] and splits == ["t", "t"]
    assert len(list(cache.glob("*.pickle"))) == 1  # the edited text replaced its own file
    monkeypatch.setattr(cachefile, "code_digest", lambda: b"other code")
    new_process_split()
    assert splits == ["t", "t", "t"]


def test_a_text_taken_out_of_seeds_leaves_no_split_behind(tmp_path):
    seeds, cache = tmp_path / "seeds", tmp_path / "cache"
    seeds.mkdir()
    for slug, title in (("a", "关于甲项工作的意见"), ("b", "关于乙项工作的通知")):
        (seeds / f"{slug}.txt").write_text(f"{title}\n\n一、总体要求\n\n做好工作。\n", encoding="utf-8")
    (seeds / "a.yml").write_text("default: true\n", encoding="utf-8")
    assert sorted(load_corpus(seeds, cache).seeds) == ["a", "b"] and len(list(cache.glob("*.pickle"))) == 2
    (seeds / "b.txt").unlink()
    assert sorted(load_corpus(seeds, cache).seeds) == ["a"]
    assert [p.name for p in cache.glob("*.pickle")] == [split_cache_file(cache, seeds / "a.txt", "a").name]
