"""The catalog snapshot bundled with the app, used when there is no key or no network."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

SNAPSHOT_FILE = "openrouter-embeddings-2026-08-19.json"
SNAPSHOT_DATE = dt.date(2026, 8, 19)


def load_snapshot_body() -> Any:
    """The bundled response body exactly as OpenRouter served it."""
    text = resources.files("explorer").joinpath("data", SNAPSHOT_FILE).read_text(encoding="utf-8")
    return json.loads(text)
