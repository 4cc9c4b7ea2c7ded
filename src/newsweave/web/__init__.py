"""The web app and HTTP API (an edge of the pipeline, like the CLI): ``newsweave serve``.

- :mod:`newsweave.web.service`: what the app does, as plain Python (stories, cached briefings, ingest).
- :mod:`newsweave.web.api`: the JSON API under ``/api/v1`` (OpenAPI at ``/api/openapi.json``).
- :mod:`newsweave.web.pages`: the server-rendered pages (no script, no external assets).
- :mod:`newsweave.web.views`: the pages' HTML, and the plots as inline SVG.
- :mod:`newsweave.web.app`: the FastAPI app, its error shape and its guards (host, cross-site, size, CSP).

FastAPI is imported only here, never by the pipeline: ``import newsweave`` stays light.
"""

from __future__ import annotations

from newsweave.web.app import create_app

__all__ = ["create_app"]
