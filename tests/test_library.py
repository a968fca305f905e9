"""Working with a library of texts (issue 27): readable warnings, a PDF and a Word file per text, drafts of
guidance, and a record of what changed.

The library is the handbook with three synthetic texts added by the real command (make add-policy) and one
of them revised (make add-version): tests/fixtures/library/.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ENV, ROOT, build, copy_project, run
from scripts.core.diagnostics import Diagnostic, Severity
from scripts.core.findings import baseline_text, read_baseline, select

TEXTS = ROOT / "tests" / "fixtures" / "library"
# slug → (file, the date it is added on)
LIBRARY = {"shili-shehui-jiuzhu": ("reg-v1.txt", "2026-03-02"), "shili-funv-quanyi": ("rev-full-v1.txt", "2026-05-18"),
           "funvzhijia-yijian": ("yao-inline-ok.txt", "2026-09-07")}
REVISED, REVISION, REVISION_DATE = "shili-shehui-jiuzhu", "reg-v2.txt", "2021-06-24"
SCREEN = 24  # lines of a terminal


def cmd(project: Path, verb: str, *args: str) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", f"scripts.{verb}", "--root", str(project), *args, cwd=ROOT)


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return cmd(project, "check", *args)


@pytest.fixture(scope="module")
def library_src(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("library") / "p")
    for slug, (name, date) in LIBRARY.items():
        added = cmd(project, "policy", "add", str(TEXTS / name), slug, "--date", date)
        assert added.returncode == 0, added.stderr
    revised = cmd(project, "versions", "add", REVISED, str(TEXTS / REVISION), REVISION_DATE)
    assert revised.returncode == 0, revised.stderr
    return project


@pytest.fixture
def library(library_src, tmp_path) -> Path:
    """A copy of the library to change."""
    return Path(shutil.copytree(library_src, tmp_path / "p"))


def warnings_of(project: Path) -> list[dict]:
    rows = [json.loads(line) for line in check(project, "--format", "json", "--no-baseline").stdout.splitlines()]
    return [r for r in rows if r["severity"] == "warning"]


def human(row: dict) -> str:
    return Diagnostic(row["path"], row["line"], row["col"], row["code"], row["message"], row["hint"],
                      Severity.WARNING).human()


# ---------------------------------------------------------------- diagnostics for people

def test_the_default_output_fits_on_one_screen_and_verbose_lists_every_warning(library_src):
    warnings = warnings_of(library_src)
    assert len(warnings) > 80  # one per article of each new text
    result = check(library_src)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # One line per text and code (3 texts: guidance and translation; checklists for the two with items),
    # and one saying how to see the rest.
    groups = {(r["path"].split("/")[1].split(".")[0], r["code"]) for r in warnings}
    assert len(lines) == len(groups) + 1 == 9 <= SCREEN, result.stdout
    assert lines[-1] == f"{len(warnings)} warnings, one line per text or page and code; " \
                        "python -m scripts.check --verbose lists every one"
    coverage = next(line for line in lines if line.startswith("seeds/shili-shehui-jiuzhu.txt:")
                    and " COVERAGE_GUIDANCE " in line)
    count = sum(1 for r in warnings if r["code"] == "COVERAGE_GUIDANCE" and "shili-shehui-jiuzhu.txt" in r["path"])
    assert coverage.endswith(f"(and {count - 1} more like it in text shili-shehui-jiuzhu)")

    verbose = check(library_src, "--verbose").stdout.splitlines()
    assert sorted(verbose) == sorted(human(r) for r in warnings)


def test_a_baseline_silences_exactly_the_recorded_warnings_and_a_new_one_still_shows(library):
    written = check(library, "--write-baseline")
    assert written.returncode == 0, written.stdout + written.stderr
    baseline = library / "check-baseline.yml"
    text = baseline.read_text("utf-8")
    assert text.startswith("# Warnings accepted for now") and ":2:1" not in text  # no line numbers
    assert check(library).stdout == f"{len(warnings_of(library))} warnings accepted in the baseline not shown " \
                                    "(--no-baseline shows them)\n"

    # One entry taken out of the baseline: that warning, and only that one, is new.
    entry = "  - path: seeds/shili-funv-quanyi.txt\n    code: COVERAGE_GUIDANCE\n    message: no guidance page cites " \
            "§shili-funv-quanyi:12.1\n"
    assert entry in text
    baseline.write_text(text.replace(entry, "", 1), "utf-8")
    shown = check(library).stdout.splitlines()
    assert shown[0].startswith("seeds/shili-funv-quanyi.txt:") and \
        shown[0].endswith(": COVERAGE_GUIDANCE [warning] no guidance page cites §shili-funv-quanyi:12.1 "
                          "(hint: cite it (or its sentences) from the guidance page for this item)")
    assert len(shown) == 2 and shown[1].endswith("accepted in the baseline not shown (--no-baseline shows them)")

    # A new warning of another kind (an edited Chinese page makes its English page stale) shows too.
    page = library / "docs" / "guidance" / "2-5.md"
    page.write_text(page.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    assert any(line.startswith("docs/guidance/2-5.en.md:1:1: TRANSLATION_STALE [warning]")
               for line in check(library).stdout.splitlines())
    # JSON keeps every diagnostic, whatever the baseline accepts.
    assert len(warnings_of(library)) == len([r for r in map(json.loads, check(library, "--format", "json").stdout
                                                              .splitlines()) if r["severity"] == "warning"])


def test_the_baseline_knows_a_warning_by_file_code_and_message_not_by_line(tmp_path):
    at = Diagnostic("seeds/x.txt", 3, 1, "COVERAGE_GUIDANCE", "no guidance page cites §x:1", "", Severity.WARNING)
    moved = Diagnostic("seeds/x.txt", 9, 1, "COVERAGE_GUIDANCE", "no guidance page cites §x:1", "", Severity.WARNING)
    other = Diagnostic("seeds/x.txt", 9, 1, "COVERAGE_GUIDANCE", "no guidance page cites §x:2", "", Severity.WARNING)
    error = Diagnostic("docs/a.md", 1, 1, "UNKNOWN_PROVISION", "§9.9: x has no provision 9.9")
    baseline = Counter({("seeds/x.txt", "COVERAGE_GUIDANCE", "no guidance page cites §x:1"): 1})
    view = select([moved, other, error], baseline)
    assert view.warnings == [other] and view.accepted == 1 and view.errors == [error]
    assert select([other], baseline).stale == [("seeds/x.txt", "COVERAGE_GUIDANCE", "no guidance page cites §x:1")]
    written = tmp_path / "check-baseline.yml"
    written.write_text(baseline_text([at, error]), "utf-8")  # errors are never accepted
    assert read_baseline(written) == baseline
    assert "3" not in written.read_text("utf-8").split("warnings:")[1]  # no line number is kept


def test_writing_a_baseline_is_refused_while_there_are_errors(library):
    page = library / "docs" / "guidance" / "2-5.md"
    page.write_text(page.read_text("utf-8") + "\n另见（§9.9）。\n", "utf-8")
    result = check(library, "--write-baseline")
    assert result.returncode == 1 and "UNKNOWN_PROVISION §9.9" in result.stdout
    assert not (library / "check-baseline.yml").exists()


def test_an_unreadable_baseline_is_an_error_at_its_line(library):
    (library / "check-baseline.yml").write_text("warnings:\n  - [\n", "utf-8")
    result = check(library)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("check-baseline.yml:3:1: BASELINE not valid YAML")


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project, check=True,
                   capture_output=True)


def test_changed_since_limits_warnings_to_the_files_changed_and_a_seed_counts_for_its_text(library):
    git(library, "init", "-q", "-b", "main")
    git(library, "add", "-A")
    git(library, "commit", "-q", "-m", "library")
    assert check(library, "--changed-since", "HEAD").stdout == \
        f"{len(warnings_of(library))} warnings about files not changed not shown (without --changed-since: all)\n"

    # What is known of one text changes (its metadata only): every finding of that text is the change's.
    meta = library / "seeds" / "shili-funv-quanyi.yml"
    meta.write_text(meta.read_text("utf-8").replace("source: unknown", "source: 测试用的合成文本"), "utf-8")
    assert run(sys.executable, "-m", "scripts.generate", "--docs", str(library / "docs"), "--seeds",
               str(library / "seeds")).returncode == 0  # its landing page shows the source
    lines = check(library, "--changed-since", "HEAD").stdout.splitlines()
    of_text = [r for r in warnings_of(library) if r["path"].startswith("seeds/shili-funv-quanyi.")]
    coverage = sum(1 for r in of_text if r["code"] == "COVERAGE_GUIDANCE")
    assert [line.split(":")[0] for line in lines[:-2]] == ["seeds/shili-funv-quanyi.txt", "seeds/shili-funv-quanyi.en.yml"]
    assert lines[-2].startswith(f"{len(of_text)} warnings, one line per text or page and code")
    assert lines[-1].endswith("warnings about files not changed not shown (without --changed-since: all)")
    # GitHub annotations follow the same selection.
    github = check(library, "--changed-since", "HEAD", "--format", "github").stdout.splitlines()
    assert len(github) == 2 and all(a.startswith("::warning file=seeds/shili-funv-quanyi.") for a in github)
    assert f"and {coverage - 1} more like it in text shili-funv-quanyi" in github[0]


def test_an_unknown_revision_is_a_usage_error(library):
    result = check(library, "--changed-since", "no-such-branch")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("--changed-since:1:1: USAGE git knows no revision 'no-such-branch'")


# ---------------------------------------------------------------- the library built

CITED = "shili-shehui-jiuzhu"  # a guidance page cites its 第十五条 (article 15, on its page chapter-3)
DRAFTED = "shili-funv-quanyi"  # has draft guidance, not published


# The tests using it carry @pytest.mark.build (make test-fast leaves them out).
@pytest.fixture(scope="module")
def built(library_src, tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """The library with a citation of one text and drafts for another, built as make build builds it
    (less the checklists' Chromium PDFs, the whole handbook's book and the offline bundle, which have tests of
    their own: tests/test_bundle.py holds every download of the site, each text's among them, to be in the bundle)."""
    project = Path(shutil.copytree(library_src, tmp_path_factory.mktemp("built") / "p"))
    page = project / "docs" / "guidance" / "2-3.md"
    page.write_text(page.read_text("utf-8") + "\n临时救助另见《社会救助条例》的规定（§shili-shehui-jiuzhu:第十五条）。\n",
                    "utf-8")
    assert run(sys.executable, "-m", "scripts.translate", "stamp", "docs/guidance/2-3.en.md",
               cwd=project).returncode == 0
    assert cmd(project, "draft", DRAFTED).returncode == 0
    site = project.parent / "site"
    result = build(site, "generated", "html", "text_pdf", "text_docx", project=project)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return project, site, result


@pytest.mark.build
def test_the_build_prints_the_same_summary_as_the_checker(built):
    project, _, result = built
    expected = check(project).stdout.splitlines()
    logged = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("INFO    -  ")]
    assert [line for line in logged if line in expected] == expected
    assert result.stderr.count("COVERAGE_GUIDANCE") == 3  # one line per text, not one per article



