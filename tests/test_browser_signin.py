"""Real sign-in: Chromium through Streamlit's OIDC redirect to a real OIDC provider on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from oidc_provider_mock import run_server_in_thread

from tests.conftest import free_port

pytestmark = pytest.mark.browser

ALLOWED = "alice@team.example"
DEEP_LINK = "/model?id=baai%2Fbge-m3"


@pytest.fixture
def provider() -> Iterator[str]:
    with run_server_in_thread() as server:
        base = f"http://localhost:{server.server_port}"
        for email in (ALLOWED, "mallory@elsewhere.example"):
            requests.put(f"{base}/users/{email}", json={"email": email, "email_verified": True}, timeout=5)
        yield base


@pytest.fixture
def signed_in_server(streamlit_server, provider: str, tmp_path: Path):
    port = free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-long-random-test-cookie-secret"\n'
        'client_id = "embeddings-explorer"\n'
        'client_secret = "test-client-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    return streamlit_server("--secrets.files", str(secrets), port=port, EXPLORER_ALLOWED_EMAILS=ALLOWED)


def sign_in(page, server_url: str, email: str) -> None:
    page.get_by_role("button", name="Sign in").click()
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{server_url}/**")


def test_a_listed_user_signs_in_and_reopens_the_deep_link(signed_in_server, page) -> None:
    server = signed_in_server
    page.goto(server.url + DEEP_LINK)
    page.get_by_role("button", name="Sign in").wait_for()
    # The link is a code block, drawn after its highlighter's code arrives: wait for it, not for the button.
    page.get_by_text(server.url + DEEP_LINK).wait_for()
    assert "open this link again" in page.inner_text("body")
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    sign_in(page, server.url, ALLOWED)
    page.locator('[data-testid="stDataFrame"]').wait_for()
    assert f"Signed in as {ALLOWED}" in page.inner_text("body")
    page.goto(server.url + DEEP_LINK)
    page.get_by_text("Snapshot of 2026-08-19").first.wait_for()
    assert page.get_by_role("button", name="Sign in").count() == 0


def test_a_user_outside_the_list_is_refused(signed_in_server, page) -> None:
    server = signed_in_server
    page.goto(server.url + "/")
    sign_in(page, server.url, "mallory@elsewhere.example")
    page.get_by_text("No access").first.wait_for()
    page.get_by_role("button", name="Sign out").wait_for()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert "voyage" not in page.inner_text("body")


def test_an_allow_list_without_sign_in_fails_closed_on_a_fresh_deep_link(streamlit_server, page) -> None:
    server = streamlit_server(EXPLORER_ALLOWED_DOMAINS="team.example")
    page.goto(server.url + DEEP_LINK)
    page.get_by_text("Sign-in required, but not configured").wait_for()
    body = page.inner_text("body")
    assert "bge" not in body.casefold()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
