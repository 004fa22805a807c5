"""Who may enter: the allow-list, the sign-in configuration check, and pages failing closed."""

from __future__ import annotations

import pytest

from components.shell import PAGE_SPECS
from explorer.access import AccessPolicy, auth_config_problems

GOOD_AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "s3cret",
    "client_id": "explorer",
    "client_secret": "x",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("emails", "domains", "email", "verified", "allowed"),
    [
        ("", "", None, None, True),
        ("alice@team.example", "", "alice@team.example", True, True),
        ("Alice@Team.Example", "", "ALICE@team.example", None, True),
        ("alice@team.example", "", "bob@team.example", True, False),
        ("", "team.example", "bob@team.example", True, True),
        ("", "@team.example", "bob@TEAM.example", True, True),
        ("", "team.example", "bob@evilteam.example", True, False),
        ("", "team.example", "bob@team.example.evil", True, False),
        ("", "team.example", "bob@team.example", False, False),
        ("alice@team.example", "", "", True, False),
        ("alice@team.example", "", None, True, False),
        ("alice@team.example, carol@x.example", "", "carol@x.example", True, True),
    ],
)
def test_the_allow_list_matches_verified_emails(emails, domains, email, verified, allowed) -> None:
    assert AccessPolicy.from_lists(emails, domains).allows(email, verified) is allowed


def test_no_lists_means_open() -> None:
    assert AccessPolicy.from_lists(None, " , ").is_open
    assert not AccessPolicy.from_lists("a@b.example", None).is_open


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"client_secret": ""}, "client_secret is missing"),
        ({"cookie_secret": None}, "cookie_secret is missing"),
        ({"redirect_uri": "http://127.0.0.1:8501/"}, "must end in /oauth2callback"),
        ({"server_metadata_url": "file:///etc/passwd"}, "must be an http(s) URL"),
    ],
)
def test_sign_in_configuration_problems_are_named(change: dict, problem: str) -> None:
    problems = auth_config_problems({**GOOD_AUTH, **change})
    assert len(problems) == 1 and problem in problems[0]


def test_complete_sign_in_configuration_has_no_problems() -> None:
    assert auth_config_problems(GOOD_AUTH) == []
    assert auth_config_problems(None) == ["there is no [auth] section in secrets.toml"]


@pytest.mark.parametrize("script", [script for script, *_ in PAGE_SPECS])
def test_with_an_allow_list_but_no_sign_in_every_page_fails_closed(app_test, monkeypatch, script: str) -> None:
    monkeypatch.setenv("EXPLORER_ALLOWED_DOMAINS", "team.example")
    at = app_test(script, id="baai/bge-m3", ids="baai/bge-m3,openai/text-embedding-3-small")
    assert not at.exception
    assert at.title[0].value == "Sign-in required, but not configured"
    assert "no [auth] section" in at.error[0].value
    assert not at.dataframe
    assert not at.get("vega_lite_chart")
    page_text = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "bge" not in page_text.casefold()


def signed_in_app(monkeypatch, user: dict, page: str | None = None):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    monkeypatch.setenv("EXPLORER_ALLOWED_EMAILS", "alice@team.example")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["auth"] = GOOD_AUTH
    at.user = user
    return at.run()


def test_a_signed_out_visitor_is_asked_to_sign_in(monkeypatch) -> None:
    at = signed_in_app(monkeypatch, {"is_logged_in": False})
    assert not at.exception
    assert at.title[0].value == "Sign in to Embeddings Explorer"
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.dataframe


def test_a_listed_user_sees_the_catalog(monkeypatch) -> None:
    at = signed_in_app(monkeypatch, {"is_logged_in": True, "email": "Alice@team.example", "email_verified": True})
    assert not at.exception
    assert len(at.dataframe[0].value) == 34
    assert any("Signed in as ` Alice@team.example `" in c.value for c in at.caption)  # an email, never a link
    assert at.button(key="shell_sign_out").label == "Sign out"


def test_a_user_outside_the_list_gets_no_access_and_a_sign_out(monkeypatch) -> None:
    at = signed_in_app(monkeypatch, {"is_logged_in": True, "email": "mallory@evil.example", "email_verified": True})
    assert not at.exception
    assert at.title[0].value == "No access"
    assert "mallory@evil.example" in at.error[0].value.replace("\\", "")
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.dataframe
