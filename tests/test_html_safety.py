"""The second line of defence: the rendered HTML, read with a real parser, carries no script but the theme's."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, build, copy_project, mkdocs_build, run
from scripts.publish.html_safety import Allowed, material_dir, scan_page, theme_allowed
from scripts.core.config import read_config

# An attribute list is Markdown, not a raw tag. The Markdown scan (scripts/checks/safety.py) reads attribute lists
# too; the second line must catch them even where the first is switched off.
SMUGGLED = """
[Look here](#怎么做){ onclick="alert(1)" }

[And here](#怎么做){ href="javascript:alert(2)" }
"""


@pytest.fixture(scope="module")
def allowed() -> Allowed:
    return theme_allowed(read_config(ROOT / "mkdocs.yml"))


@pytest.mark.build
def test_attribute_list_is_caught_by_both_lines(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs/guidance/2-5.en.md"
    page.write_text(page.read_text("utf-8") + SMUGGLED, "utf-8")
    first = run(sys.executable, "-m", "scripts.check", "--root", str(project), "--no-cache")
    codes = [ln.split(" ")[1] for ln in first.stdout.splitlines()]
    assert first.returncode == 1 and codes == ["UNSAFE_ATTRIBUTE", "UNSAFE_URL"], first.stdout
    # A handbook that switched the first line off still has the second.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "COVERAGE_SENTENCE: off", "COVERAGE_SENTENCE: off\n      UNSAFE_ATTRIBUTE: off\n      UNSAFE_URL: off"), "utf-8")
    site = tmp_path / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr  # the first line, switched off, lets it through
    result = build(site, "html_safety", project=project)
    assert result.returncode == 1
    lines = [ln.replace(str(site), "site") for ln in result.stderr.splitlines()][:-1]
    line = next(i for i, ln in enumerate((site / "en/guidance/2-5/index.html").read_text("utf-8").splitlines(), 1)
                if "alert(1)" in ln)
    assert lines == [
        f"site/en/guidance/2-5/index.html:{line}:4: UNSAFE_RENDERED <a> has an event handler onclick= "
        "(hint: behaviour belongs in docs/assets/handbook.js)",
        f"site/en/guidance/2-5/index.html:{line + 1}:4: UNSAFE_RENDERED <a href=> is a script URL "
        "'javascript:alert(2)' (hint: link to a page or a file instead)",
    ]


@pytest.mark.build
def test_the_real_site_has_only_the_themes_scripts(built_site):
    """The step again, on its own, over the site the suite built (the step only reads it)."""
    result = build(built_site, "html_safety")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "html_safety:" in result.stdout


@pytest.mark.parametrize("html", [
    '<a href="&#106;avascript:alert(1)">x</a>',  # an entity the Markdown scan reads literally
    '<a href="java&#9;script:alert(1)">x</a>',  # a tab, which browsers drop from URLs
    '<a href=" \x01JavaScript:alert(1)">x</a>',  # leading controls and spaces, mixed case
    '<iframe src="data:text/html;base64,PHNjcmlwdD4=">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="a.png" OnError="alert(1)">',
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    '<meta http-equiv="refresh" content="0;url=https://example.org/">',
    '<script>alert(1)</script>',
    '<script src="https://cdn.example.org/x.js"></script>',
    '<script src="../assets/evil.js"></script>',
    '<script type="module">import("./x.js")</script>',
    '<script type="text/plain" id="__config">{}</script>',
])
def test_each_unsafe_construct_is_flagged(html, allowed):
    found = scan_page(f"<!doctype html>\n<p>\n{html}\n</p>", "guidance/2-5/index.html", allowed)
    assert found and found[0][0] == 3, found


@pytest.mark.parametrize("html", [
    '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
    '<script src="../../assets/handbook.js"></script>',
    '<script src="/assets/vendor/iframe-worker/shim.js"></script>',
    '<script id="__config" type="application/json">{"base": ".."}</script>',
    '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
    '(target.checked=target.name.startsWith("__tabbed_"))</script>',
    '<code>&lt;span onclick="…"&gt;</code>',
    '<a href="data:image/png;base64,AAAA">x</a>',
])
def test_the_themes_own_output_passes(html, allowed):
    assert scan_page(f"<p>{html}</p>", "guidance/2-5/index.html", allowed) == []


def test_material_scope_script_passes_with_any_relative_base(allowed):
    partial = (material_dir() / "partials/javascripts/base.html").read_text("utf-8")
    body = partial[partial.index("<script>"):partial.index("</script>") + 9]
    for scope in ("..", "../../..", "/"):
        page = body.replace('{{ config.extra.scope | d(base_url) }}', scope)
        assert scan_page(page, "a/b/index.html", allowed) == [], scope
    evil = body.replace('{{ config.extra.scope | d(base_url) }}', '",alert(1),"')
    assert scan_page(evil, "a/b/index.html", allowed) != []
