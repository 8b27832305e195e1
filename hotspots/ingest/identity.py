"""Stable ids for rows that come without one, so re-importing a file stores nothing new."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["ContentIds"]


class ContentIds:
    """Ids from row content for rows whose source gave no id.

    Two rows with identical content in one file are different events as far as we can
    tell (police.uk repeats anti-social-behaviour rows at one snap point in one month), so
    the n-th repetition gets ``#n``. The same file read again yields the same ids.

    Memory is 16 bytes per distinct row content, only for rows without an id: a
    sorted array of 64-bit hashes and their counts, merged chunk by chunk.
    """

    def __init__(self) -> None:
        self._seen = np.empty(0, dtype=np.uint64)
        self._count = np.empty(0, dtype=np.int64)
        self.repeated = 0

    def assign(self, content: pd.DataFrame) -> pd.Series:
        """Ids like ``h:1f2e...`` (``h:1f2e...#2`` for repeats) for each row of ``content``."""
        if content.empty:
            return pd.Series([], dtype=object, index=content.index)
        h = pd.util.hash_pandas_object(content.fillna(""), index=False).to_numpy(np.uint64)
        # occurrence of each hash within this chunk (0 for the first)
        occ_in_chunk = pd.Series(h).groupby(h).cumcount().to_numpy()
        pos = np.searchsorted(self._seen, h)
        pos_c = np.minimum(pos, max(len(self._seen) - 1, 0))
        known = (
            (len(self._seen) > 0) & (self._seen[pos_c] == h)
            if len(self._seen)
            else np.zeros(len(h), dtype=bool)
        )
        before = np.where(known, self._count[pos_c] if len(self._seen) else 0, 0)
        occ = before + occ_in_chunk
        self.repeated += int((occ > 0).sum())
        # merge this chunk's counts into the sorted state
        uniq, cnt = np.unique(h, return_counts=True)
        all_h = np.concatenate([self._seen, uniq])
        all_c = np.concatenate([self._count, cnt])
        order = np.argsort(all_h, kind="stable")
        all_h, all_c = all_h[order], all_c[order]
        merged, start = np.unique(all_h, return_index=True)
        self._seen = merged
        self._count = np.add.reduceat(all_c, start) if len(all_c) else all_c
        hexes = pd.Series(h).map(lambda v: f"h:{v:016x}").to_numpy(dtype=object)
        suffix = np.where(occ > 0, "#" + pd.Series(occ).astype(str).to_numpy(dtype=object), "")
        return pd.Series(hexes + suffix, index=content.index, dtype=object)
