"""Revisions: a synthetic later version of the seed (made here; nothing of the real seed changes in the repo)
is aligned with the current one, refused when it is bad input, and makes the checker point at every citation
it affects; the rewrite and stamp commands bring the pages up to date, and the site shows the change."""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED, copy_project, mkdocs_build, run, serve
from revision import INSERTED, revised_seed_text
from scripts.corpus.align import align
from scripts.corpus.words import word_diff
from scripts.core.yamlio import FRONT_MATTER, load_yaml
from scripts.corpus.split import split_file, split_text

SLUG = "shunyi-women-social-management"


def test_alignment_of_the_synthetic_revision():
    changes = align(split_file(SEED), split_text(revised_seed_text()))
    moved = {(c.old, c.new) for c in changes.changes if c.unit == "sentence" and c.kind == "moved"}
    # The inserted 三要 renumbers old 三要…七要 (2.3…2.7) into 四要…八要 (2.4…2.8).
    assert ("2.3.1", "2.4.1") in moved and ("2.7.7", "2.8.7") in moved and ("2.5.3", "2.6.3") in moved
    assert ("2.3.7", "2.4.6") in moved  # the sentence after the deleted one moves up within its item
    assert len(moved) == 27
    changed = [(c.old, c.new) for c in changes.changes if c.unit == "sentence" and c.kind == "changed"]
    assert changed == [("2.2.4", "2.2.4")]
    assert [c.old for c in changes.changes if c.unit == "sentence" and c.kind == "removed"] == ["2.3.6"]
    added = [c.new for c in changes.changes if c.unit == "sentence" and c.kind == "added"]
    assert added == ["2.3.1", "2.3.2"] and INSERTED.startswith(split_text(revised_seed_text()).sentences["2.3.1"].text)
    # Part 1 is untouched: every sentence keeps its ID and its text.
    part1 = [c for c in changes.changes if c.unit == "sentence" and (c.old or "").startswith("1.")]
    assert part1 and all(c.kind == "unchanged" for c in part1)
    provisions = {(c.old, c.new): c.kind for c in changes.changes if c.unit == "provision"}
    assert provisions[("2.2", "2.2")] == "changed" and provisions[("2.3", "2.4")] == "changed"
    assert provisions[("2.5", "2.6")] == "moved" and provisions[("1", "1")] == "unchanged"
    assert provisions[(None, "2.3")] == "added"
    assert changes.summary() == {"added": 2, "removed": 1, "changed": 1, "moved": 27, "unchanged": 30}


def test_a_word_diff_reads_for_chinese():
    assert word_diff("关注广大妇女的需求", "关注广大妇女特别是老年妇女的需求") == [
        ("=", "关注广大妇女"), ("+", "特别是老年妇女"), ("=", "的需求")]


def test_overrides_decide_what_similarity_cannot(tmp_path):
    from scripts.corpus.align import load_overrides

    path = tmp_path / "align.yml"
    path.write_text('"2.2.4": null\n', "utf-8")
    changes = align(split_file(SEED), split_text(revised_seed_text()), load_overrides(path))
    kinds = {(c.old, c.new): c.kind for c in changes.changes if c.unit == "sentence"}
    assert kinds[("2.2.4", None)] == "removed" and kinds[(None, "2.2.4")] == "added"


def add_version(project: Path, seed: Path, date: str, slug: str = SLUG):
    return run(sys.executable, "-m", "scripts.versions", "--root", str(project), "add", slug, str(seed), date,
               cwd=project)


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts and ".cache" not in p.parts}


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


@pytest.mark.parametrize("slug, text, date, where, message", [
    ("no-such-policy", "revised", "2026-12-01", "seeds/no-such-policy.txt:1:1", "no policy named"),
    (SLUG, "same", "2026-12-01", "new.txt:1:1", "the same as the current version (v1)"),
    (SLUG, "revised", "2026-13-01", "2026-13-01:1:1", "is not a date"),
    (SLUG, "gbk", "2026-12-01", "new.txt:1:1", "SEED_ENCODING"),
])
def test_bad_versions_are_refused_and_change_nothing(project, slug, text, date, where, message):
    seed = project.parent / "new.txt"
    if text == "gbk":
        seed.write_bytes("标题\n一、正文".encode("gb18030"))
    else:
        seed.write_text(revised_seed_text() if text == "revised" else SEED.read_text("utf-8"), "utf-8")
    before = tree(project)
    result = add_version(project, seed, date, slug)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert where in result.stderr.splitlines()[0] and message in result.stderr
    assert tree(project) == before


def test_a_date_before_the_current_version_is_refused(project):
    seed = project.parent / "new.txt"
    seed.write_text(revised_seed_text(), "utf-8")
    assert add_version(project, seed, "2026-12-01").returncode == 0
    before = tree(project)
    again = project.parent / "newer.txt"
    again.write_text(revised_seed_text().replace("八要", "八要要", 1), "utf-8")
    result = add_version(project, again, "2026-11-30")
    assert result.returncode == 1 and "is before the current version's date (2026-12-01)" in result.stderr
    assert tree(project) == before


