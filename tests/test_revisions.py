"""Revisions as an official comparison table (issue 25): article by article, word by word, dated by the 题注,
renamed terms found. Two synthetic revisions are added to a copy of the handbook with the real commands:
an amendment that renames two terms throughout (tests/fixtures/split/reg-v1 → reg-v2) and a full revision
that renumbers, swaps two chapters, splits, merges, deletes and adds articles (rev-full-v1 → rev-full-v2)."""
from __future__ import annotations

import difflib
import hashlib
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, copy_project, run
from scripts.core.yamlio import load_yaml
from scripts.corpus.align import SIMILAR, _similar, align
from scripts.corpus.compare import compare
from scripts.corpus.split import split_file
from scripts.corpus.words import word_diff
from scripts.dev.bench import bench_alignment

SPLIT = ROOT / "tests" / "fixtures" / "split"
GOLDEN = ROOT / "tests" / "fixtures" / "revisions"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
AMENDED, REVISED = "social-assistance", "women-rights"
# The floor of the article mapping's precision and recall on the full revision (make bench prints the figures).
FLOOR = 0.95


def policy(project: Path, *args: str):
    return run(sys.executable, "-m", "scripts.policy", "--root", str(project), *args, cwd=project)


def versions(project: Path, *args: str):
    return run(sys.executable, "-m", "scripts.versions", "--root", str(project), *args, cwd=project)


