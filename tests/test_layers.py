"""The layers of scripts/ hold: every import points down (.importlinter), and none hides inside a function."""
from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

SCRIPTS = ROOT / "scripts"
# Imports inside a function that stay there, and why: each is a third-party library that is slow to
# import or optional, needed only by the one function that uses it.
INNER_IMPORTS_ALLOWED = {
    ("scripts/publish/book.py", "weasyprint"): "WeasyPrint takes a second to import; only the book needs it",
    ("scripts/publish/book.py", "weasyprint.pdf"): "as above",
    ("scripts/publish/pdf.py", "playwright.sync_api"): "Playwright starts a driver; only printing needs it",
    ("scripts/dev/evaluate_search.py", "playwright.sync_api"): "as above",
    ("scripts/dev/bench.py", "playwright.sync_api"): "as above",
    ("scripts/dev/bench.py", "importlib.metadata"): "only the results' version table",
    ("scripts/publish/search_index.py", "jieba"): "a missing jieba is reported as a diagnostic, not an ImportError",
    ("scripts/corpus/words.py", "jieba"): "as above; and its dictionary loads only when a comparison needs it",
    ("scripts/publish/html_safety.py", "material"): "the installed theme is read only when scripts are checked",
}


def _layers() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return [name.strip() for line in config["importlinter:contract:layers"]["layers"].split("\n")
            for name in line.split("|") if name.strip()]


def test_the_import_contract_is_kept():
    result = subprocess.run([Path(sys.executable).with_name("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 kept, 0 broken" in result.stdout


def test_every_module_of_scripts_is_in_a_layer():
    listed = set(_layers())
    top = {f"scripts.{p.stem}" for p in SCRIPTS.glob("*.py") if p.stem != "__init__"}
    packages = {f"scripts.{p.name}" for p in SCRIPTS.iterdir() if (p / "__init__.py").exists()}
    assert sorted((top | packages) - listed) == [], "add new commands and packages to .importlinter"
    assert sorted(listed - top - packages) == [], "a layer names a module that does not exist"


def test_commands_are_thin_and_nothing_imports_them():
    commands = {p.stem for p in SCRIPTS.glob("*.py") if p.stem != "__init__"}
    for path in sorted(SCRIPTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                hit = [n for n in names if re.fullmatch(r"scripts\.(\w+)", n) and n.split(".")[1] in commands]
                assert not hit, f"{path.relative_to(ROOT)}:{node.lineno}: imports the command {hit[0]}"
    for name in commands:
        tree = ast.parse((SCRIPTS / f"{name}.py").read_text("utf-8"))
        functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert "main" in functions, f"scripts/{name}.py has no main(argv) -> int"


def test_no_scripts_import_hides_inside_a_function():
    found = []
    for path in sorted(SCRIPTS.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for fn in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                    if (rel, module) not in INNER_IMPORTS_ALLOWED:
                        found.append(f"{rel}:{node.lineno}: import {module} inside {fn.name}()")
    assert found == []


def test_no_parameter_hides_a_function_or_class_of_its_module():
    """A parameter named like one of its module's functions makes every call of that function inside the body call
    the argument: bench_search(library_site=None) then called None where it meant the module's library_site()
    (make bench failed; its --quick smoke test never takes that path)."""
    found = []
    for path in sorted(SCRIPTS.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        top = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                args = fn.args
                names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
                found += [f"{path.relative_to(ROOT)}:{fn.lineno}: parameter {name} hides the module's {name}"
                          for name in sorted(names & top)]
    assert found == []


def test_every_pre_commit_hook_runs_a_command_that_exists_on_paths_that_exist():
    """The architecture's move left the hook that checks the generated source pages calling
    `python -m scripts.render_source`, which no longer exists, on changes to scripts/split.py and
    scripts/render_source.py, which no longer exist either: a commit of a seed failed in pre-commit."""
    hooks = [h for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))["repos"]
             for h in repo["hooks"]]
    assert hooks
    for hook in hooks:
        entry = hook["entry"].split()
        if "-m" in entry:
            assert importlib.util.find_spec(entry[entry.index("-m") + 1]) is not None, hook["id"]
        else:
            assert entry[0].startswith((".venv/bin/", "node_modules/.bin/")), hook["id"]  # installed by make build
        for pattern in (hook.get("files", ""), hook.get("exclude", "")):
            for alternative in pattern.strip("^$()").split("|"):
                # the literal start of each alternative: a folder, or a file the hook watches
                literal = re.match(r"(?:[\w/-]|\\\.)*", alternative.lstrip("^("))[0].replace("\\.", ".")
                if literal.endswith(("/", ".py", ".yml")):
                    assert (ROOT / literal).exists(), (hook["id"], literal)


# Where the repository tells a person, or a tool, to run a module or to look at a file.
NAMED_IN = ("README.md", "Makefile", "mkdocs.yml", ".pre-commit-config.yaml", ".ci/run", "docs/contributing.md",
            "docs/contributing.en.md", ".github/workflows/ci.yml", ".github/pull_request_template.md")


def test_every_module_and_file_the_repository_names_exists():
    """After the architecture's move, usage lines and comments still named scripts.bench, scripts.evaluate_search,
    scripts.search_index, scripts.buildinfo (which had no command at all), scripts/nav.py and scripts/bundle.py:
    what `--help` and mkdocs.yml told a developer to run or read did not exist."""
    texts = {name: (ROOT / name).read_text("utf-8") for name in NAMED_IN}
    texts |= {p.relative_to(ROOT).as_posix(): p.read_text("utf-8") for p in [*SCRIPTS.rglob("*.py"),
              *(ROOT / "overrides").rglob("*.html"), *(ROOT / "overrides").rglob("*.py")]}
    missing = []
    for name, text in texts.items():
        for module in set(re.findall(r"python -m (scripts(?:\.[a-z_][a-z0-9_]*)+)", text)):
            spec = importlib.util.find_spec(module)
            if spec is None or (spec.origin and "__main__" not in Path(spec.origin).read_text("utf-8")):
                missing.append((name, module))
        missing += [(name, path) for path in set(re.findall(r"\bscripts/[a-z0-9_/]+\.(?:py|mjs|css)\b", text))
                    if not (ROOT / path).exists()]
    assert missing == []
