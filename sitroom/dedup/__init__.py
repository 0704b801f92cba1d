"""Near-duplicate clustering: syndicated copies and light rewrites share one cluster."""

from __future__ import annotations

from .cluster import Overlap, Profile, cluster, overlap, profile

__all__ = ["Overlap", "Profile", "cluster", "overlap", "profile"]
