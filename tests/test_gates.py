"""Independent quality gates: our own tests are not the only judge.

Links and anchors (lychee), HTML conformance (Nu Html Checker), accessibility (axe-core in
Chromium, desktop and phone), Markdown lint (pymarkdownlnt) and Chinese typography
(autocorrect). Each gate runs on the real output and, to prove it can fail, on a planted defect.
`make test` installs the tools (requirements-test.txt, package.json).
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from scripts.dev.serving import serving

BIN = Path(sys.executable).parent
NODE = ROOT / "node_modules"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE / "axe-core" / "axe.min.js"
AUTOCORRECT = NODE / ".bin" / "autocorrect"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]

# Material for MkDocs 9.8.2's own template markup, filtered by exact message. Nothing else is.
VNU_FILTERED = {
    "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.":
        "Material's partials/nav-item.html writes tabindex=\"\" on the labels of nav sections",
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.":
        "Material's base.html gives its drawer and search toggle checkboxes autocomplete=\"off\"",
}


def need(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: make test installs it (pip -r requirements-test.txt, npm install)")
    return path


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


# ---------------------------------------------------------------- links


def lychee(root: Path) -> subprocess.CompletedProcess:
    # 404.html is left out: MkDocs writes its links root-relative on purpose, as it is served at any path.
    return run(need(BIN / "lychee"), "--offline", "--include-fragments", "--index-files", "index.html",
               "--no-progress", "--exclude-path", "404.html", root)


def test_links_and_anchors_in_both_languages(built_site):
    result = lychee(built_site)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 Errors" in result.stdout


def test_links_and_anchors_in_the_offline_bundle(bundle_zip, tmp_path):
    with zipfile.ZipFile(bundle_zip) as zf:
        zf.extractall(tmp_path)
    result = lychee(tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]


def test_lychee_catches_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#missing">x</a><a href="gone.html">y</a>', "utf-8")
    (tmp_path / "b.html").write_text("<p id='here'>b</p>", "utf-8")
    result = lychee(tmp_path)
    assert result.returncode != 0 and "gone.html" in result.stdout and "missing" in result.stdout


# ---------------------------------------------------------------- HTML conformance


def vnu(root: Path) -> list[dict]:
    result = run("java", "-jar", need(VNU), "--errors-only", "--format", "json", "--skip-non-html", root)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") == "error" and m.get("message") not in VNU_FILTERED]


def test_html_conformance(built_site):
    errors = vnu(built_site)
    assert errors == [], [(m["url"].split("/site")[-1], m["message"]) for m in errors[:10]]


def test_vnu_catches_invalid_html(tmp_path):
    (tmp_path / "bad.html").write_text(
        "<!doctype html><html lang=zh><head><title>x</title></head><body><p id=a>1</p><p id=a>2</p></body></html>",
        "utf-8")
    assert any("Duplicate ID" in m["message"] for m in vnu(tmp_path))


# ---------------------------------------------------------------- accessibility


# What every page shares, from the same templates: checked on each language's home page, and left out of the
# other pages' runs (about a third of axe's time on a page is this chrome).
CHROME = [[".md-header"], [".md-tabs"], [".md-sidebar--primary"], [".md-footer"]]


def _load_axe(page, url: str, axe_src: str = "") -> None:
    """Load a page and put axe-core into it. `axe_src`: axe-core's URL (see axe_url); else its text goes in."""
    page.goto(url)
    if axe_src:
        page.add_script_tag(url=axe_src)
    else:
        page.add_script_tag(path=str(need(AXE)))


def _start_axe(page, url: str, exclude: list | None = None, axe_src: str = "") -> None:
    """Load a page and start axe on it without waiting for its answer (_axe_result waits)."""
    _load_axe(page, url, axe_src)
    _run_axe(page, exclude)


def _run_axe(page, exclude: list | None = None) -> None:
    # Two frames first: a resize is laid out and Material's scripts have answered it before axe looks.
    page.evaluate("([tags, exclude]) => { window.__axe = new Promise(r => requestAnimationFrame(() => "
                  "requestAnimationFrame(r))).then(() => axe.run(exclude.length ? {exclude} : document, "
                  "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).then(result => "
                  "Object.assign(result, {width: innerWidth})); }", [AXE_TAGS, exclude or []])


def _axe_result(page, url: str) -> list[dict]:
    return _violations(page.evaluate("() => window.__axe"), url)  # a promise: evaluate waits for it


def _violations(result: dict, url: str) -> list[dict]:
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]], "url": url,
             "width": result["width"]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def axe(page, url: str) -> list[dict]:
    _start_axe(page, url)
    return _axe_result(page, url)


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def axe_url():
    """axe-core served over http with a cache lifetime: Chromium compiles it once and reuses the code on every
    page. Put into each page as text, it was compiled again each time (a third of the time spent on a page)."""
    with serving(need(AXE).parent, {"Cache-Control": "max-age=3600"}) as url:
        yield url + AXE.name


# Switched on with axe on the pages of the sweep, which checks each page at two sizes in one tab: after a resize
# Material slides its drawer and cross-fades its header's title, and axe run mid-fade measured colours no reader
# sees. Without motion each state is there at once, as a reader sees it once the page is still.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def sweep(tab, urls: list[str], axe_src: str, chrome: set[str] = frozenset()) -> tuple[list[dict], list[tuple]]:
    """axe on each page as a desktop and as a phone sees it: each page is loaded once and checked at both sizes,
    the next page starting at the size the last one ended with. The shared chrome (CHROME) is checked on the pages
    in `chrome` and left out elsewhere. Returns the violations and (url, size, the width the page measured)."""
    sizes, found, checked = list(VIEWPORTS), [], []
    for url in urls:
        _load_axe(tab, url, axe_src)
        tab.add_style_tag(content=NO_MOTION)
        for name in sizes:
            tab.set_viewport_size(VIEWPORTS[name])
            _run_axe(tab, None if url in chrome else CHROME)
            result = tab.evaluate("() => window.__axe")
            checked.append((url, name, result["width"]))
            found += [dict(v, viewport=name) for v in _violations(result, url)]
        sizes.reverse()
    return found, checked


