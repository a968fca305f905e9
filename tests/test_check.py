"""The cross-reference checker: one fixture tree per error code, each with its exact expected output."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build, run
from scripts.core.codes import INFO

FIXTURES = Path(__file__).parent / "fixtures" / "check"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def make_tree(case: str, dest: Path) -> Path:
    """The base fixture, the real seed, the case's overlay on top (it may add seeds) and the generated source pages."""
    shutil.copytree(FIXTURES / "base", dest)
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    overlay = FIXTURES / case / "overlay"
    if overlay.exists():
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    result = run(sys.executable, "-m", "scripts.generate", "--docs", str(dest / "docs"),
                 "--seeds", str(dest / "seeds"))
    assert result.returncode == 0, result.stderr
    # A case may edit generated files afterwards (as a person editing them by hand would):
    # edits.yml maps a path in the tree to [old, new] replacements.
    edits = FIXTURES / case / "edits.yml"
    if edits.exists():
        for rel, pairs in yaml.safe_load(edits.read_text("utf-8")).items():
            page = dest / rel
            text = page.read_text("utf-8")
            for old, new in pairs:
                assert old in text, f"{case}: {old!r} not in {rel}"
                text = text.replace(old, new)
            page.write_text(text, "utf-8")
    return dest


def check(tree: Path, *args: str):
    return run(sys.executable, "-m", "scripts.check", "--root", str(tree), *args, cwd=ROOT)


def test_base_fixture_is_clean(tmp_path):
    result = check(make_tree("base", tmp_path / "t"))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


@pytest.mark.parametrize("case", CASES)
def test_case_matches_golden_output(case, tmp_path):
    # --verbose: every warning on its own line with its hint, as errors always are (the golden is the whole list).
    result = check(make_tree(case, tmp_path / "t"), "--verbose")
    golden = FIXTURES / case / "expected.txt"
    if UPDATE:
        golden.write_text(result.stdout, "utf-8")
    assert result.stdout == golden.read_text("utf-8")
    errors = [line for line in result.stdout.splitlines() if "[warning]" not in line.split(" ")[2:3]]
    assert result.returncode == (1 if errors else 0)  # a code that warns by default (TERM_RENAMED) exits 0
    assert "Traceback" not in result.stdout + result.stderr
    # Every line is a documented code (scripts/core/codes.py, the contributors' table).
    assert result.stdout and all(line.split(" ")[1] in INFO for line in result.stdout.splitlines())


def test_json_and_github_formats(tmp_path):
    tree = make_tree("unknown_provision", tmp_path / "t")
    rows = [json.loads(line) for line in check(tree, "--format", "json").stdout.splitlines()]
    assert rows[0] == {"code": "UNKNOWN_PROVISION", "col": 5, "hint": "", "line": 8,
                       "message": "§9.9: shunyi-women-social-management has no provision 9.9",
                       "path": "docs/guidance/2-5.md", "severity": "error"}
    github = check(tree, "--format", "github").stdout.splitlines()
    assert github[0].startswith("::error file=docs/guidance/2-5.md,line=8,col=5::UNKNOWN_PROVISION §9.9")


def test_real_docs_pass_clean():
    result = run(sys.executable, "-m", "scripts.check", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_severity_is_configuration(tmp_path):
    tree = make_tree("no_citation", tmp_path / "t")
    config = tree / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("COVERAGE_SENTENCE: off", "COVERAGE_SENTENCE: off\n      NO_CITATION: warning"), "utf-8")
    result = check(tree)
    assert result.returncode == 0
    assert "NO_CITATION" in result.stdout


@pytest.mark.parametrize("garbage", [b"\xff\xfe\x00bad", b"---\n: : :\n---\n", b"---\nkind: [\n", b"\x00" * 10])
def test_no_traceback_on_garbage(tmp_path, garbage):
    tree = make_tree("base", tmp_path / "t")
    (tree / "docs/guidance/2-5.md").write_bytes(garbage)
    result = check(tree)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.startswith("docs/guidance/2-5.md:")


