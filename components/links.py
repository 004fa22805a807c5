"""The one place that knows page paths and query parameters. Links are relative, so they work under any base path."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlencode

CATALOG_PATH = ""
MODEL_PATH = "model"
COMPARE_PATH = "compare"
PRICING_PATH = "pricing"
CALCULATOR_PATH = "calculator"
CHANGES_PATH = "changes"
STATUS_PATH = "status"

# Script behind each page path, for st.page_link (in-app navigation that keeps the session).
SCRIPTS = {
    CATALOG_PATH: "pages/catalog.py",
    MODEL_PATH: "pages/model.py",
    COMPARE_PATH: "pages/compare.py",
    PRICING_PATH: "pages/pricing.py",
    CALCULATOR_PATH: "pages/calculator.py",
    CHANGES_PATH: "pages/changes.py",
    STATUS_PATH: "pages/status.py",
}
Target = tuple[str, dict[str, str]]

# Query parameters that only one page reads. Another page opened with them got them from the browser's Back:
# Streamlit then keeps the query of the page left (Compare's ids on the catalog), so that page drops them.
PICKED_PARAM = "picked"  # the catalog's picked models
PAGE_PARAMS: dict[str, tuple[str, ...]] = {MODEL_PATH: ("id",), COMPARE_PATH: ("ids",), CATALOG_PATH: (PICKED_PARAM,)}


def _link(path: str, params: Mapping[str, str] | None = None) -> str:
    query = urlencode({k: v for k, v in (params or {}).items() if v not in ("", None)}, quote_via=quote)
    target = path or "./"
    return f"{target}?{query}" if query else target


def catalog_link(**params: str) -> str:
    return _link(CATALOG_PATH, params)


def model_link(model_id: str, label: str | None = None) -> str:
    """Detail page link; a label rides in the fragment (never sent to the server) for table cells to show."""
    link = _link(MODEL_PATH, {"id": model_id})
    return f"{link}#{quote(label, safe='')}" if label else link


def compare_link(model_ids: Iterable[str]) -> str:
    return _link(COMPARE_PATH, {"ids": ",".join(model_ids)})


def model_target(model_id: str) -> Target:
    """(script, query params) for st.page_link to a model's detail page."""
    return SCRIPTS[MODEL_PATH], {"id": model_id}


def compare_target(model_ids: Iterable[str]) -> Target:
    return SCRIPTS[COMPARE_PATH], {"ids": ",".join(model_ids)}


def changes_link(**params: str) -> str:
    """The change feed, optionally filtered: changes_link(kind="price_changed", provider="openai")."""
    return _link(CHANGES_PATH, params)


def pricing_link(**params: str) -> str:
    return _link(PRICING_PATH, params)


def openrouter_model_url(model_id: str) -> str:
    return "https://openrouter.ai/" + quote(model_id, safe="/:")


def hugging_face_url(hugging_face_id: str) -> str:
    return "https://huggingface.co/" + quote(hugging_face_id, safe="/")


def markdown_url(url: str) -> str:
    """A URL safe inside a markdown link target: brackets, parentheses and spaces percent-encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def source_label(url: str) -> str:
    """'docs.voyageai.com/embeddings' for a source link's text: host and path, no scheme, trimmed."""
    text = url.split("://", 1)[-1].rstrip("/")
    return text if len(text) <= 60 else text[:59] + "…"
