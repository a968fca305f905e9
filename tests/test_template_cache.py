"""Material's templates are compiled once and kept (scripts/render/template_cache.py): a later build reads the
compiled code from disk, a changed template is compiled again, and a bad cache file is never used."""
from __future__ import annotations

import jinja2

from scripts.render.template_cache import CompiledTemplates


class Counting(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):
        Counting.compiled += 1
        return super().compile(*args, **kwargs)


def _render(templates, cache: CompiledTemplates, name: str = "page.html") -> str:
    env = Counting(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    return env.get_template(name).render(title="妇女之家")


def test_a_second_build_reads_the_compiled_templates_from_disk(tmp_path):
    templates = {"page.html": "<h1>{{ title }}</h1>{% include 'nav.html' %}", "nav.html": "<nav>{{ title }}</nav>"}
    Counting.compiled = 0
    assert _render(templates, CompiledTemplates(tmp_path / "t")) == "<h1>妇女之家</h1><nav>妇女之家</nav>"
    assert Counting.compiled == 2 and len(list((tmp_path / "t").iterdir())) == 2
    Counting.compiled = 0
    assert _render(templates, CompiledTemplates(tmp_path / "t")) == "<h1>妇女之家</h1><nav>妇女之家</nav>"
    assert Counting.compiled == 0  # a new process: nothing compiled


def test_a_changed_template_is_compiled_again(tmp_path):
    _render({"page.html": "<h1>{{ title }}</h1>"}, CompiledTemplates(tmp_path))
    Counting.compiled = 0
    assert _render({"page.html": "<h2>{{ title }}</h2>"}, CompiledTemplates(tmp_path)) == "<h2>妇女之家</h2>"
    assert Counting.compiled == 1


def test_a_damaged_cache_file_is_ignored(tmp_path):
    _render({"page.html": "<h1>{{ title }}</h1>"}, CompiledTemplates(tmp_path))
    for f in tmp_path.iterdir():
        f.write_bytes(b"not jinja bytecode")
    Counting.compiled = 0
    assert _render({"page.html": "<h1>{{ title }}</h1>"}, CompiledTemplates(tmp_path)) == "<h1>妇女之家</h1>"
    assert Counting.compiled == 1


def test_an_unwritable_cache_folder_only_costs_the_compiling(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert _render({"page.html": "{{ title }}"}, CompiledTemplates(blocker / "templates")) == "妇女之家"
