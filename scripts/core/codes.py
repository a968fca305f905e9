"""Every code the checker and the seed tools report: one definition, with what it means.

The checker's severity settings (`extra.handbook.severity` in mkdocs.yml) are validated against
this table, and the table of codes in the contributors' guide is generated from it
(`[[codes]]` in docs/contributing.md), so a new code is one row here and the code that emits it.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scripts.core.diagnostics import Severity


@dataclass(frozen=True)
class CodeInfo:
    summary: str  # one line, English, for --list-codes and the JSON output's readers
    zh: str  # meaning, as the Chinese guide says it
    en: str  # meaning, as the English guide says it
    zh_example: str = "—"
    en_example: str = "—"


_ROWS: dict[str, tuple[str, str, str, str, str]] = {
    'FRONT_MATTER_MISSING': ('page has no YAML front matter', '页面开头没有 YAML', 'The page does not begin with YAML', '页面第一行不是 `---`', 'The first line of the page is not `---`'),
    'FRONT_MATTER_YAML': ('front matter is not valid YAML, not a mapping, uses anchors/aliases or has an outsized value', 'YAML 写错了，用了锚点或别名（`&`、`*`），或者 `kind`、`title`、`provisions` 的值不是短文本', 'The YAML is malformed, uses anchors or aliases (`&`, `*`), or `kind`, `title` or `provisions` is not short text', '`provisions: [2.5` 少了 `]`；`provisions: *i`', '`provisions: [2.5` is missing `]`; `provisions: *i`'),
    'KIND_MISSING': ('front matter has no kind', '没写 `kind`', '`kind` is missing', '—', '—'),
    'UNKNOWN_KIND': ('kind is not one of the configured kinds', '`kind` 不在允许的列表里', '`kind` is not in the list of allowed kinds', '`kind: guide`', '`kind: guide`'),
    'PROVISIONS_INVALID': ('front matter provisions is not a list of known provision IDs', '`provisions` 不是列表，或者有不存在的编号', '`provisions` is not a list, or contains a number that does not exist', '`provisions: ["9.9"]`', '`provisions: ["9.9"]`'),
    'MALFORMED_CITATION': ('a § that is not a well-formed citation (§2..5, § 2.5, §2.5.)', '引用格式不对', 'The citation is not in the correct form', '`§2..5`、`§ 2.5`、`§2.5.`', '`§2..5`, `§ 2.5`, `§2.5.`'),
    'UNKNOWN_DOCUMENT': ('citation names a document that is not in seeds/', '引用了 `seeds/` 里没有的文件', 'Cites a file that is not in `seeds/`', '`§other:2.5`', '`§other:2.5`'),
    'UNKNOWN_VERSION': ('citation names a version of a policy that it does not have (§slug@v9:12)', '引用了文件不存在的版本', 'Cites a version the document does not have', '`§slug@v9:12`', '`§slug@v9:12`'),
    'UNKNOWN_PROVISION': ('citation names a provision the document does not have', '引用了不存在的条款', 'Cites a provision that does not exist', '`§9.9`', '`§9.9`'),
    'LINK_MISSING_PAGE': ('link to a page or file that does not exist', '链接到不存在的页面或文件', 'Links to a page or file that does not exist', '`[清单](../checklists/9-9.md)`', '`[清单](../checklists/9-9.md)`'),
    'LINK_MISSING_ANCHOR': ('link to an anchor the target page does not have', '链接到页面上不存在的位置', 'Links to a location that does not exist on the page', '`[术语](../glossary.md#不存在)`', '`[术语](../glossary.md#不存在)`'),
    'DUPLICATE_ANCHOR': ('the same id is defined twice on one page', '同一页面上同一个 id 出现两次', 'The same id appears twice on one page', '原文页里同一条款出现两次', 'The same provision appears twice on a source-text page'),
    'NO_CITATION': ('guidance, checklist or template page that cites nothing', '解读、清单或模板页一处原文也没引用', 'A guidance, checklist or template page does not cite the source text even once', '—', '—'),
    'CHECKLIST_ITEM_NO_CITATION': ('checklist item without a citation', '清单条目没有引用', 'A checklist item has no citation', '`- [ ] [2.5-03] 建立台账`', '`- [ ] [2.5-03] 建立台账`'),
    'CHECKLIST_ITEM_ID': ('checklist item without a well-formed, unique ID', '清单条目没有编号、编号格式不对或重复', 'A checklist item has no number, a malformed number or a duplicate number', '`- [ ] 建立台账（§2.5.3）`', '`- [ ] 建立台账（§2.5.3）`'),
    'COVERAGE_GUIDANCE': ('provision that no guidance page cites', '有条款没有任何解读页引用', 'A provision is not cited by any guidance page', '—', '—'),
    'COVERAGE_CHECKLIST': ('item that no checklist item cites', '有项没有任何清单条目引用', 'An item is not cited by any checklist item', '—', '—'),
    'COVERAGE_SENTENCE': ('sentence that no guidance page cites', '有句子没有解读页引用（默认关闭，见追溯矩阵）', 'A sentence is not cited by any guidance page (off by default; see the traceability matrix)', '—', '—'),
    'NOT_IN_NAV': ('page that the nav does not list', '页面没有列入 `mkdocs.yml` 的导航', 'The page is not listed in the navigation in `mkdocs.yml`', '—', '—'),
    'NAV_MISSING_PAGE': ('nav entry for a page that does not exist', '导航里列了不存在的页面', 'The navigation lists a page that does not exist', '—', '—'),
    'GENERATED_EDITED': ('generated source page edited by hand or stale', '自动生成的原文页被手工改过，或已过期', 'An automatically generated source-text page has been edited by hand, or is out of date', '—', '—'),
    'GENERATED_MISSING': ('generated source page missing', '自动生成的原文页缺失', 'An automatically generated source-text page is missing', '—', '—'),
    'GENERATED_STRAY': ('page under docs/source/ that no seed produces', '`docs/source/` 下有不属于任何原文的页面', 'There is a page under `docs/source/` that does not belong to any source text', '—', '—'),
    'PAGE_ENCODING': ('page is not UTF-8', '文件不是 UTF-8 编码', 'The file is not UTF-8 encoded', 'GB18030 编码的文本', 'Text encoded in GB18030'),
    'REFERENCE_UNKNOWN': ('a reference inside a policy text names an article the text it names does not have', '原文里引用的条款不存在（例如“本法第九十九条”，而本法只有四十条）', 'A reference inside a source text names an article that does not exist (e.g. “本法第九十九条” in a law of forty articles)', '本法第九十九条', '本法第九十九条 (Article 99 of this Law)'),
    'SEED_CHARACTER': ('the policy text holds a control or formatting character no output can show', '原文里有显示不出来的控制字符', 'The source text contains a control character that cannot be shown', '从 PDF 复制时带进来的 U+0008', 'U+0008 copied along from a PDF'),
    'SEED_ENCODING': ('seed is not UTF-8', '文件不是 UTF-8 编码', 'The file is not UTF-8 encoded', 'GB18030 编码的文本', 'Text encoded in GB18030'),
    'SEED_EMPTY': ('seed holds no text', '原文文件是空的', 'The source-text file is empty', '—', '—'),
    'NUMBER_GAP': ('seed numbering skips a number', '原文序号跳号或重复', 'Numbers in the source text skip or repeat', '“一要”之后是“三要”', '"一要" (first) is followed by "三要" (third)'),
    'NUMBER_REPEATED': ('seed numbering repeats a number', '原文序号跳号或重复', 'Numbers in the source text skip or repeat', '“一要”之后是“三要”', '"一要" (first) is followed by "三要" (third)'),
    'PART_NO_HEADING': ('seed part without heading text', '原文某部分只有序号没有标题', 'A part of the source text has a number but no heading', '一行只有“二、”', 'A line containing only "二、"'),
    'UNSAFE_HTML': ('raw HTML tag that is dangerous or not on the allow-list', '页面里有脚本、框架等危险标签，或不在允许列表里的 HTML 标签', 'A page holds a dangerous tag (script, frame …) or an HTML tag not on the allow-list', '`<script>`、`<iframe>`', '`<script>`, `<iframe>`'),
    'UNSAFE_ATTRIBUTE': ('inline event handler (onclick= …) in raw HTML', 'HTML 标签带有事件属性', 'An HTML tag carries an event handler', '`<span onclick="…">`', '`<span onclick="…">`'),
    'UNSAFE_URL': ('javascript: (or similar) URL', '链接会运行脚本', 'A link runs a script', '`[点我](javascript:…)`', '`[click](javascript:…)`'),
    'EXTERNAL_RESOURCE': ('image or script loaded from another host', '从其他网站加载图片或脚本', 'An image or script loads from another host', '`![图](https://…/x.png)`', '`![image](https://…/x.png)`'),
    'TRANSLATION_MISSING': ('Chinese page (or source text) without an English translation', '中文页面（或原文）还没有英文译本', 'A Chinese page (or the source text) has no English translation yet', '—', '—'),
    'TRANSLATION_STALE': ('English page translating an older version of its Chinese page', '中文页面改过了，英文译本还是旧的', 'The Chinese page has changed and its English translation is still the old one', '—', '—'),
    'TRANSLATION_ORPHAN': ('English page whose Chinese page does not exist', '英文页面找不到对应的中文页面', 'An English page has no Chinese page', '—', '—'),
    'TRANSLATION_ANCHORS': ('English page lacking anchors its Chinese page has', '英文页面缺少中文页面的锚点', 'An English page lacks anchors its Chinese page has', '标题没写 `{#怎么做}`', 'A heading without `{#怎么做}`'),
    'CONFIG': ('mkdocs.yml cannot be read, or a setting in extra.handbook is wrong', '`mkdocs.yml` 读不了，或者 `extra.handbook` 里的设置写错了', '`mkdocs.yml` cannot be read, or a setting under `extra.handbook` is wrong', '`severity: {COVERAGE_GUIDENCE: off}`（代码拼错）', '`severity: {COVERAGE_GUIDENCE: off}` (a misspelt code)'),
    'TRANSLATION_UNKNOWN_ID': ('source translation keyed by an ID the text does not have', '原文英译里有原文中不存在的编号', 'The English translation of a source text has an ID the text does not have', '`"9.9.1": …`', '`"9.9.1": …`'),
    'TRANSLATION_YAML': ('source translation file cannot be read', '原文英译文件读不了', 'The English translation of a source text cannot be read', '—', '—'),
    'QUOTE_MISMATCH': ('quotation followed by a citation that is not, word for word, in the cited text', '引号里的话和所引条款的原文（英文页面：原文译文）不一致', "Words in quotation marks are not the cited provision's (on English pages: its source translation's)", '`“建好、用好妇女之家”（§2.5.2）`', '`"build, run and use the Women\'s Home well" (§2.5.2)`'),
    'TERM_VARIANT': ('English page uses a rendering of a term (or a page title) that the glossary rejects', '英文页面用了术语表不用的译法，或链接文字不是所链页面的标题', 'An English page uses a rendering the glossary does not use, or a link text that is not the linked page\'s title', '`strong front`（应为 `strong base`）', '`strong front` (for `strong base`)'),
    'UNKNOWN_BLOCK': ('[[name]] line that cites nothing and names no generated block', '`[[…]]` 一行既没有引用，也不是可以生成的内容块', '`[[…]]` on a line cites nothing and names no block the build writes', '`[[polices]]`（应为 `[[policies]]`）', '`[[polices]]` (for `[[policies]]`)'),
    'UNSAFE_RENDERED': ('a built page holds an event handler, a script URL or a script that is not the theme\'s', '构建出的网页里有事件属性、会运行脚本的链接，或不属于主题的脚本（`make build` 在构建后逐页检查）', "A built page has an event handler, a script URL or a script that is not the theme's (`make build` checks every page after building)", '`[点我](#怎么做){ onclick="…" }`', '`[click](#怎么做){ onclick="…" }`'),
    'CITATION_MOVED': ('a citation names a provision that a newer version of the policy numbers differently', '引用的条款在新版本里换了编号', 'A cited provision has another number in the newer version of the text', '`§2.5`（新版本里是 `§2.6`）', '`§2.5` (now `§2.6`)'),
    'CITED_TEXT_CHANGED': ('the cited sentence or provision changed since the page was last checked against the text', '引用的句子或条款在新版本里改了，本页还没有对照新文本检查过', 'The cited sentence or provision changed since the page was last checked against the text', '—', '—'),
    'CITED_PROVISION_REMOVED': ('a citation names a provision the current version no longer has', '引用的条款在新版本里删掉了', 'A cited provision is gone from the current version', '—', '—'),
    'TERM_RENAMED': ('a page uses a name that a new version of a policy replaced throughout', '页面还在用新版本已经统一改掉的旧称', 'A page still uses a name that a new version of the text replaced throughout', '`低收入困难家庭`（现称`最低生活保障边缘家庭`）', '`低收入困难家庭` (now `最低生活保障边缘家庭`)'),
    'VERSION_INPUT': ('make add-version, or a versions or alignment file, refused its input', '`make add-version` 的输入有误（什么都没改），或版本、对照文件写错了', '`make add-version` refused its input (changing nothing), or a versions or alignment file is wrong', '`DATE=2026-13-01`、与现行文本相同', '`DATE=2026-13-01`, a text identical to the current one'),
    'SEED_UNREADABLE': ('seed file cannot be read', '原文文件读不了', 'The source-text file cannot be read', '—', '—'),
    'SEED_MISSING': ('no policy text in seeds/', '`seeds/` 里没有原文', 'There is no source text in `seeds/`', '—', '—'),
    'SEED_META': ("a policy's metadata file (seeds/<slug>.yml) cannot be read", '原文的说明文件（`seeds/<slug>.yml`）读不了', "A source text's metadata file (`seeds/<slug>.yml`) cannot be read", '—', '—'),
    'SEED_DEFAULT': ('several policies and not exactly one marked default: true', '收了几份政策文件，但不是恰好一份写了 `default: true`', 'Several source texts, and not exactly one says `default: true`', '—', '—'),
    'NUMBER_FORM': ('seed numbering uses a numeral that does not read as a number', '原文序号的数字写法读不出数目', 'A number in the source text\'s numbering cannot be read', '“第千条”（应为“第一千条”）', '"第千条" (for "第一千条")'),
    'NUMBER_LEVEL': ('seed numbering mixes styles on one level', '原文同一层级用了两种序号', 'One level of the source text is numbered in two styles', '“1.”之后是“（一）”', '"1." followed by "（一）"'),
    'DUPLICATE_ID': ('two units of a seed get the same ID', '原文里两处得到同一个编号', 'Two units of the source text get the same ID', '—', '—'),
    'POLICY_INPUT': ('make add-policy / remove-policy refused its input', '`make add-policy` 或 `make remove-policy` 的输入有误，什么都没改', '`make add-policy` or `make remove-policy` refused its input and changed nothing', '`SLUG=Bad_Slug`、文件不存在、已有同名文件', '`SLUG=Bad_Slug`, a missing file, a slug already taken'),
    'PDF_NO_BROWSER': ('Chromium is missing, so PDFs cannot be printed', '没有 Chromium，打印不了 PDF', 'Chromium is missing, so PDFs cannot be printed', '—', '—'),
    'SEARCH_INPUT': ('the search index builder cannot read its input', '搜索索引读不了输入文件', 'The search index builder cannot read its input', '—', '—'),
    'SEARCH_SEGMENTATION': ('Chinese word segmentation (jieba) is missing', '缺少中文分词（jieba）', 'Chinese word segmentation (jieba) is missing', '—', '—'),
    'SYNONYM_INPUT': ('the search synonym table is not a list of well-formed entries', '搜索同义词表写错了：不是条目列表，缺 `query` 或 `terms`，查询词不是一个词，或者同一个查询词写了两条', 'The search synonym table is malformed: not a list of entries, `query` or `terms` missing, a query that is not one word, or the same query in two entries', '`- query: 家 暴`（查询词中间有空格）', '`- query: 家 暴` (a space inside the query)'),
    'SYNONYM_UNUSED': ('a synonym entry none of whose terms occurs in any page or text', '同义词表里有一条，它的 `terms` 哪个页面、哪份文件里都没有，查了也找不到', 'A synonym entry none of whose `terms` occurs in any page or text, so it finds nothing', '`terms: [家庭暴利]`（错字）', '`terms: [家庭暴利]` (a typo)'),
    'TRANSLATION_STAMP': ('translate stamp was given a path that is not an English page', '`translate stamp` 后面给的不是英文页面', '`translate stamp` was given a path that is not an English page', '—', '—'),
    'BENCH_NO_BUILD': ('make bench was run before make build', '还没有构建就运行了 `make bench`', '`make bench` was run before `make build`', '—', '—'),
    'CJK_SOFT_BREAK': ('a line break between Chinese characters rendered as a space', '构建出的网页里，中文字之间的换行变成了空格', 'A line break between Chinese characters became a space in a built page', '—', '—'),
    'CJK_SPACE_AFTER_PUNCT': ('a space after full-width punctuation in a built Chinese page', '构建出的中文网页里，全角标点后面多了空格', 'A space after full-width punctuation in a built Chinese page', '`**摸清家底。** 妇联主席…`', '`**摸清家底。** 妇联主席…`'),
    'UNKNOWN_ID': ('python -m scripts.position was given an ID the text does not have', '`python -m scripts.position` 给的编号原文里没有', '`python -m scripts.position` was given an ID the text does not have', '—', '—'),
    'USAGE': ('a command was called with the wrong arguments', '命令的参数不对', 'A command was called with the wrong arguments', '—', '—'),
    'BUILD_NO_SITE': ('a build step that reads the built site found none', '构建步骤要读已经生成的网站，但没有找到', 'A build step that reads the built site found none', '—', '—'),
    'PWA_NO_WORKBOX': ('Node.js or workbox-build is missing, so the service worker cannot be made', '没有 Node.js 或 workbox-build，做不了离线使用的 service worker', 'Node.js or workbox-build is missing, so the service worker for offline use cannot be made', '—', '—'),
    'PWA_WORKBOX': ('Workbox failed, or would leave a page or asset out of the offline copy', 'Workbox 出错，或者会把某个页面或文件漏在离线版本之外', 'Workbox failed, or would leave a page or asset out of the offline copy', '—', '—'),
    'PWA_THEME_COLOR': ('handbook.css does not set the colour the web app manifest takes', '`handbook.css` 里没有设置网页应用要用的主题色', '`handbook.css` does not set the colour the web app manifest takes', '`--md-primary-fg-color` 被删掉', '`--md-primary-fg-color` was deleted'),
    'BOOK_PAGE_MISSING': ('a page in the nav is missing from the built site the book is made from', '导航里的页面在构建出的网站里找不到，做不了整本 PDF', 'A page in the nav is missing from the built site the book is made from', '—', '—'),
    'BOOK_PAGE_UNREADABLE': ('a built page has no article with a heading for the book', '构建出的页面里没有可以放进整本 PDF 的正文', 'A built page has no article with a heading the book can take', '—', '—'),
    'BOOK_SECTION_UNKNOWN': ('book --section names a page that is not in the book', '`book --section` 给的页面不在整本手册里', '`book --section` names a page that is not in the book', '—', '—'),
    'DRAFT_INPUT': ('make draft refused its input', '`make draft` 的输入有误（文件名不对，或草稿已经存在），什么都没改', '`make draft` refused its input (an unknown text, or drafts that exist already) and changed nothing', '—', '—'),
    'LINK_TO_DRAFT': ('a published page links to a draft, which the site does not have', '正式页面链接到了草稿（草稿不发布，链接会失效）', 'A published page links to a draft, which the site does not publish', '—', '—'),
    'BOOK_TEXT_UNKNOWN': ('book --text names a policy text that is not in seeds/', '`book --text` 给的文件名在 `seeds/` 里没有', '`book --text` names a source text that is not in `seeds/`', '—', '—'),
    'BASELINE': ('the baseline of accepted warnings (check-baseline.yml) cannot be read', '已接受警告的清单（`check-baseline.yml`）读不了', 'The list of accepted warnings (`check-baseline.yml`) cannot be read', '—', '—'),
}


# Codes that are not errors unless mkdocs.yml says so. A stale translation must not hold back a
# correction of the authoritative Chinese text (the English page then carries a notice, scripts/render/stale.py).
# A former name still used on a page is worth fixing soon, but the page is not wrong until a person
# has confirmed the rename (python -m scripts.review rewrite --rename).
DEFAULT_SEVERITY = {"TRANSLATION_STALE": Severity.WARNING, "REFERENCE_UNKNOWN": Severity.WARNING,
                    "TERM_RENAMED": Severity.WARNING}

Code = Enum("Code", {name: name for name in _ROWS}, type=str)
Code.__doc__ = "A diagnostic code; `Code.X.value == 'X'`."
INFO: dict[str, CodeInfo] = {name: CodeInfo(*row) for name, row in _ROWS.items()}


def describe(code: str) -> str:
    return INFO[code].summary


def table_markdown(lang: str = "zh") -> str:
    """The contributors' guide's table of codes, in its language."""
    head = ("| 代码 | 含义 | 例子 |\n| --- | --- | --- |\n" if lang == "zh"
            else "| Code | Meaning | Example |\n| --- | --- | --- |\n")
    rows = []
    for name, info in INFO.items():
        meaning, example = (info.zh, info.zh_example) if lang == "zh" else (info.en, info.en_example)
        rows.append(f"| `{name}` | {meaning} | {example} |\n")
    return head + "".join(rows)
