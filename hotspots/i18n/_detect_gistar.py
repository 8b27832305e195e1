"""Messages of the Gi* and emerging hot spot detectors: parameters, errors and class labels."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- parameters and input (gistar.py, emerging.py)
    "gistar.bad_cell_size": {
        "sv": "cellstorleken måste vara ett positivt antal meter, inte {value!r}",
        "en": "the cell size must be a positive number of metres, not {value!r}",
    },
    "gistar.bad_shape": {
        "sv": "okänd cellform {value!r}: välj 'square' (kvadrater) eller 'hexagon' (hexagoner)",
        "en": "unknown cell shape {value!r}: choose 'square' or 'hexagon'",
    },
    "gistar.bad_distance_band": {
        "sv": "avståndsbandet måste vara ett positivt antal meter, inte {value!r}",
        "en": "the distance band must be a positive number of metres, not {value!r}",
    },
    "gistar.bad_permutations": {
        "sv": "antalet permutationer måste vara ett heltal 0 eller större, inte {value!r}",
        "en": "the number of permutations must be a whole number of 0 or more, not {value!r}",
    },
    "gistar.bad_alpha": {
        "sv": "signifikansnivån måste ligga mellan 0 och 1, inte {value!r}",
        "en": "the significance level must lie between 0 and 1, not {value!r}",
    },
    "gistar.bad_seed": {
        "sv": "fröet till slumptalen måste vara ett heltal, inte {value!r}",
        "en": "the random seed must be a whole number, not {value!r}",
    },
    "gistar.bad_study_area": {
        "sv": "studieområdet måste vara en polygon i meter, inte {kind}",
        "en": "the study area must be a polygon in metres, not {kind}",
    },
    "gistar.too_many_cells": {
        "sv": "hexagoner på {size:g} m över området blir fler än {limit:,} celler: "
        "välj större celler eller ett mindre område",
        "en": "hexagons of {size:g} m over the area make more than {limit:,} cells: "
        "use larger cells or a smaller area",
    },
    "gistar.no_points": {
        "sv": "inga punkter att analysera",
        "en": "no points to analyse",
    },
    "gistar.no_cells": {
        "sv": "studieområdet rymmer ingen cellmittpunkt med cellstorleken {size} m",
        "en": "the study area holds no cell centre at a cell size of {size} m",
    },
    "gistar.no_points_in_area": {
        "sv": "ingen av de {n} punkterna ligger i studieområdet",
        "sv_one": "{n} punkt ligger utanför studieområdet",
        "en": "none of the {n} points lies in the study area",
        "en_one": "{n} point lies outside the study area",
    },
    # -- Gi* classes (ArcGIS's Gi_Bin)
    "gistar.hot_99": {"sv": "Het punkt 99 %", "en": "Hot spot 99 %"},
    "gistar.hot_95": {"sv": "Het punkt 95 %", "en": "Hot spot 95 %"},
    "gistar.hot_90": {"sv": "Het punkt 90 %", "en": "Hot spot 90 %"},
    "gistar.not_significant": {"sv": "Inte signifikant", "en": "Not significant"},
    "gistar.cold_90": {"sv": "Kall punkt 90 %", "en": "Cold spot 90 %"},
    "gistar.cold_95": {"sv": "Kall punkt 95 %", "en": "Cold spot 95 %"},
    "gistar.cold_99": {"sv": "Kall punkt 99 %", "en": "Cold spot 99 %"},
    # -- emerging hot spots (emerging.py)
    "emerging.no_time_column": {
        "sv": "punkterna saknar kolumnen {column}: varje händelse behöver en tidpunkt",
        "en": "the points have no {column} column: every incident needs a time",
    },
    "emerging.no_dated_points": {
        "sv": "ingen punkt har en tidpunkt i {column}",
        "en": "no point has a time in {column}",
    },
    "emerging.bad_time_step": {
        "sv": "okänt tidssteg {value!r}: ange t.ex. '7D' (dagar) eller '1W' (ISO-veckor)",
        "en": "unknown time step {value!r}: give e.g. '7D' (days) or '1W' (ISO weeks)",
    },
    "emerging.bad_time_neighbours": {
        "sv": "antalet tidsgrannar måste vara ett heltal 0 eller större, inte {value!r}",
        "en": "the number of time neighbours must be a whole number of 0 or more, "
        "not {value!r}",
    },
    "emerging.bad_end": {
        "sv": "tidsseriens slut måste vara en tidpunkt, inte {value!r}",
        "en": "the end of the time series must be a point in time, not {value!r}",
    },
    "emerging.too_few_bins": {
        "sv": "händelserna ryms i {n} tidssteg om {step}: trenden kräver minst 2, "
        "välj ett kortare tidssteg",
        "sv_one": "händelserna ryms i {n} tidssteg om {step}: trenden kräver minst 2, "
        "välj ett kortare tidssteg",
        "en": "the incidents fit in {n} time steps of {step}: the trend needs at least 2, "
        "choose a shorter time step",
        "en_one": "the incidents fit in {n} time step of {step}: the trend needs at least 2, "
        "choose a shorter time step",
    },
    # -- emerging hot spot patterns (ArcGIS's categories)
    "emerging.new_hot": {"sv": "Ny het punkt", "en": "New hot spot"},
    "emerging.consecutive_hot": {"sv": "Het punkt i följd", "en": "Consecutive hot spot"},
    "emerging.intensifying_hot": {"sv": "Tilltagande het punkt", "en": "Intensifying hot spot"},
    "emerging.persistent_hot": {"sv": "Ihållande het punkt", "en": "Persistent hot spot"},
    "emerging.diminishing_hot": {"sv": "Avtagande het punkt", "en": "Diminishing hot spot"},
    "emerging.sporadic_hot": {"sv": "Sporadisk het punkt", "en": "Sporadic hot spot"},
    "emerging.oscillating_hot": {"sv": "Växlande het punkt", "en": "Oscillating hot spot"},
    "emerging.historical_hot": {"sv": "Historisk het punkt", "en": "Historical hot spot"},
    "emerging.new_cold": {"sv": "Ny kall punkt", "en": "New cold spot"},
    "emerging.consecutive_cold": {"sv": "Kall punkt i följd", "en": "Consecutive cold spot"},
    "emerging.intensifying_cold": {
        "sv": "Tilltagande kall punkt",
        "en": "Intensifying cold spot",
    },
    "emerging.persistent_cold": {"sv": "Ihållande kall punkt", "en": "Persistent cold spot"},
    "emerging.diminishing_cold": {"sv": "Avtagande kall punkt", "en": "Diminishing cold spot"},
    "emerging.sporadic_cold": {"sv": "Sporadisk kall punkt", "en": "Sporadic cold spot"},
    "emerging.oscillating_cold": {"sv": "Växlande kall punkt", "en": "Oscillating cold spot"},
    "emerging.historical_cold": {"sv": "Historisk kall punkt", "en": "Historical cold spot"},
    "emerging.no_pattern": {"sv": "Inget mönster", "en": "No pattern detected"},
}
