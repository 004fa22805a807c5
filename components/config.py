"""Settings accessor: st.secrets when a secrets file exists, the environment otherwise (environment wins)."""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from explorer.settings import Settings, load_settings

SETTING_NAMES = (
    "OPENROUTER_API_KEY",
    "OPENROUTER_BASE_URL",
    "EXPLORER_CACHE_TTL",
    "EXPLORER_FETCH_TIMEOUT",
    "EXPLORER_ALLOWED_EMAILS",
    "EXPLORER_ALLOWED_DOMAINS",
    "EXPLORER_DATABASE_URL",
    "EXPLORER_DATA_DIR",
)


def _secrets() -> dict[str, Any]:
    if not st.secrets.load_if_toml_exists():
        return {}
    return {name: st.secrets[name] for name in SETTING_NAMES if name in st.secrets}


def get_settings() -> Settings:
    return load_settings(os.environ, _secrets())


def auth_secrets() -> dict[str, Any]:
    """The [auth] section of secrets.toml, or {} when there is none."""
    if not st.secrets.load_if_toml_exists() or "auth" not in st.secrets:
        return {}
    return dict(st.secrets["auth"])
