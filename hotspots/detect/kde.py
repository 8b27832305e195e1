"""Kernel density hotspots: incidents per km² on a grid, and the densest cells as polygons.

The density is never evaluated point by point at every cell (DESIGN.md, "Performance notes"):
the points are binned to a lattice of nodes and the lattice is convolved with the kernel by
FFT. The cell centres are lattice nodes.

How the binning stays accurate
------------------------------
Linear binning splits a point at fractional offset ``f`` (in lattice steps ``c``) between
its two neighbouring nodes with weights ``1 - f`` and ``f`` (per axis). That keeps the
point's mass and mean but spreads it: the variance about the point is
``(1 - f) f² + f (1 - f)² = f (1 - f)`` steps², on average ``∫₀¹ f (1 - f) df = 1/6``,
so the map comes out as if the kernel were wider by ``c²/6`` per axis. Narrowing the kernel
by that average leaves ``f (1 - f) - 1/6`` per point, which does not average out where many
incidents share one address (real data: up to 35 on one police.uk map point in Southend).
So each point's spread is made exactly ``c²/6``: the stencil ``-q (1, -2, 1)`` on its
nearest node, ``q = (f (1 - f) - 1/6) / 2``, changes the variance by ``-2 q`` and leaves
mass and mean alone. The kernel is then narrowed by exactly that spread:

* gaussian: ``σ'² = σ² - c²/6`` (spreading a Gaussian by a variance ``v`` gives the
  Gaussian of variance ``σ'² + v``, to second order);
* quartic: ``2 K - K * T`` with ``T`` the tent of one step per axis (linear binning's
  spread averaged over offsets, variance ``c²/6``): one step of Van Cittert
  deconvolution, ``K - (c²/12) ∇²K`` where the kernel is smooth. The quartic is not closed
  under convolution, so its bandwidth cannot just be shrunk (matching the second moment,
  ``h'² = h² - 4c²/3``, measured worse, and so did the Laplacian form at the kink).

What is left is third order in ``c/σ`` for the Gaussian. The quartic's second derivative
jumps at ``r = h``, a kink no binning on a coarse lattice follows: at ``h = 4c`` one point
is off by up to 4 % of its peak, stacked addresses by 2 %. So the quartic is binned on a
lattice ``s`` times finer than the grid (24 steps per bandwidth; ``s = 6`` at 200 m / 50 m)
and read off at the cell centres (the spectrum is folded: one fine FFT, no fine inverse).
Measured against exact evaluations on the 2,061 police.uk points of Southend (January 2018,
``tests/detect/test_kde.py``), the largest error is 2.8e-4 of the peak for the gaussian and
3.7e-4 for the quartic at 200 m / 50 m, and below 5e-4 for 100-400 m.

Points outside the grid are not an error: they add to the cells within the kernel's reach
(the lattice extends one kernel radius beyond the grid), so a density on a fixed
study-area grid is exact at its edges; farther points add nothing (the gaussian is cut at
4 σ per axis). Very large grids get a coarser lattice (at most 2²³ nodes, about 200 MB in
all) and with it larger errors.
"""

from __future__ import annotations

import math
import sys
from functools import lru_cache
from numbers import Integral

import numpy as np
import scipy.fft as sfft
from scipy import ndimage

from hotspots.detect.grid import MAX_CELLS, Grid
from hotspots.detect.points import projected_xy
from hotspots.errors import InputError
from hotspots.i18n import msg

__all__ = ["COLUMNS", "KERNELS", "MAX_BANDWIDTH", "KDEHotspots", "kde_grid", "kernel_density"]

#: Kernels :func:`kde_grid` knows.
KERNELS = ("quartic", "gaussian")
#: Larger bandwidths (metres) are refused: a hotspot map needs a local kernel.
MAX_BANDWIDTH = 50_000.0
#: The gaussian is cut at this many standard deviations (per axis).
GAUSS_TRUNCATE = 4.0
#: Lattice steps per bandwidth needed for 0.1 % of the peak (measured, see module docstring).
_STEPS_PER_BANDWIDTH = {"quartic": 24.0, "gaussian": 4.0}
#: An oversampled lattice may use this many cells (64 MB per float64 array); beyond it the
#: lattice is made coarser, and less accurate, rather than exhausting memory.
_MAX_FINE_CELLS = 2**23
#: Densities below this share of the peak are FFT round-off and set to 0.
_ROUNDOFF = 1e-10
#: The same for the single-precision oversampled lattice (its round-off is ~1e-7).
_ROUNDOFF_SINGLE = 1e-6


# ----------------------------------------------------------------------------- validation
def _check_kernel(kernel) -> str:
    if kernel not in KERNELS:
        raise InputError(msg("kde.unknown_kernel", kernel=kernel, known=", ".join(KERNELS)))
    return kernel


