"""ASGI entry point for servers that import an app by name (``uvicorn web.asgi:app``, ``--reload``).

Settings come from the environment through :func:`newsarchive.config.load_settings`, the one place that
reads it.
"""

from __future__ import annotations

from newsarchive.config import load_settings
from web.app import create_app

app = create_app(load_settings())
