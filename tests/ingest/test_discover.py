"""discover: walking folders, hidden entries, links, loops, missing paths."""

from __future__ import annotations

import os
from pathlib import Path

from sitroom.config import IngestSettings
from sitroom.ingest import discover


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("one", encoding="utf-8")
    (root / "b" / "c.html").write_text("<p>two</p>", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("hidden", encoding="utf-8")
    (root / ".notes.txt").write_text("hidden", encoding="utf-8")


def test_discover_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = discover([str(tmp_path)], IngestSettings())
    assert found.paths == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.html")]
    assert found.rejections == []


def test_discover_same_file_given_twice_is_listed_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    given = [str(tmp_path / "a.txt"), str(tmp_path), str(tmp_path / "b" / ".." / "a.txt")]
    found = discover(given, IngestSettings())
    assert found.paths.count(str(tmp_path / "a.txt")) == 1
    assert len(found.paths) == 2


def test_discover_missing_path_is_rejected(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    found = discover([missing], IngestSettings())
    assert found.paths == []
    (rejection,) = found.rejections
    assert (rejection.stage, rejection.item_id, rejection.reason) == ("ingest", missing, "no such file or directory")


def test_discover_symlink_loop_is_rejected_when_following(tmp_path: Path) -> None:
    _tree(tmp_path)
    os.symlink(tmp_path, tmp_path / "b" / "up")  # b/up -> root, which contains b
    found = discover([str(tmp_path)], IngestSettings(follow_symlinks=True))
    assert found.paths == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.html")]
    (rejection,) = found.rejections
    assert rejection.item_id == str(tmp_path / "b" / "up")
    assert "symbolic link loop" in rejection.reason


def test_discover_self_referencing_link_is_rejected(tmp_path: Path) -> None:
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    found = discover([str(tmp_path / "loop")], IngestSettings())
    assert found.paths == []
    assert "symbolic link loop" in found.rejections[0].reason


def test_discover_links_not_followed_by_default(tmp_path: Path) -> None:
    _tree(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("elsewhere", encoding="utf-8")
    os.symlink(outside, tmp_path / "link.txt")
    found = discover([str(tmp_path)], IngestSettings())
    assert str(tmp_path / "link.txt") not in found.paths
    assert [r.severity for r in found.rejections] == ["warning"]
    assert "follow_symlinks" in found.rejections[0].reason
    followed = discover([str(tmp_path)], IngestSettings(follow_symlinks=True))
    assert str(tmp_path / "link.txt") in followed.paths


def test_discover_followed_link_to_known_file_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    os.symlink(tmp_path / "a.txt", tmp_path / "b" / "z-alias.txt")
    found = discover([str(tmp_path)], IngestSettings(follow_symlinks=True))
    assert found.paths == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.html")]


def test_discover_broken_link_and_fifo_are_rejected(tmp_path: Path) -> None:
    os.symlink(tmp_path / "target-gone", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    found = discover([str(tmp_path / "dangling.txt"), str(tmp_path)], IngestSettings(follow_symlinks=True))
    assert found.paths == []
    reasons = sorted(r.reason for r in found.rejections)
    assert len(reasons) == 2
    assert any(r.startswith("broken symbolic link") for r in reasons)
    assert "not a regular file (named pipe)" in reasons