def test_accessibility_of_every_page(browser, built_site, site_url, axe_url):
    """axe on every page of both languages, as a desktop and as a phone sees it; the chrome every page shares, on
    each language's home page."""
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) > 100 and {"index.html", "en/index.html"} <= set(pages)
    urls = [site_url + rel[: -len("index.html")] for rel in pages]
    # axe-core is injected into each page by the test; the page's own CSP (a meta tag) would block it.
    context = browser.new_context(viewport=VIEWPORTS["desktop"], bypass_csp=True)
    try:
        found, checked = sweep(context.new_page(), urls, axe_url, {site_url, site_url + "en/"})
    finally:
        context.close()
    assert found == [], found[:5]
    # Every page was checked at both widths, as the page itself measured them.
    assert sorted(checked) == sorted((url, name, VIEWPORTS[name]["width"]) for url in urls for name in VIEWPORTS)


def test_the_sweep_finds_what_only_a_phone_shows_and_what_a_transition_ends_in(browser, tmp_path, axe_url):
    """Text that is faint only at a phone's width is found at that width; text that fades in (a transition)
    is measured in the colour it ends in, not halfway."""
    (tmp_path / "narrow.html").write_text(
        "<!doctype html><html lang=zh><head><title>x</title><style>@media (max-width: 600px) { .narrow { color: #ccc }"
        " }</style></head><body><main><p class=narrow style='background:#fff'>窄屏上看不清的文字</p></main></body></html>",
        "utf-8")
    (tmp_path / "fade.html").write_text(
        "<!doctype html><html lang=zh><head><title>x</title><style>p { color: #ddd; background: #fff; transition: "
        "color 5s } p.in { color: #222 }</style></head><body><main><p>渐显的文字</p></main><script>"
        "requestAnimationFrame(() => document.querySelector('p').className = 'in')</script></body></html>", "utf-8")
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    try:
        with serving(tmp_path) as url:
            found, checked = sweep(context.new_page(), [url + "narrow.html", url + "fade.html"], axe_url)
    finally:
        context.close()
    assert [(v["url"].rsplit("/", 1)[1], v["id"], v["viewport"], v["width"]) for v in found] == [
        ("narrow.html", "color-contrast", "phone", 390)]
    assert [c[1:] for c in checked] == [("desktop", 1280), ("phone", 390), ("phone", 390), ("desktop", 1280)]


def test_axe_catches_low_contrast(browser, tmp_path):
    (tmp_path / "low.html").write_text(
        "<!doctype html><html lang=zh><head><title>x</title></head><body><main>"
        "<div class=md-header><p style='color:#ccc;background:#fff'>页眉</p></div>"
        "<p style='color:#bbb;background:#fff'>看不清的文字</p></main></body></html>", "utf-8")
    page = browser.new_page()
    url = (tmp_path / "low.html").as_uri()
    assert [n for v in axe(page, url) if v["id"] == "color-contrast" for n in v["nodes"]] == [["div > p"], ["main > p"]]
    # With the shared chrome left out, as on every page but the home pages, the page's own text is still checked.
    _start_axe(page, url, CHROME)
    assert [n for v in _axe_result(page, url) if v["id"] == "color-contrast" for n in v["nodes"]] == [["main > p"]]
    page.close()


# ---------------------------------------------------------------- Markdown and Chinese typography


def _authored(lang: str) -> list[Path]:
    """Pages people write (not the generated source pages), in one language."""
    pages = [p for p in sorted((ROOT / "docs").rglob("*.md")) if "source" not in p.relative_to(ROOT / "docs").parts]
    return [p for p in pages if p.name.endswith(".en.md") == (lang == "en")]


def pymarkdown(paths: list[Path]) -> subprocess.CompletedProcess:
    return run(need(BIN / "pymarkdown"), "--config", ROOT / ".pymarkdown.json", "scan", *paths, cwd=ROOT)


def test_markdown_lint():
    result = pymarkdown(_authored("zh") + _authored("en"))
    assert result.returncode == 0, result.stdout[-3000:]


def test_markdown_lint_catches_a_defect(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\nkind: guidance\n---\n\n# 标题\n#没有空格的标题\n\n\n\n多余空行。\n", "utf-8")
    assert pymarkdown([bad]).returncode != 0


def autocorrect(paths: list[Path]) -> subprocess.CompletedProcess:
    return run(need(AUTOCORRECT), "--lint", *paths, cwd=ROOT)


def test_chinese_typography():
    result = autocorrect(_authored("zh"))
    assert result.returncode == 0, result.stdout[-3000:]


def test_chinese_typography_catches_a_defect(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# 标题\n\n妇女之家Women's Home建设,要抓好。\n", "utf-8")
    assert autocorrect([bad]).returncode != 0


def test_no_line_break_or_space_between_chinese_characters_in_the_built_site(built_site):
    from scripts.render.cjk_breaks import check_site

    diags = check_site(built_site)
    assert diags == [], [d.human() for d in diags[:10]]
