"""Read the glossary page into terms: the source of tooltips and of search's domain vocabulary.

Format (docs/contributing.md): each `## term` heading is an entry; its `**释义**：` line
(English: `**Definition**:`) is the tooltip text; `**又称**：` (`**Also written**:`) lists
other spellings, separated by 、 (English: by commas).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.pages.collect import ATTR_ID, heading_plain_text, slugify

ENTRY = re.compile(r"^##[ \t]+(?P<heading>.+?)[ \t]*$", re.M)
FIELD = {
    "zh": {"definition": "释义", "aliases": "又称"},
    "en": {"definition": "Definition", "aliases": "Also written"},
}


@dataclass(frozen=True)
class Term:
    term: str  # as the heading writes it (Chinese) or the English name
    anchor: str
    definition: str
    aliases: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling to match in running text, longest first."""
        return tuple(sorted({self.term, *self.aliases}, key=len, reverse=True))


def _field(body: str, name: str) -> str:
    m = re.search(rf"^\*\*{re.escape(name)}\*\*[ \t]*[：:][ \t]*(.+)$", body, re.M)
    return m.group(1).strip() if m else ""


def parse_glossary(text: str, lang: str = "zh") -> list[Term]:
    names = FIELD[lang]
    heads = list(ENTRY.finditer(text))
    terms = []
    for i, m in enumerate(heads):
        body = text[m.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        heading = m["heading"]
        explicit = ATTR_ID.search(heading)
        title = re.sub(r"[ \t]*\{[^}]*\}[ \t]*$", "", heading)
        anchor = explicit["id"] if explicit else slugify(heading_plain_text(title))
        definition = _field(body, names["definition"])
        if not definition:
            continue
        if lang == "en":
            # "Women's Home (妇女之家)" → the English name, without the Chinese in brackets
            name = re.sub(r"\s*[（(][^）)]*[\u3400-\u9fff][^）)]*[）)]\s*$", "", title).strip().strip('"“”')
            aliases = tuple(a.strip() for a in _field(body, names["aliases"]).split(",") if a.strip())
        else:
            name = title.strip()
            aliases = tuple(a.strip() for a in re.split(r"[、，,]", _field(body, names["aliases"])) if a.strip())
        terms.append(Term(name, anchor, definition, aliases))
    return terms


def load_glossary(docs_dir: Path, lang: str = "zh") -> list[Term]:
    path = docs_dir / ("glossary.md" if lang == "zh" else f"glossary.{lang}.md")
    return parse_glossary(path.read_text(encoding="utf-8"), lang) if path.exists() else []
