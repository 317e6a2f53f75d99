"""Entity curation in the browser: the corrections of ``newsarchive entities`` as a token-protected API and a
small form on the person page. Off unless ``settings.curation_token`` (``NEWSARCHIVE_CURATION_TOKEN``) is set:
:func:`install_curation` then mounts the routes; otherwise they do not exist (404).

- ``POST /api/entities/merge`` ``{"variant", "canonical", "type", "note"}``, ``POST /api/entities/reject``
  ``{"name", "type", "note"}``, ``POST /api/entities/rename`` ``{"old", "new", "type", "note"}``,
  ``POST /api/entities/corrections/{id}/rollback``, ``GET /api/entities/corrections``: each needs
  ``Authorization: Bearer <token>`` (401 without it or with another token; compared in constant time).
- ``POST /curation`` (the person page's form: ``name``, ``type``, ``action``, ``target``, ``token``): the
  same with the token as a form field, then a 303 to the corrected person's page (or a search for a
  rejected name).

Writes go through :mod:`indexer.corrections` (no NLP): the correction is recorded in the enrichment store
and the affected articles are corrected at once, through the write alias (the web app's Elasticsearch user
needs write rights on the index when curation is on).
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, FastAPI, Form, Header
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from indexer.corrections.model import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, CorrectionError, new_correction
from indexer.corrections.service import ChangeOutcome, list_corrections, record_correction, rollback_correction
from newsarchive.config import Settings
from web.errors import BadRequest, NotFound, WebError
from web.services import Services, get_services

EntityType = Literal["person", "organization"]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]
Note = Annotated[str, Field(max_length=MAX_NOTE_LENGTH)]


class Unauthorized(WebError):
    """No curation token, or not the right one (401)."""

    status_code = 401


class Conflict(WebError):
    """The correction is in a state that does not allow the request (409)."""

    status_code = 409


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: EntityType = "person"
    note: Note = ""


class MergeBody(_Body):
    """Merge ``variant`` into ``canonical``."""

    variant: Name
    canonical: Name


class RejectBody(_Body):
    """Reject ``name`` as an entity of ``type``."""

    name: Name


class RenameBody(_Body):
    """Rename ``old`` to ``new``."""

    old: Name
    new: Name


class CorrectionOut(BaseModel):
    """A recorded correction."""

    id: int
    action: str
    type: str
    name: str
    target: str | None
    note: str
    created_at: str
    active: bool
    rolled_back_at: str | None


class ChangeOut(BaseModel):
    """What a change did: the correction, the articles examined and updated, the time it took."""

    correction: CorrectionOut
    candidates: int
    updated: int
    seconds: float
    not_in_store: list[str]


def curation_enabled(settings: Settings) -> bool:
    """True when a non-empty curation token is configured."""
    token = settings.curation_token
    return token is not None and bool(token.get_secret_value())


def _check_token(settings: Settings, given: str | None) -> None:
    token = settings.curation_token
    if token is None or given is None or not secrets.compare_digest(given.encode(), token.get_secret_value().encode()):
        raise Unauthorized("A valid curation token is required.")


def require_token(
    services: Annotated[Services, Depends(get_services)],
    authorization: Annotated[str | None, Header()] = None,
) -> Services:
    """FastAPI dependency: the services, once ``Authorization: Bearer <token>`` matched the curation token."""
    scheme, _, value = (authorization or "").partition(" ")
    _check_token(services.settings, value.strip() if scheme.lower() == "bearer" else None)
    return services


Curator = Annotated[Services, Depends(require_token)]
api_router = APIRouter(prefix="/api/entities", tags=["curation"])
page_router = APIRouter(include_in_schema=False)


def _change(services: Services, action: str, entity_type: str, name: str, target: str | None, note: str) -> ChangeOut:
    try:
        request = new_correction(action, entity_type, name, target, note)
    except CorrectionError as error:
        raise BadRequest(str(error)) from error
    return _out(record_correction(services.es, services.settings, request))


def _out(outcome: ChangeOutcome) -> ChangeOut:
    done = outcome.applied
    assert done is not None
    return ChangeOut(
        correction=CorrectionOut(**outcome.corrections[0].to_json()),
        candidates=done.candidates,
        updated=done.updated,
        seconds=round(done.seconds, 3),
        not_in_store=done.not_in_store[:100],
    )


@api_router.post("/merge", response_model=ChangeOut)
def api_merge(services: Curator, body: MergeBody) -> ChangeOut:
    """Merge a variant spelling into the canonical name, in every article now."""
    return _change(services, "merge", body.type, body.variant, body.canonical, body.note)


@api_router.post("/reject", response_model=ChangeOut)
def api_reject(services: Curator, body: RejectBody) -> ChangeOut:
    """Reject a false entity: it leaves every article's entities and statements."""
    return _change(services, "reject", body.type, body.name, None, body.note)


@api_router.post("/rename", response_model=ChangeOut)
def api_rename(services: Curator, body: RenameBody) -> ChangeOut:
    """Rename an entity in every article."""
    return _change(services, "rename", body.type, body.old, body.new, body.note)


@api_router.post("/corrections/{correction_id}/rollback", response_model=ChangeOut)
def api_rollback(services: Curator, correction_id: int) -> ChangeOut:
    """Roll a correction back: the articles it changed get back what the extractor found."""
    try:
        return _out(rollback_correction(services.es, services.settings, correction_id))
    except CorrectionError as error:
        raise (NotFound if "no correction" in str(error) else Conflict)(str(error)) from error


@api_router.get("/corrections", response_model=list[CorrectionOut])
def api_corrections(services: Curator) -> list[dict[str, Any]]:
    """Every recorded correction, in the order they apply (rolled-back ones marked inactive)."""
    return [correction.to_json() for correction in list_corrections(services.settings)]


@page_router.post("/curation")
def curation_form(
    services: Annotated[Services, Depends(get_services)],
    name: Annotated[str, Form(min_length=1, max_length=MAX_NAME_LENGTH)],
    action: Annotated[Literal["merge", "reject", "rename"], Form()],
    token: Annotated[str, Form(max_length=1000)],
    target: Annotated[str, Form(max_length=MAX_NAME_LENGTH)] = "",
    type: Annotated[EntityType, Form()] = "person",
) -> RedirectResponse:
    """The person page's curation form: apply the correction, then show the corrected person (303)."""
    _check_token(services.settings, token)
    done = _change(services, action, type, name, target or None, "")
    corrected = done.correction.target
    where = f"/persons/{quote(corrected, safe='')}" if corrected else "/?" + urlencode({"q": done.correction.name})
    return RedirectResponse(where, status_code=303)


def install_curation(app: FastAPI, settings: Settings) -> bool:
    """Mount the curation routes on ``app`` when :func:`curation_enabled`; return whether they were."""
    if not curation_enabled(settings):
        return False
    app.include_router(api_router)
    app.include_router(page_router)
    return True