@pytest.mark.build
def test_build_fails_with_the_checkers_message(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs/guidance/2-5.md"
    page.write_text(page.read_text("utf-8") + "\n另见（§9.9）。\n", "utf-8")
    expected = check(project).stdout.strip()
    assert "UNKNOWN_PROVISION" in expected
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    for line in expected.splitlines():
        assert line in build.stderr


def test_cache_reuses_unchanged_pages_and_sees_edits(tmp_path):
    """The second run reads records of unchanged pages from .cache/; an edited page is read afresh."""
    tree = make_tree("base", tmp_path / "t")
    assert check(tree).returncode == 0
    cache = tree / ".cache" / "handbook" / "check-records"

    def stamps() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")}
    before = stamps()
    assert len(before) > 10  # the records are spread over bucket files
    assert check(tree).returncode == 0
    assert stamps() == before  # nothing changed: nothing rewritten
    page = tree / "docs" / "guidance" / "2-5.md"
    page.write_text(page.read_text("utf-8") + "\n见（§2.99）。\n", "utf-8")
    result = check(tree)
    assert result.returncode == 1 and "UNKNOWN_PROVISION §2.99" in result.stdout
    # Only the file holding the edited page's record was written again (one file for all cost 0.5 s at 100x).
    after = stamps()
    assert set(after) == set(before) and len([n for n in after if after[n] != before[n]]) == 1
    assert check(tree, "--no-cache").stdout == result.stdout


def test_cache_records_equal_fresh_records(tmp_path, monkeypatch):
    import scripts.pages.collect as collect

    tree = make_tree("unsafe_url", tmp_path / "t")
    cache = tmp_path / "records"
    fresh = collect.collect_docs(tree / "docs")
    collect.collect_docs(tree / "docs", cache=cache)
    read = []
    monkeypatch.setattr(collect, "collect_page", lambda rel, *a: read.append(rel) or fresh[rel])
    (tree / "docs" / "index.md").write_text((tree / "docs" / "index.md").read_text("utf-8") + "\n", "utf-8")
    assert collect.collect_docs(tree / "docs", cache=cache) == fresh
    assert read == ["index.md"]  # only the edited page was read again


def test_two_processes_read_the_pages_into_the_same_records(tmp_path, monkeypatch):
    """With jobs=2 a forked child reads half of the pages (each record says which process made it); the records
    are those one process makes, in the same order. A child that fails leaves the same answer: its half is read
    again by the parent."""
    import scripts.pages.collect as collect

    tree = make_tree("unsafe_url", tmp_path / "t")
    serial = collect.collect_docs(tree / "docs")
    assert len(serial) > 4
    monkeypatch.setattr(collect, "PARALLEL_PAGES", 4)
    real = collect.collect_page

    def marked(rel, *a):
        rec = real(rel, *a)
        rec.meta = {**rec.meta, "made by": os.getpid()}
        return rec
    monkeypatch.setattr(collect, "collect_page", marked)
    shared = collect.collect_docs(tree / "docs", jobs=2)
    made_by = {rel: rec.meta.pop("made by") for rel, rec in shared.items()}
    assert len(set(made_by.values())) == 2 and os.getpid() in made_by.values()
    assert list(shared) == list(serial) and shared == serial

    parent = os.getpid()

    def failing_in_the_child(rel, *a):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real(rel, *a)
    monkeypatch.setattr(collect, "collect_page", failing_in_the_child)
    assert collect.collect_docs(tree / "docs", jobs=2) == serial


# A page with one of everything collect records: an embed, citations in text, in a task and after a quotation, a
# malformed one, links of every form, raw tags with an id given twice, a front matter date.
EVERYTHING = """---
kind: guidance
provisions: ["2.5"]
date: 2024-01-02
---

# 标题 {#top}

[[§2.5]]

正文引用§2.5.1，又见§x。要求“建立妇女之家”（§2.5）。

- [ ] [2.5-01] 建立台账（§2.5）
- [x] [2.5-02] 报告

[链接](../checklists/a.md#b) ![图](img.png) [参考][r]

[r]: https://example.org

<div id="d">x</div>
<span id="d">y</span>
"""


def test_a_record_packed_for_another_process_is_builtin_values_and_comes_back_equal():
    """What the forked reader sends back is plain tuples, lists, dicts and scalars (pickle then calls no Python per
    record part), and unpacked it is the record again, field for field and type for type."""
    import datetime

    from scripts.pages.collect import NESTED, ROWS, collect_page, pack, unpack

    rec = collect_page("guidance/a.md", EVERYTHING, "docs/guidance/a.md")
    assert all(getattr(rec, name) for name in [*ROWS, *NESTED, "anchors", "duplicate_ids"])  # one of each
    packed = pack(rec)

    def builtin(value) -> bool:
        if type(value) in (tuple, list):
            return all(builtin(v) for v in value)
        if type(value) is dict:
            return all(builtin(k) and builtin(v) for k, v in value.items())
        return type(value) in (str, int, bool, type(None), datetime.date)
    assert builtin(packed)
    again = unpack(packed)
    assert again == rec
    assert [type(x) for name in [*ROWS, *NESTED] for x in getattr(again, name)] == \
        [type(x) for name in [*ROWS, *NESTED] for x in getattr(rec, name)]
    assert [type(c) for t in again.tasks for c in t.citations] == [type(c) for t in rec.tasks for c in t.citations]


def test_forked_work_comes_back_or_is_done_again_here(monkeypatch):
    from scripts.core.forked import Forked

    parent = os.getpid()
    assert Forked(os.getpid).result() != parent  # worked out in the child
    assert Forked(lambda n: [n] * 3, "页").result() == ["页", "页", "页"]

    def fails_in_the_child():
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return "worked out here"
    assert Forked(fails_in_the_child).result() == "worked out here"
    assert Forked(lambda: lambda: 1).result()() == 1  # a value that does not pickle: worked out here
    monkeypatch.delattr(os, "fork")  # a platform without fork
    assert Forked(os.getpid).result() == parent


def test_the_check_command_checks_the_generated_pages_in_a_second_process(tmp_path, monkeypatch):
    import scripts.render.analysis as analysis

    tree = make_tree("generated_edited", tmp_path / "t")
    one = analysis.run_checks(tree, jobs=1).diags
    assert "GENERATED_EDITED" in {d.code for d in one} and analysis.run_checks(tree, jobs=2).diags == one
    real, noted = analysis.check_generated, tmp_path / "ran-in"

    def noting(*args):
        noted.write_text(str(os.getpid()))
        return real(*args)
    monkeypatch.setattr(analysis, "check_generated", noting)
    assert analysis.run_checks(tree, jobs=2).diags == one
    assert int(noted.read_text()) != os.getpid()


def test_the_generated_pages_check_is_reused_until_a_seed_a_source_page_or_the_code_changes(tmp_path, monkeypatch):
    """The answer about docs/source/ is kept in .cache/ (two seconds of rendering at 50 texts); any input
    it depends on makes it be worked out again."""
    import scripts.render.analysis as analysis
    from scripts.corpus.seeds import load_corpus

    tree = make_tree("base", tmp_path / "t")
    cache = tmp_path / "generated.pickle"
    rendered = []
    real = analysis.render_corpus
    monkeypatch.setattr(analysis, "render_corpus", lambda corpus: rendered.append(1) or real(corpus))

    def codes() -> list[str]:
        return [d.code for d in analysis.check_generated(tree / "docs", load_corpus(tree / "seeds"), cache)]

    assert codes() == [] and codes() == [] and len(rendered) == 1  # the second answer came from the cache
    page = next((tree / "docs" / "source").rglob("*.md"))
    page.write_text(page.read_text("utf-8") + "手改的一行\n", "utf-8")
    assert codes() == ["GENERATED_EDITED"] and len(rendered) == 2
    seed = next((tree / "seeds").glob("*.txt"))
    page.write_text(page.read_text("utf-8").replace("手改的一行\n", ""), "utf-8")
    seed.write_text(seed.read_text("utf-8") + "\n", "utf-8")
    codes()
    assert len(rendered) == 3
    monkeypatch.setattr(analysis, "code_digest", lambda: b"other code")
    codes()
    assert len(rendered) == 4


def test_corrupt_cache_is_ignored(tmp_path):
    tree = make_tree("unknown_provision", tmp_path / "t")
    expected = check(tree, "--no-cache").stdout
    assert check(tree).stdout == expected  # the cache's files are written
    files = sorted((tree / ".cache" / "handbook" / "check-records").glob("*.pickle"))
    assert files and (tree / ".cache" / "handbook" / "findings.pickle").exists()
    for path in [*files, tree / ".cache" / "handbook" / "findings.pickle"]:  # the last answer too: it would serve
        path.write_bytes(b"not a pickle")
    result = check(tree)
    assert result.stdout == expected and "Traceback" not in result.stderr


def test_a_misspelt_severity_code_is_an_error_at_its_line(tmp_path):
    tree = make_tree("base", tmp_path / "t")
    config = tree / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("COVERAGE_SENTENCE: off", "COVERAGE_SENTENCE: off\n      COVERAGE_GUIDENCE: warning"), "utf-8")
    result = check(tree)
    line = next(i for i, ln in enumerate(config.read_text("utf-8").splitlines(), 1) if "GUIDENCE" in ln)
    assert result.stdout == (f"{config}:{line}:1: CONFIG severity names an unknown code 'COVERAGE_GUIDENCE' "
                             "(hint: did you mean COVERAGE_GUIDANCE?)\n")
    assert result.returncode == 1


