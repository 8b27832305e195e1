"""Property-based API test: schemathesis sends generated requests to every operation of our
OpenAPI schema; none may get a server error (5xx). Bad input must be a 4xx with a message.

The caller is an admin (every operation reachable) on a SQLite database holding the built
test data, so that lists, exports and layers have something to return.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.auth import Principal, current_principal
from api.main import create_app

APP = create_app()
APP.dependency_overrides[current_principal] = lambda: Principal(1, "fuzz", "admin")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True)
def _database(sqlite_store):
    """A fresh SQLite database (the autouse settings fixture points the app at it)."""
    from hotspots.ingest.pipeline import import_file
    from hotspots.paths import DEFAULT_DATA_DIR

    demo = DEFAULT_DATA_DIR / "demo"
    import_file(demo / "hoor_synthetic_observations.csv", store=sqlite_store, kind="observation")
    APP.state.stores = {}
    yield


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.function_scoped_fixture],
)
def test_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error])
