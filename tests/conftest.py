"""Shared fixtures: the repository, a built site, a local http server and Chromium."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "shunyi-women-social-management.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
if "SOURCE_DATE_EPOCH" not in ENV:  # as the Makefile does: the last commit's time, for reproducible output
    _epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout
    ENV["SOURCE_DATE_EPOCH"] = _epoch.strip() or "315532800"

sys.path.insert(0, str(ROOT))
from scripts.core.browser import ARGS, headless  # noqa: E402
from scripts.core.config import generator_build  # noqa: E402
from scripts.dev.handbook_copy import copy_handbook  # noqa: E402
from scripts.dev.search_library import make_library  # noqa: E402
from scripts.dev.serving import serving  # noqa: E402
from scripts.publish import stamp  # noqa: E402

CHROMIUM = headless()  # the headless shell unless CHROMIUM names another (scripts/core/browser.py)


# Fixtures that build a site or drive Chromium mark the tests that use them, so `make test-fast`
# (-m "not build and not browser") can leave those out; a test that builds by calling a helper below
# carries @pytest.mark.build itself, which the helpers check.
BUILD_FIXTURES = {"built_site", "html_site", "bundle_zip", "site_url", "html_url", "unzipped_bundle",
                  "search_library_site"}
BROWSER_FIXTURES = {"browser", "page", "phone"}
_current: list = [None]  # the test being run


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _test_marks(request):
    _current[0] = request.node
    yield
    _current[0] = None


def _must_be_marked_build() -> None:
    node = _current[0]
    if node is not None and node.get_closest_marker("build") is None:
        raise AssertionError(f"{node.nodeid} builds a site: mark it @pytest.mark.build (make test-fast leaves it out)")


# How many sites the run builds (the slow part of the suite), printed at its end: every worker of
# pytest-xdist appends to one file named in the environment it inherits from the controller.
BUILD_LOG = "HANDBOOK_TEST_BUILD_LOG"


def pytest_configure(config):
    if BUILD_LOG not in os.environ and not hasattr(config, "workerinput"):
        fd, name = tempfile.mkstemp(prefix="handbook-builds-", suffix=".log")
        os.close(fd)
        os.environ[BUILD_LOG] = name


def _site_build(args: tuple) -> str | None:
    """'pipeline' for the whole build (scripts.build), 'html' for the site's pages alone, else None."""
    if "scripts.build" in args:
        steps = args[args.index("--steps") + 1].split(",") if "--steps" in args else None
        return "pipeline" if steps is None else ("html" if "html" in steps else None)
    return "html" if "build" in args and any(a in ("properdocs", "mkdocs") or a.endswith("/properdocs")
                                              for a in args) else None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if hasattr(config, "workerinput") or not os.environ.get(BUILD_LOG):
        return
    log = Path(os.environ[BUILD_LOG])
    kinds = log.read_text().split() if log.exists() else []
    reused = " (and make build's, reused)" if "reused" in kinds else ""
    terminalreporter.write_line(f"site builds: {kinds.count('pipeline')} whole pipeline{reused}, "
                                f"{kinds.count('html')} HTML only")
    log.unlink(missing_ok=True)


def _log_build(kind: str) -> None:
    if os.environ.get(BUILD_LOG):
        with open(os.environ[BUILD_LOG], "a") as log:
            log.write(kind + "\n")


def run(*args: str, cwd: Path = ROOT, env: dict | None = None, preexec_fn=None) -> subprocess.CompletedProcess:
    kind = _site_build(args)
    if kind:
        _log_build(kind)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env or ENV, preexec_fn=preexec_fn)