def check(project: Path):
    return run(sys.executable, "-m", "scripts.check", "--root", str(project), cwd=ROOT)


def review(project: Path, *args: str):
    return run(sys.executable, "-m", "scripts.review", "--root", str(project), *args, cwd=project)


def lines_of(out: str, code: str) -> list[str]:
    return [ln for ln in out.splitlines() if f" {code} " in ln]


@pytest.mark.build
def test_a_revision_from_new_version_to_published_site(project, tmp_path, page):
    seed = tmp_path / "v2.txt"
    seed.write_text(revised_seed_text(), "utf-8")
    added = add_version(project, seed, "2026-12-01")
    assert added.returncode == 0, added.stderr
    assert (project / "seeds" / "versions" / SLUG / "v1.txt").read_bytes() == SEED.read_bytes()
    assert (project / "seeds" / f"{SLUG}.txt").read_text("utf-8") == revised_seed_text()
    # The English translation follows its sentences: old 2.3.1 is now 2.4.1.
    en = (project / "seeds" / f"{SLUG}.en.yml").read_text("utf-8")
    assert re.search(r"^  '?\"?2\.4\.1'?\"?: Third, innovate the means of rights-protection work", en, re.M)

    # The checker, at each citation (pages were checked against v1).
    out = check(project).stdout
    g23 = (project / "docs/guidance/2-3.md").read_text("utf-8").splitlines()
    line = next(i for i, ln in enumerate(g23, 1) if "（§2.3.6）" in ln)
    col = g23[line - 1].index("§2.3.6") + 1
    assert f"docs/guidance/2-3.md:{line}:{col}: CITED_PROVISION_REMOVED §2.3.6: {SLUG} v2 no longer has what v1 " \
           "numbered 2.3.6" in out
    g25 = (project / "docs/guidance/2-5.md").read_text("utf-8").splitlines()
    line = next(i for i, ln in enumerate(g25, 1) if "§2.5.3" in ln)
    col = g25[line - 1].index("§2.5.3") + 1
    assert f"docs/guidance/2-5.md:{line}:{col}: CITATION_MOVED §2.5.3: v1's 2.5.3 is 2.6.3 in v2 " \
           "(hint: now §2.6.3;" in out
    g22 = (project / "docs/guidance/2-2.md").read_text("utf-8").splitlines()
    line = next(i for i, ln in enumerate(g22, 1) if "§2.2.4" in ln)
    col = g22[line - 1].index("§2.2.4") + 1
    assert f"docs/guidance/2-2.md:{line}:{col}: CITED_TEXT_CHANGED §2.2.4: the cited text changed in v2" in out
    assert any("docs/checklists/2-2.md" in ln for ln in lines_of(out, "CITED_TEXT_CHANGED"))  # checklists too
    assert any("docs/templates/" in ln for ln in lines_of(out, "CITATION_MOVED"))  # and templates

    # rewrite: moved citations renumbered everywhere; what changed stays listed for a person to check.
    result = review(project, "rewrite")
    g25_new = (project / "docs/guidance/2-5.md").read_text("utf-8")
    assert "§2.6.3" in g25_new and front(g25_new)["reviewed"] == {"shunyi-women-social-management": "v2"}
    pending = front((project / "docs/guidance/2-2.md").read_text("utf-8"))["changed_since_review"]
    assert pending["shunyi-women-social-management"][:2] == ["2.2", "2.2.4"]
    assert "docs/guidance/2-3.md" in result.stderr and "CITED_PROVISION_REMOVED" in result.stderr  # left as it was
    out = check(project).stdout
    assert not lines_of(out, "CITATION_MOVED") or all("2-3" in ln or "glossary" in ln or "3-2" in ln
                                                       or "rights-case" in ln for ln in lines_of(out, "CITATION_MOVED"))
    assert lines_of(out, "CITED_TEXT_CHANGED")

    # A reviewer replaces the removed sentence's citations, checks every page and stamps it; the new
    # item gets its guidance and a checklist item.
    for path in (project / "docs").rglob("*.md"):
        text = path.read_text("utf-8")
        if "§2.3.6" in text and "source/" not in path.as_posix():
            path.write_text(text.replace("§2.3.6", "§2.3"), "utf-8")
    assert review(project, "rewrite").returncode == 0
    pages = [str(p) for p in (project / "docs").rglob("*.md") if "/source/" not in p.as_posix()]
    stamped = review(project, "stamp", *pages)
    assert stamped.returncode == 0, stamped.stderr
    g20 = project / "docs/guidance/2-0.md"
    g20.write_text(g20.read_text("utf-8") + "\n新增的第三项要求志愿服务登记（§2.3.1、§2.3.2）。\n", "utf-8")
    c23 = project / "docs/checklists/2-3.md"
    c23.write_text(c23.read_text("utf-8").replace("\n## ", "\n- [ ] [2.3-99] 建立志愿服务登记制度（§2.3.2）\n\n## ", 1),
                   "utf-8")
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert "TRANSLATION_STALE [warning]" in result.stdout  # the English of 2.2.4 and of the new sentences

    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr[-3000:]
    built = tree(site)
    part2 = (site / "source" / SLUG / "part-2" / "index.html").read_text("utf-8")
    assert "本条于2026-12-01修改" in part2 and "本条于2026-12-01新增" in part2
    assert 'href="../changes/#v2-2.2"' in part2 and 'href="../changes/#v2-2.3"' in part2  # each to its own row
    # Under the title of every current page of a revised text: that it was revised, when, and what changed.
    assert re.search(r'<p class="revised-note">本文件2026-12-01修改，现行文本如下。<a href="\.\./changes/">看改了什么</a></p>',
                     part2)
    landing = (site / "source" / SLUG / "index.html").read_text("utf-8")
    assert "v2（2026-12-01，现行）" in landing and re.search(r'v1（[^）]*）.*?<a href="v1/">原文</a>', landing)
    changes = (site / "source" / SLUG / "changes" / "index.html").read_text("utf-8")
    assert "<ins>特别是老年妇女</ins>" in changes
    assert "<del>加强与" in changes and "工作能力与水平。</del>" in changes  # glossary terms are linked inside
    assert "第二部分第三项 → 第二部分第四项" in changes and 'id="v2-2.4"' in changes  # old 三要 is 四要 now
    old = (site / "source" / SLUG / "v1" / "part-2" / "index.html").read_text("utf-8")
    assert "旧版本：v1" in old and "等部门以及社会各方面的合作" in old and "特别是老年妇女" not in old
    en_part2 = (site / "en" / "source" / SLUG / "part-2" / "index.html").read_text("utf-8")
    assert 'class="sentence stale-translation" id="2.2.4"' in en_part2
    matrix = (site / "matrix" / "index.html").read_text("utf-8")
    assert "v2（2026-12-01）" in matrix
    # Search indexes the current text only.
    from scripts.publish.search_index import read_index
    locations = [d["l"] for d in read_index(site, "zh")["docs"]]
    assert not any("/v1/" in loc or "/changes/" in loc for loc in locations)
    assert any(f"source/{SLUG}/part-2/" in loc for loc in locations)

    # In a browser, over http and from the offline bundle: the note leads to the diff.
    gen = serve(site)
    url = next(gen)
    try:
        page.goto(url + f"source/{SLUG}/part-2/")
        note = page.locator("a.revision-note").first
        assert note.is_visible() and note.get_attribute("href") == "../changes/#v2-2.2"
        page.goto(page.evaluate("document.querySelector('a.revision-note').href"))
        assert page.locator("section.revision ins").first.is_visible()
        page.goto(url + f"source/{SLUG}/v1/part-2/")
        assert page.locator(".admonition.warning").first.inner_text().startswith("旧版本：v1")
    finally:
        gen.close()
    from zipfile import ZipFile

    # The bundle of this copy (its own scripts/, so its own seeds and pages).
    packed = run(sys.executable, "-m", "scripts.build", "--site", str(site), "--dist", str(tmp_path / "dist"),
                 "--work", str(tmp_path / "work"), "--steps", "bundle", cwd=project)
    assert packed.returncode == 0, packed.stderr[-2000:]
    bundle = next((tmp_path / "dist").glob("*-offline.zip"))
    with ZipFile(bundle) as zf:
        zf.extractall(tmp_path / "unzipped")
    (top,) = [p for p in (tmp_path / "unzipped").iterdir() if p.is_dir()]
    page.goto((top / "source" / SLUG / "part-2.html").as_uri())
    assert page.locator("a.revision-note").first.get_attribute("href") == "changes.html#v2-2.2"
    page.goto(page.evaluate("document.querySelector('a.revision-note').href"))
    assert page.locator("section.revision del").first.is_visible()

    # The same commit builds the same bytes.
    again = tmp_path / "site2"
    assert mkdocs_build(project, again).returncode == 0
    assert built == tree(again)


def test_add_version_moves_translations_as_the_pairs_overrides_align_them(project, tmp_path):
    seed = tmp_path / "v2.txt"
    seed.write_text(revised_seed_text(), "utf-8")
    overrides = project / "seeds" / "versions" / SLUG / "align-v1-v2.yml"
    overrides.parent.mkdir(parents=True)
    overrides.write_text('"2.7.7": null\n', "utf-8")  # a person decided old 2.7.7 is not new 2.8.7
    assert add_version(project, seed, "2026-12-01").returncode == 0
    en = (project / "seeds" / f"{SLUG}.en.yml").read_text("utf-8")
    assert not re.search(r"^  '?\"?2\.8\.7'?\"?:", en, re.M)  # not moved: the checker aligns it the same way
    assert re.search(r"^  '?\"?2\.8\.6'?\"?:", en, re.M)


def front(text: str) -> dict:
    """A page's front matter as data (how it is spelt is the YAML writer's business)."""
    return load_yaml(FRONT_MATTER.match(text)["yaml"])
