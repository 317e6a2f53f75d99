"""What the routes share: settings, the Elasticsearch client, the search service and the templates."""

from __future__ import annotations

from dataclasses import dataclass

from elasticsearch import Elasticsearch
from fastapi import Request
from fastapi.templating import Jinja2Templates

from newsarchive.config import Settings
from web.query_builder import search_timeout
from web.search_service import SearchService


@dataclass
class Services:
    """The app's shared objects (one per app, stored on ``app.state.services``)."""

    settings: Settings
    es: Elasticsearch
    search: SearchService
    templates: Jinja2Templates

    @property
    def alias(self) -> str:
        """The read alias every query goes through."""
        return self.settings.alias

    @property
    def timeout(self) -> str:
        """The ``timeout`` every search body carries (``settings.web_es_timeout``)."""
        return search_timeout(self.settings.web_es_timeout)


async def get_services(request: Request) -> Services:
    """FastAPI dependency: the services of the app handling ``request``. ``async`` because it does no I/O:
    FastAPI then calls it on the event loop instead of hopping to the threadpool."""
    services: Services = request.app.state.services
    return services
