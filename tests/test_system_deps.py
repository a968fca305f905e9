"""What the code runs, `make system-deps` installs: a fresh machine has only what the Makefile asks for."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT
from scripts.core.browser import FULL_BROWSER, HEADLESS_SHELL
from scripts.publish.pipeline import Build


def _recipe(target: str) -> str:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    return re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)[1]


def test_both_chromiums_the_code_runs_are_installed_by_make():
    """The build prints and the tests browse with the headless shell; make bench measures search in the full
    browser. Each binary is looked for before installing, and its Debian package is in the install line."""
    recipe = _recipe("system-deps")
    install = re.search(r"apt-get install([^;]*);", recipe)[1].split()
    for binary in (HEADLESS_SHELL, FULL_BROWSER):
        name = Path(binary).name
        assert f"command -v {name} >" in recipe, name
        assert name in install, name


def test_the_build_prints_with_the_headless_shell_unless_chromium_names_another(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    assert Build(tmp_path, tmp_path / "site", tmp_path / "dist", tmp_path / "work").chromium == HEADLESS_SHELL
    monkeypatch.setenv("CHROMIUM", "/opt/other/chrome")
    assert Build(tmp_path, tmp_path / "site", tmp_path / "dist", tmp_path / "work").chromium == "/opt/other/chrome"
