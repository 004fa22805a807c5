"""Untrusted text from the API made inert for display: no markdown, no HTML, no invisible controls."""

from __future__ import annotations

import re

# Bidi overrides/isolates and zero-width characters can disguise or reorder text.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
# Unicode category Cc is exactly these 65 code points; tab and newline are kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# "/" too: Streamlit turns ":material/name:" into an icon before it parses the markdown, so an escaped colon
# alone still shows an icon; an escaped slash breaks the pattern it looks for.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=>&/])")


def strip_invisible(text: str) -> str:
    """Remove bidi controls, zero-width characters and other non-printing controls (newlines kept)."""
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


# Words that GFM renderers make links even when every markdown character is escaped: a scheme's "://",
# "www." and an email's "@" (Streamlit's markdown links "http\\://x" as it links "http://x").
_LINKABLE_WORD = re.compile(r"\S*(?:://|www\.|@)\S*", re.IGNORECASE)


def escape_markdown(text: str, limit: int | None = None) -> str:
    """Text that Streamlit markdown shows literally and links nothing: every markdown, HTML and directive
    character escaped, and any word a renderer would make a link (a URL, www., an email) set as inline code."""
    text = strip_invisible(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    parts, start = [], 0
    for word in _LINKABLE_WORD.finditer(text):
        parts += [_MARKDOWN_SPECIAL.sub(r"\\\1", text[start : word.start()]), code_span(word.group())]
        start = word.end()
    parts.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[start:]))
    return "".join(parts).replace("\n", " ")


def code_span(text: str) -> str:
    """Inline code showing `text` literally, whatever backticks it holds: the fence is longer than any run inside."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def plain(text: str, limit: int | None = None) -> str:
    """Text for places that never interpret markup (tables, captions via st.text): invisibles removed, cut."""
    text = strip_invisible(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