def test_a_change_to_the_id_grammar_is_never_served_from_the_cache(tmp_path):
    """The cache is keyed on the code of every module that makes the records (scripts/core/ids.py among them):
    a copy whose citation grammar no longer reads sentence IDs must see its citations read afresh."""
    tree = make_tree("base", tmp_path / "t")
    shutil.copytree(ROOT / "scripts", tree / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    run_copy = lambda *args: run(sys.executable, "-m", "scripts.check", "--root", str(tree), *args, cwd=tree)  # noqa: E731
    assert run_copy().returncode == 0
    ids = tree / "scripts" / "core" / "ids.py"
    text = ids.read_text("utf-8")
    sentence_part = r'ID = rf"(?:{_GROUP}(?:\.\d+(?:\.\d+)?)?|{_ARTICLE}(?:\.\d+(?:-\d+)*(?:\.\d+)?)?)"'
    assert sentence_part in text
    ids.write_text(text.replace(sentence_part, r'ID = rf"(?:{_GROUP}(?:\.\d+)?|{_ARTICLE}(?:\.\d+(?:-\d+)*)?)"'), "utf-8")
    result = run_copy()
    assert result.returncode == 1 and "MALFORMED_CITATION" in result.stdout
    assert result.stdout == run_copy("--no-cache").stdout


def test_the_checker_reads_the_pages_in_the_order_a_sorted_rglob_gives(tmp_path):
    """Diagnostics and the records come in page order: folder by folder, name by name, whatever the characters
    (a '-' sorts before the '/' of a folder's name in a plain string sort; a folder named *.md is no page); a
    linked folder's pages are pages, as MkDocs builds them."""
    from scripts.pages.collect import markdown_files

    for rel in ("a-b/x.md", "a/x.md", "a/b/c.md", "a.md", "Z.md", "nested/.hidden.md", "nested/x.txt", "é/ü.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", "utf-8")
    (tmp_path / "folder.md").mkdir()
    expected = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.md")) if p.is_file()]
    assert markdown_files(tmp_path) == expected
    assert expected[:3] == ["Z.md", "a/b/c.md", "a/x.md"] and len(expected) == 7
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    assert {"linked/x.md", "linked/b/c.md"} < set(markdown_files(tmp_path))


def test_the_builds_generated_step_and_the_checker_ask_the_same_question_once(tmp_path, monkeypatch):
    """make build's `generated` step and the html step's hook both ask whether docs/source/ is what the splitter
    makes; the step answers through the checker's cache, so a build renders the texts' pages once, not twice (two
    seconds at 50 texts), and an edited page still stops the step."""
    import scripts.render.analysis as analysis
    from scripts.corpus.seeds import load_corpus
    from scripts.publish.pipeline import Build, StepFailed, _generated

    tree = make_tree("base", tmp_path / "t")
    rendered = []
    real = analysis.render_corpus
    monkeypatch.setattr(analysis, "render_corpus", lambda corpus: rendered.append(1) or real(corpus))
    b = Build(tree, tmp_path / "site", tmp_path / "dist", tmp_path / "work")
    pages = sum(1 for _ in (tree / "docs" / "source").rglob("*.md"))
    assert _generated(b) == f"{pages} generated source pages are what the splitter makes" and len(rendered) == 1
    corpus = load_corpus(tree / "seeds")
    assert analysis.check_generated(tree / "docs", corpus, tree / analysis.GENERATED_CACHE) == []
    assert len(rendered) == 1  # the hook's question, answered from the step's work
    page = next((tree / "docs" / "source").rglob("*.md"))
    page.write_text(page.read_text("utf-8") + "手改的一行\n", "utf-8")
    with pytest.raises(StepFailed) as failed:
        _generated(b)
    assert [d.code for d in failed.value.diags] == ["GENERATED_EDITED"] and len(rendered) == 2


def test_a_re_check_with_nothing_changed_writes_no_cache_file(tmp_path, monkeypatch):
    """The page records' cache is written only where something changed: an edit writes its page's bucket file, a
    page taken out writes (or removes) its own, and a run with nothing changed writes none."""
    from scripts.core import cachefile
    from scripts.pages import collect

    tree = make_tree("base", tmp_path / "t")
    cache = tmp_path / "records"
    first = collect.collect_docs(tree / "docs", cache=cache)
    saved = []
    real_save = cachefile.save
    monkeypatch.setattr(cachefile, "save", lambda path, *args: saved.append(path.name) or real_save(path, *args))
    again = collect.collect_docs(tree / "docs", cache=cache)
    assert saved == [] and again == first
    page = tree / "docs" / "guidance" / "2-5.md"
    page.write_text(page.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    collect.collect_docs(tree / "docs", cache=cache)
    assert saved == [collect._bucket_file(cache, "guidance/2-5.md").name]
    saved.clear()
    rel = next(r for r in first if r.startswith("checklists/"))
    bucket = collect._bucket_file(cache, rel)
    alone = not any(collect._bucket_file(cache, other) == bucket for other in first if other != rel)
    (tree / "docs" / rel).unlink()
    assert rel not in collect.collect_docs(tree / "docs", cache=cache)
    assert (saved == [] and not bucket.exists()) if alone else saved == [bucket.name]


def test_a_re_check_with_nothing_changed_gives_the_last_answer_and_any_change_checks_again(tmp_path, monkeypatch):
    """The check command's answer is kept under a key of everything it was worked out from: asked again with
    nothing changed it runs no check; a change to a page, to a file a page links to, to a seed, to mkdocs.yml, to
    the synonym table or to the code checks again, and the answer is what a run without the cache gives."""
    import scripts.render.analysis as analysis

    tree = make_tree("base", tmp_path / "t")
    checked = []
    real = analysis.run_checks
    monkeypatch.setattr(analysis, "run_checks", lambda *a, **k: checked.append(1) or real(*a, **k))

    def codes(expect_check: bool = True) -> list[str]:
        before = len(checked)
        found = analysis.check_findings(tree, cache=True)
        assert len(checked) == before + expect_check
        assert found == analysis.check_findings(tree, cache=False)  # what a run without the cache says
        return sorted({d.code for d in found.diags})

    assert codes() == [] and codes(expect_check=False) == []
    page = tree / "docs" / "guidance" / "2-5.md"
    page.write_text(page.read_text("utf-8") + "\n见（§2.99），另见[附件](../assets/form.pdf)。\n", "utf-8")
    assert codes() == ["LINK_MISSING_PAGE", "UNKNOWN_PROVISION"] and codes(expect_check=False)
    (tree / "docs" / "assets").mkdir(exist_ok=True)
    (tree / "docs" / "assets" / "form.pdf").write_bytes(b"%PDF-1.4\n")  # not a page: only its being there counts
    assert codes() == ["UNKNOWN_PROVISION"]
    config = tree / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("severity:\n", "severity:\n      UNKNOWN_PROVISION: warning\n"),
                      "utf-8")
    assert [d.severity.value for d in analysis.check_findings(tree, cache=True).diags] == ["warning"]
    (tree / "synonyms.yml").write_text("- [妇女之家\n", "utf-8")
    assert codes() == ["SYNONYM_INPUT", "UNKNOWN_PROVISION"]
    seed = next((tree / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text("utf-8").replace("\n", "\r\n"), "utf-8")
    after_seed = codes()
    assert "GENERATED_EDITED" in after_seed  # the source pages were made from the text as it was
    monkeypatch.setattr(analysis, "code_digest", lambda: b"other code")
    assert codes() == after_seed and codes(expect_check=False) == after_seed


def test_a_re_check_after_an_edit_reads_only_the_edited_page_once(tmp_path, monkeypatch):
    """The last answer's key reads every page; the records of the unchanged ones then come from the cache by that
    reading, so each page is read once in a run, not once for the key and again for its record (0.07-0.1 s more
    per re-check at 100x before)."""
    import builtins

    import scripts.pages.collect as collect
    import scripts.render.analysis as analysis

    tree = make_tree("base", tmp_path / "t")
    assert analysis.check_findings(tree, cache=True).diags == []
    page = tree / "docs" / "guidance" / "2-5.md"
    page.write_text(page.read_text("utf-8") + "\n见（§2.99）。\n", "utf-8")
    opened = []
    monkeypatch.setattr(collect, "open", lambda path, *a: opened.append(path) or builtins.open(path, *a),
                        raising=False)
    found = analysis.check_findings(tree, cache=True)
    assert [d.code for d in found.diags] == ["UNKNOWN_PROVISION"]
    assert [Path(p).relative_to(tree / "docs").as_posix() for p in opened] == ["guidance/2-5.md"]
    assert found == analysis.check_findings(tree, cache=False)
