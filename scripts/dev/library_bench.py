"""Libraries for make bench: the handbook with 10 or 50 generated texts of realistic shapes, and one large code.

What a women's federation works from is a library: laws and regulations of 50 to 200 articles in chapters,
with 款, 项 and references to their own articles, some revised; opinions and notices in 公文 outline; and a
code of some 500 articles in 编, 章 and 节 with inserted 之一 articles. The texts here are generated (fictional
titles, 示例…, and sentences assembled from a fixed vocabulary): their shapes are real, their words are not a
law's. The same seed gives the same library, so runs on one machine compare.
"""
from __future__ import annotations

import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pypdf import PdfReader

from scripts.core.config import generator_build, write_variant
from scripts.core.numerals import to_cn
from scripts.core.paths import BOOK
from scripts.corpus import nav as navigation
from scripts.corpus.seeds import load_corpus
from scripts.corpus.split import split_text
from scripts.dev.handbook_copy import copy_handbook
from scripts.dev.timing import measure

SUBJECTS = ["妇女联合会", "县级以上人民政府", "民政部门", "公安机关", "人力资源和社会保障部门", "卫生健康部门", "教育行政部门",
            "居民委员会、村民委员会", "用人单位", "学校", "司法行政部门", "人民法院"]
VERBS = ["应当依法保障", "应当及时处理", "应当会同有关部门做好", "应当建立健全", "可以依法提供", "应当加强", "不得歧视", "应当定期开展"]
OBJECTS = ["妇女的人身权益", "困难妇女的基本生活", "家庭暴力的预防和处置", "妇女的劳动和社会保障权益", "女职工的特殊劳动保护",
           "宫颈癌、乳腺癌筛查", "家庭教育指导服务", "留守妇女的关爱服务", "最低生活保障的申请和审核", "人身安全保护令的执行"]
TAILS = ["，并将结果告知当事人。", "，具体办法由省、自治区、直辖市人民政府规定。", "。", "，所需经费列入本级预算。",
         "，不得收取费用。", "，保护当事人的隐私和个人信息。"]
CHAPTERS = ["总则", "政治权利", "人身和人格权益", "文化教育权益", "劳动和社会保障权益", "财产权益", "婚姻家庭权益",
            "救助和服务", "监督检查", "法律责任", "附则"]
PARTS = ["提高认识，加强组织领导", "突出重点，做好关爱服务", "完善机制，强化工作保障", "加强宣传，营造良好氛围"]


def _sentence(rng: random.Random) -> str:
    return rng.choice(SUBJECTS) + rng.choice(VERBS) + rng.choice(OBJECTS) + rng.choice(TAILS)


def _article(rng: random.Random, n: int, label: str, articles: int) -> list[str]:
    """One article: its 款 as paragraphs, now and then a list of 项, now and then a reference to another article."""
    lines = [f"{label}　{_sentence(rng)}"]
    if rng.random() < 0.35:
        lines[-1] = lines[-1][:-1] + "：" if lines[-1].endswith("。") else lines[-1]
        lines += [f"（{to_cn(k)}）{rng.choice(OBJECTS)}；" for k in range(1, rng.randint(2, 5))]
        lines[-1] = lines[-1][:-1] + "。"
    for _ in range(rng.choice((0, 0, 1, 2))):
        other = rng.randint(1, articles)
        lines.append(rng.choice([f"违反本法第{to_cn(other)}条规定的，{_sentence(rng)}",
                                 f"前款规定的事项，{_sentence(rng)}", _sentence(rng)]))
    return lines


