"""The suite's own bookkeeping: which commands it counts as site builds (printed at the end of a run)."""
from pathlib import Path

from conftest import _site_build, generator_build


def test_the_site_builds_the_suite_counts():
    assert _site_build(tuple(generator_build(Path("mkdocs.yml"), Path("site")))) == "html"
    assert _site_build(("python", "-m", "scripts.build", "--site", "site")) == "pipeline"
    assert _site_build(("python", "-m", "scripts.build", "--site", "s", "--steps", "html,pwa")) == "html"
    assert _site_build(("python", "-m", "scripts.build", "--site", "s", "--steps", "bundle")) is None
    assert _site_build(("python", "-m", "scripts.check", "--root", "build")) is None
    assert _site_build(("git", "log", "-1")) is None
