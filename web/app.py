"""The web app: ``create_app(settings, es)`` builds the FastAPI application (JSON API, pages, feed, docs).

Nothing here reads the environment: settings are passed in. Every read goes through ``settings.alias``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
import swagger_ui_bundle
from elasticsearch import ApiError, AsyncElasticsearch, Elasticsearch, TransportError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsarchive.config import PROJECT_ROOT, Settings
from newsarchive.es_client import make_async_client, make_client
from web import page_views
from web.articles import split_evidence
from web.curation import install_curation
from web.errors import Unavailable, WebError, api_failure, transport_failure
from web.query_builder import search_timeout
from web.routes_api import router as api_router
from web.routes_pages import router as pages_router
from web.search_service import SearchService
from web.security_headers import install_security_headers
from web.services import Services

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
#: Swagger UI's own files, shipped by the ``swagger-ui-bundle-v2`` package (no CDN).
SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)
#: Retries of a failed or timed-out Elasticsearch request by the web app's clients (so a stuck node
#: answers within ``web_es_timeout * (WEB_ES_RETRIES + 1)`` seconds).
WEB_ES_RETRIES = 1
#: Seconds a reader is asked to wait (``Retry-After``) when search is temporarily unavailable.
RETRY_AFTER_SECONDS = 30


def make_templates() -> Jinja2Templates:
    """The Jinja2 environment of the pages: autoescape on for every template, strict undefined. Templates
    are compiled once and not re-checked on disk at each render (``auto_reload=False``): restart to pick up
    edits (``newsarchive serve --reload`` restarts on changes)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        person_url=page_views.person_url,
        article_url=page_views.article_url,
        filter_url=page_views.filter_url,
        stance_label=page_views.stance_label,
        speaker_stance_label=page_views.speaker_stance_label,
        split_evidence=split_evidence,
    )
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/feed.atom"


def _error_response(request: Request, status_code: int, message: str, *, temporary: bool = False) -> Response:
    """``{"detail": message}`` under /api (and for the feed), else the HTML error page; a ``temporary``
    failure (search engine down or stuck) also carries ``Retry-After`` and, for pages, the "search is
    unavailable" page."""
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if temporary else None
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status_code, headers=headers)
    services: Services = request.app.state.services
    return services.templates.TemplateResponse(
        request,
        "unavailable.html" if temporary else "error.html",
        {"status_code": status_code, "message": message, "retry_after": RETRY_AFTER_SECONDS},
        status_code=status_code,
        headers=headers,
    )


def _web_error_response(request: Request, exc: WebError) -> Response:
    temporary = isinstance(exc, Unavailable) and exc.temporary
    return _error_response(request, exc.status_code, exc.message, temporary=temporary)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        location = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{location}: {error.get('msg', 'invalid value')}")
    return "Invalid request: " + "; ".join(parts)


def create_app(settings: Settings, es: Elasticsearch | None = None, aes: AsyncElasticsearch | None = None) -> FastAPI:
    """Build the web app for ``settings``; ``es`` is the Elasticsearch client and ``aes`` its asyncio twin
    for the searches of the search page, the search API and the feed (each made from the settings when
    None; the app closes ``aes`` when it stops). Both are used with ``settings.web_es_timeout`` per request
    and at most :data:`WEB_ES_RETRIES` retry; Elasticsearch failures are answered in the archive's own words
    (503 with ``Retry-After`` when temporary). Routes: the JSON API under /api, the pages /,
    /articles/{id}, /persons/{name}, the Atom feed /feed.atom, OpenAPI at /openapi.json and Swagger UI at
    /docs (served locally)."""
    # The web app waits at most web_es_timeout per attempt, with one retry, whoever made the clients.
    timeout, retries = settings.web_es_timeout, WEB_ES_RETRIES
    client = (es if es is not None else make_client(settings)).options(request_timeout=timeout, max_retries=retries)
    async_client = (aes if aes is not None else make_async_client(settings)).options(
        request_timeout=timeout, max_retries=retries
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await async_client.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsarchive",
        summary="Search a news archive: who said what, about which country, when.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.services = Services(
        settings=settings,
        es=client,
        search=SearchService(client, settings.alias, async_client, search_timeout(settings.web_es_timeout)),
        templates=make_templates(),
    )
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_DIR), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_docs(request: Request) -> HTMLResponse:  # Swagger UI started by a static script (CSP)
        services: Services = request.app.state.services
        return services.templates.TemplateResponse(request, "api_docs.html", {})

    @app.exception_handler(WebError)
    def web_error(request: Request, exc: WebError) -> Response:
        return _web_error_response(request, exc)

    # Safety nets: an Elasticsearch failure that escaped web.errors.elasticsearch_errors is answered in the
    # archive's own words too (never with Elasticsearch's text, never as a bare 500).
    @app.exception_handler(TransportError)
    def transport_error(request: Request, exc: TransportError) -> Response:
        return _web_error_response(request, transport_failure(exc))

    @app.exception_handler(ApiError)
    def api_error(request: Request, exc: ApiError) -> Response:
        return _web_error_response(request, api_failure(exc, settings.alias))

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 400, _validation_message(exc))

    @app.exception_handler(404)
    def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", None) or "Not found."
        return _error_response(request, 404, str(detail))

    # Entity curation (off unless settings.curation_token is set): its routes, and the person page's form.
    app.state.services.templates.env.globals["curation_enabled"] = install_curation(app, settings)
    app.include_router(api_router)
    app.include_router(pages_router)
    install_security_headers(app)
    return app
