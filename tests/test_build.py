"""Strict builds in temporary folders, and what they produce."""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ENV, ROOT, SEED, copy_project, mkdocs_build
from scripts.core.collector import BUILD_THRESHOLDS
from scripts.corpus.split import split_file
from scripts.publish.search_index import read_index

PART2 = "source/shunyi-women-social-management/part-2/index.html"


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_source_pages_show_every_sentence_verbatim_with_anchor(built_site):
    doc = split_file(SEED)
    pages = {p: (built_site / f"source/shunyi-women-social-management/part-{p}/index.html").read_text("utf-8")
             for p in ("1", "2", "3")}
    for sid, sentence in doc.sentences.items():
        page = pages[sid.split(".")[0]]
        m = re.search(rf'<span class="sentence" id="{re.escape(sid)}" data-provision="{re.escape(sid)}"[^>]*>(.*?)</span>',
                      page)
        assert m, sid
        assert _text(m.group(1)) == sentence.text
    for prov in doc.provisions.values():
        page = pages[prov.id.split(".")[0]]
        tag = re.search(rf'<section [^>]*\bid="{re.escape(prov.id)}"[^>]*>', page)
        assert tag and f'data-provision="{prov.id}"' in tag.group(0)
        if prov.heading:
            assert prov.heading in _text(page)


def test_source_title_page_says_what_is_known_in_readers_words(built_site):
    page = re.sub(r"\s+", " ", _text((built_site / "source/shunyi-women-social-management/index.html").read_text("utf-8")))
    assert "关于妇联组织参与社会管理及其创新推进社会建设工作的意见" in page
    # Nothing is guessed: the date row says what the text itself says about its date.
    assert "成文日期 原文没有写明日期。" in page and "文号" not in page


