"""The public surface is ``hotspots.__all__``: every name exists and is documented."""

import inspect

import hotspots


def test_all_names_exist_and_have_docstrings():
    assert sorted(hotspots.__all__) == hotspots.__all__
    for name in hotspots.__all__:
        obj = getattr(hotspots, name)
        assert inspect.getdoc(obj), f"{name} has no docstring"


def test_no_other_public_names_leak():
    public = {n for n in vars(hotspots) if not n.startswith("_")}
    modules = {n for n in public if inspect.ismodule(getattr(hotspots, n))}
    assert public - modules == set(hotspots.__all__)
