"""Where things are: the repository, the pages of the site, and the files the build writes.

One definition of every address a verb needs to agree on with another: the generated source
pages (docs/source/<slug>/…), the translation of a page (page.en.md), page URLs as MkDocs gives
them, and the downloads layout (PDFs, Word files, the books and the offline bundle), which the
renderers link to and the publishers write.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository: docs/, seeds/, scripts/, mkdocs.yml
BASELINE = "check-baseline.yml"  # warnings a reviewer accepted, beside mkdocs.yml (scripts/core/findings.py)

# ---------------------------------------------------------------- pages

DOCS_DIR = "docs"  # the Markdown pages, in the repository
SEEDS_DIR = "seeds"  # the policy texts and what is known of them, in the repository
SOURCE_DIR = "source"  # where the generated source pages live inside docs/
LIBRARY_PAGE = f"{SOURCE_DIR}/index.md"  # every text with its metadata: a page the build generates
CHANGES_PAGE = "changes"  # a revised policy's 版本对照 page: docs/source/<slug>/changes.md
LANGS = ("zh", "en")  # the site's languages, the default first
TRANSLATED = "en"
SUFFIX = f".{TRANSLATED}.md"  # the English page beside its Chinese page: guidance/2-5.en.md


def counterpart(rel: str) -> str:
    """`guidance/2-5.md` ↔ `guidance/2-5.en.md`."""
    return rel[: -len(SUFFIX)] + ".md" if rel.endswith(SUFFIX) else rel[:-3] + SUFFIX


def logical(rel: str) -> str:
    """The page a translation stands for: `guidance/2-5.en.md` → `guidance/2-5.md`."""
    return rel[: -len(SUFFIX)] + ".md" if rel.endswith(SUFFIX) else rel


def lang_of(rel: str) -> str:
    return TRANSLATED if rel.endswith(SUFFIX) else LANGS[0]


def text_of(path: str) -> str:
    """The policy text a repository file belongs to ("" for none): its seed, metadata, translation,
    earlier versions and generated pages (seeds/x.txt, seeds/x.en.yml, seeds/versions/x/…, docs/source/x/…)."""
    parts = path.split("/")
    if parts[0] == SEEDS_DIR and len(parts) == 2:
        return parts[1].split(".")[0]
    if parts[:2] == [SEEDS_DIR, "versions"] and len(parts) > 3:
        return parts[2]
    if parts[:2] == [DOCS_DIR, SOURCE_DIR] and len(parts) > 3:
        return parts[2]
    return ""


def subject(path: str) -> str:
    """What a finding is about, for people: a text (`text x`) or a page with its translation (docs/a.md)."""
    text = text_of(path)
    return f"text {text}" if text else logical(path) if path.endswith(".md") else path


def page_url(src: str, directory_urls: bool) -> str:
    """Site-relative URL of a page, as MkDocs gives it: `a/b.md` → `a/b/` or `a/b.html`."""
    stem = src[:-3] if src.endswith(".md") else src
    if posixpath.basename(stem) in ("index", "README"):
        base = posixpath.dirname(stem)
        return f"{base}/" if base else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(from_src: str, to_src: str, directory_urls: bool) -> str:
    """Link from one page to another, relative, in the site's URL scheme."""
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    if not directory_urls:
        there = there or "index.html"
        if there.endswith("/"):
            there += "index.html"
    here_dir = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(there or ".", here_dir.rstrip("/") or ".")
    if directory_urls and (there.endswith("/") or not there) and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def asset_url(from_src: str, asset: str, directory_urls: bool) -> str:
    """Relative URL from a page to a file in the same language tree (e.g. downloads/…)."""
    here = page_url(from_src, directory_urls)
    here_dir = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    return posixpath.relpath(asset, here_dir.rstrip("/") or ".")


def built_page(site: Path, rel: str) -> Path:
    """The HTML file a directory-URL build writes for a docs-relative page (either language)."""
    prefix = site / TRANSLATED if rel.endswith(SUFFIX) else site
    return prefix / page_url(logical(rel), True) / "index.html"


# ---------------------------------------------------------------- downloads

DOWNLOADS = "downloads"  # in each language's tree: site/downloads/, site/en/downloads/
DOWNLOAD_FOLDERS = {"checklist": "checklists", "template": "templates"}
ALL_CHECKLISTS = f"{DOWNLOADS}/checklists/all.pdf"
BOOK = f"{DOWNLOADS}/handbook.pdf"
TEXTS = f"{DOWNLOADS}/texts"  # one PDF and one Word file per policy text: downloads/texts/<slug>.pdf
BUNDLE_NAME = "fulian-handbook"
# The online site offers the offline bundle under a name that does not change with the version.
BUNDLE_PUBLISHED = f"{DOWNLOADS}/{BUNDLE_NAME}-offline.zip"


def download(kind: str, page: str, ext: str) -> str:
    """A checklist's or template's download, relative to its language tree: downloads/templates/x.docx."""
    stem = posixpath.splitext(posixpath.basename(logical(page)))[0]
    return f"{DOWNLOADS}/{DOWNLOAD_FOLDERS[kind]}/{stem}.{ext}"


def text_download(slug: str, ext: str) -> str:
    """A policy text's own PDF or Word file, relative to a language tree."""
    return f"{TEXTS}/{slug}.{ext}"


def language_tree(site: Path, lang: str) -> Path:
    """Where a language's pages and downloads are in the built site."""
    return site if lang == LANGS[0] else site / lang


def is_download(path: str) -> bool:
    """A link target the build writes after the pages (it does not exist in docs/)."""
    return path.startswith(f"{DOWNLOADS}/")
