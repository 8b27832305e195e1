"""The public surface is ``hotspots.__all__``: every name exists and is documented."""

import inspect
import subprocess
import sys

import hotspots


def test_all_names_exist_and_have_docstrings():
    assert sorted(hotspots.__all__) == hotspots.__all__
    for name in hotspots.__all__:
        obj = getattr(hotspots, name)
        assert inspect.getdoc(obj), f"{name} has no docstring"


def test_dir_is_the_public_api():
    assert dir(hotspots) == hotspots.__all__


def test_importing_hotspots_is_light():
    code = "import sys, hotspots; print('pandas' in sys.modules, 'sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
