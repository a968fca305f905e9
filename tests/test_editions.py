"""The English edition's second process (scripts/render/editions.py): the parts a whole build does not reach."""
from __future__ import annotations

import errno
import os

from scripts.render import editions


def test_a_staged_file_is_copied_where_it_cannot_be_renamed(tmp_path, monkeypatch):
    """A site that is a mount point of its own has its staging folder beside it on another device."""
    source, target = tmp_path / "staged.html", tmp_path / "site.html"
    source.write_text("英文页面", "utf-8")
    target.write_text("中文版写的", "utf-8")

    def across_devices(src, dst):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(editions.os, "replace", across_devices)
    editions._move(str(source), target)
    assert target.read_text("utf-8") == "英文页面" and not source.exists()
