"""The web app: ``create_app(settings, es)`` builds the FastAPI application (JSON API, pages, feed, docs).

Nothing here reads the environment: settings are passed in. Every read goes through ``settings.alias``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
import swagger_ui_bundle
from elasticsearch import AsyncElasticsearch, Elasticsearch
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsarchive.config import PROJECT_ROOT, Settings
from newsarchive.es_client import make_async_client, make_client
from web import page_views
from web.articles import split_evidence
from web.errors import WebError
from web.routes_api import router as api_router
from web.routes_pages import router as pages_router
from web.search_service import SearchService
from web.services import Services

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
#: Swagger UI's own files, shipped by the ``swagger-ui-bundle-v2`` package (no CDN).
SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)


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


def _error_response(request: Request, status_code: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status_code)
    services: Services = request.app.state.services
    return services.templates.TemplateResponse(
        request,
        "error.html",
        {"status_code": status_code, "message": message},
        status_code=status_code,
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        location = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{location}: {error.get('msg', 'invalid value')}")
    return "Invalid request: " + "; ".join(parts)


def create_app(settings: Settings, es: Elasticsearch | None = None, aes: AsyncElasticsearch | None = None) -> FastAPI:
    """Build the web app for ``settings``; ``es`` is the Elasticsearch client and ``aes`` its asyncio twin
    for the searches of the search page, the search API and the feed (each made from the settings when
    None; the app closes ``aes`` when it stops). Routes: the JSON API under /api, the pages /,
    /articles/{id}, /persons/{name}, the Atom feed /feed.atom, OpenAPI at /openapi.json and Swagger UI at
    /docs (served locally)."""
    client = es if es is not None else make_client(settings)
    async_client = aes if aes is not None else make_async_client(settings)

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
        search=SearchService(client, settings.alias, async_client),
        templates=make_templates(),
    )
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_DIR), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="newsarchive API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    @app.exception_handler(WebError)
    def web_error(request: Request, exc: WebError) -> Response:
        return _error_response(request, exc.status_code, exc.message)

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 400, _validation_message(exc))

    @app.exception_handler(404)
    def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", None) or "Not found."
        return _error_response(request, 404, str(detail))

    app.include_router(api_router)
    app.include_router(pages_router)
    return app
