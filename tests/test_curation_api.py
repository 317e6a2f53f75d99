"""The token-protected curation API and form: off by default, 401 without the right token, corrections through
the API reach the archive, and the person page shows the form only when curation is on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corrections_fixtures import ARTICLES, CANONICAL, FALSE_PERSON, VARIANT, ids_naming, index_articles, write_articles
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from pydantic import SecretStr

from newsarchive.config import Settings
from web.app import create_app
from web.security_headers import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.es

TOKEN = "s3cret-curation-token"
MERGE = {"variant": VARIANT, "canonical": CANONICAL, "type": "person"}


@pytest.fixture()
def archive(isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path) -> Settings:
    from indexer.lifecycle import setup_indices

    setup_indices(es_client, isolated_settings)
    index_articles(isolated_settings, es_client, write_articles(tmp_path / "in", ARTICLES))
    return isolated_settings


@pytest.fixture()
def curating(archive: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:
    settings = archive.model_copy(update={"curation_token": SecretStr(TOKEN)})
    with TestClient(create_app(settings, es_client)) as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("token", [None, SecretStr("")])
def test_curation_is_off_by_default(archive: Settings, es_client: Elasticsearch, token: SecretStr | None) -> None:
    settings = archive.model_copy(update={"curation_token": token})
    with TestClient(create_app(settings, es_client)) as client:
        assert client.post("/api/entities/merge", json=MERGE, headers=_bearer("")).status_code == 404
        assert client.get("/api/entities/corrections").status_code == 404
        form = {"name": VARIANT, "action": "reject", "token": ""}
        assert client.post("/curation", data=form).status_code in (404, 405)
        page = client.get(f"/persons/{VARIANT}")
        assert page.status_code == 200 and "curation-form" not in page.text
        assert "/api/entities/merge" not in client.get("/openapi.json").text


@pytest.mark.parametrize("headers", [{}, _bearer("wrong-token"), {"Authorization": f"Basic {TOKEN}"},
                                     _bearer(TOKEN + "x"), _bearer("")])
def test_a_missing_or_wrong_token_is_401(curating: TestClient, headers: dict[str, str]) -> None:
    for method, url, body in (("post", "/api/entities/merge", MERGE), ("get", "/api/entities/corrections", None),
                              ("post", "/api/entities/corrections/1/rollback", None)):
        response = curating.request(method, url, json=body, headers=headers)
        assert response.status_code == 401, (url, response.text)
        assert response.json() == {"detail": "A valid curation token is required."}
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_merge_reject_and_rollback_through_the_api(
    curating: TestClient, archive: Settings, es_client: Elasticsearch
) -> None:
    variant_ids = ids_naming(es_client, archive, VARIANT)
    merged = curating.post("/api/entities/merge", json=MERGE, headers=_bearer(TOKEN))
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["correction"]["action"] == "merge" and body["correction"]["target"] == CANONICAL
    assert body["updated"] == 4  # three "Zelensky" articles and the "ZELÉNSKY" one
    assert ids_naming(es_client, archive, VARIANT) == set()
    assert variant_ids <= ids_naming(es_client, archive, CANONICAL)
    assert curating.get(f"/api/persons/{CANONICAL}").json()["article_count"] == 5

    rejected = curating.post("/api/entities/reject", json={"name": FALSE_PERSON}, headers=_bearer(TOKEN))
    assert rejected.status_code == 200 and rejected.json()["updated"] == 2
    listed = curating.get("/api/entities/corrections", headers=_bearer(TOKEN)).json()
    assert [(c["id"], c["action"], c["active"]) for c in listed] == [(1, "merge", True), (2, "reject", True)]

    rolled = curating.post("/api/entities/corrections/2/rollback", headers=_bearer(TOKEN))
    assert rolled.status_code == 200 and rolled.json()["correction"]["active"] is False
    assert len(ids_naming(es_client, archive, FALSE_PERSON)) == 2
    again = curating.post("/api/entities/corrections/2/rollback", headers=_bearer(TOKEN))
    assert again.status_code == 409
    assert curating.post("/api/entities/corrections/99/rollback", headers=_bearer(TOKEN)).status_code == 404


@pytest.mark.parametrize(
    "body",
    [{"variant": VARIANT}, {"variant": VARIANT, "canonical": ""}, {**MERGE, "type": "place"},
     {**MERGE, "colour": "red"}, {"variant": "A", "canonical": "A"}],
)
def test_invalid_bodies_are_400(curating: TestClient, body: dict[str, str]) -> None:
    response = curating.post("/api/entities/merge", json=body, headers=_bearer(TOKEN))
    assert response.status_code == 400, response.text
    assert curating.get("/api/entities/corrections", headers=_bearer(TOKEN)).json() == []


def test_the_person_page_form_needs_the_token_and_corrects(
    curating: TestClient, archive: Settings, es_client: Elasticsearch
) -> None:
    page = curating.get(f"/persons/{VARIANT}")
    assert page.status_code == 200
    assert 'class="curation-form"' in page.text and 'action="/curation"' in page.text
    assert "<script>" not in page.text
    form = {"name": VARIANT, "type": "person", "action": "merge", "target": CANONICAL}
    refused = curating.post("/curation", data={**form, "token": "wrong"}, follow_redirects=False)
    assert refused.status_code == 401 and ids_naming(es_client, archive, VARIANT)
    done = curating.post("/curation", data={**form, "token": TOKEN}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/persons/Volodymyr%20Zelenskyy"
    assert ids_naming(es_client, archive, VARIANT) == set()
    assert curating.get(done.headers["location"]).status_code == 200
