"""The message catalogue: complete in both languages, every key used, Swedish by default."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from hotspots.i18n import LANGUAGES, MESSAGES, current_language, msg, t
from hotspots.settings import get_settings

REPO = Path(__file__).resolve().parents[1]
#: Code that may show catalogue texts; the catalogue package itself is not a user.
SOURCES = [
    p
    for folder in ("hotspots", "api", "maps")
    for p in sorted((REPO / folder).rglob("*.py"))
    if "i18n" not in p.relative_to(REPO).parts
]
FORMS = {*LANGUAGES, *(f"{lang}_one" for lang in LANGUAGES)}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _english(monkeypatch) -> None:
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", "en")
    get_settings.cache_clear()


# ------------------------------------------------------------------------------ the catalogue
def test_every_key_has_swedish_and_english():
    problems = []
    for key, entry in MESSAGES.items():
        if not set(entry) <= FORMS:
            problems.append(f"{key}: unknown forms {sorted(set(entry) - FORMS)}")
        for lang in LANGUAGES:
            if not isinstance(entry.get(lang), str) or not entry[lang].strip():
                problems.append(f"{key}: no {lang} text")
        for form, text in entry.items():
            # only the summary table indents its sub-rows
            if text.strip() != text and not key.startswith("summary."):
                problems.append(f"{key}.{form}: leading or trailing whitespace")
    assert problems == []


def test_placeholders_are_the_same_in_every_form():
    problems = [
        f"{key}.{form}: {sorted(_placeholders(text))} != {sorted(_placeholders(entry['sv']))}"
        for key, entry in MESSAGES.items()
        for form, text in entry.items()
        if _placeholders(text) != _placeholders(entry["sv"])
    ]
    assert problems == []


def test_singular_forms_count_n():
    for key, entry in MESSAGES.items():
        if {"sv_one", "en_one"} & set(entry):
            assert "n" in _placeholders(entry["sv"]), key


def test_no_key_is_defined_twice():
    import importlib
    import pkgutil

    import hotspots.i18n as pkg

    modules = [importlib.import_module(f"hotspots.i18n.{m.name}")
               for m in pkgutil.iter_modules(pkg.__path__)]
    # the message catalogues (cli_help_sv is the help catalogue, keyed by English text)
    parts = [m.MESSAGES for m in modules if hasattr(m, "MESSAGES")]
    assert len(parts) >= 10
    assert sum(len(p) for p in parts) == len(MESSAGES)


# English function words that betray an untranslated Swedish text.
_ENGLISH_WORDS = re.compile(
    r"\b(the|is|are|not|and|or|with|without|found|missing|file|row|rows|line|column|"
    r"unknown|empty|cannot|must|should|given)\b"
)


def test_swedish_texts_have_no_english_words():
    problems = []
    for key, entry in MESSAGES.items():
        for form in ("sv", "sv_one"):
            text = entry.get(form, "")
            # placeholders, quoted values, options and JSON keys are not prose
            prose = re.sub(r"\{[^}]*\}|'[^']*'|`[^`]*`|--\w+|\(objekt med [^)]*\)", "", text)
            if _ENGLISH_WORDS.search(prose):
                problems.append(f"{key}.{form}: {text!r}")
    assert problems == []


# ------------------------------------------------------------------------------ keys in use
def _i18n_calls(tree: ast.AST) -> tuple[set[str], set[str]]:
    """Names that ``t``/``msg`` are bound to by imports, and module aliases of hotspots.i18n."""
    funcs: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "hotspots.i18n":
            funcs |= {a.asname or a.name for a in node.names if a.name in ("t", "msg")}
        elif isinstance(node, ast.ImportFrom) and node.module == "hotspots":
            modules |= {a.asname or a.name for a in node.names if a.name == "i18n"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.name == "hotspots.i18n" and a.asname}
    return funcs, modules


def _scan() -> tuple[dict[str, list[str]], list[str]]:
    """Literal keys used per key (with where), and calls whose key is not a literal."""
    used: dict[str, list[str]] = {}
    dynamic: list[str] = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        funcs, modules = _i18n_calls(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            is_call = (isinstance(f, ast.Name) and f.id in funcs) or (
                isinstance(f, ast.Attribute)
                and f.attr in ("t", "msg")
                and isinstance(f.value, ast.Name)
                and f.value.id in modules
            )
            if not is_call:
                continue
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            key = node.args[0] if node.args else None
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                used.setdefault(key.value, []).append(where)
            else:
                dynamic.append(where)
    return used, dynamic


def test_keys_are_literal_strings():
    _, dynamic = _scan()
    assert dynamic == [], "t()/msg() with a key built at run time: " + ", ".join(dynamic)


def test_every_key_used_exists():
    used, _ = _scan()
    unknown = {k: v for k, v in used.items() if k not in MESSAGES}
    assert unknown == {}


def test_no_key_is_unused():
    used, _ = _scan()
    assert sorted(set(MESSAGES) - set(used)) == []


def test_the_scan_sees_the_code():
    used, _ = _scan()
    assert "hotspots/cli.py" in " ".join(used["error"])
    assert any("hotspots/ingest/dates.py" in w for w in used["date.unreadable"])


# ------------------------------------------------------------------------------ choosing
def test_swedish_is_the_default():
    assert current_language() == "sv"
    assert t("col.reason") == "orsak"
    assert msg("input.file_not_found", file="a.csv") == "a.csv: filen finns inte"


def test_english_when_the_settings_say_so(monkeypatch):
    _english(monkeypatch)
    assert current_language() == "en"
    assert t("col.reason") == "reason"
    assert msg("input.file_not_found", file="a.csv") == "a.csv: file not found"
    assert t("col.reason", "sv") == "orsak"  # an explicit language wins


@pytest.mark.parametrize(("value", "expected"), [("EN", "en"), ("en_GB", "en"), ("de", "sv")])
def test_language_setting_is_forgiving(monkeypatch, value, expected):
    monkeypatch.setenv("HOTSPOTS_LANGUAGE", value)
    get_settings.cache_clear()
    assert current_language() == expected


def test_singular_and_plural():
    one, many = (msg("coords.count_outside", n=n, area="Höör") for n in (1, 3))
    assert (one, many) == (
        "1 punkt ligger utanför Höör: markerad",
        "3 punkter ligger utanför Höör: markerade",
    )
    assert t("coords.count_zero", "en", n=1) == "1 row with coordinates 0, 0: treated as missing"


def test_unknown_key_and_literal_braces():
    assert t("no.such.key") == "no.such.key"
    assert "{" in msg("polisen.not_json", file="x.json")


# ------------------------------------------------------------------------------ end to end
BAD_DATE = "id;datum;kategori;lat;lon\n1;31/02/2026;Skadegörelse;55,93;13,54\n"
REASONS = {
    "sv": "datumet '31/02/2026' i datum går inte att läsa "
    "(förväntat t.ex. 2026-11-21 eller 21/11/2026)",
    "en": "unreadable date '31/02/2026' in datum (expected e.g. 2026-11-21 or 21/11/2026)",
}
LINES = {"sv": "rad 2, fält date: ", "en": "line 2, field date: "}
VALUES = {"sv": " (värde: '31/02/2026')", "en": " (value: '31/02/2026')"}


@pytest.mark.parametrize("language", [None, "en"])
def test_import_rejects_a_bad_date_in_the_users_language(tmp_path, monkeypatch, language):
    from hotspots.ingest.pipeline import import_file
    from hotspots.store import Store

    if language:
        monkeypatch.setenv("HOTSPOTS_LANGUAGE", language)
        get_settings.cache_clear()
    lang = language or "sv"
    path = tmp_path / "bad.csv"
    path.write_text(BAD_DATE, encoding="utf-8")
    store = Store.open(get_settings().resolved_database_url)
    store.upgrade()

    report = import_file(path, store=store)

    assert (report.read, report.rejected) == (1, 1)
    (rejection,) = report.rejections
    assert rejection.reason == REASONS[lang]
    assert str(rejection) == LINES[lang] + REASONS[lang] + VALUES[lang]
    assert [e.reason for e in store.rejections(report.batch_id)] == [REASONS[lang]]
