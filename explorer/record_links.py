"""The record's `links` object: each entry named, and made an openrouter.ai URL only when it is safely one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from explorer.text import plain

OPENROUTER_SITE = "https://openrouter.ai"
# Longer than any real API path; a huge value is shown cut, as text, rather than carried into an href.
MAX_LINK_LENGTH = 2000
# Percent-encoding everything else (spaces, brackets, parentheses, quotes, backslashes, non-ASCII) keeps the
# URL one inert token inside a markdown link target, and stops a browser reading "\" as "/".
_URL_SAFE = "/-._~!$&'*+,;=:@%?#"

# `links.details` is `/api/v1/models/<canonical_slug>/endpoints`: the providers that serve the model.
LINK_LABELS = {"details": "Per-provider endpoints"}


@dataclass(frozen=True)
class RecordLink:
    """One entry of `links`: its key, a label for people, the value as plain text, and a URL when it is safe."""

    key: str
    label: str
    text: str
    url: str | None


def link_label(key: str) -> str:
    """'details' -> 'Per-provider endpoints'; other keys are labelled from their name."""
    return LINK_LABELS.get(key) or plain(key.replace("_", " ").strip().capitalize() or key, 80)


def openrouter_url(value: Any) -> str | None:
    """An absolute openrouter.ai URL for a site path ('/api/...') or an openrouter.ai URL; None for anything else."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_LINK_LENGTH:
        return None
    if value[: len(OPENROUTER_SITE) + 1].lower() == OPENROUTER_SITE + "/":
        path = value[len(OPENROUTER_SITE) :]
    elif value.startswith("/"):
        path = value
    else:
        return None  # javascript:, data:, other hosts, bare words: shown, never followed
    return OPENROUTER_SITE + quote(path, safe=_URL_SAFE)


def record_links(links: Any) -> list[RecordLink]:
    """Every entry of a `links` object in the record's order; [] when it is not an object."""
    if not isinstance(links, dict):
        return []
    entries = []
    for key, value in links.items():
        url = openrouter_url(value)
        if url is not None:
            text = url
        elif isinstance(value, str):
            text = plain(value, 300)
        elif value is None:
            text = "none"
        else:
            text = plain(json.dumps(value, ensure_ascii=False, default=str), 300)
        entries.append(RecordLink(str(key), link_label(str(key)), text, url))
    return entries


def links_text(links: Any) -> str | None:
    """The `links` object as one line for a table cell ('Per-provider endpoints: https://…'); None if not an object."""
    if not isinstance(links, dict):
        return None
    return "; ".join(f"{e.label}: {e.text}" for e in record_links(links)) or "none"