def _number(value) -> float:
    """``value`` as a float; NaN for what is not a number (bools included)."""
    if isinstance(value, bool):
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _check_bandwidth(bandwidth, cell_size) -> tuple[float, float]:
    """Bandwidth and cell size (metres), checked alone and against each other."""
    h, c = _number(bandwidth), _number(cell_size)
    if not (math.isfinite(h) and h > 0):
        raise InputError(msg("kde.bad_bandwidth", value=bandwidth))
    if not (math.isfinite(c) and c > 0):
        raise InputError(msg("kde.bad_cell_size", value=cell_size))
    if h > MAX_BANDWIDTH:
        raise InputError(msg("kde.bandwidth_too_large", bandwidth=h, limit=MAX_BANDWIDTH / 1000))
    if h < c / 2:
        raise InputError(msg("kde.bandwidth_below_cell", bandwidth=h, cell_size=c))
    return h, c


# ----------------------------------------------------------------------------- the core
def kde_grid(x: np.ndarray, y: np.ndarray, grid: Grid, *, bandwidth: float,
             kernel: str = "quartic", weights: np.ndarray | None = None) -> np.ndarray:
    """Kernel density of points at the cell centres of ``grid``, in points per km².

    Parameters
    ----------
    x, y : numpy.ndarray
        Coordinates in the grid's CRS (metres). Points outside the grid count for the cells
        within the kernel's reach.
    grid : Grid
        Where to evaluate; the result is indexed ``[row j (south to north), column i]``.
    bandwidth : float
        Metres: the radius of the quartic kernel, the standard deviation of the gaussian.
        At least half a cell and at most :data:`MAX_BANDWIDTH`.
    kernel : {"quartic", "gaussian"}
        ``quartic`` (biweight, ``3 / (π h²) (1 - d²/h²)²`` for ``d < h``: the crime-mapping
        standard) or ``gaussian`` (cut at 4 standard deviations).
    weights : numpy.ndarray, optional
        One finite weight >= 0 per point (default 1); the density is then in weight per km².

    Returns
    -------
    numpy.ndarray
        ``grid.shape`` float64: the sum over points of weight times the kernel (which
        integrates to 1 over the plane), per km². Within 0.1 % of the peak of an exact
        evaluation for bandwidths of 2 cells or more (module docstring).
    """
    h, c = _check_bandwidth(bandwidth, grid.cell_size)
    _check_kernel(kernel)
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape:
        raise InputError(msg("kde.xy_mismatch", nx=x.size, ny=y.size))
    # min and max are NaN or infinite when any coordinate is (one pass less than isfinite)
    bounds = (x.min(), x.max(), y.min(), y.max()) if x.size else (0.0,) * 4
    if not np.isfinite(bounds).all():
        raise InputError(msg("kde.coords_not_finite"))
    if weights is not None:
        weights = np.asarray(weights, dtype=float).ravel()
        if weights.shape != x.shape or not np.isfinite(weights).all() or (weights < 0).any():
            raise InputError(msg("kde.bad_weights", n=x.size))
    ny, nx = grid.shape
    if x.size == 0 or ny == 0 or nx == 0:
        return np.zeros(grid.shape)

    s, radius, (my, mx) = _plan(kernel, h, c, ny, nx)
    cf = c / s
    # Array index a holds the lattice node at origin + a * cf; index PAD + radius + s * i
    # is the centre of column i (likewise rows). Binning straight into the FFT's array
    # saves a copy; the nodes the outputs need are never wrapped around (see _plan).
    ox = grid.x0 + c / 2 - (radius + _PAD) * cf
    oy = grid.y0 + c / 2 - (radius + _PAD) * cf
    # The oversampled lattice dominates the time; single precision halves its memory
    # traffic and is ample here (measured: 1.2e-7 of the peak against double precision).
    dtype = np.float32 if s > 1 else np.float64
    binned = _bin(x, y, weights, (ox, oy, cf), s * mx, s * my, dtype=dtype, bounds=bounds)
    f = sfft.rfft2(binned, workers=-1)
    del binned
    spectrum = _kernel_spectrum(kernel, h, cf, radius, s * my, s * mx, s > 1)
    if s == 1:
        f *= spectrum
        density = sfft.irfft2(f, s=(my, mx), workers=-1)
    else:  # only every s-th fine node is wanted: fold the spectrum, no fine inverse FFT
        density = _convolve_decimated(f, spectrum, s, my, mx)
    del f
    density = density[:ny, :nx].astype(np.float64) * 1e6  # per m² -> per km²
    floor = _ROUNDOFF if s == 1 else _ROUNDOFF_SINGLE
    density[density < floor * density.max()] = 0.0  # also the kernel's tiny undershoots
    return density


