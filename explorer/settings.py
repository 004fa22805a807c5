"""Every setting the app reads, validated in one place from environment and secrets."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from explorer.access import AccessPolicy
from explorer.fetch import DEFAULT_BASE_URL

DEFAULT_CACHE_TTL = 3600
DEFAULT_FETCH_TIMEOUT = 15.0


@dataclass(frozen=True)
class Settings:
    api_key: str | None = field(default=None, repr=False)
    base_url: str = DEFAULT_BASE_URL
    cache_ttl: int = DEFAULT_CACHE_TTL
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    access: AccessPolicy = field(default_factory=AccessPolicy)
    problems: tuple[str, ...] = ()  # bad values, each replaced by its default

    @property
    def live(self) -> bool:
        return bool(self.api_key)


def _lookup(name: str, env: Mapping[str, str], secrets: Mapping[str, Any]) -> str | None:
    value = env.get(name)
    if value is None or value.strip() == "":
        secret = secrets.get(name)
        value = str(secret) if secret is not None else None
    value = value.strip() if value is not None else None
    return value or None


def _positive_number(name: str, raw: str | None, default: float, problems: list[str]) -> float:
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        problems.append(f"{name} must be a number of seconds, got {raw[:40]!r}; using {default:g}")
        return default
    if not math.isfinite(value) or value <= 0:
        problems.append(f"{name} must be more than 0 seconds, got {raw[:40]!r}; using {default:g}")
        return default
    return value


def load_settings(env: Mapping[str, str], secrets: Mapping[str, Any] | None = None) -> Settings:
    """Read settings (environment first, then secrets); a bad value falls back to its default and is named."""
    secrets = secrets or {}
    problems: list[str] = []
    api_key = _lookup("OPENROUTER_API_KEY", env, secrets)
    if api_key is not None and (any(ch.isspace() for ch in api_key) or not api_key.isprintable()):
        problems.append("OPENROUTER_API_KEY contains spaces or control characters, so it was ignored")
        api_key = None
    base_url = _lookup("OPENROUTER_BASE_URL", env, secrets) or DEFAULT_BASE_URL
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"OPENROUTER_BASE_URL must be an http(s) URL such as {DEFAULT_BASE_URL}")
        base_url = DEFAULT_BASE_URL
    elif parts.username is not None or parts.password is not None:
        # Credentials in the URL would be shown on /status and in error messages, and requests sends them as
        # Basic auth in place of the API key. The message names neither the user nor the password.
        problems.append(
            "OPENROUTER_BASE_URL must not hold a user name or password (they would replace the API key and be"
            " shown on /status); a proxy that needs them goes in HTTPS_PROXY"
        )
        base_url = DEFAULT_BASE_URL
    ttl = _positive_number(
        "EXPLORER_CACHE_TTL", _lookup("EXPLORER_CACHE_TTL", env, secrets), DEFAULT_CACHE_TTL, problems
    )
    timeout = _positive_number(
        "EXPLORER_FETCH_TIMEOUT", _lookup("EXPLORER_FETCH_TIMEOUT", env, secrets), DEFAULT_FETCH_TIMEOUT, problems
    )
    return Settings(
        api_key=api_key,
        base_url=base_url.rstrip("/"),
        cache_ttl=max(1, int(ttl)),
        fetch_timeout=timeout,
        access=AccessPolicy.from_lists(
            _lookup("EXPLORER_ALLOWED_EMAILS", env, secrets), _lookup("EXPLORER_ALLOWED_DOMAINS", env, secrets)
        ),
        problems=tuple(problems),
    )
