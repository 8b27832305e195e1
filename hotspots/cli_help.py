"""Swedish help on the command line: the command tree's help texts swapped before it runs.

The help texts are written in the code, in English like the code (typer takes them from
the options and docstrings); users see Swedish by default and English with
``HOTSPOTS_LANGUAGE=en``. So before ``hotspots`` parses its arguments, every command's and
option's help is looked up in the Swedish catalogue (:mod:`hotspots.i18n.cli_help_sv`,
keyed by the English text; a test checks that none is missing) and typer's own words (panel
titles, ``[default: ...]``) are set in Swedish. The usage line and click's own usage errors
stay English: they are part of the command syntax.
"""

from __future__ import annotations

__all__ = ["help_texts", "localize"]

#: typer's words in its help panels (module attributes of ``typer.rich_utils``).
_TYPER_SV = {
    "ARGUMENTS_PANEL_TITLE": "Argument",
    "OPTIONS_PANEL_TITLE": "Flaggor",
    "COMMANDS_PANEL_TITLE": "Kommandon",
    "ERRORS_PANEL_TITLE": "Fel",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[krävs]",
    "ABORTED_TEXT": "Avbrutet.",
    "RICH_HELP": "Prova [blue]'{command_path} {help_option}'[/] för hjälp.",
}


def _commands(command):
    """``command`` and every command below it."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def help_texts(command) -> list[tuple[str, str]]:
    """Every help text of the tree: ``(where, text)``, text stripped (for the catalogue test)."""
    out = []
    for c in _commands(command):
        where = c.name or ""
        if c.help:
            out.append((where, c.help.strip()))
        for p in c.params:
            text = getattr(p, "help", None)
            if text:
                out.append((f"{where} {p.opts[0] if p.opts else p.name}", text.strip()))
    return out


def localize(command, language: str):
    """Swap the help texts of ``command`` (a click command tree) into ``language``; returns it.

    Only Swedish has a catalogue; a text without a translation stays English.
    """
    if language != "sv":
        return command
    import typer
    import typer.rich_utils

    from hotspots.i18n.cli_help_sv import SV

    for name, value in _TYPER_SV.items():
        setattr(typer.rich_utils, name, value)
    for c in _commands(command):
        if c.help:
            c.help = SV.get(c.help.strip(), c.help)
        if c.short_help:
            c.short_help = SV.get(c.short_help.strip(), c.short_help)
        # --help is made by the command itself, not among its params
        for p in [*c.params, c.get_help_option(typer.Context(c))]:
            text = getattr(p, "help", None)
            if text:
                p.help = SV.get(text.strip(), text)
    return command
