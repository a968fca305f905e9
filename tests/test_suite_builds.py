"""The suite's own bookkeeping: which commands it counts as site builds (printed at the end of a run)."""
import ast
from pathlib import Path

from conftest import _site_build, generator_build


def test_the_site_builds_the_suite_counts():
    assert _site_build(tuple(generator_build(Path("mkdocs.yml"), Path("site")))) == "html"
    assert _site_build(("python", "-m", "scripts.build", "--site", "site")) == "pipeline"
    assert _site_build(("python", "-m", "scripts.build", "--site", "s", "--steps", "html,pwa")) == "html"
    assert _site_build(("python", "-m", "scripts.build", "--site", "s", "--steps", "bundle")) is None
    assert _site_build(("python", "-m", "scripts.check", "--root", "build")) is None
    assert _site_build(("git", "log", "-1")) is None


BUILDERS = {"build", "build_all", "mkdocs_build", "generator_build"}


def _module_scoped_builders(tree: ast.Module) -> list[str]:
    """The module-scoped fixtures of a test module that build a site."""
    out = []
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        scoped = any(isinstance(d, ast.Call) and any(k.arg == "scope" and getattr(k.value, "value", "") == "module"
                                                     for k in d.keywords) for d in fn.decorator_list)
        calls = {n.func.id for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        if scoped and calls & BUILDERS:
            out.append(fn.name)
    return out


def test_a_module_that_builds_a_site_for_its_tests_builds_it_once():
    """pytest-xdist builds a module-scoped fixture once in every worker that runs one of the module's tests, and its
    default distribution spreads a module's tests over both: test_laws.py's library was built twice in a run. make
    test sends each file's tests to one worker (--dist loadfile). xdist's loadgroup would group only marked
    modules, but it renames an item through `_nodeid`, which pytest 9 no longer reads (a node's id is `_id`): its
    groups never form."""
    tests = Path(__file__).parent
    makefile = (tests.parent / "Makefile").read_text("utf-8")
    assert "pytest -n 2 --dist loadfile\n" in makefile and "pytest -n 2 --dist loadfile -m" in makefile
    assert {"test_laws.py", "test_library.py", "test_revisions.py"} <= {
        p.name for p in tests.glob("test_*.py") if _module_scoped_builders(ast.parse(p.read_text("utf-8")))}
