"""A Chinese edit is never blocked by the English edition: it publishes, and the English page says it is out of date."""
from __future__ import annotations

import pytest

import sys
from pathlib import Path

from conftest import copy_project, mkdocs_build, run
from scripts.pages.collect import collect_page
from scripts.render.stale import MAX_DIFF_LINES, changes, notice

ADDED = "本页补充一句说明。"
STALE = "docs/guidance/2-5.en.md:1:1: TRANSLATION_STALE [warning] translates an older docs/guidance/2-5.md "


def committed_copy(dest: Path) -> Path:
    """A copy of the project as a git repository of one commit: the stamped Chinese text is in its history."""
    project = copy_project(dest)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                                                 "commit", "-q", "-m", "base"]):
        assert run("git", *args, cwd=project).returncode == 0
    return project


def edit_chinese_page(project: Path) -> None:
    page = project / "docs/guidance/2-5.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("# 2.5 创新工作活动载体\n", f"# 2.5 创新工作活动载体\n\n{ADDED}\n", 1), "utf-8")


@pytest.mark.build
def test_chinese_edit_builds_and_the_english_page_says_it_is_out_of_date(tmp_path):
    project = committed_copy(tmp_path / "p")
    edit_chinese_page(project)
    check = run(sys.executable, "-m", "scripts.check", "--root", str(project))
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith(STALE) and check.stdout.count("\n") == 1, check.stdout
    assert "0 errors, 1 warnings" in check.stderr

    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr
    assert ADDED in (site / "guidance/2-5/index.html").read_text("utf-8")  # the correction is published
    en = (site / "en/guidance/2-5/index.html").read_text("utf-8")
    assert '<p class="admonition-title">This translation is out of date</p>' in en
    assert '<a href="../../../guidance/2-5/" hreflang="zh" lang="zh">the current Chinese page</a>' in en
    assert (site / "en/guidance/2-5" / "../../../guidance/2-5/index.html").resolve().exists()
    assert f'<span class="gi">+{ADDED}</span>' in en  # what changed since the translation
    assert "This translation is out of date" not in (site / "en/guidance/2-4/index.html").read_text("utf-8")
    status = (site / "en/translations/index.html").read_text("utf-8")
    row = next(r for r in status.split("<tr>") if '<td><a href="../guidance/2-5/"' in r)
    assert "<td>stale</td>" in row


@pytest.mark.build
def test_a_project_can_make_a_stale_translation_an_error(tmp_path):
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("TRANSLATION_STALE: warning", "TRANSLATION_STALE: error"),
                      "utf-8")
    edit_chinese_page(project)
    check = run(sys.executable, "-m", "scripts.check", "--root", str(project))
    assert check.returncode == 1
    assert "TRANSLATION_STALE translates an older docs/guidance/2-5.md" in check.stdout
    assert mkdocs_build(project, tmp_path / "site").returncode == 1


def test_without_the_stamped_text_the_notice_shows_both_versions(tmp_path):
    docs = copy_project(tmp_path / "p") / "docs"  # no git: the stamped text cannot be recovered
    edit_chinese_page(docs.parent)
    rec = collect_page("guidance/2-5.en.md", (docs / "guidance/2-5.en.md").read_text("utf-8"))
    text = notice(rec, docs, directory_urls=False)
    assert text.startswith('!!! warning "This translation is out of date"')
    assert 'href="../../guidance/2-5.html"' in text
    assert f"cannot be shown (recorded {rec.meta['source_sha256'][:12]}, now " in text


def test_the_list_of_changes_is_bounded():
    old = "\n".join(f"第{i}行" for i in range(500))
    new = "\n".join(f"第{i}行改" for i in range(500))
    lines = changes(old, new)
    assert len(lines) == MAX_DIFF_LINES + 1 and lines[-1].endswith("more line(s) of changes")
