"""Pages the build generates (they are not files in docs/): one table, read by the checker and the hook.

Each entry is a docs-relative path and the function that writes the page's Markdown for a
language (HTML it keeps out of Markdown goes into the stash it is given, scripts/render/stash.py);
the checker treats every path here (and its `.en.md` twin) as an existing page.
"""
from __future__ import annotations

from typing import Callable

from scripts.render.library import LIBRARY_PAGE, library_page
from scripts.render.matrix import matrix_markdown
from scripts.render.printall import print_all_markdown
from scripts.render.stash import Stash
from scripts.render.status import status_markdown
from scripts.render.updates import PAGE as UPDATES, updates_markdown


def _matrix(analysis, lang: str, directory_urls: bool, stash: Stash | None = None) -> str:
    return matrix_markdown(analysis.report, lang=lang, titles=analysis.titles_en if lang == "en" else None,
                           directory_urls=directory_urls, stash=stash)


def _print_all(analysis, lang: str, directory_urls: bool, stash: Stash | None = None) -> str:
    return print_all_markdown(analysis.report, directory_urls, lang, analysis.translations if lang == "en" else None)


def _status(analysis, lang: str, directory_urls: bool, stash: Stash | None = None) -> str:
    return status_markdown(analysis.pages, analysis.docs_dir, lang, analysis.corpus)


def _updates(analysis, lang: str, directory_urls: bool, stash: Stash | None = None) -> str:
    return updates_markdown(analysis.corpus, lang)


GENERATED_PAGES: dict[str, Callable[..., str]] = {
    LIBRARY_PAGE: library_page,
    "matrix.md": _matrix,
    "checklists/print-all.md": _print_all,
    "translations.md": _status,
    UPDATES: _updates,
}
