"""Find the input files under the paths a user gave: walk folders, skip hidden entries, guard links."""

from __future__ import annotations

import errno
import logging
import os
import stat
from dataclasses import dataclass, field

from ..config import IngestSettings
from ..model import Rejection
from .source import STAGE

LOGGER = logging.getLogger(__name__)

_Key = tuple[int, int]


@dataclass(slots=True, frozen=True)
class Discovery:
    """The files to read (sorted, each real file once) and why other paths were left out."""

    paths: list[str]
    rejections: list[Rejection]


@dataclass(slots=True)
class _Walk:
    follow: bool
    files: dict[_Key, str] = field(default_factory=dict)
    seen_dirs: set[_Key] = field(default_factory=set)
    rejections: list[Rejection] = field(default_factory=list)

    def reject(self, path: str, reason: str, severity: str = "error") -> None:
        self.rejections.append(Rejection(STAGE, path, path, reason, severity=severity))


def discover(paths: list[str], settings: IngestSettings) -> Discovery:
    """Return the readable files found under ``paths`` and a Rejection for each bad path.

    Args:
        paths: files and folders; a link named here is always followed.
        settings: ``follow_symlinks`` decides whether links found inside folders are followed.

    Returns:
        A Discovery with sorted, de-duplicated file paths and ingest rejections.
    """
    walk = _Walk(follow=settings.follow_symlinks)
    for given in paths:
        _add_input(walk, os.path.normpath(given))
    # A path reached twice (named and also inside a named folder) is reported once.
    rejections = list(dict.fromkeys(walk.rejections))
    return Discovery(sorted(set(walk.files.values())), rejections)


def _add_input(walk: _Walk, path: str) -> None:
    if not os.path.lexists(path):
        walk.reject(path, "no such file or directory")
        return
    info = _stat(walk, path)
    if info is None:
        return
    if stat.S_ISDIR(info.st_mode):
        _walk_tree(walk, path, (info.st_dev, info.st_ino))
    else:
        _add_file(walk, path, info)


def _stat(walk: _Walk, path: str) -> os.stat_result | None:
    """Stat ``path`` following links; a loop or dangling link becomes a rejection."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            walk.reject(path, "symbolic link loop (the link resolves to itself)")
        elif os.path.islink(path):
            walk.reject(path, f"broken symbolic link to {os.readlink(path)!r}")
        else:
            walk.reject(path, f"cannot read: {exc.strerror or exc}")
        return None


def _add_file(walk: _Walk, path: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO would block forever; devices and sockets are never articles.
        walk.reject(path, f"not a regular file ({_file_kind(info.st_mode)})")
        return
    if not os.access(path, os.R_OK):
        walk.reject(path, "cannot read: permission denied")
        return
    key = (info.st_dev, info.st_ino)
    known = walk.files.get(key)
    if known is not None and known != path:
        LOGGER.debug("%s is the same file as %s; reading it once", path, known)
    # Keep the smallest path so the choice does not depend on argument order.
    walk.files[key] = path if known is None else min(known, path)


def _walk_tree(walk: _Walk, root: str, root_key: _Key) -> None:
    """Walk ``root`` depth-first without recursion (deep trees must not hit the recursion limit)."""
    if root_key in walk.seen_dirs:
        return
    walk.seen_dirs.add(root_key)
    stack: list[tuple[str, frozenset[_Key]]] = [(root, frozenset([root_key]))]
    while stack:
        folder, ancestors = stack.pop()
        for entry in _entries(walk, folder):
            child = _child_dir(walk, entry, ancestors)
            if child is not None:
                walk.seen_dirs.add(child)
                stack.append((entry.path, ancestors | {child}))


def _entries(walk: _Walk, folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            entries = [e for e in found if not e.name.startswith(".")]
    except OSError as exc:
        walk.reject(folder, f"cannot list folder: {exc.strerror or exc}")
        return []
    return sorted(entries, key=lambda e: e.name, reverse=True)


def _child_dir(walk: _Walk, entry: os.DirEntry[str], ancestors: frozenset[_Key]) -> _Key | None:
    """Add ``entry`` if it is a file; return its (dev, inode) if it is a folder still to walk."""
    if entry.is_symlink():
        if not walk.follow:
            walk.reject(entry.path, "symbolic link not followed (set ingest.follow_symlinks=true)", "warning")
            return None
        info = _stat(walk, entry.path)
    else:
        info = _lstat(walk, entry)
    if info is None:
        return None
    if not stat.S_ISDIR(info.st_mode):
        _add_file(walk, entry.path, info)
        return None
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        walk.reject(entry.path, f"symbolic link loop: {entry.path} leads back to a folder that contains it")
        return None
    if key in walk.seen_dirs:
        LOGGER.debug("%s: folder already walked through another path", entry.path)
        return None
    return key


def _lstat(walk: _Walk, entry: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return entry.stat(follow_symlinks=False)
    except OSError as exc:
        walk.reject(entry.path, f"cannot read: {exc.strerror or exc}")
        return None


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"))
    for test, name in kinds:
        if test(mode):
            return name
    return "block device" if stat.S_ISBLK(mode) else "special file"
