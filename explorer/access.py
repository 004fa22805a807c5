"""Who may open the app: an allow-list of emails and domains, and whether sign-in is configured."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


def _entries(raw: str | None) -> frozenset[str]:
    return frozenset(part.strip().casefold().lstrip("@") for part in (raw or "").split(",") if part.strip())


@dataclass(frozen=True)
class AccessPolicy:
    """Empty lists mean the app is open (local use)."""

    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    @classmethod
    def from_lists(cls, emails: str | None, domains: str | None) -> AccessPolicy:
        return cls(_entries(emails), _entries(domains))

    @property
    def is_open(self) -> bool:
        return not self.emails and not self.domains

    @property
    def mode(self) -> str:
        return "open (no sign-in)" if self.is_open else "allow-list (sign-in required)"

    def allows(self, email: object, email_verified: object = None) -> bool:
        """True when the signed-in email is listed or in a listed domain, and not marked unverified."""
        if self.is_open:
            return True
        if not isinstance(email, str) or "@" not in email or email_verified is False:
            return False
        email = email.strip().casefold()
        return email in self.emails or email.rpartition("@")[2] in self.domains


def auth_config_problems(auth: Mapping[str, Any] | None) -> list[str]:
    """What is missing or wrong in the [auth] secrets section for st.login to work."""
    if not auth:
        return ["there is no [auth] section in secrets.toml"]
    problems = [f"[auth] {key} is missing" for key in AUTH_KEYS if not str(auth.get(key) or "").strip()]
    redirect = str(auth.get("redirect_uri") or "")
    if redirect and not redirect.rstrip("/").endswith("/oauth2callback"):
        problems.append("[auth] redirect_uri must end in /oauth2callback")
    metadata = str(auth.get("server_metadata_url") or "")
    if metadata and urlsplit(metadata).scheme not in ("http", "https"):
        problems.append("[auth] server_metadata_url must be an http(s) URL")
    return problems