def build(site: Path, *steps: str, project: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """The build command (scripts/publish/pipeline.py, what make build runs): every step, or those named."""
    _must_be_marked_build()
    args = ["--root", str(project), "--site", str(site), "--dist", str(site.parent / f"{site.name}-dist"),
            "--work", str(site.parent / f"{site.name}-work")]
    return run(sys.executable, "-m", "scripts.build", *args, *(["--steps", ",".join(steps)] if steps else []),
               cwd=project, env=env)


def build_all(site: Path, env: dict | None = None) -> Path:
    """What make build does: the site, its downloads, the books, the CSP and the offline bundle (returned)."""
    result = build(site, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return next((site.parent / f"{site.name}-dist").glob("*-offline.zip"))


def mkdocs_build(project: Path, site: Path, *extra: str, env: dict | None = None,
                 preexec_fn=None) -> subprocess.CompletedProcess:
    _must_be_marked_build()
    return run(*generator_build(project / "mkdocs.yml", site, *extra), cwd=project, env=env, preexec_fn=preexec_fn)


def copy_project(dest: Path) -> Path:
    """A copy of the handbook sources (no build output) to change and build in isolation."""
    return copy_handbook(dest)


def _shared(tmp_path_factory, name: str, make) -> Path:
    """A session-wide output made once even when pytest-xdist runs the suite in several processes:
    the first process to get the lock makes it, the others wait and reuse it."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return make(tmp_path_factory.mktemp(name))
    root = tmp_path_factory.getbasetemp().parent  # shared by the workers of one run
    target, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            done.write_text("ok")
    return target


def _made_by_make_build(site: Path) -> bool:
    """A copy of what `make build` wrote in this checkout, when its stamp says it is this commit's, these
    sources' and this machine's whole build and nothing was changed in it since (scripts/publish/stamp.py):
    the README's two commands then build the handbook once, not twice. The copy keeps the checkout's own
    site out of reach of the tests. HANDBOOK_TEST_REBUILD=1 builds anyway."""
    if os.environ.get("HANDBOOK_TEST_REBUILD"):
        return False
    made = stamp.current(ROOT, ROOT / stamp.SITE, ROOT / stamp.DIST, ROOT / stamp.WORK, CHROMIUM, ENV)
    if made is None:
        return False
    shutil.copytree(ROOT / stamp.SITE, site, dirs_exist_ok=True)
    dist = site.parent / f"{site.name}-dist"
    dist.mkdir(exist_ok=True)
    shutil.copy2(made, dist / made.name)
    _log_build("reused")
    return True


def _build_site(site: Path) -> Path:
    if _made_by_make_build(site):
        return site
    result = build(site)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real handbook built as `make build` builds it: the site, its downloads, the books and the bundle."""
    _current[0] = None  # built for the whole session, not by the test that asked first
    return _shared(tmp_path_factory, "site", _build_site)


@pytest.fixture(scope="session")
def html_site(request, tmp_path_factory) -> Path:
    """The real handbook's HTML (no PDF, Word or bundle needed): for tests that read or browse pages.

    When the session builds the whole site anyway, that site serves: the same HTML, one build fewer."""
    if any("built_site" in getattr(item, "fixturenames", ()) for item in request.session.items):
        return request.getfixturevalue("built_site")
    site = tmp_path_factory.mktemp("html")
    result = run(*generator_build(ROOT / "mkdocs.yml", site))
    assert result.returncode == 0, result.stderr
    return site


def make_bundle(site: Path, out: Path, work: Path, env: dict | None = None, project: Path = ROOT) -> Path:
    _must_be_marked_build()
    result = run(sys.executable, "-m", "scripts.build", "--root", str(project), "--site", str(site), "--dist", str(out),
                 "--work", str(work), "--steps", "bundle", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    return next(out.glob("*-offline.zip"))


@pytest.fixture(scope="session")
def search_library_site(tmp_path_factory) -> Path:
    """The handbook with the synthetic library texts of tests/fixtures/search-library, built as HTML: searched by
    tests/test_search.py and by bench's smoke test (one build for both)."""
    _current[0] = None  # built for the whole session, not by the test that asked first

    def make(root: Path) -> Path:
        result = mkdocs_build(make_library(root / "project"), root / "site")
        assert result.returncode == 0, result.stderr[-3000:]
        return root

    return _shared(tmp_path_factory, "search-library", make) / "site"


@pytest.fixture(scope="session")
def bundle_zip(built_site) -> Path:
    """The bundle make build packed from built_site (the site also offers it for download)."""
    return next((built_site.parent / f"{built_site.name}-dist").glob("*-offline.zip"))


def serve(directory: Path, headers: dict[str, str] | None = None):
    """A local http server for a built site (sending `headers` with every response), shut down when
    the generator closes."""
    with serving(directory, headers) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(built_site):
    yield from serve(built_site)


@pytest.fixture(scope="session")
def html_url(html_site):
    yield from serve(html_site)


@pytest.fixture(scope="session")
def unzipped_bundle(bundle_zip, tmp_path_factory) -> Path:
    """The offline bundle unzipped, as a reader of the zip opens it."""
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle_zip) as zf:
        zf.extractall(dest)
    (top,) = [p for p in dest.iterdir() if p.is_dir()]
    return top


# Results of a complete answer (docs/assets/search-box.js marks one; a large index may answer first from part of it).
ANSWER = ".md-search-result[data-handbook-search=complete] .md-search-result__list > li"


def search_box(page, url: str, query: str) -> list[dict]:
    """Type a query into the real search box and return the results' links and highlighted HTML."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(ANSWER, timeout=10000)
    return page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link",
        "els => els.map(e => ({href: e.href, html: e.innerHTML}))")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (make test installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, **context_options):
    """A page in a context of its own that records its script errors (page.errors); closed when the generator is."""
    context = browser.new_context(**context_options)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def page(browser):
    yield from open_page(browser)


@pytest.fixture
def phone(browser):
    """A page on a touch phone (390 x 844), where previews must open on tap."""
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()