def test_no_reader_page_carries_text_meant_for_developers(built_site):
    """No generation notice, file path of a script or hash in what a reader sees or searches (issue 30)."""
    developer = re.compile(r"本页由|scripts/|render_source|请勿手工编辑|Do not edit|SHA-256|\b[0-9a-f]{64}\b")
    for page in sorted(built_site.rglob("*.html")):
        rel = page.relative_to(built_site).as_posix()
        if rel.startswith(("contributing/", "en/contributing/", "translations/", "en/translations/")):
            continue  # the contributors' guide and the translation status are for contributors
        text = _text(re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", "", page.read_text("utf-8"), flags=re.S))
        assert not developer.search(text), (rel, developer.search(text).group(0))
    for lang in ("zh", "en"):
        for doc in read_index(built_site, lang)["docs"]:
            if "contributing/" in doc["l"] or "translations/" in doc["l"]:
                continue
            assert not developer.search(doc["t"] + " " + doc["x"]), (doc["l"], developer.search(doc["x"]).group(0))


def test_chinese_headings_get_readable_anchors(built_site):
    page = (built_site / "guidance/2-5/index.html").read_text("utf-8")
    assert 'id="怎么做"' in page
    assert not re.search(r'id="_\d+"', page)


def test_no_external_requests_in_built_pages(built_site):
    for path in built_site.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "fonts.googleapis.com" not in text, path
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', text), path


def test_citations_become_links_with_previews(built_site):
    page = (built_site / "guidance/2-5/index.html").read_text("utf-8")
    m = re.search(r'<a class="cite" href="([^"]+)" data-provision="2\.5\.3"[^>]*data-cite-text="([^"]+)"', page)
    assert m
    assert m.group(1) == "../../source/shunyi-women-social-management/part-2/#2.5.3"
    assert html.unescape(m.group(2)) == split_file(SEED).sentences["2.5.3"].text


def test_embed_quotes_the_source_verbatim(built_site):
    page = (built_site / "guidance/2-5/index.html").read_text("utf-8")
    block = re.search(r'<blockquote class="source-quote" data-provision="2\.5">(.*?)</blockquote>', page, re.S)
    assert block
    quoted = "".join(_text(m) for m in re.findall(
        r'<span class="quote-sentence" data-provision="[^"]+"><span class="sid">[^<]+</span>(.*?)</span>',
        block.group(1)))
    assert quoted == split_file(SEED).provisions["2.5"].text


def test_backlinks_on_source_pages(built_site):
    page = (built_site / PART2).read_text("utf-8")
    m = re.search(r'<section [^>]*id="2\.5"[^>]*>.*?<aside class="backlinks"[^>]*>(.*?)</aside>', page, re.S)
    assert m
    assert "guidance/2-5/" in m.group(1) and "checklists/2-5/" in m.group(1)


def test_provisions_json(built_site):
    text = (built_site / "provisions.json").read_text("utf-8")
    data = json.loads(text)
    # A provision a line, so two builds' files compare line by line.
    assert len(text.splitlines()) == len(data["provisions"]) + 2 and text.splitlines()[1].startswith('{"cited_by"')
    rows = {r["id"]: r for r in data["provisions"]}
    assert rows["2.5.3"]["url"] == "source/shunyi-women-social-management/part-2/#2.5.3"
    assert rows["2.5.3"]["text"] == split_file(SEED).sentences["2.5.3"].text
    assert "guidance/2-5/" in rows["2.5.3"]["cited_by"]


def test_matrix_page_is_built(built_site):
    page = _text((built_site / "matrix/index.html").read_text("utf-8"))
    assert "§2.5" in page and "追溯矩阵" in page


@pytest.mark.build
def test_build_fails_clearly_without_jieba(tmp_path):
    blocker = tmp_path / "block"
    blocker.mkdir()
    # A module named jieba that fails to import stands in for a missing package.
    (blocker / "jieba.py").write_text("raise ImportError('No module named jieba')\n")
    env = {**ENV, "PYTHONPATH": str(blocker)}
    result = mkdocs_build(copy_project(tmp_path / "p"), tmp_path / "site", env=env)
    assert result.returncode != 0
    assert "Chinese search needs jieba" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_build_fails_on_hand_edited_source_page(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs/source/shunyi-women-social-management/part-2.md"
    page.write_text(page.read_text("utf-8").replace("建好、管好、用好", "建好、用好", 1), "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"docs/source/shunyi-women-social-management/part-2\.md:\d+:1: GENERATED_EDITED ", result.stderr)


@pytest.mark.build
def test_edit_links_and_last_updated(tmp_path, built_site):
    # last-updated dates come from git for every page, in both languages
    assert re.search(r'class="page-updated">最后更新：\d{4}-\d{2}-\d{2}<',
                     (built_site / "guidance/2-5/index.html").read_text("utf-8"))
    assert "Last updated" in (built_site / "en/guidance/2-5/index.html").read_text("utf-8")
    # In a shallow clone (as CI checks out), the dates do not fail the build. One build shows that and, with
    # the repository known, edit links that lead to the page's own file.
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(clone)], check=True)
    env = {**ENV, "HANDBOOK_REPO_URL": "https://example.org/owner/handbook", "HANDBOOK_EDIT_URI": "edit/main/docs/"}
    result = mkdocs_build(clone, tmp_path / "site", env=env)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/guidance/2-5/index.html").read_text("utf-8")
    assert 'class="page-updated"' in page
    assert "https://example.org/owner/handbook/edit/main/docs/guidance/2-5.md" in page
    assert "https://example.org/owner/handbook/edit/main/docs/guidance/2-5.en.md" in \
        (tmp_path / "site/en/guidance/2-5/index.html").read_text("utf-8")


def test_commit_dates_in_one_git_call_match_one_call_per_page():
    from scripts.core.buildinfo import last_changed, last_changed_all

    dates = last_changed_all(ROOT, ROOT / "docs")
    pages = sorted((ROOT / "docs").rglob("*.md"))[:15]
    assert pages and dates
    for page in pages:
        assert dates.get(str(page.resolve()), "") == last_changed(ROOT, page), page


def test_vocabulary_job_gives_the_in_process_vocabulary(tmp_path):
    from scripts.publish.search_index import VocabularyJob, page_text, vocabulary

    pages = ["---\nkind: guidance\n---\n# 妇女之家\n\n依托妇女之家开展维权服务，建设巾帼志愿者队伍。",
             "---\ntitle: x\nsearch:\n  exclude: true\n---\n追溯矩阵不进索引"]
    texts = [page_text(pages[0])]
    assert page_text(pages[1]) is None and "kind" not in texts[0]
    job = VocabularyJob(pages, ["巾帼志愿者"], tmp_path)
    assert job.result() == vocabulary(texts, ["巾帼志愿者"]) and "追溯" not in job.result()
    assert "巾帼志愿者" in vocabulary(texts, ["巾帼志愿者"])
    assert [p.name for p in tmp_path.iterdir()] == [VocabularyJob.CACHE_FILE]  # its input file is gone


def test_vocabulary_job_cuts_only_the_pages_whose_text_changed(tmp_path):
    from scripts.publish.search_index import VocabularyJob, vocabulary

    texts = ["依托妇女之家开展维权服务。", "建设巾帼志愿者队伍，开展家庭教育指导。", "加强妇女儿童权益保障。"]
    first = VocabularyJob(texts, ["巾帼志愿者"], tmp_path)
    assert len(first.todo) == 3 and first.result() == vocabulary(texts, ["巾帼志愿者"])
    again = VocabularyJob(texts, ["巾帼志愿者"], tmp_path)
    assert again.proc is None and again.result() == vocabulary(texts, ["巾帼志愿者"])  # no jieba at all
    edited = [texts[0], "推动反家庭暴力工作，落实告诫制度。", texts[2]]
    job = VocabularyJob(edited, ["巾帼志愿者"], tmp_path)
    assert len(job.todo) == 1
    words = job.result()
    assert words == vocabulary(edited, ["巾帼志愿者"]) and "家庭暴力" in words and "志愿者" not in words
    # Another glossary can cut every page otherwise: nothing kept under the old one is used.
    assert len(VocabularyJob(edited, ["告诫制度"], tmp_path).todo) == 3


REBUILD = """
import sys
import properdocs.replacement  # noqa: F401  (what the properdocs command does first: mkdocs.* means properdocs.*)
from properdocs.commands.build import build
from properdocs.config import load_config
for out in sys.argv[1:]:
    # What properdocs serve does on every save: load the config and build again, in the same process.
    build(load_config("mkdocs.yml", site_dir=out))
"""


@pytest.mark.build
def test_rebuild_in_one_process_reuses_the_analysis_and_gives_the_same_site(tmp_path):
    """The second build of a process (mkdocs serve) reuses the checked pages and the search vocabulary
    while no input changed, and must give byte for byte the same site as the first."""

    tree = copy_project(tmp_path / "p")
    result = subprocess.run([sys.executable, "-c", REBUILD, str(tmp_path / "a"), str(tmp_path / "b")], cwd=tree,
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "by a second process" not in result.stderr  # build() called as mkdocs serve does: one process
    # The build command builds the English edition in a second process (scripts/render/editions.py): the same site.
    both = mkdocs_build(tree, tmp_path / "c", preexec_fn=_two_cpus)
    assert both.returncode == 0, both.stderr[-3000:]
    assert "en: built beside the Chinese edition by a second process" in both.stderr

    def tree_hashes(root: Path) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    a, b, c = tree_hashes(tmp_path / "a"), tree_hashes(tmp_path / "b"), tree_hashes(tmp_path / "c")
    assert a == b == c
    assert "assets/javascripts/search-index.zh.js" in a and "en/index.html" in a
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "c", "p"]  # no staging folder left
    # The English 404 page offers the two home pages, not the page the Chinese build rendered last.
    assert re.findall(r'<a href="([^"]*)" hreflang="(zh|en)"', (tmp_path / "c" / "404.html").read_text("utf-8")) == [
        ("/", "zh"), ("/en/", "en")]


def _two_cpus() -> None:
    """The build command's second process needs a second CPU; the suite's workers may have been given one each."""
    os.sched_setaffinity(0, set(range(min(2, os.cpu_count() or 1))))


@pytest.mark.build
def test_an_english_build_that_fails_in_the_second_process_fails_as_in_one(tmp_path):
    """A theme error in the English pages only: the child's build fails, the parent builds English itself and
    reports the error once, as the one-process build does, and leaves no staging folder behind."""
    tree = copy_project(tmp_path / "p")
    main = tree / "overrides" / "main.html"
    banner = '<span class="unofficial-banner">'  # shown on English pages only (overrides/main.html)
    assert banner in main.read_text("utf-8")
    main.write_text(main.read_text("utf-8").replace(banner, "{{ no_such_thing.attribute }}" + banner), "utf-8")
    results = [mkdocs_build(tree, tmp_path / name, preexec_fn=cpus) for name, cpus in
               (("two", _two_cpus), ("one", lambda: os.sched_setaffinity(0, {0})))]
    for result in results:
        assert result.returncode != 0
        assert result.stderr.count("'no_such_thing' is undefined") == 1, result.stderr[-3000:]
    assert _errors(results[0].stderr) == _errors(results[1].stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "p", "two"]


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("ERROR", "WARNING", "Aborted", "Error"))]