@pytest.mark.build
def test_the_matrix_gives_a_text_nothing_cites_one_line_and_keeps_the_table_of_a_cited_one(built):
    """At 50 texts the matrix was 2.5 MB and 535 printed pages, almost all rows of gaps of texts nothing cites."""
    _, site, _ = built
    for path, line in (("matrix/index.html", "个条款都还没有解读、清单条目或模板引用"),
                       ("en/matrix/index.html", "is cited by guidance, a checklist item or a template yet")):
        sections = (site / path).read_text("utf-8").split("<h2 ")[1:]
        tables = [s for s in sections if "<table>" in s]
        lines = [s for s in sections if "<table>" not in s]
        # The handbook's own text and the text the guidance page cites keep their tables.
        assert len(tables) == 2 and any(re.search(r"§shili-shehui-jiuzhu:15\D", s) for s in tables), path
        assert sorted(re.search(r'href="\.\./source/([^/"]+)/"', s)[1] for s in lines) == sorted(
            set(LIBRARY) - {"shili-shehui-jiuzhu"}), path
        assert all(line in s and "<strong>" in s for s in lines), path


pypdf = pytest.importorskip("pypdf")


def outline(pdf, items=None, depth=1) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark, in order."""
    out = []
    for item in pdf.outline if items is None else items:
        if isinstance(item, list):
            out.extend(outline(pdf, item, depth + 1))
        else:
            out.append((depth, item.title, pdf.get_destination_page_number(item) + 1))
    return out


def page_text(pdf_path: Path, n: int) -> str:
    return "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(pdf_path), "-"],
                                  capture_output=True, text=True, check=True).stdout.split())


@pytest.mark.build
def test_a_text_has_its_own_pdf_with_its_title_on_the_cover_bookmarks_and_citations_linked_inside(built):
    project, site, result = built
    from scripts.corpus.seeds import load_corpus

    seed = load_corpus(project / "seeds").seeds[CITED]
    path = site / "downloads" / "texts" / f"{CITED}.pdf"
    pdf = pypdf.PdfReader(path)
    # The step says what it wrote: its pages and size, and how long it took.
    assert f"downloads/texts/{CITED}.pdf {len(pdf.pages)} pages {path.stat().st_size / 1e6:.1f} MB " in result.stdout

    cover = page_text(path, 1)
    assert cover.startswith("示例市社会救助条例")
    assert "发文机关不详" in cover and "收录日期2026-03-02" in cover  # what is known, and unknown stays unknown
    # v1's date is its own 题注's (通过 2015-09-25): add-version records it when nobody else did (issue 25).
    assert "版本v12015-09-25·已修订" in cover and "版本v22021-06-24·现行" in cover
    assert "通过2015-09-25" in cover and "批准2015-11-27" in cover  # the dates its 题注 states

    marks = outline(pdf)
    assert [t for level, t, _ in marks if level == 1] == ["目录", "原文", "解读"]
    chapters = [p.heading for p in seed.doc.provisions.values() if p.kind == "chapter"]
    assert len(chapters) == 7 and [t for level, t, _ in marks if level == 2 and t in chapters] == chapters
    articles = [t for level, t, _ in marks if level == 3]
    assert len([t for t in articles if "条" in t]) == 30 and any(t.endswith("第十五条") for t in articles)
    assert [t for level, t, _ in marks if level == 2][-1].startswith("2.3 ")  # the guidance page citing it

    # The guidance page's citation is a link inside the PDF, to the page that shows article 15.
    dest = f"p-source-{CITED}-chapter-3--15"
    links = [(n, a.get_object()) for n, page in enumerate(pdf.pages, 1) for a in (page.get("/Annots") or [])]
    citing = [n for n, a in links if a.get("/Subtype") == "/Link" and a.get("/Dest") == dest]
    guidance_page = next(n for level, t, n in marks if level == 2 and t.startswith("2.3 "))
    assert citing and all(n >= guidance_page for n in citing)
    target = pdf.get_destination_page_number(pdf.named_destinations[dest]) + 1
    assert "".join(seed.doc.sentences["15.1.1"].text.split())[:30] in page_text(path, target)
    assert target < guidance_page


@pytest.mark.build
def test_the_landing_pages_offer_the_pdf_and_the_word_file_in_both_languages(built):
    _, site, _ = built
    texts = [*LIBRARY, "shunyi-women-social-management"]
    for slug in texts:
        for tree in (site, site / "en"):
            page = (tree / "source" / slug / "index.html").read_text("utf-8")
            for ext in ("pdf", "docx"):
                assert f'href="../../downloads/texts/{slug}.{ext}" download' in page, (tree, slug)
                assert (tree / "source" / slug / f"../../downloads/texts/{slug}.{ext}").resolve().is_file()
    # Untranslated texts: the English edition shows the Chinese pages, and offers the Chinese book.
    assert (site / "en/downloads/texts/shili-funv-quanyi.pdf").read_bytes() == \
        (site / "downloads/texts/shili-funv-quanyi.pdf").read_bytes()
    english = site / "en/downloads/texts/shunyi-women-social-management.pdf"
    assert page_text(english, 1).startswith("OpinionsonWomen'sFederations")


@pytest.mark.build
def test_the_word_file_is_the_text_verbatim_with_its_headings(built):
    project, site, _ = built
    import docx

    doc = docx.Document(str(site / "downloads" / "texts" / f"{CITED}.docx"))
    lines = [line for line in (project / "seeds" / f"{CITED}.txt").read_text("utf-8").splitlines() if line.strip()]
    assert [p.text for p in doc.paragraphs] == lines
    assert doc.paragraphs[0].style.name == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [line for line in lines if line.startswith("第") and "章\u3000" in line[:6]] and len(headings) == 7


@pytest.mark.build
def test_a_texts_pdf_and_word_file_are_the_same_bytes_when_made_again(built, tmp_path, monkeypatch):
    project, site, _ = built
    from scripts.corpus.seeds import load_corpus
    from scripts.publish import book, docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    again = Path(shutil.copytree(site, tmp_path / "site", ignore=shutil.ignore_patterns("*.zip")))
    (made,) = [b.path for b in book.write_text_books(again, project / "mkdocs.yml", {CITED}) if "/en/" not in str(b.path)]
    assert made.read_bytes() == (site / "downloads" / "texts" / f"{CITED}.pdf").read_bytes()
    for path in docx.export_texts(load_corpus(project / "seeds"), tmp_path / "docx"):
        assert path.read_bytes() == (site / path.relative_to(tmp_path / "docx")).read_bytes()


# ---------------------------------------------------------------- drafts

@pytest.mark.build
def test_drafts_are_checked_but_not_published_nor_counted_as_coverage(built, library_src):
    project, site, _ = built
    from scripts.corpus.seeds import load_corpus

    drafts = sorted(p.stem for p in (project / "docs" / "guidance" / DRAFTED).glob("*.md"))
    pages = [p.key for p in load_corpus(project / "seeds").seeds[DRAFTED].doc.pages()]
    assert drafts == sorted(pages) and {f"chapter-{n}" for n in range(1, 8)} <= set(drafts)  # one per chapter
    chapter = (project / "docs" / "guidance" / DRAFTED / "chapter-2.md").read_text("utf-8")
    assert chapter.startswith("---\nkind: guidance\ndocument: shili-funv-quanyi\nprovisions: [ch2]\n")
    assert "\ndraft: true\n---\n" in chapter and "\n[[§ch2]]\n" in chapter
    # Each article with what a page must cite to cover it: its 款 (the units that have sentences).
    assert "- 第六条（§6.1）：待写。\n- 第七条（§7.1）：待写。\n- 第八条（§8.1）：待写。\n" in chapter
    assert [line for line in chapter.splitlines() if line.startswith("## ")] == \
        ["## 原文", "## 要点", "## 怎么做", "## 检查点", "## 常见问题", "## 相关"]

    # Not in the site, its nav or its search.
    assert not (site / "guidance" / DRAFTED).exists() and not (site / "en" / "guidance" / DRAFTED).exists()
    assert f"guidance/{DRAFTED}" not in (site / "index.html").read_text("utf-8")
    assert f"guidance/{DRAFTED}" not in (site / "assets/javascripts/search-index.zh.js").read_text("utf-8")
    # Not coverage: the text has exactly the gaps it had without drafts.
    assert [r for r in warnings_of(project) if DRAFTED in r["path"]] == \
        [r for r in warnings_of(library_src) if DRAFTED in r["path"]]


@pytest.mark.build
def test_a_draft_counts_once_it_is_a_page_and_is_checked_like_one(built, tmp_path):
    project = Path(shutil.copytree(built[0], tmp_path / "p"))
    page = project / "docs" / "guidance" / DRAFTED / "chapter-2.md"
    before = {r["message"] for r in warnings_of(project) if r["code"] == "COVERAGE_GUIDANCE"}
    # Checked like any page: a citation that does not resolve is an error at its place.
    page.write_text(page.read_text("utf-8").replace("（§7.1）", "（§77）"), "utf-8")
    result = check(project)
    line = next(n for n, text in enumerate(page.read_text("utf-8").splitlines(), 1) if "§77" in text)
    assert result.returncode == 1
    assert f"docs/guidance/{DRAFTED}/chapter-2.md:{line}:" in result.stdout and "UNKNOWN_PROVISION §77" in result.stdout
    # A published page may not link to it.
    index = project / "docs" / "guidance" / "index.md"
    index.write_text(index.read_text("utf-8") + f"\n[草稿]({DRAFTED}/chapter-1.md)\n", "utf-8")
    assert "LINK_TO_DRAFT link 'shili-funv-quanyi/chapter-1.md'" in check(project).stdout

    # Once it is no longer a draft its citations count (and it must be in the nav and translated, like any page).
    page.write_text(page.read_text("utf-8").replace("（§77）", "（§7.1）").replace("draft: true\n", ""), "utf-8")
    index.write_text(index.read_text("utf-8").replace(f"\n[草稿]({DRAFTED}/chapter-1.md)\n", ""), "utf-8")
    after = {r["message"] for r in warnings_of(project) if r["code"] == "COVERAGE_GUIDANCE"}
    assert before - after == {f"no guidance page cites §{DRAFTED}:{pid}" for pid in ("6.1", "7.1", "8.1")}
    assert after < before
    result = check(project)
    assert f"docs/guidance/{DRAFTED}/chapter-2.md:1:1: NOT_IN_NAV" in result.stdout
    assert f"docs/guidance/{DRAFTED}/chapter-2.md:1:1: TRANSLATION_MISSING" in result.stdout


@pytest.mark.build
def test_drafting_again_is_refused_and_changes_nothing(built, tmp_path):
    project = Path(shutil.copytree(built[0], tmp_path / "p"))
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    again = cmd(project, "draft", DRAFTED)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    from scripts.corpus.seeds import load_corpus

    pages = load_corpus(project / "seeds").seeds[DRAFTED].doc.pages()  # the first one in the text's order is named
    n = len(pages)
    assert again.stderr.startswith(f"docs/guidance/{DRAFTED}/{pages[0].key}.md:1:1: DRAFT_INPUT {n} of the {n} draft pages")
    unknown = cmd(project, "draft", "no-such-text")
    assert unknown.returncode == 1 and unknown.stderr.startswith("seeds/no-such-text.txt:1:1: DRAFT_INPUT no policy")
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == before


# ---------------------------------------------------------------- what changed

@pytest.mark.build
def test_the_what_changed_page_lists_each_text_added_and_each_version_newest_first(built):
    _, site, _ = built
    import html as html_lib
    import re

    def rows(page: Path) -> list[list[str]]:
        table = page.read_text("utf-8").split("<tbody>")[1].split("</tbody>")[0]
        return [[html_lib.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
                for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]

    zh = rows(site / "updates" / "index.html")
    assert [r[0][:10] for r in zh] == ["2026-11-29", "2026-09-07", "2026-05-18", "2026-03-02", REVISION_DATE]
    assert zh[3] == ["2026-03-02", "收录", "《示例市社会救助条例》"]
    assert zh[4] == [REVISION_DATE, "v2 成为现行文本（版本对照）", "《示例市社会救助条例》"]
    page = (site / "updates" / "index.html").read_text("utf-8")
    assert f'href="../source/{REVISED}/changes/#v2"' in page and f'href="../source/{REVISED}/"' in page
    assert (site / "source" / REVISED / "changes" / "index.html").exists()
    en = rows(site / "en" / "updates" / "index.html")
    assert en[4] == [REVISION_DATE, "v2 made current (changes between versions)", "示例市社会救助条例"]
    # The home page shows the latest few and links to the whole record.
    home = (site / "index.html").read_text("utf-8")
    latest = home.split('id="最近更新"')[1].split("</ul>")[0]
    assert re.sub(r"<[^>]+>", "", latest).count("收录") == 3 and "2026-09-07" in latest and "2026-03-02" not in latest
    assert 'href="updates/"' in home


def test_a_date_nobody_recorded_is_unknown_and_listed_last(library_src):
    from scripts.corpus.seeds import load_corpus
    from scripts.render.updates import updates_markdown

    corpus = load_corpus(library_src / "seeds")
    del corpus.seeds["funvzhijia-yijian"].meta["added"]
    rows = [line for line in updates_markdown(corpus, "zh").splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[-1].startswith("| 日期不详 | 收录 | [《示例区妇联关于加强村（社区）“妇女之家”建设的意见》]")
    assert updates_markdown(corpus, "en").splitlines()[-1].startswith("| date unknown | Added |")


def test_add_policy_records_the_day_and_refuses_a_bad_one(library_src):
    meta = (library_src / "seeds" / "shili-funv-quanyi.yml").read_text("utf-8")
    assert "\nadded: '2026-05-18'\n" in meta
    refused = cmd(library_src, "policy", "add", str(TEXTS / "reg-v1.txt"), "another", "--date", "2026-02-30")
    assert refused.returncode == 1 and refused.stderr.startswith("2026-02-30:1:1: POLICY_INPUT '2026-02-30' is not a date")
    assert not (library_src / "seeds" / "another.txt").exists()


def _nav_links(page: Path) -> list[str]:
    """The links of a page's site navigation (the primary sidebar, not the table of contents), resolved to pages."""
    html = page.read_text("utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("md-sidebar--secondary")]
    hrefs = re.findall(r'<a href="([^"#]*)"[^>]*class="md-nav__link', nav)
    return [(page.parent / h).resolve().as_posix() for h in hrefs]


@pytest.mark.build
def test_the_navigation_holds_the_way_to_the_page_and_one_entry_for_every_other_text(built):
    """At 50 texts every page carried the parts of every text: 220 of a guidance page's 290 KB, on each of 1,200
    pages and in the offline copy. A page's navigation lists each text once, and the parts of its own text."""
    _, site, _ = built
    source = (site / "source").resolve().as_posix()

    def parts_linked(page: Path) -> Counter:
        return Counter(link[len(source) + 1:].split("/")[0] for link in _nav_links(page) if link.startswith(source + "/"))
    texts = {p.parent.parent.name: 1 + len(list(p.parent.parent.glob("*/index.html"))) for p in
             (site / "source").glob("*/*/index.html")}  # slug → its pages: the text's own and one a part
    several = sorted(slug for slug, n in texts.items() if n > 1)
    assert len(several) >= 2
    on_guidance = parts_linked(site / "guidance" / "2-5" / "index.html")
    assert set(on_guidance) == set(texts) and set(on_guidance.values()) == {1}
    own = several[0]
    first_part = sorted((site / "source" / own).glob("*/index.html"))[0]
    on_part = parts_linked(first_part)
    assert on_part[own] == texts[own] and all(on_part[slug] == 1 for slug in texts if slug != own)
