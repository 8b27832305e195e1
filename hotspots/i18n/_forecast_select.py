"""Messages of the self-tuning forecast ``auto`` (:mod:`hotspots.detect.forecast_select`)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "forecast_select.chosen": {
        "sv": "auto {origin}: valde {choice} (träffandel {rate:.1f} % i {n} "
        "valideringsperioder före prognosstarten)",
        "sv_one": "auto {origin}: valde {choice} (träffandel {rate:.1f} % i {n} "
        "valideringsperiod före prognosstarten)",
        "en": "auto {origin}: chose {choice} (hit rate {rate:.1f} % over {n} "
        "validation periods before the origin)",
        "en_one": "auto {origin}: chose {choice} (hit rate {rate:.1f} % over {n} "
        "validation period before the origin)",
    },
    "forecast_select.fallback": {
        "sv": "auto {origin}: för kort historik för validering ({n} av {folds} perioder "
        "användbara): använder {choice}",
        "en": "auto {origin}: too little history to validate ({n} of {folds} periods "
        "usable): using {choice}",
    },
    "forecast_select.bad_folds": {
        "sv": "antalet valideringsperioder måste vara minst 1, inte {value!r}",
        "en": "the number of validation periods must be at least 1, not {value!r}",
    },
    "forecast_select.no_candidates": {
        "sv": "auto behöver minst en kandidatmetod att välja bland",
        "en": "auto needs at least one candidate method to choose from",
    },
}
