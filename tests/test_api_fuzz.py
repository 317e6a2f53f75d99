"""Schema-driven fuzzing of the whole JSON API from its own OpenAPI document (schemathesis + hypothesis).

Every operation of ``/openapi.json`` gets a bounded number of generated requests (valid and invalid
parameters), sent in-process to the app backed by the real Elasticsearch node and the small test corpus
of :mod:`test_web_corpus`. A request fails the test when:

- the answer is a 5xx (any server error; the cluster is up, so not even a 503 is expected);
- a 4xx whose body is not the archive's own JSON error ``{"detail": "<message>"}``;
- the answer takes longer than :data:`RESPONSE_TIME_BOUND_S`;
- schemathesis' checks of the answer against the document fail (documented status codes, content type,
  a 200 body that does not match its response model).

What was tried (requests per operation, statuses) is written to ``test-artifacts/fuzz/summary.json``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from elasticsearch import Elasticsearch
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_web_corpus import web_settings  # noqa: F401

from newsarchive.config import PROJECT_ROOT, Settings
from web.app import create_app

pytestmark = pytest.mark.es

#: Generated requests per API operation (each phase of schemathesis draws up to this many).
MAX_EXAMPLES = 250
#: The slowest answer accepted, in seconds (in process, 9 documents, 2 shared cores).
RESPONSE_TIME_BOUND_S = 2.0
SUMMARY = PROJECT_ROOT / "test-artifacts" / "fuzz" / "summary.json"

TRIED: Counter[str] = Counter()
STATUSES: Counter[str] = Counter()


@pytest.fixture(scope="module")
def app(web_settings: Settings, es_client: Elasticsearch) -> FastAPI:  # noqa: F811
    """The app on the test corpus; schemathesis calls it in process."""
    return create_app(web_settings, es_client)


@pytest.fixture(scope="module", autouse=True)
def fuzz_summary() -> Iterator[None]:
    """Write what was tried once the module is done."""
    yield
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "requests": sum(TRIED.values()),
        "operations": len(TRIED),
        "per_operation": dict(sorted(TRIED.items())),
        "statuses": dict(sorted(STATUSES.items())),
        "max_examples": MAX_EXAMPLES,
        "response_time_bound_s": RESPONSE_TIME_BOUND_S,
    }
    SUMMARY.write_text(json.dumps(summary, indent=2) + "\n")


# The document is read at import from an app whose Elasticsearch is never contacted (building the OpenAPI
# document needs none); each case is then sent to the real ``app`` fixture. (schemathesis' lazy
# ``from_fixture`` loader does not run under this pytest.)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(es_url="http://127.0.0.1:9")))


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_api_answers_every_generated_request_with_success_or_its_own_4xx(
    app: FastAPI, case: schemathesis.Case[Any]
) -> None:
    started = time.perf_counter()
    response = case.call(app=app)
    elapsed = time.perf_counter() - started
    label = f"{case.method} {case.path}"
    TRIED[label] += 1
    STATUSES[str(response.status_code)] += 1
    assert response.status_code < 500, (label, case.query, case.path_parameters, response.text[:500])
    if 400 <= response.status_code < 500:
        body = json.loads(response.text)
        assert isinstance(body, dict) and list(body) == ["detail"] and isinstance(body["detail"], str), (
            label,
            response.status_code,
            response.text[:500],
        )
    assert elapsed < RESPONSE_TIME_BOUND_S, (label, case.query, elapsed)
    case.validate_response(
        response, checks=[status_code_conformance, content_type_conformance, response_schema_conformance]
    )


def test_every_api_operation_was_fuzzed() -> None:
    """Runs after the fuzz test (file order): each of the seven GET operations got generated requests (the
    other methods, tried once each per path, are answered 405)."""
    documented = {label: count for label, count in TRIED.items() if label.startswith("GET ")}
    assert len(documented) == 7, TRIED
    assert all(count >= 3 for count in documented.values()), documented
    assert sum(documented.values()) >= 3 * MAX_EXAMPLES, documented