def added(project: Path, slug: str, v1: str, v2: str | None = None, date: str | None = None) -> Path:
    result = policy(project, "add", str(SPLIT / v1 / "input.txt"), slug)
    assert result.returncode == 0, result.stderr
    if v2:
        result = versions(project, "add", slug, str(SPLIT / v2 / "input.txt"), *([date] if date else []))
        assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The handbook with both revised policies, added and revised by make add-policy and make add-version."""
    project = copy_project(tmp_path_factory.mktemp("library") / "p")
    added(project, AMENDED, "reg-v1", "reg-v2")
    added(project, REVISED, "rev-full-v1", "rev-full-v2")
    return project


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


# ---------------------------------------------------------------- words


@pytest.mark.parametrize("old, new, expected", [
    ("社会团体", "群团组织", [("-", "社会团体"), ("+", "群团组织")]),
    # jieba cuts 支出/型/贫困家庭 and 刚性/支出/困难/家庭: the shared 支出 must not split the phrase in two
    ("支出型贫困家庭", "刚性支出困难家庭", [("-", "支出型贫困家庭"), ("+", "刚性支出困难家庭")]),
    # the most text in common, not the longest block first (困难家庭 of one term paired with the other's)
    ("以及对低收入困难家庭、支出型贫困家庭的救助", "以及对最低生活保障边缘家庭、刚性支出困难家庭的救助",
     [("=", "以及对"), ("-", "低收入困难"), ("+", "最低生活保障边缘"), ("=", "家庭、"), ("-", "支出型贫困家庭"),
      ("+", "刚性支出困难家庭"), ("=", "的救助")]),
    ("降低其工资、福利待遇或者解除劳动合同。", "降低其工资和福利待遇，限制其晋职、晋级，或者解除劳动合同。",
     [("=", "降低其工资"), ("-", "、"), ("+", "和"), ("=", "福利待遇"), ("+", "，限制其晋职、晋级，"),
      ("=", "或者解除劳动合同。")]),
    ("第一款。\n第二款甲。", "第一款。\n第二款乙。", [("=", "第一款。\n第二款"), ("-", "甲"), ("+", "乙"), ("=", "。")]),
])
def test_changes_are_marked_as_whole_words(old, new, expected):
    ops = word_diff(old, new)
    assert ops == expected
    assert "".join(t for op, t in ops if op != "+") == old and "".join(t for op, t in ops if op != "-") == new


def test_kept_terms_are_one_word_each_and_stay_apart():
    keep = ("低收入困难家庭", "最低生活保障边缘家庭", "支出型贫困家庭", "刚性支出困难家庭")
    assert word_diff("对低收入困难家庭和支出型贫困家庭的成员", "对最低生活保障边缘家庭和刚性支出困难家庭的成员", keep) == [
        ("=", "对"), ("-", "低收入困难家庭"), ("+", "最低生活保障边缘家庭"), ("=", "和"),
        ("-", "支出型贫困家庭"), ("+", "刚性支出困难家庭"), ("=", "的成员")]


# ---------------------------------------------------------------- the article mapping


def rows_of(v1: str, v2: str):
    old, new = split_file(SPLIT / v1 / "input.txt"), split_file(SPLIT / v2 / "input.txt")
    return compare(old, new, align(old, new))


def test_full_revision_mapping_precision_and_recall_have_a_floor():
    scores = bench_alignment()
    assert scores["links"] == 36  # 30 old articles, 3 deleted, one split in two, two merged, 5 new
    assert scores["precision"] >= FLOOR and scores["recall"] >= FLOOR, scores


def test_full_revision_rows_in_the_new_order_with_removed_ones_where_they_stood():
    table = rows_of("rev-full-v1", "rev-full-v2")
    rows = [(r.kind, r.old, r.new) for r in table.rows]
    assert ("split", ("12",), ("19", "20")) in rows
    assert ("merged", ("22", "23"), ("25",)) in rows
    assert ("moved", ("ch4",), ("ch3",)) in rows and ("moved", ("ch3",), ("ch4",)) in rows  # chapters swapped
    assert ("changed", ("10",), ("17",)) in rows and ("moved", ("15",), ("9",)) in rows
    order = [r.new[0] if r.new else f"-{r.old[0]}" for r in table.rows]
    # Removed 7 after old 6 (now 7), 19 after old 18 (now 12), 27 after old 26 (now 29).
    assert order.index("-7") == order.index("7") + 1 and order.index("-19") == order.index("12") + 1
    assert order.index("-27") == order.index("29") + 1
    assert [n for r in table.rows for n in r.new] == list(table.new)  # every new unit once, in the text's order
    assert table.counts() == {"changed": 7, "added": 5, "removed": 3, "split": 1, "merged": 1, "regrouped": 0,
                              "moved": 14, "unchanged": 10}


def test_an_amendment_changes_fourteen_articles_and_a_chapter_heading():
    table = rows_of("reg-v1", "reg-v2")
    changed = [r.new[0] for r in table.rows if r.kind == "changed"]
    assert changed == ["2", "5", "8", "16", "17", "18", "ch4", "20", "21", "22", "23", "24", "25", "26", "27"]
    assert all(r.old == r.new for r in table.rows)


# ---------------------------------------------------------------- add-version: renames, dates


def test_add_version_writes_the_renamed_terms_with_counts(library):
    data = load_yaml((library / "seeds/versions" / AMENDED / "renames.yml").read_text("utf-8"))
    assert data == [
        {"old": "低收入困难家庭", "new": "最低生活保障边缘家庭", "version": "v2", "count": 10,
         "note": "《示例市社会救助条例》2021-06-24修正后改称“最低生活保障边缘家庭”，原称“低收入困难家庭”。"},
        {"old": "支出型贫困家庭", "new": "刚性支出困难家庭", "version": "v2", "count": 8,
         "note": "《示例市社会救助条例》2021-06-24修正后改称“刚性支出困难家庭”，原称“支出型贫困家庭”。"}]
    # A full revision that rewords 房屋 → 不动产 once, while 房屋 stays elsewhere, renames nothing.
    assert not (library / "seeds/versions" / REVISED / "renames.yml").exists()


def test_the_dates_come_from_each_versions_caption(library):
    from scripts.corpus.seeds import load_corpus

    rows = load_yaml((library / "seeds/versions" / AMENDED / "versions.yml").read_text("utf-8"))
    assert rows == [{"date": "2015-09-25", "status": "已修订"}, {"date": "2021-06-24", "status": "现行"}]
    seed = load_corpus(library / "seeds").seeds[REVISED]
    assert [(v.label, v.date, v.act) for v in seed.versions] == [("v1", "2012-07-27", "通过"), ("v2", "2023-10-26", "修订")]


def test_a_date_the_caption_contradicts_is_refused_at_the_caption(tmp_path):
    project = added(copy_project(tmp_path / "p"), REVISED, "rev-full-v1")
    before = tree(project)
    result = versions(project, "add", REVISED, str(SPLIT / "rev-full-v2" / "input.txt"), "2023-11-30")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{SPLIT / 'rev-full-v2' / 'input.txt'}:2:78: VERSION_INPUT DATE=2023-11-30 contradicts the 题注, which "
        "dates this version 2023-10-26 (修订) (hint: leave DATE out, or give DATE=2023-10-26)")
    assert tree(project) == before
    assert versions(project, "add", REVISED, str(SPLIT / "rev-full-v2" / "input.txt"), "2023-10-26").returncode == 0


def test_without_a_caption_the_date_is_needed(tmp_path):
    from revision import revised_seed_text

    project = copy_project(tmp_path / "p")
    seed = tmp_path / "v2.txt"
    seed.write_text(revised_seed_text(), "utf-8")
    before = tree(project)
    result = versions(project, "add", "shunyi-women-social-management", str(seed))
    assert result.returncode == 1 and result.stderr.startswith(
        f"{seed}:1:1: VERSION_INPUT no date: the text has no 题注 that says when it was adopted or amended")
    assert tree(project) == before


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("slug", [AMENDED, REVISED])
@pytest.mark.parametrize("page", ["changes.md", "changes.en.md"])
def test_the_comparison_page_matches_its_golden_file(library, slug, page):
    text = (library / "docs/source" / slug / page).read_text("utf-8")
    golden = GOLDEN / f"{slug}-{page}"
    if UPDATE:
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_the_note_on_a_changed_article_links_to_its_own_row(library):
    page = (library / "docs/source" / REVISED / "chapter-4.md").read_text("utf-8")  # 人身和人格权益, now 第四章
    assert "[本条于2023\\-10\\-26修改](changes.md#v2-17){ .revision-note }" in page
    assert "[本条于2023\\-10\\-26新增](changes.md#v2-23){ .revision-note }" in page
    assert "(changes.md#v2-16)" not in page  # 第十六条 only moved: no note
    changes = (library / "docs/source" / REVISED / "changes.md").read_text("utf-8")
    assert 'id="v2-17"' in changes and 'id="v2-20"' in changes  # 第二十条, the second half of a split row


def test_an_old_versions_pages_say_what_each_article_became(library):
    old = (library / "docs/source" / REVISED / "v1" / "chapter-3.md").read_text("utf-8")  # v1's 人身和人格权益
    assert "[现为第十七条，已修改](../chapter-4.md#17){ .revision-note }" in old
    assert "[现为第十六条，文字未改](../chapter-4.md#16){ .revision-note }" in old
    assert "[现为第十九条、第二十条，已修改](../chapter-4.md#19){ .revision-note }" in old
    removed = (library / "docs/source" / REVISED / "v1" / "chapter-2.md").read_text("utf-8")
    assert "[现行文本已删去本条](../changes.md){ .revision-note }" in removed


def test_the_library_checks_clean(library):
    result = run(sys.executable, "-m", "scripts.check", "--root", str(library), cwd=ROOT)
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------- citing a version on purpose


def test_a_version_cited_on_purpose_links_to_that_versions_page(library):
    from scripts.corpus.seeds import load_corpus
    from scripts.pages.collect import collect_page
    from scripts.render.cite import transform

    corpus = load_corpus(library / "seeds")
    rec = collect_page("guidance/x.md", "---\nkind: guidance\n---\n\n修订前（§women-rights@v1:12），现在（§women-rights:19）。\n")
    assert [(c.doc, c.version, c.id) for c in rec.citations] == [(REVISED, "v1", "12"), (REVISED, "", "19")]
    html = transform(rec, corpus, directory_urls=True)
    old_link = html[html.index('<a class="cite" href="../../source/women-rights/v1/chapter-3/#12"'):]  # v1's 第三章
    assert "向人民法院申请人身安全保护令的，妇女联合会" in old_link[:old_link.index("</a>")]  # the preview is v1's text
    assert '<a class="cite" href="../../source/women-rights/chapter-4/#19"' in html


def check_page(project: Path, rel: str, body: str):
    page = project / "docs" / rel
    page.write_text(page.read_text("utf-8") + body, "utf-8")
    return run(sys.executable, "-m", "scripts.check", "--root", str(project), cwd=ROOT).stdout


def test_a_version_cited_on_purpose_is_checked_in_that_version_and_never_moved(tmp_path):
    project = copy_project(tmp_path / "p")
    added(project, REVISED, "rev-full-v1", "rev-full-v2")
    out = check_page(project, "guidance/2-5.md",
                     "\n修订前写的是“向人民法院申请人身安全保护令的”（§women-rights@v1:12），"
                     "不是“可以向人民法院申请人身安全保护令。”（§women-rights@v1:12）；"
                     "另见§women-rights@v3:1、§women-rights@v1:31。\n")
    lines = [ln for ln in out.splitlines() if "guidance/2-5.md" in ln and "TRANSLATION" not in ln]
    assert [ln.split(" ")[1] for ln in lines] == ["QUOTE_MISMATCH", "UNKNOWN_VERSION", "UNKNOWN_PROVISION"]
    assert "quotation '可以向人民法院申请人身安全保护令。' is not in §women-rights@v1:12 of the text" in lines[0]
    assert "§women-rights@v3:1: women-rights has no version v3 (hint: versions: v1, v2)" in lines[1]
    assert "§women-rights@v1:31: women-rights v1 has no provision 31" in lines[2]
    assert "CITATION_MOVED" not in out  # v1's 第十二条 is 第十九条、第二十条 now, but the page means v1
    assert run(sys.executable, "-m", "scripts.review", "--root", str(project), "rewrite", cwd=project).returncode == 0
    assert "（§women-rights@v1:12）" in (project / "docs/guidance/2-5.md").read_text("utf-8")  # left as written


# ---------------------------------------------------------------- renamed terms on pages


def test_rewrite_applies_only_the_renames_a_reviewer_confirms(tmp_path):
    project = copy_project(tmp_path / "p")
    added(project, AMENDED, "reg-v1", "reg-v2")
    guidance = project / "docs/guidance/2-5.md"
    guidance.write_text(guidance.read_text("utf-8") + "\n走访低收入困难家庭和支出型贫困家庭（§2.5.3）；"
                        "最低生活保障边缘家庭原称“低收入困难家庭”。\n", "utf-8")
    out = run(sys.executable, "-m", "scripts.check", "--root", str(project), "--verbose", cwd=ROOT).stdout
    assert len([ln for ln in out.splitlines() if " TERM_RENAMED [warning] " in ln]) == 2
    before = tree(project)
    refused = run(sys.executable, "-m", "scripts.review", "--root", str(project), "rewrite",
                  "--rename", "低收入困难家庭", "--rename", "贫困家庭", cwd=project)
    assert refused.returncode == 1 and refused.stderr.startswith(
        "贫困家庭:1:1: VERSION_INPUT --rename 贫困家庭: no policy renamed 贫困家庭 (hint: renames: 低收入困难家庭, 支出型贫困家庭)")
    assert tree(project) == before  # a refused rename changes nothing
    done = run(sys.executable, "-m", "scripts.review", "--root", str(project), "rewrite", "--rename", "低收入困难家庭",
               cwd=project)
    assert done.returncode == 0, done.stderr
    text = guidance.read_text("utf-8")
    assert "走访最低生活保障边缘家庭和支出型贫困家庭（§2.5.3）；最低生活保障边缘家庭原称“低收入困难家庭”。" in text
    out = run(sys.executable, "-m", "scripts.check", "--root", str(project), "--verbose", cwd=ROOT).stdout
    assert [ln.split(" ", 3)[3].split(" ")[0] for ln in out.splitlines() if " TERM_RENAMED " in ln] == ["支出型贫困家庭"]


def test_a_malformed_renames_file_is_refused_at_its_line(tmp_path):
    from scripts.core.diagnostics import DiagnosticError
    from scripts.corpus.renames import load

    path = tmp_path / "versions" / "x" / "renames.yml"
    path.parent.mkdir(parents=True)
    path.write_text("- old: 甲\n  new: 乙\n  version: v2\n- old: 丙\n  version: v2\n- old: 丁\n  new: 戊\n  version: v9\n",
                    "utf-8")
    with pytest.raises(DiagnosticError) as err:
        load(tmp_path, "x", ["v1", "v2"])
    assert [(d.line, d.code, d.message) for d in err.value.diags] == [
        (4, "VERSION_INPUT", "a rename needs old, new and version"), (6, "VERSION_INPUT", "rename 丁: no version 'v9'")]


# ---------------------------------------------------------------- in a browser: desktop, phone, print, file://

CHANGES = f"source/{REVISED}/changes/"
SHOWN_ROWS = 17  # women-rights v1 → v2: 7 changed, 5 added, 3 removed, 1 split, 1 merged (of 41 rows)


@pytest.fixture(scope="module")
def library_site(library, tmp_path_factory) -> Path:
    """The library built as make build builds it (pages, safety and CJK checks, the offline bundle)."""
    from conftest import build

    site = tmp_path_factory.mktemp("library-site") / "site"
    result = build(site, "generated", "html", "html_safety", "cjk_spacing", "bundle", project=library)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def library_url(library_site):
    from conftest import serve

    yield from serve(library_site)


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("tbody.revision-row", "els => els.filter(e => e.offsetParent).map(e => e.id)")


@pytest.mark.build
def test_the_table_shows_changed_rows_and_an_accessible_switch_shows_all(browser, library_url):
    from conftest import open_page
    from test_gates import axe

    for page in open_page(browser, viewport={"width": 1280, "height": 900}):
        page.goto(library_url + CHANGES)
        switch = page.get_by_role("button", name="显示全部 41 条（含未修改和只改了编号的）")
        assert switch.get_attribute("aria-pressed") == "false"
        assert len(visible_rows(page)) == SHOWN_ROWS and "v2-16" not in visible_rows(page)
        switch.click()
        assert switch.get_attribute("aria-pressed") == "true" and len(visible_rows(page)) == 41
        switch.press("Enter")  # a keyboard reaches it too
        assert len(visible_rows(page)) == SHOWN_ROWS
        # A link to a row that is hidden (第九条 → 第十六条, renumbered only) shows every row and lands on it.
        page.goto(library_url + CHANGES + "#v2-16")
        assert "v2-16" in visible_rows(page) and switch.get_attribute("aria-pressed") == "true"
        strong = page.eval_on_selector("tbody#v2-17 ins", "e => getComputedStyle(e).fontWeight")
        assert int(strong) >= 700  # changed words are bold, as the NPC's tables mark them
        assert page.errors == []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        assert axe(context.new_page(), library_url + CHANGES) == []
    finally:
        context.close()


@pytest.mark.build
def test_on_a_phone_the_two_columns_stack(phone, library_url):
    phone.goto(library_url + CHANGES + "#v2-17")
    old, new = (phone.eval_on_selector(f"tbody#v2-17 td.{side}", "e => e.getBoundingClientRect().toJSON()")
                for side in ("revision-old", "revision-new"))
    assert new["top"] >= old["bottom"] - 1 and abs(new["left"] - old["left"]) < 1  # one above the other
    assert old["width"] > 300  # each as wide as the phone, not half of it
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390  # nothing runs off the side
    label = phone.eval_on_selector("tbody#v2-17 td.revision-new", "e => getComputedStyle(e, '::before').content")
    assert label == '"修改后"'


@pytest.mark.build
def test_the_table_prints_on_a4_without_clipping(browser, library_url, tmp_path):
    from conftest import open_page

    for page in open_page(browser, viewport={"width": 688, "height": 1000}):  # A4 less the 14 mm margins, at 96 dpi
        page.goto(library_url + CHANGES)
        page.emulate_media(media="print")
        table = page.eval_on_selector("table.revision-table", "e => [e.scrollWidth, e.clientWidth, "
                                      "e.getBoundingClientRect().right, document.documentElement.clientWidth]")
        assert table[0] <= table[1] and table[2] <= table[3]  # within the page's width
        widest = page.eval_on_selector_all("table.revision-table td", "els => Math.max(...els.map(e => e.scrollWidth - e.clientWidth))")
        assert widest <= 0  # no cell's text runs out of its cell
        assert not page.is_visible("button.revision-toggle")  # the switch is for the screen
        pdf = tmp_path / "changes.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
    text = run("pdftotext", "-layout", str(pdf), "-").stdout
    # Every changed row is on paper, the last one too, with both of its numbers.
    assert "第二十七条" in text and "本条例自2024年1月1日起施行" in text and "修改前（v1）" in text
    assert text.count("\f") >= 2 and text.count("修改前（v1）") == text.count("\f")  # the head on every page


@pytest.mark.build
def test_the_switch_works_from_file_in_the_offline_bundle(browser, library_site, tmp_path):
    import zipfile

    from conftest import open_page

    bundle = next((library_site.parent / f"{library_site.name}-dist").glob("*-offline.zip"))
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(tmp_path)
    (top,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    for page in open_page(browser):
        page.goto((top / "source" / REVISED / "changes.html").as_uri())
        assert len(visible_rows(page)) == SHOWN_ROWS
        page.click("button.revision-toggle")
        assert len(visible_rows(page)) == 41 and page.errors == []
        page.goto((top / "source" / REVISED / "chapter-4.html").as_uri())
        note = page.locator("a.revision-note").first
        assert note.get_attribute("href") == "changes.html#v2-17"


def test_a_persons_decision_for_a_whole_article_wins():
    old, new = split_file(SPLIT / "rev-full-v1" / "input.txt"), split_file(SPLIT / "rev-full-v2" / "input.txt")
    table = compare(old, new, align(old, new), {"12": "20", "7": None})
    rows = [(r.kind, r.old, r.new) for r in table.rows]
    assert ("changed", ("12",), ("20",)) in rows and ("added", (), ("19",)) in rows
    assert ("removed", ("7",), ()) in rows


def test_the_book_prints_the_rows_whose_wording_changed(tmp_path):
    from weasyprint import CSS, HTML

    from scripts.publish.book import STYLESHEET

    page = (GOLDEN / f"{REVISED}-changes.md").read_text("utf-8")
    table = page[page.index('<p class="revision-tools">'):page.index("</table>") + len("</table>")]
    pdf = tmp_path / "book.pdf"
    HTML(string=f"<html lang=zh><body>{table}</body></html>").write_pdf(pdf, stylesheets=[CSS(filename=str(STYLESHEET))])
    text = run("pdftotext", str(pdf), "-").stdout
    assert "婚姻登记机关、妇女联合会应当开展婚姻" in text  # 第二十七条, added
    assert "各级妇女联合会依照法律和章程" not in text  # 第四条, unchanged: as the site shows the table at first
    assert "显示全部" not in text


def test_the_align_command_prints_the_rows_article_by_article():
    result = run(sys.executable, "-m", "scripts.align", str(SPLIT / "rev-full-v1" / "input.txt"),
                 str(SPLIT / "rev-full-v2" / "input.txt"), "--articles")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "split             12 → 19, 20" in lines and "merged        22, 23 → 25" in lines
    assert "removed            7 → -" in lines and "added              - → 6" in lines
    assert not any(ln.startswith("unchanged") for ln in lines)


def test_a_version_dated_unknown_takes_its_captions_date_and_its_effective_date(tmp_path):
    from scripts.corpus.versions import load_versions

    seeds = tmp_path / "seeds"
    (seeds / "versions" / "x").mkdir(parents=True)
    (seeds / "versions" / "x" / "v1.txt").write_bytes((SPLIT / "law-numbered-arabic" / "input.txt").read_bytes())
    (seeds / "x.txt").write_bytes((SPLIT / "reg-v2" / "input.txt").read_bytes())
    (seeds / "versions" / "x" / "versions.yml").write_text(
        "- date: unknown\n  status: 已修订\n- date: '2021-06-24'\n  status: 现行\n", "utf-8")
    v1, v2 = load_versions(seeds, "x")
    assert (v1.date, v1.act, v1.effective) == ("2021-06-18", "通过", "2021-08-01")  # 通过 … 公布 … 施行
    assert (v2.date, v2.act, v2.effective) == ("2021-06-24", "修正", "unknown")  # the record's date, which agrees


def test_a_cross_reference_renumbered_throughout_is_no_rename():
    from scripts.corpus.renames import detect
    from scripts.corpus.split import split_text

    # 第三条 is deleted, so 第四条 becomes 第三条 and both references to it change: 第四条 is gone from the
    # new text, replaced the same way twice, and still it renames nothing.
    old = split_text("示例办法\n第一条　申请人依照第四条规定提出申请。\n第二条　审核机关依照第四条规定审核。\n"
                     "第三条　本办法所称困难家庭，由区民政部门认定。\n第四条　具体条件由市民政部门规定。\n")
    new = split_text("示例办法\n第一条　申请人依照第三条规定提出申请。\n第二条　审核机关依照第三条规定审核。\n"
                     "第三条　具体条件由市民政部门规定。\n")
    changes = align(old, new)
    assert detect(old, new, changes, compare(old, new, changes), "v2") == []


def test_a_name_renamed_twice_is_reported_with_its_latest_name():
    from scripts.corpus.renames import Rename, latest_name

    renames = [Rename("乙", "丙", "v3", 2), Rename("甲", "乙", "v2", 3)]
    assert latest_name(renames, "甲") == "丙" and latest_name(renames, "乙") == "丙" and latest_name(renames, "丁") == "丁"


def test_a_citation_of_a_whole_article_follows_its_text_through_a_full_revision(tmp_path):
    """An article has no sentences of its own (they are its 款'): it follows the sentences under it, so a
    citation of 第九条 is told it is 第十六条 now, not that 第九条 is unchanged (it was paired by number)."""
    project = added(copy_project(tmp_path / "p"), REVISED, "rev-full-v1")
    guidance = project / "docs/guidance/2-5.md"
    guidance.write_text(guidance.read_text("utf-8") + "\n另见§women-rights:9、§women-rights:第二十三条、"
                        "§women-rights:7。\n", "utf-8")
    result = versions(project, "add", REVISED, str(SPLIT / "rev-full-v2" / "input.txt"))
    assert result.returncode == 0, result.stderr
    out = run(sys.executable, "-m", "scripts.check", "--root", str(project), cwd=ROOT).stdout
    lines = [ln.split(" ", 1)[1] for ln in out.splitlines() if ln.startswith("docs/guidance/2-5.md:") and "women" in ln]
    assert lines == [
        "CITATION_MOVED §women-rights:9: v1's 9 is 16 in v2 (hint: now §16; python -m scripts.review rewrite "
        "changes every moved citation)",
        "CITATION_MOVED §women-rights:第二十三条: v1's 23 is 25 in v2 and its text changed (hint: now §25; python -m "
        "scripts.review rewrite changes every moved citation)",
        "CITED_PROVISION_REMOVED §women-rights:7: women-rights v2 no longer has what v1 numbered 7 (hint: it read: "
        "第七条 市、区人民政府应当每五年召开一次妇女工作会议，研究部署妇女权益保障工作。)"]


def test_the_versions_table_has_a_column_for_the_date_in_force_only_when_one_is_known():
    from types import SimpleNamespace

    from scripts.corpus.versions import Version
    from scripts.render.changes import _version_rows

    v1 = Version("v1", "2012-07-27", "已修订", Path("v1.txt"), "通过")
    v2 = Version("v2", "2023-10-26", "现行", Path("v2.txt"), "修订")
    unknown = _version_rows(SimpleNamespace(versions=[v1, v2]), "zh")
    assert unknown.splitlines()[:3] == ["| 版本 | 日期 | 状态 |", "| --- | --- | --- |", "| v1 | 2012\\-07\\-27（通过） | 已修订 |"]
    v2 = Version("v2", "2023-10-26", "现行", Path("v2.txt"), "修订", effective="2024-01-01")
    known = _version_rows(SimpleNamespace(versions=[v1, v2]), "en").splitlines()
    assert known[0] == "| Version | Date | In force from | Status |"
    assert known[2:4] == ["| v1 | 2012\\-07\\-27 \\(adopted\\) | unknown | revised |",
                          "| v2 | 2023\\-10\\-26 \\(revised\\) | 2024\\-01\\-01 | in force |"]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.text("甲乙丙丁戊", max_size=12), max_size=6),
       st.dictionaries(st.sampled_from("abcdefgh"), st.text("甲乙丙丁戊", max_size=12), max_size=6))
def test_alike_sentences_are_the_pairs_a_full_comparison_of_every_pair_finds(old, new):
    """The quick upper bounds only skip pairs that cannot reach SIMILAR: the pairs and their ratios are those that
    comparing every pair in full gives."""
    full = [(-r, o != n, o, n) for n in new for o in old
            for r in [difflib.SequenceMatcher(None, old[o], new[n], autojunk=False).ratio()] if r >= SIMILAR]
    assert sorted(_similar(old, new)) == sorted(full)
