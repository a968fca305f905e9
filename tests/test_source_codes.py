"""Source pages and nav of a code: one page per chapter, each 编 (and 分编) a heading over its chapters."""
from __future__ import annotations

from scripts.core.yamlio import FRONT_MATTER, load_yaml
from scripts.corpus.nav import page_entries
from scripts.corpus.seeds import Seed
from scripts.corpus.split import split_file
from scripts.render.source import render_seed
from test_split_fixtures import FIXTURES


def seed_of(case: str) -> Seed:
    path = FIXTURES / case / "input.txt"
    return Seed(case, path, {}, split_file(path, case))


def test_a_books_heading_opens_on_its_first_chapters_page_and_nowhere_else():
    pages = render_seed(seed_of("code-parts"), default=False)
    folder = "source/code-parts"
    assert sorted(pages) == sorted(f"{folder}/{key}.md" for key in [
        "index", "book-1-chapter-1", "book-1-chapter-2", "book-2-chapter-1", "book-2-chapter-2", "book-2-chapter-3",
        "book-2-chapter-4", "book-2-chapter-5", "book-3-chapter-1", "book-3-chapter-2", "book-3-chapter-3",
        "supplementary"])
    first = pages[f"{folder}/book-2-chapter-1.md"]
    book = ('<p class="provision-group provision-book" id="bk2" data-provision="bk2" data-position="第二编">'
            "第二编　社会救助</p>")
    part = ('<p class="provision-group provision-subbook" id="bk2-1" data-provision="bk2-1" '
            'data-position="第二编第一分编">第一分编　通则</p>')
    assert first.index(book) < first.index(part) < first.index("# 第一章　一般规定")
    assert load_yaml(FRONT_MATTER.match(first)["yaml"])["provisions"][:4] == ["bk2", "bk2-1", "bk2-ch1", "10"]
    assert 'id="bk2"' not in pages[f"{folder}/book-2-chapter-2.md"]
    assert 'id="bk2-2"' in pages[f"{folder}/book-2-chapter-3.md"] and 'id="bk2"' not in pages[f"{folder}/book-2-chapter-3.md"]
    assert 'id="supp"' in pages[f"{folder}/supplementary.md"] and "# 附则" in pages[f"{folder}/supplementary.md"]


def test_the_index_shows_the_caption_and_lists_chapters_under_their_books():
    index = render_seed(seed_of("code-parts"), default=False)["source/code-parts/index.md"]
    assert '<p class="caption">（2024年3月11日示范国第十四届人民代表大会第二次会议通过　根据' in index
    assert ("- 第二编　社会救助\n    - 第一分编　通则\n        - [第一章　一般规定](book-2-chapter-1.md)\n"
            "        - [第二章　家庭经济状况核对](book-2-chapter-2.md)\n    - 第二分编　专项救助\n"
            "        - [第三章　最低生活保障](book-2-chapter-3.md)\n") in index
    assert index.endswith("- [附则](supplementary.md)\n")
    # A caption over three lines keeps its lines; a text without 编 keeps its flat list.
    law = render_seed(seed_of("law-full"), default=False)["source/law-full/index.md"]
    assert '<p class="caption">（2001年3月8日示范国第九届人民代表大会第四次会议通过<br>根据2010年' in law
    assert "\n- [第一章　总则](chapter-1.md)\n- [第二章　政治权利](chapter-2.md)\n" in law


def test_the_nav_groups_a_books_chapters_under_its_heading():
    entries = page_entries(split_file(FIXTURES / "code-parts" / "input.txt"), "s")
    assert entries == [
        {"第一编　总则": ["s/book-1-chapter-1.md", "s/book-1-chapter-2.md"]},
        {"第二编　社会救助": [{"第一分编　通则": ["s/book-2-chapter-1.md", "s/book-2-chapter-2.md"]},
                          {"第二分编　专项救助": ["s/book-2-chapter-3.md", "s/book-2-chapter-4.md",
                                            "s/book-2-chapter-5.md"]}]},
        {"第三编　妇女儿童福利": ["s/book-3-chapter-1.md", "s/book-3-chapter-2.md", "s/book-3-chapter-3.md"]},
        "s/supplementary.md"]
    assert page_entries(split_file(FIXTURES / "law-120" / "input.txt"), "s")[:2] == ["s/chapter-1.md", "s/chapter-2.md"]
