"""Synthetic incident points spread like real ones over a 20 x 20 km municipality."""

from __future__ import annotations

import numpy as np


def incident_points(n: int, *, seed: int = 7, size_m: float = 20_000.0) -> np.ndarray:
    """``n`` x 2 array of x/y metres (SWEREF 99 TM around Höör).

    Real incidents cluster: about 70 % fall in a few hundred Gaussian hotspots of 50-400 m
    (centres, stations, schools), concentrated in a few towns; the rest is background
    spread over the whole area. Rounded to the metre like geocoded points, so some coincide.
    """
    rng = np.random.default_rng(seed)
    x0, y0 = 400_000.0, 6_190_000.0
    towns = rng.uniform(2_000, size_m - 2_000, size=(6, 2))
    town_weight = rng.dirichlet(np.full(6, 0.7))
    n_spots = 300
    spot_town = rng.choice(6, size=n_spots, p=town_weight)
    spots = towns[spot_town] + rng.normal(0, 1_200, size=(n_spots, 2))
    spot_sd = rng.uniform(50, 400, size=n_spots)
    spot_w = rng.pareto(1.5, size=n_spots) + 0.1
    spot_w /= spot_w.sum()
    n_hot = int(n * 0.7)
    which = rng.choice(n_spots, size=n_hot, p=spot_w)
    hot = spots[which] + rng.normal(size=(n_hot, 2)) * spot_sd[which, None]
    bg = rng.uniform(0, size_m, size=(n - n_hot, 2))
    pts = np.clip(np.vstack([hot, bg]), 0, size_m)
    rng.shuffle(pts)
    return np.round(pts + [x0, y0])
