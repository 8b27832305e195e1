"""The message catalogue: every text a user reads, in Swedish (default) and English.

Messages live in one dict per area (``_cli``, ``_ingest``, ``_geocode``, ``_store``), merged
into :data:`MESSAGES`: key -> ``{"sv": ..., "en": ...}``. A text is ``str.format`` syntax;
its placeholders (``{file}``, ``{line}``, ``{value!r}`` ...) are the same in both languages.
An entry may add ``"sv_one"``/``"en_one"``: the singular form, used when the value ``n`` is 1
("1 rad" / "3 rader").

Call convention (``tests/test_i18n.py`` checks it by parsing the source): code outside this
package asks for a text with a literal key, ``msg("csv.no_data_rows", file=path)`` or
``t("summary.title", lang, file=...)``, never with a key built at run time. A table of
alternatives is a dict of literal calls, so every key in use can be found by reading the code.
"""

from __future__ import annotations

from hotspots.i18n._alerts import MESSAGES as _ALERTS
from hotspots.i18n._api import MESSAGES as _API
from hotspots.i18n._cli import MESSAGES as _CLI
from hotspots.i18n._detect_dbscan import MESSAGES as _DETECT_DBSCAN
from hotspots.i18n._detect_gistar import MESSAGES as _DETECT_GISTAR
from hotspots.i18n._detect_kde import MESSAGES as _DETECT_KDE
from hotspots.i18n._evaluate import MESSAGES as _EVALUATE
from hotspots.i18n._field import MESSAGES as _FIELD
from hotspots.i18n._followup import MESSAGES as _FOLLOWUP
from hotspots.i18n._forecast_select import MESSAGES as _FORECAST_SELECT
from hotspots.i18n._geocode import MESSAGES as _GEOCODE
from hotspots.i18n._ingest import MESSAGES as _INGEST
from hotspots.i18n._maps import MESSAGES as _MAPS
from hotspots.i18n._measures import MESSAGES as _MEASURES
from hotspots.i18n._ogc import MESSAGES as _OGC
from hotspots.i18n._promises import MESSAGES as _PROMISES
from hotspots.i18n._report import MESSAGES as _REPORT
from hotspots.i18n._store import MESSAGES as _STORE
from hotspots.i18n._users import MESSAGES as _USERS

__all__ = ["LANGUAGES", "MESSAGES", "current_language", "msg", "t"]

#: Supported languages; the first is the default.
LANGUAGES = ("sv", "en")

#: key -> {"sv": text, "en": text[, "sv_one": text, "en_one": text]}
MESSAGES: dict[str, dict[str, str]] = {
    **_CLI,
    **_INGEST,
    **_GEOCODE,
    **_STORE,
    **_DETECT_GISTAR,
    **_DETECT_DBSCAN,
    **_EVALUATE,
    **_DETECT_KDE,
    **_FORECAST_SELECT,
    **_MAPS,
    **_MEASURES,
    **_REPORT,
    **_USERS,
    **_API,
    **_FIELD,
    **_FOLLOWUP,
    **_PROMISES,
    **_ALERTS,
    **_OGC,
}


def current_language() -> str:
    """The installation's language (``HOTSPOTS_LANGUAGE``), ``sv`` unless it says ``en``."""
    from hotspots.settings import get_settings

    try:
        language = get_settings().language
    except ValueError:  # invalid settings are reported elsewhere; a message still needs words
        return LANGUAGES[0]
    language = (language or "").strip().lower()[:2]
    return language if language in LANGUAGES else LANGUAGES[0]


def t(key: str, language: str | None = None, **values: object) -> str:
    """The message ``key`` in ``language`` with ``values`` filled in.

    Parameters
    ----------
    key
        A key of :data:`MESSAGES`; an unknown key is returned as it is.
    language
        ``sv`` or ``en``; None (the default) takes the settings' language.
    **values
        The placeholders of the message. When ``n`` is 1 and the entry has a singular form
        (``sv_one``/``en_one``), that form is used.

    Examples
    --------
    >>> t("col.reason", "en"), t("col.reason", "sv")
    ('reason', 'orsak')
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    lang = language if language in LANGUAGES else current_language()
    text = entry.get(f"{lang}_one") if values.get("n") == 1 else None
    text = text or entry.get(lang) or entry[LANGUAGES[0]]
    if values:
        return text.format(**values)
    return text.replace("{{", "{").replace("}}", "}")


def msg(key: str, **values: object) -> str:
    """The message ``key`` in the settings' language: ``t(key, None, **values)``."""
    return t(key, None, **values)
