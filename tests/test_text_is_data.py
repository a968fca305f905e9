"""A policy's title and text are data (issue 28): added with the real command and built, every character shows
as written in the page, the nav, <title>, the search index and the PDF, and nothing in them runs.

Generated texts mix Chinese with the metacharacters of HTML, Markdown, YAML, Jinja and attribute lists. Each
example adds its policies to one copy of the handbook, builds its HTML, runs the HTML safety step, prints each
policy's own PDF (the whole text), reads everything back, and removes the policies again. CI runs the two titles of
the issue in one build and TEXT_IS_DATA_EXAMPLES generated ones in another (default 3; set it higher to search
harder): one build holds several policies, each read back on its own pages, as a library holds them.
"""
from __future__ import annotations

import html
import json
import os
import re
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from pypdf import PdfReader

from conftest import build, copy_project, run
from scripts.core.paths import text_download
from scripts.corpus.split import split_file
from scripts.publish.search_index import read_index

EXAMPLES = int(os.environ.get("TEXT_IS_DATA_EXAMPLES", "3"))
PIECES = ["关于", "加强", "妇女", "权益", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "</title>",
          "&amp;", "&lt;", "&", "*重点*", "_强调_", "[责任](javascript:alert(3))", "`代码`", "{{ config }}",
          "{% raw %}", "{: onclick=alert(4) }", "{ #id .cls }", '"加强"', "'单引号'", "：", ": ", "#", "|", "\\",
          "<3000", "%", "!", "---", "《法》", "“两癌”"]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
SLUG = "data-text"


def _policy(title: str, sentences: list[str]) -> str:
    # Each sentence starts and ends with Chinese, so that no numbering marker or heading shape is made by chance.
    body = "".join(f"请各单位{s}落实。" for s in sentences)
    return f"{title}\n\n一、总体要求\n{body}\n二、工作安排\n各单位要加强领导。\n"


def _visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("data") / "p")


POLICY = st.tuples(TEXT.map(lambda s: f"关于{s}的通知"), st.lists(TEXT, min_size=1, max_size=3))


@pytest.mark.build
@settings(max_examples=1, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(policies=st.lists(POLICY, min_size=EXAMPLES, max_size=EXAMPLES, unique_by=lambda p: p[0]))
@example(policies=[("关于<script>alert(1)</script>加强<img src=x onerror=alert(2)>工作的通知", ["<3000"]),
                   ('关于"加强"：工作的通知', ["*重点*", "&amp;"])])
def test_titles_and_sentences_show_as_written_everywhere(project, tmp_path_factory, policies):
    """Several policies in one build: each is checked on its own pages, and each title is in the others' nav."""
    work = tmp_path_factory.mktemp("example")
    slugs = [f"{SLUG}-{i}" for i in range(len(policies))]
    try:
        for slug, (title, sentences) in zip(slugs, policies):
            seed = work / f"{slug}.txt"
            seed.write_text(_policy(title, sentences), "utf-8")
            added = run(sys.executable, "-m", "scripts.policy", "--root", str(project), "add", str(seed), slug,
                        cwd=project)
            assert added.returncode == 0, added.stderr
        site = work / "site"
        built = build(site, "html", "html_safety", project=project)
        assert built.returncode == 0, built.stdout[-1500:] + built.stderr[-3000:]
        args = [a for slug in slugs for a in ("--text", slug)]
        printed = run(sys.executable, "-m", "scripts.book", str(site), "--config", str(project / "mkdocs.yml"), *args,
                      cwd=project)
        assert printed.returncode == 0, printed.stderr[-2000:]
        for slug, (title, _sentences) in zip(slugs, policies):
            _shows_as_written(project, site, slug, title)
    finally:
        for slug in slugs:
            if (project / "seeds" / f"{slug}.txt").exists():
                removed = run(sys.executable, "-m", "scripts.policy", "--root", str(project), "remove", slug,
                              cwd=project)
                assert removed.returncode == 0, removed.stderr


def _shows_as_written(project, site, slug: str, title: str) -> None:
    doc = split_file(project / "seeds" / f"{slug}.txt", slug)
    assert doc.title == title  # the splitter keeps the title as written

    index = (site / "source" / slug / "index.html").read_text("utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", index, re.S).group(1)
    assert _visible(re.sub(r'<a class="headerlink".*?</a>', "", h1)).strip() == title
    page_title = re.search(r"<title>(.*?)</title>", index, re.S).group(1)
    assert html.unescape(page_title).startswith(title + " - ")
    # The nav of another page names the policy by its title (a section of the nav, escaped text).
    home = (site / "index.html").read_text("utf-8")
    assert html.escape(title, quote=False) in home or html.escape(title) in home
    assert title not in home or not re.search(r"[<>&]", title)  # never as raw markup

    for sid, sentence in doc.sentences.items():
        part = (site / "source" / slug / doc.page_of(sid) / "index.html").read_text("utf-8")
        span = re.search(rf'<span class="sentence" id="{re.escape(sid)}"[^>]*>(.*?)</span>', part, re.S)
        assert span and _visible(span.group(1)) == sentence.text, sid

    docs = read_index(site, "zh")["docs"]
    own = [d for d in docs if d["l"].startswith(f"source/{slug}/")]
    assert any(d["t"] == title for d in own), [d["t"] for d in own][:3]
    indexed = " ".join(d["x"] for d in own)
    assert all(s.text in indexed for s in doc.sentences.values())

    # The text's own PDF (downloads/texts/<slug>.pdf, printed for every policy at once by the caller).
    printed = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(site / text_download(slug, "pdf")).pages))
    assert re.sub(r"\s+", "", title) in printed
    for sentence in doc.sentences.values():
        assert re.sub(r"\s+", "", sentence.text) in printed, sentence.text
    assert json.loads(json.dumps(title)) == title


def test_what_no_output_can_show_is_refused_at_its_place(tmp_path):
    """A control character is an error at the seed's line and column, and nothing is added."""
    project = copy_project(tmp_path / "p")
    seed = tmp_path / "bad.txt"
    seed.write_text("关于加强工作的通知\n\n一、总体要求\n各单位要\u0008加强领导。\n", "utf-8")
    before = _files(project)
    result = run(sys.executable, "-m", "scripts.policy", "--root", str(project), "add", str(seed), SLUG, cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{seed}:4:5: SEED_CHARACTER U+0008 ")
    assert _files(project) == before


def _files(project):
    """The project's files, not Python's compiled modules (running any command may write those)."""
    return sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
