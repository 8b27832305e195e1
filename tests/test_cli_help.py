"""Command-line help in Swedish by default, English with HOTSPOTS_LANGUAGE=en."""

from __future__ import annotations

import os
import subprocess
import sys

import typer

from hotspots.cli import app
from hotspots.cli_help import help_texts
from hotspots.i18n.cli_help_sv import SV


def test_every_help_text_has_a_swedish_translation():
    missing = [
        f"{where}: {text[:60]}"
        for where, text in help_texts(typer.main.get_command(app))
        if text not in SV
    ]
    assert missing == []
    # and the translations are not the English left in place
    assert sum(en == sv for en, sv in SV.items()) <= 3


def _help(*args, language=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSPOTS_")}
    env.update(PYTHONUTF8="1", COLUMNS="200", NO_COLOR="1")
    if language:
        env["HOTSPOTS_LANGUAGE"] = language
    p = subprocess.run(
        [sys.executable, "-m", "hotspots.cli", *args, "--help"],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    return " ".join(p.stdout.split())  # rich wraps and boxes: compare words


def test_help_is_swedish_by_default_and_english_on_request():
    import_help = "Import incidents or observations from a file."
    sv = _help()
    assert "Kommandon" in sv and "Flaggor" in sv
    assert SV[import_help] in sv and import_help not in sv
    en = _help(language="en")
    assert "Commands" in en and import_help in en


def test_option_help_of_a_subcommand_is_swedish():
    dry_run = "Check everything, store nothing"
    assert SV[dry_run] in _help("import")
    assert dry_run in _help("import", language="en")
    ack = _help("alerts", "ack")
    assert "Visa den här hjälpen och avsluta." in ack
