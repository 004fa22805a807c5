"""Untrusted text from the API made inert for display: no markdown, no HTML, no invisible controls."""

from __future__ import annotations

import re

# Bidi overrides/isolates and zero-width characters can disguise or reorder text.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
# Unicode category Cc is exactly these 65 code points; tab and newline are kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=>&])")


def strip_invisible(text: str) -> str:
    """Remove bidi controls, zero-width characters and other non-printing controls (newlines kept)."""
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


def escape_markdown(text: str, limit: int | None = None) -> str:
    """Text that Streamlit markdown shows literally: every markdown, HTML and directive character escaped."""
    text = strip_invisible(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def plain(text: str, limit: int | None = None) -> str:
    """Text for places that never interpret markup (tables, captions via st.text): invisibles removed, cut."""
    text = strip_invisible(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
