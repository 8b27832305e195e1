"""Linear binning of points to a lattice (the first step of :func:`hotspots.detect.kde.kde_grid`).

Written by hand and compiled with numba because no library bins this way: linear binning
plus, per point, the stencil that makes its spread exactly 1/6 step² per axis (the
module docstring of :mod:`hotspots.detect.kde`). In NumPy that took some forty passes over
the points (six ``np.add.at`` scatters, the arithmetic of their weights and a packing for
the sort below), on one core, as NumPy's ``add.at`` holds the GIL.

How it stays fast (measured on a million clustered points, ``tests/benchmarks/bench_kde.py``)
-----------------------------------------------------------------------------------------
* A lattice that fits in the cache is binned in the points' own order, the points split
  into a fixed number of chunks that are binned at once on separate threads into lattices
  of their own, summed in chunk order.
* A larger lattice is binned in row-major order of the points' nodes: in the points' own
  order nearly every node is a cache miss, and in any order that only groups them by rows
  the nodes of clustered points (many per node) are hit in an order the processor cannot
  predict, which costs as much (measured: 2x and 1.7x slower than sorted). Each point is
  packed into one int64 whose order is that order (:func:`_pack`) and NumPy sorts them
  (its vectorised sort of int64 is the fastest sort at hand). The sorted points are then
  split at rows two apart, and the two runs binned at once on two threads into the same
  lattice: no node is written by both; the rows between them follow.
* Weighted points are bucket-sorted by bands of rows instead (NumPy's sort cannot carry the
  weights along) and binned on one thread.
* The side a point leans to is random: the stencil is computed without branches.
* The lattice and the packed points are kept between calls (:func:`kept_array`): fresh
  memory costs a page fault per page.
* The chunks and splits depend on the points only, not on the machine: so does the result.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache

import numba
import numpy as np

__all__ = ["bin_points", "kept_array"]

#: A lattice up to this size (bytes) stays in cache: points are binned in their own order.
_CACHED_BYTES = 2 << 20
#: Bands of rows (weighted points, :func:`_by_band`): about this many bytes of the lattice.
_BAND_BYTES = 1 << 18
#: Points binned on one thread; more are split into _CHUNKS chunks on as many threads.
_CHUNK_MIN_POINTS = 100_000
_CHUNKS = 2
#: Packed points (:func:`_pack`): fraction bits per axis (2^-16 step, far below what a map
#: resolves), and the largest row or column index they hold.
_BITS = 16
_SCALE = float(1 << _BITS)
_MAX_INDEX = (1 << 15) - 1
#: Arrays up to this size (bytes) are kept and reused (:func:`kept_array`).
_REUSE_MAX_BYTES = 64 << 20


def _compiled(**options):
    """``numba.njit`` with its compiled code cached on disk where a cache directory is writable.

    numba caches beside the module or in the user's cache directory; where neither can be
    written (a read-only install without a home directory) it refuses ``cache=True`` when
    the function is defined, so the code is then compiled afresh in each process instead.
    """

    def wrap(function):
        try:
            return numba.njit(cache=True, **options)(function)
        except RuntimeError:
            return numba.njit(**options)(function)

    return wrap


def bin_points(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray | None,
    lattice: tuple[float, float, float],
    nx: int,
    ny: int,
    dtype=np.float64,
    *,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Points binned to an ``ny x nx`` array whose node ``(j, i)`` is at ``origin + (i, j) step``.

    ``lattice`` is ``(x origin, y origin, step)``; ``w`` one weight per point or None.
    Points whose nodes would fall off the array are left out: their nearest node must be
    at least one node from every edge (:func:`_inside`). ``out``: a flat array of
    ``ny * nx`` ``dtype`` to bin into (zeroed here; e.g. from :func:`kept_array`).
    """
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    w = np.empty(0) if w is None else np.ascontiguousarray(w, dtype=np.float64)
    ox, oy, step = (float(v) for v in lattice)
    n = x.size
    out = np.empty(ny * nx, dtype=dtype) if out is None else out
    out.fill(0)
    chunks = max(1, min(_CHUNKS, n // _CHUNK_MIN_POINTS))
    cut = [n * k // chunks for k in range(chunks + 1)]
    spans = list(zip(cut, cut[1:], strict=False))
    if out.nbytes <= _CACHED_BYTES or max(nx, ny) > _MAX_INDEX:
        outs = [out] + [np.zeros_like(out) for _ in spans[1:]]

        def direct(k: int) -> None:
            a, b = spans[k]
            _bin_direct(x[a:b], y[a:b], w[a:b] if w.size else w, ox, oy, step, nx, ny, outs[k])

        _map(direct, len(spans))
        for other in outs[1:]:
            out += other
        return out.reshape(ny, nx)

    with kept_array("keys", n, np.int64) as keys:
        _map(lambda k: _pack(x, y, ox, oy, step, nx, ny, *spans[k], keys), len(spans))
        if w.size:  # in bands of rows, on one thread
            keys, w = _by_band(keys, w, nx * out.itemsize)
            _scatter(keys, w, 0, keys.size, nx, out)
        else:
            keys.sort()
            _scatter_sorted(keys, w, nx, out, parallel=chunks > 1)
    return out.reshape(ny, nx)


def _scatter_sorted(keys: np.ndarray, w: np.ndarray, nx: int, out: np.ndarray, *, parallel):
    """Bin sorted packed points: on two threads at rows two apart if ``parallel``."""
    n = keys.size
    first = int(np.searchsorted(keys, 0))  # the points off the lattice (-1) come first
    # Two runs of whole rows, at least two rows apart (a point touches its node's row and
    # the rows on either side), binned at once; then the rows between them.
    runs = [(first, n)]
    if parallel and n - first >= 2 * _CHUNK_MIN_POINTS:
        row = int(keys[(first + n) // 2] >> 48)
        a, b = np.searchsorted(keys, [(row + 1) << 48, (row + 3) << 48])
        runs = [(first, int(a)), (int(b), n), (int(a), int(b))]
    _map(lambda k: _scatter(keys, w, *runs[k], nx, out), min(2, len(runs)))
    if len(runs) > 2:
        _scatter(keys, w, *runs[2], nx, out)


def _by_band(keys: np.ndarray, w: np.ndarray, row_bytes: int) -> tuple[np.ndarray, np.ndarray]:
    """The packed points on the lattice and their weights, in order of bands of rows.

    A bucket sort (NumPy has no fast sort that carries a second array along: ``argsort``
    and gathering took 3x as long). Bands of about _BAND_BYTES of the lattice: few enough
    to write to all at once, small enough that a band's nodes stay in cache.
    """
    shift = max(0, (_BAND_BYTES // row_bytes).bit_length() - 1)
    counts = np.bincount(keys[keys >= 0] >> (48 + shift))
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    out_keys, out_w = np.empty(counts.sum(), dtype=np.int64), np.empty(counts.sum())
    _place(keys, w, shift, offsets, out_keys, out_w)
    return out_keys, out_w


#: Arrays kept for reuse (:func:`kept_array`), by name, and who holds each.
_kept: dict[str, np.ndarray] = {}
_holders: dict[str, threading.Lock] = {"lattice": threading.Lock(), "keys": threading.Lock()}


@contextmanager
def kept_array(name: str, size: int, dtype):
    """An uninitialised array of ``size`` ``dtype``, kept between calls when it can be.

    Fresh memory costs a page fault per 4 kB page on first touch, and large arrays are
    given back to the system when freed, so a new lattice faults on every call (measured:
    1,700 faults, 15-20 ms for a 4.5-million-node lattice in a virtual machine; zeroing a
    kept one takes 1 ms). One array per name is kept for the process (at most
    _REUSE_MAX_BYTES); a call while another thread holds it, or for a larger array, gets a
    fresh one. The array is the caller's until the ``with`` block ends.
    """
    dtype = np.dtype(dtype)
    holder = _holders[name]
    if size * dtype.itemsize > _REUSE_MAX_BYTES or not holder.acquire(blocking=False):
        yield np.empty(size, dtype=dtype)
        return
    try:
        array = _kept.get(name)
        if array is None or array.dtype != dtype or array.size < size:
            _kept.pop(name, None)
            array = _kept[name] = np.empty(size, dtype=dtype)
        yield array[:size]
    finally:
        holder.release()


def _map(task, count: int) -> None:
    """``task(k)`` for k in range(count): on the threads of a pool if more than one."""
    if count == 1:
        task(0)
    else:
        for future in [_executor().submit(task, k) for k in range(count)]:
            future.result()


@lru_cache(maxsize=1)
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(min(_CHUNKS, os.cpu_count() or 1), thread_name_prefix="binning")


@_compiled(nogil=True, inline="always")
def _inside(x, y, ox, oy, step, nx, ny):
    """Whether the point's nearest node and its neighbours are on the array.

    That is: in ``[1, n - 2)`` in array units (node 0 at ``ox``) per axis.
    """
    return ox + step <= x < ox + (nx - 2) * step and oy + step <= y < oy + (ny - 2) * step


@_compiled(nogil=True, inline="always")
def _add_point(tx, ty, weight, nx, out):
    """Add one point to the flat lattice; ``tx, ty`` in array units + 1/2 (floor: its node).

    With ``N`` its nearest node (midway between two: the upper one), ``d`` its distance
    from ``N`` per axis (at most 1/2 step) and ``sx``, ``sy`` one node from ``N`` towards
    it: linear binning puts ``1 - d`` on ``N`` and ``d`` on ``N + sx`` (per axis); the
    stencil ``-q (1, -2, 1)`` on ``N``, ``q = (d (1 - d) - 1/6) / 2``, adds ``a = -q`` to
    ``N - sx`` and ``N + sx`` and ``2 q`` to ``N``. Six nodes in all: ``N - sx``: ``ax``;
    ``N + sx``: ``dx (1 - dy) + ax``; ``N - sy``: ``ay``; ``N + sy``: ``(1 - dx) dy + ay``;
    ``N + sx + sy``: ``dx dy``; ``N``: 1 - the others.
    """
    ix = np.int64(tx)
    iy = np.int64(ty)
    fx = tx - ix - 0.5  # signed offset from N, in steps
    fy = ty - iy - 0.5
    sx = 2 * np.int64(fx >= 0.0) - 1  # branch-free (see the module docstring)
    sy = (2 * np.int64(fy >= 0.0) - 1) * nx
    dx = abs(fx)
    dy = abs(fy)
    ax = 0.5 * (dx * dx - dx + 1.0 / 6.0)
    ay = 0.5 * (dy * dy - dy + 1.0 / 6.0)
    ne = dx * dy
    east = dx - ne + ax
    north = dy - ne + ay
    centre = 1.0 - (ax + ay + east + north + ne)
    n = iy * nx + ix
    out[n - sx] += weight * ax
    out[n] += weight * centre
    out[n + sx] += weight * east
    out[n - sy] += weight * ay
    out[n + sy] += weight * north
    out[n + sx + sy] += weight * ne


@_compiled(nogil=True)
def _bin_direct(x, y, w, ox, oy, step, nx, ny, out):
    """Bin the points on the lattice in their own order (``w`` empty: weight 1)."""
    weighted = w.size > 0
    inv = 1.0 / step
    hx, hy = ox - 0.5 * step, oy - 0.5 * step  # half a step before node 0
    for p in range(x.size):
        if _inside(x[p], y[p], ox, oy, step, nx, ny):
            weight = w[p] if weighted else 1.0
            _add_point((x[p] - hx) * inv, (y[p] - hy) * inv, weight, nx, out)


@_compiled(nogil=True)
def _pack(x, y, ox, oy, step, nx, ny, lo, hi, keys):
    """Points ``lo .. hi - 1`` as int64 keys: row 2^48 + column 2^32 + fractions (16 bits each).

    Points off the lattice (:func:`_inside`) get -1. Row and column are kept apart
    (dividing a node index by ``nx`` would cost more than the rest of a point); the
    fractions are rounded to 2^-16 step.
    """
    inv = 1.0 / step
    hx, hy = ox - 0.5 * step, oy - 0.5 * step
    for p in range(lo, hi):
        if _inside(x[p], y[p], ox, oy, step, nx, ny):
            tx = (x[p] - hx) * inv
            ty = (y[p] - hy) * inv
            ix = np.int64(tx)
            iy = np.int64(ty)
            fu = min(np.int64((tx - ix) * _SCALE + 0.5), (1 << _BITS) - 1)
            fv = min(np.int64((ty - iy) * _SCALE + 0.5), (1 << _BITS) - 1)
            keys[p] = (iy << 48) | (ix << 32) | (fu << 16) | fv
        else:
            keys[p] = -1


@_compiled(nogil=True)
def _place(keys, w, shift, offsets, out_keys, out_w):
    """Copy the packed points on the lattice and their weights to their bands' places."""
    for p in range(keys.size):
        key = keys[p]
        if key >= 0:
            b = key >> (48 + shift)
            out_keys[offsets[b]] = key
            out_w[offsets[b]] = w[p]
            offsets[b] += 1


@_compiled(nogil=True)
def _scatter(keys, w, lo, hi, nx, out):
    """Add the packed points ``lo .. hi - 1`` (weights ``w``, or 1 if empty) to the lattice."""
    weighted = w.size > 0
    for i in range(lo, hi):
        key = keys[i]
        tx = ((key >> 32) & 0xFFFF) + ((key >> 16) & 0xFFFF) * (1.0 / _SCALE)
        ty = (key >> 48) + (key & 0xFFFF) * (1.0 / _SCALE)
        _add_point(tx, ty, w[i] if weighted else 1.0, nx, out)
