"""What a process keeps between builds (make serve rebuilds in one process) is given again only for
the same input: a changed text is split and rendered again."""
import shutil
from pathlib import Path

from conftest import ROOT

from scripts.corpus.seeds import load_corpus
from scripts.corpus.split import split_file
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