#: Lattice nodes kept on each side of the ones the cell centres can reach: the binning
#: touches a point's floor node - 1 .. floor node + 2.
_PAD = 3


def _plan(kernel: str, h: float, c: float, ny: int, nx: int):
    """Oversampling ``s``, kernel radius (fine steps) and the coarse FFT shape ``(my, mx)``.

    The fine FFT has ``s * my`` rows: at least the ``s (ny - 1) + 1 + 2 radius`` nodes that
    reach a cell centre plus ``2 PAD``, so that circular convolution wraps nothing into them.
    """
    s = max(1, math.ceil(_STEPS_PER_BANDWIDTH[kernel] * c / h - 1e-9))
    while True:
        radius = _radius(kernel, h, c / s)
        span = 2 * radius + 1 + 2 * _PAD
        my = sfft.next_fast_len(-(-(s * (ny - 1) + span) // s))
        mx = sfft.next_fast_len(-(-(s * (nx - 1) + span) // s), real=True)
        cells = s * s * my * mx
        if s == 1 or cells <= _MAX_FINE_CELLS:
            break
        s -= 1
    if cells > MAX_CELLS:
        raise InputError(msg("kde.kernel_too_wide", bandwidth=h, cell_size=c, cells=cells))
    return s, radius, (my, mx)


def _radius(kernel: str, h: float, cf: float) -> int:
    """Lattice steps beyond which the kernel is zero."""
    reach = GAUSS_TRUNCATE * h if kernel == "gaussian" else h
    return math.ceil(reach / cf - 1e-9)


#: Points binned per block: the block's temporaries are reused and stay in cache (fresh
#: multi-megabyte temporaries cost more in page faults than the arithmetic). Not a power of
#: two: rows of the work buffer 2^k apart alias in the cache (measured 2x slower).
_BLOCK = 20_000
#: A lattice larger than this (bytes) does not stay in cache: points are sorted by node
#: first (unweighted, at least _SORT_MIN_POINTS of them), or else scattered in sub-blocks
#: of _SCATTER_BLOCK points so that the six passes over a sub-block find its nodes cached.
_CACHED_BYTES = 2 << 20
_SORT_MIN_POINTS = 50_000
_SCATTER_BLOCK = 4_000


def _bin(x: np.ndarray, y: np.ndarray, w: np.ndarray | None, lattice: tuple[float, float, float],
         nx: int, ny: int, *, dtype=np.float64, bounds=None) -> np.ndarray:
    """Points binned to an ``ny x nx`` array whose node ``(j, i)`` is at ``origin + (i, j) step``.

    ``lattice`` is ``(x origin, y origin, step)``. Linear binning, plus per point the stencil
    ``-q (1, -2, 1)`` along each axis, centred on its floor node, that makes its spread
    exactly 1/6 step² per axis (module docstring). Points whose nodes would fall off the
    array are left out: they cannot reach a cell centre. ``dtype`` is the array's;
    ``bounds``, if known, ``(min x, max x, min y, max y)``.
    """
    ox, oy, step = lattice
    binned = np.zeros(ny * nx, dtype=dtype)
    # The six nodes a point touches, as views of the flat array indexed by ``corner``, the
    # flat index of the node south-west of its floor node F: F - 1, F, F + 1 (its row),
    # F - nx, F + nx, F + nx + 1. np.add.at into offset views: one index array, no
    # temporaries of the lattice's size.
    views = [binned[k:] for k in (nx, nx + 1, nx + 2, 1, 2 * nx + 1, 2 * nx + 2)]
    cached = binned.nbytes <= _CACHED_BYTES
    if w is None and x.size >= _SORT_MIN_POINTS and not cached:
        # a point's nodes are its floor node -1 .. +1 per axis; [1, n - 2) in array units
        # leaves room for the rounding in _sorted_corners
        xlo, xhi, ylo, yhi = ox + step, ox + (nx - 2) * step, oy + step, oy + (ny - 2) * step
        if bounds is None:
            bounds = (x.min(), x.max(), y.min(), y.max())
        if not (bounds[0] >= xlo and bounds[1] < xhi and bounds[2] >= ylo and bounds[3] < yhi):
            keep = (x >= xlo) & (x < xhi) & (y >= ylo) & (y < yhi)
            x, y = x[keep], y[keep]
        _scatter(views, _sorted_corners(x, y, (xlo, ylo, step), nx), None, None, nx, dtype)
        return binned.reshape(ny, nx)
    u = np.subtract(x, ox)  # array units: the floor node is (int(v), int(u))
    u *= 1.0 / step
    v = np.subtract(y, oy)
    v *= 1.0 / step
    # a point's nodes are its floor node -1 .. +1 per axis: it must lie in [1, n - 1)
    if u.size and not (u.min() >= 1 and u.max() < nx - 1 and v.min() >= 1 and v.max() < ny - 1):
        keep = (u >= 1) & (u < nx - 1) & (v >= 1) & (v < ny - 1)
        u, v = u[keep], v[keep]
        w = None if w is None else w[keep]
    _scatter(views, u, v, w, nx, dtype, _BLOCK if cached else _SCATTER_BLOCK)
    return binned.reshape(ny, nx)


#: Fraction bits of the packed points of _sorted_corners (2^-16 step: far below what the map
#: resolves) and where the two 16-bit fractions sit in each int64 (y: bits 0-15).
_BITS = 16
_FRACTIONS = (1, 0) if sys.byteorder == "little" else (2, 3)


def _sorted_corners(x: np.ndarray, y: np.ndarray, origin: tuple[float, float, float],
                    nx: int) -> np.ndarray:
    """The points as sorted int64 keys ``corner 2^32 + x fraction 2^16 + y fraction``.

    Scattering points in random order into a lattice larger than the cache costs a cache
    miss per node (measured 3-4x slower than in order). Sorting the points by their node
    puts the nodes of each block of points in cache, and ``np.sort`` of one int64 array is
    the cheapest sort numpy has (vectorised; an ``argsort`` plus gathering the coordinates
    costs twice as much). So each point is packed into one int64: its corner (the flat
    index of the node south-west of its floor node, which ``origin`` = the lattice's node
    (1, 1) makes the floor of the scaled coordinates; < 2^26 nodes) and its offsets from its
    floor node, rounded to 2^-16 step.
    """
    ox, oy, step = origin
    scale = float(1 << _BITS) / step
    shift = 0.5 / scale  # rounds to the nearest 2^-16 step (below: truncation, coordinates >= 0)
    n = x.size
    keys = np.empty(n, dtype=np.int64)
    size = min(n, _BLOCK)
    work, fixed = np.empty(size), np.empty((2, size), dtype=np.int64)
    for start in range(0, n, _BLOCK):
        stop = min(start + _BLOCK, n)
        d, (fu, fv), key = work[:stop - start], fixed[:, :stop - start], keys[start:stop]
        for coord, o, out in ((x, ox, fu), (y, oy, fv)):  # fixed point: 16 fraction bits
            np.subtract(coord[start:stop], o - shift, out=d)
            np.multiply(d, scale, out=out, casting="unsafe")
        # corner 2^32 + (x fraction) 2^16 = (row nx) 2^32 + (fixed-point x) 2^16
        np.left_shift(fu, _BITS, out=key)
        fu = np.right_shift(fv, _BITS, out=fu)
        fu *= nx << (2 * _BITS)
        key += fu
        fv &= (1 << _BITS) - 1
        key += fv
    keys.sort()
    return keys


def _scatter(views, u, v, w, nx: int, dtype, block: int = _BLOCK) -> None:
    """Add points to the six ``views`` of the lattice (see :func:`_bin`).

    The points are ``u, v`` (array units, >= 1) with weights ``w``, or with ``v`` None the
    sorted keys ``u`` of :func:`_sorted_corners`. ``block`` points are scattered at a time.
    """
    n = u.size
    size = min(n, _BLOCK)
    work = np.empty((8, size), dtype=dtype)
    corner, column = np.empty(size, dtype=np.intp), np.empty(size, dtype=np.intp)
    for start in range(0, n, _BLOCK):
        stop = min(start + _BLOCK, n)
        m = stop - start
        fx, fy, ax, ay, centre, east, north, ne = work[:, :m]
        cr, col = corner[:m], column[:m]
        if v is None:
            key = u[start:stop]
            np.right_shift(key, 2 * _BITS, out=cr)
            fractions = key.view(np.uint16).reshape(m, 4)
            for f, i in zip((fx, fy), _FRACTIONS, strict=True):
                np.copyto(f, fractions[:, i])
                f *= 1.0 / (1 << _BITS)
        else:
            uu, vv = u[start:stop], v[start:stop]
            np.copyto(cr, vv, casting="unsafe")  # the floor node (coordinates are >= 1:
            np.copyto(col, uu, casting="unsafe")  # truncation is floor)
            np.subtract(uu, col, out=fx, casting="unsafe")  # fractional offsets
            np.subtract(vv, cr, out=fy, casting="unsafe")
            cr -= 1
            cr *= nx
            cr += col
            cr -= 1
        # Per axis, linear binning puts 1 - f on the floor node and f on the next; the
        # stencil -q (1, -2, 1) on the floor node, q = (f (1 - f) - 1/6) / 2, adds a = -q
        # to both neighbours and 2 q to the floor node. With bilinear weights:
        #   F - 1: ax    F: (1 - fx)(1 - fy) - 2 ax - 2 ay    F + 1: fx (1 - fy) + ax
        #   F - nx: ay   F + nx: (1 - fx) fy + ay             F + nx + 1: fx fy
        # (F's weight is 1 minus the others': the weights sum to 1.)
        for f, a in ((fx, ax), (fy, ay)):
            np.multiply(f, f, out=a)
            a -= f
            a += 1.0 / 6.0
            a *= 0.5
        np.multiply(fx, fy, out=ne)
        np.subtract(fx, ne, out=east)
        east += ax
        np.subtract(fy, ne, out=north)
        north += ay
        np.add(ax, ay, out=centre)
        centre += east
        centre += north
        centre += ne
        np.subtract(1.0, centre, out=centre)
        values = (ax, centre, east, ay, north, ne)
        if w is not None:
            for value in values:
                value *= w[start:stop]
        for lo in range(0, m, block):
            hi = min(lo + block, m)
            for view, value in zip(views, values, strict=True):
                np.add.at(view, cr[lo:hi], value[lo:hi])


def _convolve_decimated(f: np.ndarray, spectrum: np.ndarray, s: int, my: int,
                        mx: int) -> np.ndarray:
    """``irfft2(f * spectrum)`` of an ``s my x s mx`` lattice at every ``s``-th node per axis.

    Keeping every ``s``-th node of a lattice sums the ``s`` aliases of each frequency of the
    kept ``my x mx`` lattice, divided by ``s`` per axis. Along the rows (axis 0, full
    spectrum) the aliases are blocks of ``my`` rows; the product with the kernel is formed
    block by block into one coarse array. Along the columns ``f`` holds only the
    non-negative frequencies of a real lattice; the others are conjugates, of the column
    ``s mx - q`` and the row ``-k`` (Hermitian symmetry). One small inverse FFT follows.
    """
    acc = np.multiply(f[:my], spectrum[:my])
    part = np.empty_like(acc)
    for j in range(1, s):
        rows = slice(j * my, (j + 1) * my)
        np.multiply(f[rows], spectrum[rows], out=part)
        acc += part
    del part
    nxf = s * mx
    half = nxf // 2  # the last column held
    mirror = acc[(-np.arange(my)) % my]  # row -k for row k
    np.conjugate(mirror, out=mirror)
    k = mx // 2 + 1
    folded = np.zeros((my, k), dtype=acc.dtype)
    for j in range(s):
        lo, hi = j * mx, j * mx + k  # columns lo .. hi - 1 of the full spectrum
        held = min(hi, half + 1)
        if held > lo:
            folded[:, :held - lo] += acc[:, lo:held]
        first = max(lo, half + 1)
        if hi > first:  # columns first .. hi - 1 are columns s mx - first .. s mx - hi + 1
            folded[:, first - lo:] += mirror[:, nxf - first:nxf - hi:-1]
    folded /= s * s
    return sfft.irfft2(folded, s=(my, mx), workers=-1)


@lru_cache(maxsize=4)
def _kernel_spectrum(kernel: str, h: float, cf: float, radius: int, ny: int, nx: int,
                     single: bool = False):
    """rfft2 of the corrected kernel (per m²) on an ``ny x nx`` periodic lattice.

    The kernel value for offset ``t`` goes to index ``t - radius - PAD``, so that the
    convolution at index ``m`` is the density at array index ``m + radius + PAD``: at
    ``m = s i`` the centre of cell ``i``.
    """
    offsets = np.arange(-radius, radius + 1)
    if kernel == "gaussian":  # separable: two 1-D transforms
        var = h * h - cf * cf / 6.0
        g = np.exp(-((offsets * cf) ** 2) / (2.0 * var)) / math.sqrt(2.0 * math.pi * var)
        gy, gx = np.zeros(ny), np.zeros(nx)
        gy[(offsets - radius - _PAD) % ny] = g
        gx[(offsets - radius - _PAD) % nx] = g
        spectrum = np.outer(sfft.fft(gy), sfft.rfft(gx))
    else:
        k = _quartic_corrected(h, cf, radius)
        # in the precision of the lattice it multiplies (single when oversampled: kde_grid)
        lattice = np.zeros((ny, nx), dtype=np.float32 if single else np.float64)
        iy, ix = (offsets - radius - _PAD) % ny, (offsets - radius - _PAD) % nx
        lattice[np.ix_(iy, ix)] = k
        spectrum = sfft.rfft2(lattice, workers=-1)
    spectrum.flags.writeable = False
    return spectrum


# ----------------------------------------------------------------------------- the estimator
#: Columns of :attr:`KDEHotspots.hotspots_` besides the geometry.
COLUMNS = ("area_km2", "n_points", "peak_density", "mean_density")


class KDEHotspots:
    """Hotspots as the densest cells of a kernel density map, dissolved into polygons.

    Parameters
    ----------
    bandwidth : float, default 200.0
        Metres: the radius of the quartic kernel, the standard deviation of the gaussian.
    cell_size : float, default 50.0
        Metres: the side of a grid cell (``fit`` with a ``grid`` uses that grid's cells).
    kernel : {"quartic", "gaussian"}, default "quartic"
        See :func:`kde_grid`.
    top_percent : float, optional
        Hotspot cells are the densest cells making up this share (0-100] of the grid's
        cells, i.e. of its area. The default when ``threshold`` is not set either: 5.
    threshold : float, optional
        Hotspot cells are those with at least this density (points per km² over the
        period). Give ``top_percent`` or ``threshold``, not both.
    min_points : int, default 5
        Hotspots with fewer incidents inside are dropped: with few incidents the densest
        cells lie around single points, which are not places to act on.

    Attributes
    ----------
    grid_ : Grid
        The grid of the map: the points' bounds plus one bandwidth, or the given grid.
    density_ : numpy.ndarray
        ``grid_.shape``: incidents (or weight) per km² over the whole period of the points,
        at the cell centres.
    threshold_ : float
        The density a hotspot cell reaches (NaN when the grid has no cells).
    hotspots_ : geopandas.GeoDataFrame
        One polygon per group of edge-adjacent hotspot cells, in the points' CRS, densest
        first, with ``area_km2``, ``n_points`` (incidents in its cells), ``peak_density``
        and ``mean_density`` (per km², over its cells). Empty (same columns) when there
        are none.
    n_points_ : int
        Number of points fitted.
    period_days_ : float or None
        The length of the period the points cover, as given to ``fit``: ``density_`` counts
        the whole period; divide by it for a daily rate.

    Notes
    -----
    No points give a defined empty result, not an error (a week without incidents of a
    category is common): ``density_`` is all zeros on the given grid, or on a grid of
    0 x 0 cells, and ``hotspots_`` is empty.

    Examples
    --------
    >>> import geopandas as gpd
    >>> pts = gpd.GeoSeries.from_xy([0, 10, 20, 15, 5, 2000], [0, 5, 0, 10, 5, 0], crs=3006)
    >>> fitted = KDEHotspots(min_points=3).fit(pts)
    >>> fitted.hotspots_[["n_points"]].to_dict("list")
    {'n_points': [5]}
    """

    def __init__(self, *, bandwidth: float = 200.0, cell_size: float = 50.0,
                 kernel: str = "quartic", top_percent: float | None = None,
                 threshold: float | None = None, min_points: int = 5):
        self.bandwidth = bandwidth
        self.cell_size = cell_size
        self.kernel = kernel
        self.top_percent = top_percent
        self.threshold = threshold
        self.min_points = min_points

    def fit(self, points, *, weights=None, grid: Grid | None = None,
            period_days: float | None = None) -> KDEHotspots:
        """Compute the density map and its hotspots.

        Parameters
        ----------
        points : geopandas.GeoDataFrame or geopandas.GeoSeries
            Incidents as points in a projected CRS (metres); no CRS or degrees raise.
        weights : array-like or str, optional
            One weight >= 0 per point, or the name of a column of ``points`` holding them.
        grid : Grid, optional
            The grid to map on (e.g. the municipality's); its CRS must be the points'.
        period_days : float, optional
            Days the points cover, kept as ``period_days_``.

        Returns
        -------
        KDEHotspots
            ``self``, fitted.
        """
        x, y, crs = projected_xy(points)
        kernel = _check_kernel(self.kernel)
        bandwidth, cell_size = _check_bandwidth(
            self.bandwidth, self.cell_size if grid is None else grid.cell_size)
        top_percent, threshold = self._rule()
        min_points = self.min_points
        if isinstance(min_points, bool) or not isinstance(min_points, Integral) or min_points < 0:
            raise InputError(msg("kde.bad_min_points", value=min_points))
        if period_days is not None:
            days = _number(period_days)
            if not (math.isfinite(days) and days > 0):
                raise InputError(msg("kde.bad_period", value=period_days))
            period_days = days
        if isinstance(weights, str):
            if weights not in getattr(points, "columns", ()):
                raise InputError(msg("kde.no_weights_column", name=weights))
            weights = points[weights].to_numpy(dtype=float)
        code = crs.to_epsg() or crs.to_string()
        if grid is None:
            grid = (Grid.from_bounds(x.min(), y.min(), x.max(), y.max(), cell_size=cell_size,
                                     margin=bandwidth, crs=code)
                    if len(x) else Grid(0.0, 0.0, cell_size, 0, 0, code))
        elif grid.crs is not None and _crs(grid.crs) != crs:
            raise InputError(msg("kde.grid_crs_mismatch", grid_crs=grid.crs, crs=code))

        density = kde_grid(x, y, grid, bandwidth=bandwidth, kernel=kernel, weights=weights)
        if threshold is None:
            threshold = _top_threshold(density, top_percent)
        self.grid_ = grid
        self.density_ = density
        self.threshold_ = threshold
        self.hotspots_ = _hotspots(density, grid, threshold, x, y, min_points, crs)
        self.n_points_ = len(x)
        self.period_days_ = period_days
        return self

    def _rule(self) -> tuple[float | None, float | None]:
        """``(top_percent, threshold)``: exactly one set, top 5 % by default."""
        if self.top_percent is not None and self.threshold is not None:
            raise InputError(msg("kde.top_percent_and_threshold"))
        if self.threshold is not None:
            value = _number(self.threshold)
            if not (math.isfinite(value) and value >= 0):
                raise InputError(msg("kde.bad_threshold", value=self.threshold))
            return None, value
        value = 5.0 if self.top_percent is None else _number(self.top_percent)
        if not (math.isfinite(value) and 0 < value <= 100):
            raise InputError(msg("kde.bad_top_percent", value=self.top_percent))
        return value, None


def kernel_density(points, *, weights=None, grid: Grid | None = None,
                   period_days: float | None = None, **params) -> KDEHotspots:
    """Fit :class:`KDEHotspots` (``params``: its parameters) on ``points``; return it.

    Examples
    --------
    >>> import geopandas as gpd
    >>> pts = gpd.GeoSeries.from_xy([0, 30, 60], [0, 0, 0], crs=3006)
    >>> fitted = kernel_density(pts, bandwidth=100, cell_size=25, min_points=1)
    >>> round(float(fitted.density_.sum() * fitted.grid_.cell_area_km2), 2)
    3.0
    """
    return KDEHotspots(**params).fit(points, weights=weights, grid=grid,
                                     period_days=period_days)


def _crs(value):
    from pyproj import CRS

    return CRS.from_user_input(value)


def _top_threshold(density: np.ndarray, top_percent: float) -> float:
    """The density of the ``k``-th densest cell, ``k`` = ``top_percent`` % of the cells."""
    if density.size == 0:
        return math.nan
    k = min(density.size, max(1, round(top_percent / 100.0 * density.size)))
    flat = density.ravel()
    return float(np.partition(flat, flat.size - k)[flat.size - k])


def _hotspots(density, grid: Grid, threshold: float, x, y, min_points: int, crs):
    """Cells at or above ``threshold`` (and above 0), grouped by shared edges, as polygons."""
    import geopandas as gpd
    import shapely

    mask = (density >= threshold) & (density > 0) if math.isfinite(threshold) else None
    n = 0
    if mask is not None and mask.any():
        labels, n = ndimage.label(mask)  # 4-connected: one valid polygon per group
    if n == 0:
        empty = {name: np.array([], dtype=int if name == "n_points" else float)
                 for name in COLUMNS}
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=crs), crs=crs)

    ids = np.arange(1, n + 1)
    i, j, inside = grid.index(x, y)
    n_points = np.bincount(labels[j[inside], i[inside]], minlength=n + 1)[1:]
    cells = np.bincount(labels.ravel(), minlength=n + 1)[1:]
    peak = np.asarray(ndimage.maximum(density, labels, ids), dtype=float)
    mean = np.asarray(ndimage.mean(density, labels, ids), dtype=float)
    keep = np.flatnonzero(n_points >= min_points)
    keep = keep[np.argsort(-peak[keep], kind="stable")]

    boxes, jj, ii = grid.cell_polygons(np.isin(labels, ids[keep]))
    group = labels[jj, ii]
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], ids[keep])
    ends = np.searchsorted(group[order], ids[keep], side="right")
    geometry = [shapely.coverage_union_all(boxes[order[a:b]])
                for a, b in zip(starts, ends, strict=True)]
    frame = {
        "area_km2": cells[keep] * grid.cell_area_km2,
        "n_points": n_points[keep],
        "peak_density": peak[keep],
        "mean_density": mean[keep],
    }
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=crs), crs=crs)


