"""Working with a library of texts (issue 27): readable warnings, a PDF and a Word file per text, drafts of
guidance, and a record of what changed.

The library is the handbook with three synthetic texts added by the real command (make add-policy) and one
of them revised (make add-version): tests/fixtures/library/.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run
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
    return cmd(project, "check", "--no-cache", *args)


@pytest.fixture(scope="module")
def library_src(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("library") / "p")
    for slug, (name, _) in LIBRARY.items():
        added = cmd(project, "policy", "add", str(TEXTS / name), slug)
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
    assert [line.split(":")[0] for line in lines[:-2]] == ["seeds/shili-funv-quanyi.txt", "seeds/shili-funv-quanyi.en.yml"]
    assert lines[-2].startswith("34 warnings, one line per text or page and code")
    assert lines[-1].endswith("warnings about files not changed not shown (without --changed-since: all)")
    # GitHub annotations follow the same selection.
    github = check(library, "--changed-since", "HEAD", "--format", "github").stdout.splitlines()
    assert len(github) == 2 and all(a.startswith("::warning file=seeds/shili-funv-quanyi.") for a in github)
    assert "and 32 more like it in text shili-funv-quanyi" in github[0]


def test_an_unknown_revision_is_a_usage_error(library):
    result = check(library, "--changed-since", "no-such-branch")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("--changed-since:1:1: USAGE git knows no revision 'no-such-branch'")
