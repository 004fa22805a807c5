"""Typed errors for everything that can go wrong upstream, each naming what happened and what to do."""

from __future__ import annotations

import math
import re

CREDITS_URL = "https://openrouter.ai/settings/credits"
# Only an openrouter.ai address is repeated as advice: the body is untrusted text.
_OPENROUTER_URL = re.compile(r"https://openrouter\.ai/[A-Za-z0-9/_\-]*[A-Za-z0-9/]")
_KEY_SHAPE = re.compile(r"sk-or-[A-Za-z0-9_\-]{4,}")
_MAX_UPSTREAM_MESSAGE = 300


def redact(text: str, secret: str | None = None) -> str:
    """Remove the API key (and anything shaped like an OpenRouter key) from a message."""
    if secret:
        text = text.replace(secret, "[redacted key]")
    return _KEY_SHAPE.sub("sk-or-[redacted]", text)


def shorten(text: str, limit: int = _MAX_UPSTREAM_MESSAGE) -> str:
    """Collapse whitespace and cut text to a readable length."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def credits_url(upstream_message: str | None) -> str:
    """The openrouter.ai address an error message names, else the credits page."""
    found = _OPENROUTER_URL.search(upstream_message or "")
    return found.group() if found else CREDITS_URL


class CatalogUnavailable(Exception):
    """The live catalog could not be fetched or understood."""

    what = "The catalog could not be loaded"
    advice = "Try Refresh in a few minutes."
    # What the advice still says once an automatic try is scheduled: the page's timing sentence then says when
    # that try comes, which replaces a "try Refresh later". None: the advice holds whole (a key to fix).
    retry_note: str | None = ""
    # Said of Refresh beside the time of the next automatic try.
    sooner = "Refresh can try sooner"

    def __init__(
        self,
        detail: str = "",
        *,
        status: int | None = None,
        upstream_message: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.detail = detail
        self.status = status
        self.upstream_message = upstream_message
        self.retry_after = retry_after
        super().__init__(self.summary)

    @property
    def headline(self) -> str:
        """One sentence: what happened, with the HTTP status and the detail."""
        text = self.what + (f" (HTTP {self.status})" if self.status else "")
        return sentence(f"{text}: {self.detail}" if self.detail else text)

    @property
    def upstream_said(self) -> str:
        """OpenRouter's own words as one sentence, or '' when it gave none."""
        if not self.upstream_message:
            return ""
        quoted = f"OpenRouter said: “{self.upstream_message}”"
        # A message that ends its own sentence ("User not found.") needs no second full stop.
        return quoted if self.upstream_message.endswith(_SENTENCE_ENDS) else quoted + "."

    @property
    def summary(self) -> str:
        """What happened, upstream's words, what to do: each its own sentence."""
        return " ".join(part for part in (self.headline, self.upstream_said, sentence(self.advice)) if part)

    @property
    def summary_while_retrying(self) -> str:
        """The summary for a page that goes on to say when the next automatic try is: one instruction, not two."""
        note = self.advice if self.retry_note is None else self.retry_note
        return " ".join(part for part in (self.headline, self.upstream_said, sentence(note)) if part)


_SENTENCE_ENDS = (".", "!", "?", "…")


def sentence(text: str) -> str:
    """Text as a sentence: a capital first letter and one closing full stop."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith(_SENTENCE_ENDS) else text + "."


class AuthFailed(CatalogUnavailable):
    what = "OpenRouter rejected the API key"
    advice = "Check OPENROUTER_API_KEY: it may be missing, mistyped, revoked or disabled"
    retry_note = None


class AccessDenied(CatalogUnavailable):
    what = "OpenRouter refused access to the model list"
    advice = "Check that this key is allowed to list models, or use another key in OPENROUTER_API_KEY"
    retry_note = None


class PaymentRequired(CatalogUnavailable):
    what = "The OpenRouter account behind the key is out of credits"
    retry_note = None

    @property
    def advice(self) -> str:  # type: ignore[override]
        # Send people where OpenRouter's own message does, so the two never disagree.
        return f"Add credits at {credits_url(self.upstream_message)}, or use another key"


class RateLimited(CatalogUnavailable):
    what = "OpenRouter is rate-limiting this app"
    sooner = "a Refresh before then may meet the same limit"

    @property
    def advice(self) -> str:  # type: ignore[override]
        if self.retry_after:
            # Said as what OpenRouter asked, not as a countdown: the page adds when it asked and when the wait ends.
            return f"Refresh once the pause of {math.ceil(self.retry_after)} s that OpenRouter asked for is over"
        return "Wait a minute, then Refresh"


class UpstreamDown(CatalogUnavailable):
    what = "OpenRouter is having trouble"
    advice = "This is usually temporary: try Refresh in a few minutes"
    retry_note = "This is usually temporary"


class Unreachable(UpstreamDown):
    what = "OpenRouter could not be reached"
    advice = "Check this server's network and OPENROUTER_BASE_URL, then Refresh"
    retry_note = "Check this server's network and OPENROUTER_BASE_URL"


class UpstreamTimeout(CatalogUnavailable):
    what = "OpenRouter took too long to answer"
    advice = "Try Refresh later; if it persists raise EXPLORER_FETCH_TIMEOUT"
    retry_note = "If it persists, raise EXPLORER_FETCH_TIMEOUT"


class IncompleteCatalog(CatalogUnavailable):
    what = "OpenRouter sent an incomplete model list"
    advice = "The short list was not used; try Refresh in a few minutes"
    retry_note = "The short list was not used"


class NoModels(CatalogUnavailable):
    what = "OpenRouter returned no models"
    advice = "The last good list stays; try Refresh in a few minutes"
    retry_note = "The last good list stays"


class RequestRejected(CatalogUnavailable):
    what = "OpenRouter rejected the request"
    advice = "Check OPENROUTER_BASE_URL: it should end in /api/v1"
    retry_note = None


class BadResponse(CatalogUnavailable):
    what = "OpenRouter sent a response this app cannot read"
    advice = "Check OPENROUTER_BASE_URL, then try Refresh later"
    retry_note = "Check OPENROUTER_BASE_URL"


def error_for_status(status: int, upstream_message: str | None, retry_after: float | None = None) -> CatalogUnavailable:
    """Map an HTTP status (or an error body's code) to the error a user can act on."""
    kinds: dict[int, type[CatalogUnavailable]] = {
        401: AuthFailed,
        402: PaymentRequired,
        403: AccessDenied,
        408: UpstreamTimeout,
        429: RateLimited,
        524: UpstreamTimeout,
    }
    if status in kinds:
        kind = kinds[status]
    elif status >= 500:
        kind = UpstreamDown
    else:
        kind = RequestRejected
    detail = "no such endpoint at this address" if status == 404 else ""
    return kind(detail, status=status, upstream_message=upstream_message, retry_after=retry_after)
