"""Messages of the database and of the files in ``data/`` (catalogue, type mapping)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- database
    "store.not_migrated": {
        "sv": "databasen {url} är inte migrerad: kör `hotspots db upgrade`",
        "en": "database {url} is not migrated: run `hotspots db upgrade`",
    },
    "store.no_incident": {"sv": "ingen händelse med id {id}", "en": "no incident with id {id}"},
    "store.no_observation": {
        "sv": "ingen observation med id {id}",
        "en": "no observation with id {id}",
    },
    "store.invalid_url": {
        "sv": "ogiltig databas-URL {url!r}: {detail}",
        "en": "invalid database URL {url!r}: {detail}",
    },
    "store.driver_missing": {
        "sv": "databasdrivrutin saknas ({name}): pip install -e '.[postgres]'",
        "en": "database driver missing ({name}): pip install -e '.[postgres]'",
    },
    "store.cannot_migrate": {
        "sv": "kan inte migrera {url!r}: {detail}",
        "en": "cannot migrate {url!r}: {detail}",
    },
    "store.cannot_open": {
        "sv": "kan inte öppna databasen {url!r}: {detail}",
        "en": "cannot open database {url!r}: {detail}",
    },
    # -- category catalogue (data/categories.toml)
    "catalogue.not_found": {
        "sv": "kategorikatalogen finns inte: {file}",
        "en": "category catalogue not found: {file}",
    },
    "catalogue.not_toml": {
        "sv": "{file}: ogiltig TOML: {detail}",
        "en": "{file}: not valid TOML: {detail}",
    },
    "catalogue.unknown_sections": {
        "sv": "{file}: okända avsnitt {sections}",
        "en": "{file}: unknown section(s) {sections}",
    },
    "catalogue.measure_code": {
        "sv": "{file}: åtgärdskoden {code!r} får bara innehålla gemena a-z, 0-9 och _",
        "en": "{file}: measure code {code!r} must be lower-case a-z, 0-9, _",
    },
    "catalogue.measure_invalid": {
        "sv": "{file}: åtgärden {code!r}: {detail}",
        "en": "{file}: measure {code!r}: {detail}",
    },
    "catalogue.category_code": {
        "sv": "{file}: kategorikoden {code!r} får bara innehålla gemena a-z, 0-9 och _",
        "en": "{file}: category code {code!r} must be lower-case a-z, 0-9, _",
    },
    "catalogue.category_invalid": {
        "sv": "{file}: kategorin {code!r}: {detail}",
        "en": "{file}: category {code!r}: {detail}",
    },
    "catalogue.unknown_measures": {
        "sv": "{file}: kategorin {code!r} anger okända åtgärder {missing}",
        "en": "{file}: category {code!r} names unknown measure(s) {missing}",
    },
    "catalogue.one_fallback": {
        "sv": "{file}: exakt en kategori med kind = {kind} ska ha fallback = true "
        "(hittade {found})",
        "en": "{file}: exactly one {kind} category needs fallback = true (found {found})",
    },
    "catalogue.name_twice": {
        "sv": "{file}: namnet {name!r} används av både {first!r} och {second!r}",
        "en": "{file}: name {name!r} is used by both {first!r} and {second!r}",
    },
    # pydantic's validation errors, by type; others keep pydantic's (English) wording
    "catalogue.field_missing": {"sv": "fältet saknas", "en": "Field required"},
    "catalogue.field_unknown": {
        "sv": "okänt fält",
        "en": "Extra inputs are not permitted",
    },
    "catalogue.field_blank": {"sv": "får inte vara tomt", "en": "must not be blank"},
    "catalogue.field_kind": {
        "sv": "ska vara 'incident' eller 'observation'",
        "en": "Input should be 'incident' or 'observation'",
    },
    # -- polisen.se type mapping (data/polisen_types.csv)
    "types.not_found": {
        "sv": "mappningen av polisen.se-händelsetyper finns inte: {file}",
        "en": "polisen.se type mapping not found: {file}",
    },
    "types.not_utf8": {
        "sv": "{file}: är inte UTF-8 ({detail})",
        "en": "{file}: not UTF-8 ({detail})",
    },
    "types.bad_header": {
        "sv": "{file}, rad 1: rubrikraden ska vara 'type,category' (hittade {header!r})",
        "en": "{file}, line 1: header must be 'type,category' (found {header!r})",
    },
    "types.two_fields": {
        "sv": "{file}, rad {line}: förväntade två ifyllda fält 'type,category', fick {row!r}",
        "en": "{file}, line {line}: expected two non-empty fields 'type,category', got {row!r}",
    },
    "types.unknown_category": {
        "sv": "{file}, rad {line}: kategorin {code!r} för typen {type!r} finns inte i "
        "katalogen (kända: {known})",
        "en": "{file}, line {line}: category {code!r} for type {type!r} is not in the "
        "catalogue (known: {known})",
    },
    "types.not_incident": {
        "sv": "{file}, rad {line}: kategorin {code!r} för typen {type!r} har kind = {kind}; "
        "polisen.se-händelser ska ha en kategori med kind = incident",
        "en": "{file}, line {line}: category {code!r} for type {type!r} is a {kind} "
        "category; polisen.se events are incidents",
    },
    "types.already_mapped": {
        "sv": "{file}, rad {line}: typen {type!r} är redan mappad på rad {first}",
        "en": "{file}, line {line}: type {type!r} already mapped on line {first}",
    },
    "duplicate.same_file": {
        "sv": "samma id som en tidigare rad i filen",
        "en": "same id as an earlier row in this file",
    },
    "duplicate.stored_batch": {
        "sv": "finns redan (import {batch})",
        "en": "already stored (import {batch})",
    },
    "duplicate.stored": {
        "sv": "finns redan",
        "en": "already stored",
    },
    "runs.not_found": {
        "sv": "ingen sparad analys med id {id}",
        "en": "no stored analysis with id {id}",
    },
}