def test_search_index_cli_reports_bad_input_without_traceback(tmp_path):
    bad = tmp_path / "input.json"
    bad.write_text("not json", "utf-8")
    for args in (["--vocabulary", str(tmp_path / "missing.json")], ["--vocabulary", str(bad)],
                 [str(tmp_path / "no-site")]):
        result = subprocess.run([sys.executable, "-m", "scripts.publish.search_index", *args], cwd=ROOT,
                                capture_output=True, text=True, env=ENV)
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr, result.stderr
        assert re.match(r"^\S+:1:1: SEARCH_INPUT ", result.stderr), result.stderr



PREVIEW = """
import json, os, sys
site, watched = sys.argv[1], sys.argv[2:]
sys.argv.append("--dirty")  # mkdocs-static-i18n reads it there for the other language's build
import properdocs.replacement  # noqa: F401
from pathlib import Path
from properdocs.commands.build import build
from properdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=site)
config.plugins.on_startup(command="serve", dirty=True)  # what make serve (properdocs serve --dirty) does
build(config, dirty=True)
Path(site + ".json").write_text(json.dumps({p: os.stat(os.path.join(site, p)).st_mtime_ns for p in watched}))
page = Path("docs/guidance/2-5.md")
page.write_text(page.read_text("utf-8") + "\\n预览改动：另见（§1.1.1）。\\n", encoding="utf-8")
build(load_config("mkdocs.yml", site_dir=site), dirty=True)  # the rebuild after the edit
"""