def _quartic(d2: np.ndarray, h: float) -> np.ndarray:
    """The quartic kernel (per m²) at squared distances ``d2``."""
    s = d2 / (h * h)
    return np.where(s < 1.0, 3.0 / (math.pi * h * h) * (1.0 - s) ** 2, 0.0)


#: Offsets per axis averaged over by the least-squares kernel (8 and 32 give the same maps).
_LS_OFFSETS = 8
#: Kernels wider than this many lattice steps get the Van Cittert correction instead (the
#: least-squares fit costs ~ radius²; the correction itself is ~ (step / h)² there).
_LS_MAX_RADIUS = 64


def _quartic_corrected(h: float, cf: float, radius: int) -> np.ndarray:
    """The lattice kernel that binned points are convolved with, at offsets -radius .. radius.

    Per point, the binning of :func:`_bin` puts weights ``W_f`` on nodes around it (``f``
    its offset from its floor node); the map at node ``m`` is then ``(W_f * k)(m)``, which
    should be the quartic ``K(m - f)``. ``k`` is the least-squares solution over all nodes
    and offsets ``f`` on an ``8 x 8`` grid: per frequency ``ω`` (a periodic lattice of the
    kernel's size plus margin), ``k̂ = Σ_f conj(Ŵ_f) T̂_f / Σ_f |Ŵ_f|²`` with ``T_f`` the
    quartic sampled at ``m - f``. Measured on the Southend data (module docstring) it errs
    15-25 % less than one step of Van Cittert deconvolution, ``2 K - K * T``.
    """
    if radius > _LS_MAX_RADIUS:
        return _quartic_van_cittert(h, cf, radius)
    n = sfft.next_fast_len(2 * radius + 8)
    m = np.arange(n)
    m[m > n // 2] -= n  # periodic node offsets
    f = (np.arange(_LS_OFFSETS) + 0.5) / _LS_OFFSETS
    fx, fy = f[None, :, None, None], f[:, None, None, None]  # offsets [y, x, ...]
    dx = (m[None, :] - f[:, None]) * cf  # (offset, node)
    target = _quartic(dx[None, :, None, :] ** 2 + dx[:, None, :, None] ** 2, h)
    spectrum = sfft.fft2(target, workers=-1)  # T̂_f for every offset
    # Ŵ_f: the six weights of _scatter_block at node offsets (-1, 0), (0, 0), (1, 0),
    # (0, -1), (0, 1), (1, 1)
    ex = np.exp(-2j * np.pi * m / n)[None, None, None, :]  # shift by one node in x
    ey = np.exp(-2j * np.pi * m / n)[None, None, :, None]
    ax = 0.5 * (fx * fx - fx + 1.0 / 6.0)
    ay = 0.5 * (fy * fy - fy + 1.0 / 6.0)
    ne = fx * fy
    w = (ax * ex.conj() + (1.0 - fx - fy + ne - 2.0 * ax - 2.0 * ay) + (fx - ne + ax) * ex
         + ay * ey.conj() + (fy - ne + ay) * ey + ne * ex * ey)
    k = sfft.ifft2((np.conj(w) * spectrum).sum(axis=(0, 1))
                   / (np.abs(w) ** 2).sum(axis=(0, 1)), workers=-1).real
    k = np.roll(k, (radius, radius), axis=(0, 1))[:2 * radius + 1, :2 * radius + 1]
    return k / (k.sum() * cf * cf)  # mass 1: the map integrates to the point count


def _quartic_van_cittert(h: float, cf: float, radius: int) -> np.ndarray:
    """``2 K - K * T`` at the lattice offsets, ``T`` the tent of one step per axis.

    In expectation over offsets, linear binning convolves with the tent (variance
    ``cf²/6`` per axis); one step of Van Cittert deconvolution undoes it to first order.
    For a smooth kernel that is ``K - (cf²/12) ∇²K``; at the quartic's kink it is what the
    tent really does there (measured: 25 % less error than the Laplacian form).
    """
    # 16 samples per step; fewer for wide kernels, whose correction is ~ (cf / h)² anyway
    sub = max(1, min(16, 1024 // (2 * radius + 3)))
    t = np.arange(-(radius + 1) * sub, (radius + 1) * sub + 1) * (cf / sub)
    fine = _quartic(t[:, None] ** 2 + t[None, :] ** 2, h)
    tent = 1.0 - np.abs(np.arange(-sub + 1, sub)) / sub
    tent /= tent.sum()
    blurred = ndimage.convolve1d(ndimage.convolve1d(fine, tent, axis=0), tent, axis=1)
    nodes = slice(sub, -sub, sub)  # the lattice offsets -radius .. radius
    k = 2.0 * fine[nodes, nodes] - blurred[nodes, nodes]
    return k / (k.sum() * cf * cf)  # mass 1: the map integrates to the point count

