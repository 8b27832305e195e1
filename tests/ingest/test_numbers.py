from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest

from hotspots.ingest.numbers import parse_decimal

CASES = [
    ("55.93", 55.93, False),
    ("55,93", 55.93, False),
    (" 13,5 ", 13.5, False),
    ("-71.0587", -71.0587, False),
    ("+13.5", 13.5, False),
    ("\u221213,5", -13.5, False),  # Unicode minus
    ("55.5°", 55.5, False),
    ("6 190 123", 6190123.0, False),
    ("6\u00a0190\u00a0123", 6190123.0, False),
    ("6\u2009190\u2009123,25", 6190123.25, False),
    ("1.234,5", 1234.5, False),
    ("1,234.5", 1234.5, False),
    ("1,234", 1.234, False),  # a lone comma is always a decimal comma
    ("1.234", 1.234, False),
    ("1e5", 100000.0, False),
    ("", math.nan, False),
    ("   ", math.nan, False),
    (None, math.nan, False),
    ("abc", math.nan, True),
    ("NaN", math.nan, True),
    ("nan", math.nan, True),
    ("inf", math.nan, True),
    ("-Infinity", math.nan, True),
    ("55 93", math.nan, True),  # not groups of three
    ("1.234.567", math.nan, True),
    ("1,234,567", math.nan, True),
    ("55,93,13", math.nan, True),  # a pasted coordinate pair
    ("=SUM(A1)", math.nan, True),
]


@pytest.mark.parametrize(("text", "number", "is_bad"), CASES)
def test_parse_decimal(text, number, is_bad):
    nums, bad = parse_decimal(pd.Series([text], dtype=object))
    if math.isnan(number):
        assert math.isnan(nums.iloc[0])
    else:
        assert nums.iloc[0] == pytest.approx(number)
    assert bool(bad.iloc[0]) is is_bad


def test_keeps_index_and_dtypes():
    s = pd.Series(["1", "2,5", None], index=[10, 20, 30], dtype=object)
    nums, bad = parse_decimal(s)
    assert list(nums.index) == [10, 20, 30] and list(bad.index) == [10, 20, 30]
    assert nums.dtype == np.float64 and bad.dtype == bool
    np.testing.assert_allclose(nums.to_numpy()[:2], [1.0, 2.5])


def test_million_values_are_fast():
    rng = np.random.default_rng(1)
    dot = pd.Series(np.round(55 + rng.random(1_000_000), 6).astype(str), dtype=object)
    comma = pd.Series([v.replace(".", ",") for v in dot], dtype=object)
    for values in (dot, comma):
        t0 = time.perf_counter()
        nums, bad = parse_decimal(values)
        elapsed = time.perf_counter() - t0
        assert not bad.any()
        assert nums.between(55, 56).all()
        assert elapsed < 3.0, f"{elapsed:.2f} s"
