"""Typed errors for everything that can go wrong upstream, each naming what happened and what to do."""

from __future__ import annotations

import re

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


class CatalogUnavailable(Exception):
    """The live catalog could not be fetched or understood."""

    what = "The catalog could not be loaded"
    advice = "Try Refresh in a few minutes."

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
    def summary(self) -> str:
        """One line: what happened, upstream's words, what to do."""
        parts = [self.what + (f" (HTTP {self.status})" if self.status else "")]
        if self.detail:
            parts.append(self.detail)
        if self.upstream_message:
            parts.append(f"OpenRouter said: “{self.upstream_message}”")
        parts.append(self.advice)
        return ". ".join(p.rstrip(".") for p in parts) + "."


class AuthFailed(CatalogUnavailable):
    what = "OpenRouter rejected the API key"
    advice = "Check OPENROUTER_API_KEY: it may be missing, mistyped, revoked or disabled"


class AccessDenied(CatalogUnavailable):
    what = "OpenRouter refused access to the model list"
    advice = "Check that this key is allowed to list models, or use another key in OPENROUTER_API_KEY"


class PaymentRequired(CatalogUnavailable):
    what = "The OpenRouter account behind the key is out of credits"
    advice = "Add credits at openrouter.ai/settings/credits, or use another key"


class RateLimited(CatalogUnavailable):
    what = "OpenRouter is rate-limiting this app"

    @property
    def advice(self) -> str:  # type: ignore[override]
        if self.retry_after:
            return f"Wait about {int(self.retry_after)} s, then Refresh"
        return "Wait a minute, then Refresh"


class UpstreamDown(CatalogUnavailable):
    what = "OpenRouter is having trouble"
    advice = "This is usually temporary: try Refresh in a few minutes"


class Unreachable(UpstreamDown):
    what = "OpenRouter could not be reached"
    advice = "Check this server's network and OPENROUTER_BASE_URL, then Refresh"


class UpstreamTimeout(CatalogUnavailable):
    what = "OpenRouter took too long to answer"
    advice = "Try Refresh later; if it persists raise EXPLORER_FETCH_TIMEOUT"


class RequestRejected(CatalogUnavailable):
    what = "OpenRouter rejected the request"
    advice = "Check OPENROUTER_BASE_URL: it should end in /api/v1"


class BadResponse(CatalogUnavailable):
    what = "OpenRouter sent a response this app cannot read"
    advice = "Check OPENROUTER_BASE_URL, then try Refresh later"


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
