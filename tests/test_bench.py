"""make bench runs end to end (a smoke test: one run, small sizes; the figures come from make bench)."""
from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import sys
from pathlib import Path

from conftest import ROOT, run
from scripts.dev.bench import QUICK_QUERIES, _settled


def test_bench_quick_runs_and_writes_results(built_site, bundle_zip, search_library_site, tmp_path):
    out = tmp_path / "results.json"
    work = tmp_path / "work"  # not bench/work: a developer's own runs stay where they are
    result = run(sys.executable, "-m", "scripts.dev.bench", "--quick", "--site", str(built_site), "--zip",
                 str(bundle_zip), "--library-site", str(search_library_site), "--out", str(out), "--work", str(work))
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(out.read_text("utf-8"))
    assert {"build", "scaling", "search", "weight", "versions", "machine", "date"} <= set(data)
    assert data["build"]["full_median_s"] > 0 and data["build"]["plain_median_s"] > 0
    # Material building the same site: the texts' pages in its nav and the English edition beside the Chinese.
    assert data["build"]["same_site_median_s"] > data["build"]["plain_median_s"] * 0.5
    assert data["library"]["2 texts"]["html_ratio_same_site"] > 0
    assert data["scaling"]["sizes"]["2x"]["pages"] > data["scaling"]["sizes"]["1x"]["pages"]
    # The checker after one page was edited, beside cold and warm; the page is put back as it was.
    assert all(row["check_edited_median_s"] > 0 for row in data["scaling"]["sizes"].values())
    assert "after editing a page" in result.stdout
    search = data["search"]
    assert 0 < search["quality"]["zh"]["recall@3"] <= 1
    # The search figures per size: the handbook and the library fixture's texts added to it.
    assert search["index"]["library"]["texts"] == 4 and search["index"]["1x"]["zh"]["head"] > 0
    http = search["sizes"]["library"]["http"]
    assert isinstance(http["first_results_after_focus_ms"], int) and http["keystroke"]["zh"]["queries"] == QUICK_QUERIES
    assert all(set(t) == {"target", "value", "pass"} for t in search["targets"])
    assert data["weight"]["zip_bytes"] == bundle_zip.stat().st_size
    assert "search library http" in result.stdout and "offline bundle" in result.stdout
    assert "PASS public set zh" in result.stdout or "FAIL public set zh" in result.stdout
    assert (work / "full" / "index.html").exists() and (work / "library-2").is_dir()
    assert not (work / "library-site").exists()  # it searched the suite's library, not one of its own


# What each of the Makefile's install stamps installs.
INSTALLS = {"$(BIN)/.installed": ("requirements.txt",), "$(BIN)/.test-installed": ("requirements-test.txt",
                                                                                    "requirements.txt")}


def _requirements(files: tuple[str, ...]) -> set[str]:
    names = set()
    for name in files:
        for line in (ROOT / name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith(("#", "-r")):
                names.add(re.split(r"[=<>\[; ]", line.strip(), maxsplit=1)[0].lower().replace("_", "-"))
    return names


def test_make_bench_installs_what_the_benchmarks_import():
    """make bench on a fresh clone stopped at `import pypdf`: its target installed requirements.txt alone, and pypdf
    is a test requirement. Every package a module of scripts/dev/ imports is installed by the bench targets' stamp."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    distributions = importlib.metadata.packages_distributions()
    imported = set()
    for path in (ROOT / "scripts" / "dev").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            imported |= {n.split(".")[0] for n in names}
    packages = {d.lower().replace("_", "-") for m in imported - set(sys.stdlib_module_names) - {"scripts"}
                for d in distributions.get(m, [m])}
    assert "pypdf" in packages
    for target in ("bench", "bench-search"):
        stamp = next(p for p in re.search(rf"^{target}:(.*)$", makefile, re.M)[1].split() if p in INSTALLS)
        assert packages <= _requirements(INSTALLS[stamp]), (target, packages - _requirements(INSTALLS[stamp]))


class _LoadingPage:
    """A page whose files keep arriving for `arrivals` waits, one per wait, then stop."""

    def __init__(self, loaded: list, arrivals: int):
        self.loaded, self.arrivals, self.waited = loaded, arrivals, 0

    def wait_for_timeout(self, ms: int) -> None:
        self.waited += ms
        if self.arrivals:
            self.arrivals -= 1
            self.loaded.append(f"file:///f{len(self.loaded)}")


def test_page_weight_waits_until_files_stop_arriving_and_no_longer():
    """bench's page weight counts what loads after the page and after focusing search: it waits until no file
    has been requested for half a second, however long loading takes, but not forever."""
    loaded: list = []
    page = _LoadingPage(loaded, arrivals=7)
    _settled(page, loaded)
    assert len(loaded) == 7 and page.waited == 8 * 500  # every file in, then one quiet half second
    quiet = _LoadingPage([], arrivals=0)
    _settled(quiet, quiet.loaded)
    assert quiet.waited == 500
    endless = _LoadingPage([], arrivals=10**6)
    _settled(endless, endless.loaded)
    assert endless.waited == 10_000