def law(rng: random.Random, title: str, articles: int, with_sections: bool = False) -> str:
    """An article-style text: title, 题注, chapters (one with 节), 款, 项, references; `articles` articles."""
    chapters = max(2, min(len(CHAPTERS), articles // 12))
    per = articles // chapters
    out = [title, f"（2019年{rng.randint(1, 12)}月{rng.randint(1, 28)}日示例市第十五届人民代表大会常务委员会第"
                  f"{to_cn(rng.randint(2, 30))}次会议通过）", ""]
    n = 0
    for c in range(1, chapters + 1):
        out.append(f"第{to_cn(c)}章　{CHAPTERS[(c - 1) % len(CHAPTERS)]}")
        count = per if c < chapters else articles - n
        sections = 2 if with_sections and c == 2 and count >= 4 else 0
        for k in range(count):
            if sections and k in (0, count // 2):
                out.append(f"第{to_cn(1 if k == 0 else 2)}节　{rng.choice(OBJECTS)}")
            n += 1
            out += _article(rng, n, f"第{to_cn(n)}条", articles)
    return "\n".join(out) + "\n"


def notice(rng: random.Random, title: str) -> str:
    """A 公文 outline: parts, items, run-in 一是…二是…"""
    out = [title, "", "各街道（地区）妇联、各有关单位：", ""]
    for p, name in enumerate(PARTS, 1):
        out.append(f"{to_cn(p)}、{name}")
        for i in range(1, rng.randint(2, 5)):
            out.append(f"（{to_cn(i)}）{rng.choice(OBJECTS)}。{_sentence(rng)}一是{_sentence(rng)}二是{_sentence(rng)}")
    out += ["", "示例市妇女联合会", "2024年3月8日"]
    return "\n".join(out) + "\n"


def code(rng: random.Random, articles: int = 560) -> str:
    """A code of `articles` articles in 编, 章 and 节, with inserted 之一 articles after every fiftieth."""
    out = ["示例刑事法典（测试用）", "（2020年12月26日示例市第十五届人民代表大会第三次会议通过）", ""]
    books, n = 3, 0
    for b in range(1, books + 1):
        out.append(f"第{to_cn(b)}编　{['总则', '分则', '附则'][b - 1]}")
        last = b == books
        chapters = 1 if last else 6
        for c in range(1, chapters + 1):
            out.append(f"第{to_cn(c)}章　{CHAPTERS[(c + b) % len(CHAPTERS)]}")
            count = articles - n if last else (articles * 45 // 100) // chapters
            sections = [None] if last else [1, 2]
            for s in sections:
                if s is not None:
                    out.append(f"第{to_cn(s)}节　{rng.choice(OBJECTS)}")
                for _ in range(count if s is None else count // 2):
                    n += 1
                    out += _article(rng, n, f"第{to_cn(n)}条", articles)
                    if n % 50 == 0:
                        out += _article(rng, n, f"第{to_cn(n)}条之一", articles)
    return "\n".join(out) + "\n"


def write_library(n: int, dest: Path, seed: int = 1) -> Path:
    """The real handbook plus `n` generated texts (every fifth a notice, every seventh revised once)."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    copy_handbook(dest, tools=True)  # the whole pipeline runs in it, the service worker too
    for i in range(1, n + 1):
        slug = f"text-{i:03d}"
        kind = "notice" if i % 5 == 0 else "law"
        title = f"示例市关于做好第{to_cn(i)}批妇女儿童工作的通知" if kind == "notice" else f"示例市第{to_cn(i)}号妇女权益保障条例"
        text = notice(rng, title) if kind == "notice" else law(rng, title, rng.randint(50, 200), with_sections=i % 3 == 0)
        (dest / "seeds" / f"{slug}.txt").write_text(text, encoding="utf-8")
        (dest / "seeds" / f"{slug}.yml").write_text(f"title: {title}\ncoverage: warning\n", encoding="utf-8")
        if i % 7 == 0 and kind == "law":  # an earlier version: the same text with a few articles worded otherwise
            old = text.replace("应当及时处理", "应当处理").replace("不得收取费用", "不得收费")
            vdir = dest / "seeds" / "versions" / slug
            vdir.mkdir(parents=True)
            (vdir / "v1.txt").write_text(old, encoding="utf-8")
            (vdir / "versions.yml").write_text("- date: '2019-06-01'\n  status: 已修订\n- date: '2024-06-01'\n  status: 现行\n",
                                               encoding="utf-8")
    subprocess.run([sys.executable, "-m", "scripts.generate"], cwd=dest, check=True, capture_output=True)
    return dest


def write_code(dest: Path, articles: int = 560, seed: int = 2) -> Path:
    """The real handbook plus one generated code of `articles` articles."""
    write_library(0, dest)
    text = code(random.Random(seed), articles)
    (dest / "seeds" / "big-code.txt").write_text(text, encoding="utf-8")
    (dest / "seeds" / "big-code.yml").write_text("title: 示例刑事法典（测试用）\ncoverage: warning\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "scripts.generate"], cwd=dest, check=True, capture_output=True)
    return dest


# ------------------------------------------------------------------ measuring a library


def _build(tree: Path, steps: str | None, timings: Path | None = None) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "scripts.build", "--root", str(tree), "--site", str(tree / "site"),
           "--dist", str(tree / "dist"), "--work", str(tree / "work")]
    cmd += (["--steps", steps] if steps else []) + (["--timings", str(timings)] if timings else [])
    return measure(cmd, cwd=tree)


def without_plugins(config, *names: str) -> None:
    """Drop the named plugins from a config's plugins list (written as a name or as a one-key mapping)."""
    config["plugins"] = [p for p in config["plugins"]
                         if not (isinstance(p, dict) and set(p) & set(names)) and p not in names]


def material_only(tree: Path, dest: Path, same_site: bool = False) -> Path:
    """The tree's mkdocs.yml as Material alone builds it: no hook, no overrides.

    Plain (same_site=False), as the target was first measured: the i18n and offline plugins off and the texts left
    out of the nav (the hook expands `source/`), so Material builds each page once with the handbook's short nav.
    same_site=True: Material doing the job the hook's build does, the nav with every text's pages (expanded as the
    hook expands it) and both editions (the i18n plugin, the untranslated pages as fallbacks), so a ratio against it
    is the hook's cost alone. At 50 texts the two differ twofold: 600 pages with 60 nav entries, or 1,100 with 550."""
    corpus = load_corpus(tree / "seeds") if same_site else None

    def change(config) -> None:
        del config["hooks"]
        if not same_site:
            without_plugins(config, "i18n", "offline")
        config["strict"] = False
        del config["theme"]["custom_dir"]
        config["docs_dir"] = str(tree / "docs")
        if same_site:
            config["nav"] = navigation.expand(config["nav"], corpus)
        else:
            config["nav"] = [x for x in config["nav"] if not (isinstance(x, dict) and navigation.MARKER in x.values())]

    return write_variant(tree / "mkdocs.yml", dest, change)


def bench_library(n: int, dest: Path, runs: int = 3, full: bool = True) -> dict:
    """One library size: texts and pages, the checker cold and warm, the HTML build against plain Material,
    the whole pipeline step by step, the book's pages, the bundle's size."""
    tree = write_library(n, dest)
    seeds = sorted((tree / "seeds").glob("*.txt"))
    out: dict = {"texts": len(seeds), "pages": sum(1 for _ in (tree / "docs").rglob("*.md")),
                 "text_kb": round(sum(p.stat().st_size for p in seeds) / 1024)}
    check = [sys.executable, "-m", "scripts.check", "--root", str(tree)]
    cold = [measure(check + ["--no-cache"], cwd=tree) for _ in range(runs)]
    measure(check, cwd=tree)
    warm = [measure(check, cwd=tree) for _ in range(runs)]
    out.update(check_cold_s=round(statistics.median(c[0] for c in cold), 2),
               check_warm_s=round(statistics.median(w[0] for w in warm), 2),
               check_peak_mb=round(max(c[1] for c in cold), 1))
    html, plain, same = [], [], []
    plain_config = material_only(tree, tree / "plain.yml")
    same_config = material_only(tree, tree / "material.yml", same_site=True)
    for _ in range(runs):  # alternating, so a slower minute of the machine falls on all three
        html.append(_build(tree, "generated,html"))
        plain.append(measure(generator_build(plain_config, tree / "plain-site", "-q", strict=False), cwd=tree))
        same.append(measure(generator_build(same_config, tree / "material-site", "-q", strict=False), cwd=tree))
    out.update(html_build_s=round(statistics.median(h[0] for h in html), 1),
               plain_build_s=round(statistics.median(p[0] for p in plain), 1),
               same_site_build_s=round(statistics.median(p[0] for p in same), 1),
               html_peak_mb=round(max(h[1] for h in html), 1))
    out["html_ratio"] = round(out["html_build_s"] / out["plain_build_s"], 2)
    out["html_ratio_same_site"] = round(out["html_build_s"] / out["same_site_build_s"], 2)
    if full:
        timings = tree / "timings.json"
        seconds, peak = _build(tree, None, timings)
        out.update(pipeline_s=round(seconds, 1), pipeline_peak_mb=round(peak, 1),
                   steps=json.loads(timings.read_text(encoding="utf-8")),
                   book_pages=len(PdfReader(tree / "site" / BOOK).pages),
                   zip_mb=round(next((tree / "dist").glob("*-offline.zip")).stat().st_size / 1e6, 1))
    out["site"] = str(tree / "site")
    return out


def bench_code(dest: Path, runs: int = 3) -> dict:
    """A code of some 500 articles: split time, build, the longest chapter page's weight, its book."""
    tree = write_code(dest)
    text = (tree / "seeds" / "big-code.txt").read_text(encoding="utf-8")
    splits = []
    for _ in range(runs):
        started = time.perf_counter()
        doc = split_text(text)
        splits.append(time.perf_counter() - started)
    articles = [p for p in doc.provisions.values() if p.kind == "article"]
    longest = max(doc.pages(), key=lambda page: sum(1 for t in page.top for d in [doc.provisions[t], *doc.descendants(t)]
                                                    if d.kind == "article"))
    timings = tree / "timings.json"
    seconds, peak = _build(tree, "generated,html,text_pdf", timings)
    page = tree / "site" / "source" / "big-code" / longest.key / "index.html"
    pdf = tree / "site" / "downloads" / "texts" / "big-code.pdf"
    return {"articles": len(articles), "inserted": sum(1 for a in articles if "-" in a.id), "text_kb": round(len(text.encode()) / 1024),
            "pages": len(doc.pages()), "split_s": round(statistics.median(splits), 3),
            "build_s": round(seconds, 1), "build_peak_mb": round(peak, 1),
            "steps": json.loads(timings.read_text(encoding="utf-8")),
            "longest_page": longest.key,
            "longest_page_articles": sum(1 for t in longest.top for d in [doc.provisions[t], *doc.descendants(t)]
                                         if d.kind == "article"),
            "longest_page_kb": round(page.stat().st_size / 1024),
            "book_pages": len(PdfReader(pdf).pages) if pdf.exists() else 0,
            "site": str(tree / "site"), "page_url": f"source/big-code/{longest.key}/"}


def preview_seconds(tree: Path, page: str = "guidance/2-5.md", url: str = "guidance/2-5/", runs: int = 3,
                    extra: tuple[str, ...] = ("--dirty",)) -> float:
    """Under `make serve` (properdocs serve --dirty, as the Makefile runs it), how long after an edit to a
    page the served page shows it (median of `runs` edits); the page is restored afterwards."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "properdocs", "serve", "-f", str(tree / "mkdocs.yml"),
                             "-a", f"127.0.0.1:{port}", *extra], cwd=tree,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = tree / "docs" / page
    original = path.read_bytes()

    def served() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{url}", timeout=5) as r:
                return r.read().decode("utf-8", "replace")
        except OSError:
            return ""

    times = []
    try:
        deadline = time.time() + 600
        while not served() and time.time() < deadline:
            time.sleep(0.2)
        for i in range(runs):
            marker = f"预览测量{i}{time.time_ns()}"
            path.write_bytes(original + f"\n\n{marker}\n".encode("utf-8"))
            started = time.perf_counter()
            while marker not in served():
                if time.perf_counter() - started > 120:
                    raise RuntimeError(f"{page}: the edit did not show under serve within 120 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
            time.sleep(1)
    finally:
        path.write_bytes(original)
        proc.terminate()
        proc.wait(timeout=30)
    return round(statistics.median(times), 2)