@pytest.mark.build
def test_the_preview_renders_what_an_edit_changed_and_keeps_the_rest(tmp_path):
    """make serve rebuilds with --dirty: the edited page, and a generated page whose backlinks the edit
    changed, are rendered again under strict mode (MkDocs' warning about dirty builds is not counted);
    an untouched checklist is not rewritten, and search still holds every page."""

    tree = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    part1, checklist = "source/shunyi-women-social-management/part-1/index.html", "checklists/2-1/index.html"
    result = subprocess.run([sys.executable, "-c", PREVIEW, str(site), part1, checklist], cwd=tree,
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    before = json.loads((tmp_path / "site.json").read_text())

    assert "预览改动" in (site / "guidance/2-5/index.html").read_text("utf-8")
    # The new citation of §1.1.1 is a backlink on part 1, which was rendered again; a checklist was not.
    assert (site / part1).read_text("utf-8").count("guidance/2-5/") == 2
    assert (site / part1).stat().st_mtime_ns != before[part1]
    assert (site / checklist).stat().st_mtime_ns == before[checklist]
    # provisions.json, kept between rebuilds while no citation changes, has the new one.
    provisions = json.loads((site / "provisions.json").read_text("utf-8"))["provisions"]
    assert "guidance/2-5/" in next(p["cited_by"] for p in provisions
                                   if (p["document"], p["id"]) == ("shunyi-women-social-management", "1.1.1"))
    # The index is made from every page, not only from those rendered again.
    text = "".join(p.read_text("utf-8") for p in (site / "assets/javascripts").glob("search-text.zh.*.js"))
    assert "预览改动" in text
    assert "这一项讲由谁来抓、怎么抓" in text  # guidance/3-1.md
    assert "立足基层、突出重点" in text  # the policy text's part 3


@pytest.mark.build
def test_a_copy_built_outside_git_shows_no_unknown_version_or_date(tmp_path):
    """A handbook built from a copy without git history (a download, an archive) knows neither its
    version nor its date: readers see neither, never the word "unknown"."""
    tree = copy_project(tmp_path / "p")  # no .git
    env = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
    result = mkdocs_build(tree, tmp_path / "site", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in ("index.html", "en/index.html", "checklists/2-5/index.html"):
        html = (tmp_path / "site" / page).read_text("utf-8")
        assert "unknown" not in html and "构建日期" not in html, page
        assert 'data-built=""' in html  # docs/assets/pwa.js then says the copy is saved, without a date


# What `properdocs build` does with the handbook's mkdocs.yml up to its start-up event, in a process of its own
# (ProperDocs redirects every `mkdocs` import there, which this process must not).
STARTUP = """
import gc, sys
from properdocs import replacement
from properdocs.config import load_config
config = load_config(sys.argv[1])
config.plugins.on_startup(command="build", dirty=False)
print(*gc.get_threshold())
frozen = gc.get_freeze_count()
config.plugins.on_shutdown()
print(frozen, gc.get_freeze_count() > 1000)
"""


def test_a_build_runs_the_garbage_collector_less_often_and_not_at_its_end():
    result = subprocess.run([sys.executable, "-c", STARTUP, str(ROOT / "mkdocs.yml")], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [str(n) for n in BUILD_THRESHOLDS] + ["0", "True"]  # and no collection at exit
