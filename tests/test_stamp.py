"""The stamp of a whole build (scripts/publish/stamp.py): the suite takes make build's site only while the stamp
holds, that is while the sources, the environment that changes the output and every output file are as built."""
from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from scripts.core.paths import BUNDLE_NAME
from scripts.publish import pipeline, stamp
from scripts.publish.pipeline import Build, Step



def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def _make(b: Build) -> str:
    """A stand-in for every step of the build: a page and the offline bundle, from the one source."""
    text = (b.root / "docs" / "index.md").read_text("utf-8")
    (b.site / "en").mkdir(parents=True, exist_ok=True)
    (b.site / "index.html").write_text(f"<p>{text}</p>", "utf-8")
    (b.site / "en" / "index.html").write_text("<p>en</p>", "utf-8")
    b.dist.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(b.dist / f"{BUNDLE_NAME}-v1-offline.zip", "w") as z:
        z.writestr("index.html", text)
    return "made"


@pytest.fixture
def checkout(tmp_path, monkeypatch) -> Build:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "docs" / "index.md").write_text("妇女权益", "utf-8")
    (root / "tests" / "test_x.py").write_text("", "utf-8")
    (root / ".gitignore").write_text("/site/\n/dist/\n/build/\n", "utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "one")
    monkeypatch.setattr(pipeline, "STEPS", [Step("all", "everything", _make)])
    monkeypatch.setattr(pipeline, "BY_NAME", {"all": pipeline.STEPS[0]})
    return Build(root, root / stamp.SITE, root / stamp.DIST, root / stamp.WORK, chromium="")


def _current(b: Build, **changed: str) -> Path | None:
    """Whether the stamp holds, for the environment as it is or with some variables changed."""
    return stamp.current(b.root, b.site, b.dist, b.work, b.chromium, {**os.environ, **changed})


def test_a_whole_build_is_current_until_a_source_or_an_output_changes(checkout, monkeypatch):
    b = checkout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.run(b)
    assert stamp.stamp_path(b.work) == b.root / "build" / stamp.NAME
    assert _current(b) == b.dist / f"{BUNDLE_NAME}-v1-offline.zip"
    # The test suite's own variables and its own files do not change what the build wrote.
    assert _current(b, HANDBOOK_TEST_REBUILD="1") is not None
    (b.root / "tests" / "test_x.py").write_text("assert True\n", "utf-8")
    assert _current(b) is not None
    # A source edited (committed or not), a new source file, a variable the build reads: not current.
    source = b.root / "docs" / "index.md"
    source.write_text("妇女权益保障", "utf-8")
    assert _current(b) is None
    source.write_text("妇女权益", "utf-8")
    assert _current(b) is not None
    (b.root / "docs" / "new.md").write_text("新", "utf-8")
    assert _current(b) is None
    (b.root / "docs" / "new.md").unlink()
    assert _current(b, SOURCE_DATE_EPOCH="1700000001") is None
    assert _current(b, HANDBOOK_EDIT_URI="edit/main/docs/") is None
    # An output changed, added or removed since the build: not current.
    page = b.site / "en" / "index.html"
    page.write_text("<p>edited</p>", "utf-8")
    assert _current(b) is None
    page.write_text("<p>en</p>", "utf-8")
    assert _current(b) is not None
    (b.site / "extra.html").write_text("", "utf-8")
    assert _current(b) is None
    (b.site / "extra.html").unlink()
    page.unlink()
    assert _current(b) is None
    page.write_text("<p>en</p>", "utf-8")
    # A new commit (the version and dates the site prints) with the same files: not current.
    _git(b.root, "commit", "-q", "--allow-empty", "-m", "two")
    assert _current(b) is None


def test_only_a_whole_build_that_finished_leaves_a_stamp(checkout, monkeypatch):
    b = checkout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.run(b)
    assert stamp.stamp_path(b.work).exists()
    pipeline.run(b, ["all"])  # some steps, run again: the outputs may no longer be one build's
    assert not stamp.stamp_path(b.work).exists() and _current(b) is None
    pipeline.run(b)
    # A step run on another site (a test's) with the same scratch folder leaves this build's stamp alone.
    elsewhere = Build(b.root, b.root.parent / "other-site", b.root.parent / "other-dist", b.work, chromium="")
    pipeline.run(elsewhere, ["all"])
    assert _current(b) is not None

    def fails(_b: Build) -> str:
        raise pipeline.StepFailed("all", message="no")
    monkeypatch.setattr(pipeline, "STEPS", [Step("all", "everything", fails)])
    with pytest.raises(pipeline.StepFailed):
        pipeline.run(b)
    assert not stamp.stamp_path(b.work).exists()


def test_no_stamp_outside_git(tmp_path):
    (tmp_path / "site").mkdir()
    bundle = tmp_path / "dist" / "b.zip"
    bundle.parent.mkdir()
    bundle.write_bytes(b"zip")
    assert stamp.write(tmp_path, tmp_path / "site", tmp_path / "dist", tmp_path / "build" / "offline", bundle, "") is None
    assert stamp.current(tmp_path, tmp_path / "site", tmp_path / "dist", tmp_path / "build" / "offline", "") is None


def test_the_packages_are_those_the_build_runs_on_not_the_test_tools():
    """make test installs its own tools after make build: they must not make the build's stamp untrue."""
    root = Path(__file__).resolve().parents[1]
    names = {p.split("==")[0] for p in stamp.build_packages(root)}
    assert {"properdocs", "mkdocs-material", "weasyprint", "jieba"} <= names  # pinned in requirements.txt
    assert {"jinja2", "markdown", "pygments"} <= names  # what they need, pinned or not
    assert not {"pytest", "hypothesis", "pypdf", "import-linter", "pytest-xdist"} & names
