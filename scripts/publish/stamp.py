"""What a whole build was made from and what it wrote, so that the test suite can take the site `make build`
just built instead of building the same thing again.

`make build` then `make test` (the README's two commands, and CI) built the whole handbook twice: once for the
reader, once as the suite's first fixture, a minute of the suite's time. After a whole build the pipeline writes
a stamp beside its scratch folder (build/built-from.json): a digest of everything the build read and a digest
of every file it wrote. A stamp is only believed when both still hold: the sources, the installed packages and
the browser are what they were, and nobody has changed, added or removed a file of the output since. Anything
else, or no git to list the sources with, means building again.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# Where `make build` puts its outputs (the Makefile passes the same; python -m scripts.build has them as defaults).
SITE, DIST, WORK = "site", "dist", "build/offline"
NAME = "built-from.json"
# Read by the build but not part of the sources: the variables that change what it writes (mkdocs.yml's !ENV
# tags among them), not the test suite's own (HANDBOOK_TEST_…).
ENVIRONMENT = ("CHROMIUM", "SOURCE_DATE_EPOCH", "OFFLINE")
ENVIRONMENT_PREFIX, NOT_ENVIRONMENT = "HANDBOOK_", "HANDBOOK_TEST_"
# Folders of the repository the build never reads: editing a test must not cost a build.
NOT_READ = ("tests/", "bench/", ".ci/", ".github/")


@dataclass(frozen=True)
class Stamp:
    inputs: str
    outputs: str
    bundle: str  # the offline bundle's file name in the dist folder
    site: str  # where the build wrote (absolute): another build's outputs leave this one's stamp true
    dist: str


def stamp_path(work: Path) -> Path:
    """The stamp of a build whose scratch folder is `work` (build/offline → build/built-from.json)."""
    return work.parent / NAME


def _git(root: Path, *args: str) -> bytes | None:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout if out.returncode == 0 else None


def _add_files(h, base: Path, rels) -> None:
    """Each file's name (relative to `base`) and bytes, in the order given; a listed file gone is "missing"."""
    for rel in rels:
        try:
            digest = hashlib.sha256((base / rel).read_bytes()).hexdigest()
        except OSError:
            digest = "missing"
        h.update(f"{rel}\0{digest}\n".encode("utf-8", "surrogateescape"))


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"\s*([A-Za-z0-9._-]*)", requirement).group(1)).lower()


def build_packages(root: Path) -> list[str]:
    """name==version of the packages the build runs on: those requirements.txt pins and everything they need,
    as installed. Not every package in the environment: make test installs its own tools after make build."""
    lines = (root / "requirements.txt").read_text("utf-8").splitlines() if (root / "requirements.txt").exists() else []
    todo = [_name(line) for line in lines if line.strip() and not line.lstrip().startswith(("#", "-"))]
    seen: dict[str, str] = {}
    while todo:
        name = todo.pop()
        if not name or name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            seen[name] = "missing"
            continue
        seen[name] = dist.version
        todo += [_name(r) for r in dist.requires or () if "extra ==" not in r.replace('"', "").replace("'", "")]
    return sorted(f"{name}=={version}" for name, version in seen.items())


def inputs_digest(root: Path, chromium: str = "", env: Mapping[str, str] | None = None) -> str | None:
    """A digest of what a build of `root` reads: every source file git knows or would add (not the ignored
    outputs and caches), the commit (the version and dates printed in the site), the Python packages, the
    browser that prints the PDFs and the variables that change the output. None outside a git checkout."""
    head = _git(root, "rev-parse", "HEAD")
    listed = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if head is None or listed is None:
        return None
    h = hashlib.sha256(head)
    listed_files = set(listed.decode("utf-8", "surrogateescape").split("\0")) - {""}
    _add_files(h, root, sorted(rel for rel in listed_files if not rel.startswith(NOT_READ)))
    h.update(("\n".join([sys.version, *build_packages(root)]) + "\n").encode())
    env = os.environ if env is None else env
    for key in sorted(k for k in env if k in ENVIRONMENT
                      or (k.startswith(ENVIRONMENT_PREFIX) and not k.startswith(NOT_ENVIRONMENT))):
        h.update(f"{key}={env[key]}\n".encode())
    if chromium:  # its version: Debian's /usr/bin/chromium is a script whose own bytes never change
        try:
            version = subprocess.run([chromium, "--version"], capture_output=True, timeout=30, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            version = b"none"
        h.update(version)
    return h.hexdigest()


def outputs_digest(site: Path, bundle: Path) -> str:
    """Every file of the site (names and bytes) and the offline bundle."""
    h = hashlib.sha256()
    _add_files(h, site, [p.relative_to(site).as_posix() for p in sorted(site.rglob("*")) if p.is_file()])
    _add_files(h, bundle.parent, [bundle.name])
    return h.hexdigest()


def write(root: Path, site: Path, dist: Path, work: Path, bundle: Path, chromium: str) -> Path | None:
    """The stamp of a whole build that just finished (None, and no stamp, outside a git checkout)."""
    inputs = inputs_digest(root, chromium)
    if inputs is None:
        return None
    path = stamp_path(work)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = Stamp(inputs, outputs_digest(site, bundle), bundle.relative_to(dist).as_posix(),
                  str(site.resolve()), str(dist.resolve()))
    path.write_text(json.dumps(stamp.__dict__, indent=1) + "\n", encoding="utf-8")
    return path


def _read(work: Path) -> Stamp | None:
    try:
        return Stamp(**json.loads(stamp_path(work).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def forget(work: Path, site: Path, dist: Path) -> None:
    """A build that writes into the stamped outputs may make the stamp untrue: it goes before the first step
    runs (the outputs' digest would catch a change too; this way a stamp never outlives its build's outputs).
    A build of another site with the same scratch folder (a step run on a test's site) leaves it."""
    stamp = _read(work)
    if stamp is not None and (stamp.site == str(site.resolve()) or stamp.dist == str(dist.resolve())):
        stamp_path(work).unlink(missing_ok=True)


def current(root: Path, site: Path, dist: Path, work: Path, chromium: str,
            env: Mapping[str, str] | None = None) -> Path | None:
    """The offline bundle of the whole build in site/dist when its stamp still holds, else None."""
    stamp = _read(work)
    if stamp is None:
        return None
    bundle = dist / stamp.bundle
    if not site.is_dir() or not bundle.is_file():
        return None
    if stamp.inputs != inputs_digest(root, chromium, env) or stamp.outputs != outputs_digest(site, bundle):
        return None
    return bundle
