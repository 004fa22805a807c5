"""/status in AppTest: data source, freshness, upstream errors (redacted), history store, access, version."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from explorer import __version__
from explorer.status import history_text
from tests.fake_openrouter import FakeOpenRouter, Reply
from tests.history_fixtures import postgres_server
from tests.postgres_server import PostgresServer
from tests.test_model_page import shown

__all__ = ["postgres_server"]  # fixture used by name below

KEY = "sk-or-status-page-key"


def rows(at: AppTest) -> dict[str, str]:
    """Item -> value, as the page's wrapping table shows them."""
    (frame,) = [t.value for t in at.table]
    return dict(zip(map(shown, frame.iloc[:, 0]), map(shown, frame.iloc[:, 1]), strict=True))


def test_snapshot_mode_names_the_snapshot_the_sqlite_history_and_open_access(
    app_test: Callable[..., AppTest],
) -> None:
    at = app_test("pages/status.py")
    assert not at.exception
    shown = rows(at)
    assert shown["Data source"] == "bundled snapshot of 2026-08-19"
    assert shown["Data as of"].startswith("2026-08-19 (the snapshot's day; no time recorded) (")  # no made-up 00:00
    assert shown["API key"] == "not set (snapshot mode)"
    assert shown["Models"].startswith("34 ")
    assert shown["Catalog fetches since start"] == "0"
    assert shown["Upstream requests since start"] == "0 (every page and retry of those fetches)"
    assert shown["Next fetch"] == "none (snapshot mode)"
    assert shown["Access"] == "open (no sign-in)"
    assert shown["App version"] == __version__
    history = shown["History store"]
    # The two bundled dated catalogs are seeded on first open.
    assert re.fullmatch(
        r"SQLite file history\.sqlite3: 2 snapshots, \d+ model versions, 55 snapshot entries; "
        r"history since 2025-12-14",
        history,
    ), history
    assert "open the app" in " ".join(c.value for c in at.caption)


def test_live_mode_counts_upstream_requests_and_redacts_the_last_error(
    app_test: Callable[..., AppTest], api: FakeOpenRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", KEY)
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    monkeypatch.setattr("explorer.refresh.MIN_REFRESH_GAP", 0.0)  # Refresh right after the first fetch
    from components.loader import refresh_catalog

    at = app_test("pages/status.py")
    assert rows(at)["Data source"] == "live API" and rows(at)["Last upstream error"] == "none"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(.+\)", rows(at)["Data as of"])
    # The default TTL is an hour: the list just fetched is next asked for about an hour on.
    assert re.fullmatch(r"when a page runs after \d\d:\d\d:\d\d UTC \(in 60 min\)", rows(at)["Next fetch"])
    api.always = Reply(401, {"error": {"code": 401, "message": f"Invalid key {KEY}"}})
    refresh_catalog()
    at.run()
    shown = rows(at)
    assert not at.exception
    assert shown["Data source"] == "live API"  # the last good catalog stays on screen
    assert "rejected the API key" in shown["Last upstream error"]
    assert KEY not in " ".join(shown.values())
    assert shown["Catalog fetches since start"] == "2"
    assert shown["Upstream requests since start"].startswith(f"{len(api.catalog_requests())} (")
    assert len(api.catalog_requests()) == 2  # neither fetch was retried: a 401 is final
    assert re.fullmatch(r"when a page runs after \d\d:\d\d:\d\d UTC \(in 30 s\)", shown["Next fetch"])
    api.always = None  # the key works again
    refresh_catalog()
    at.run()
    recovered = rows(at)["Last upstream error"]
    fetched = re.fullmatch(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC \(.+\)", rows(at)["Data as of"])
    assert fetched is not None
    # The error stays on record, named as resolved by the fetch that worked since.
    assert recovered.startswith(f"Resolved: the fetch at {fetched.group(2)} UTC worked. Before it: OpenRouter rejected")


def test_the_last_error_leaves_when_to_try_again_to_the_next_fetch_row(
    app_test: Callable[..., AppTest], api: FakeOpenRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", KEY)
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    monkeypatch.setattr("explorer.refresh.MIN_REFRESH_GAP", 0.0)
    from components.loader import refresh_catalog

    at = app_test("pages/status.py")
    api.always = Reply(503, {"error": {"code": 503, "message": "Service overloaded"}})
    refresh_catalog()
    at.run()
    error, next_fetch = rows(at)["Last upstream error"], rows(at)["Next fetch"]
    assert error.startswith("OpenRouter is having trouble") and "This is usually temporary." in error
    # One place says when: "try Refresh in a few minutes" beside "in 30 s" would be two answers.
    assert "Refresh" not in error and "few minutes" not in error
    assert re.fullmatch(r"when a page runs after \d\d:\d\d:\d\d UTC \(in \d+ s\)", next_fetch)


def test_postgresql_history_shows_kind_host_and_rows_never_the_credentials(
    app_test: Callable[..., AppTest], postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = postgres_server.create_database().replace("postgres@", "postgres:pw-s3cret@")
    monkeypatch.setenv("EXPLORER_DATABASE_URL", url)
    at = app_test("pages/status.py")
    history = rows(at)["History store"]
    assert history.startswith("PostgreSQL database history_") and " on 127.0.0.1: 2 snapshots, " in history
    page = " ".join(str(e.value) for e in at.markdown) + history
    assert "s3cret" not in page and "postgres:" not in page


def test_an_unreachable_history_database_is_said_on_status_without_the_password(
    app_test: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.postgres_server import _free_port

    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"postgresql+psycopg://u:pw-s3cret@127.0.0.1:{_free_port()}/h")
    at = app_test("pages/status.py")
    assert not at.exception
    history = rows(at)["History store"]
    assert history == "PostgreSQL database h on 127.0.0.1: unavailable (the history database cannot be reached)"


def test_history_text_mentions_a_recent_problem_beside_the_counts() -> None:
    text = history_text("SQLite file x", {"snapshots": 3}, dt.date(2026, 1, 2), "the history database is locked")
    assert text == (
        "SQLite file x: 3 snapshots; history since 2026-01-02; last problem: the history database is locked"
    )


def test_behind_an_allow_list_a_listed_user_sees_the_access_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import ROOT
    from tests.test_access import GOOD_AUTH

    monkeypatch.setenv("EXPLORER_ALLOWED_EMAILS", "alice@team.example")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["auth"] = GOOD_AUTH
    at.user = {"is_logged_in": True, "email": "alice@team.example", "email_verified": True}
    at.run()
    at.switch_page("pages/status.py").run()
    assert not at.exception
    assert rows(at)["Access"] == "allow-list (sign-in required)"
    assert not [c for c in at.caption if "Anyone who can reach" in c.value]


def test_the_status_table_has_named_columns_and_ends_with_the_app_version(app_test: Callable[..., AppTest]) -> None:
    at = app_test("pages/status.py")
    (table,) = at.table
    assert list(table.value.columns) == ["Item", "Value"]
    assert shown(list(table.value["Item"])[-1]) == "App version"


def test_retries_count_as_upstream_requests_but_not_as_fetches(
    app_test: Callable[..., AppTest], api: FakeOpenRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", KEY)
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    api.always = Reply(502, {"error": {"code": 502, "message": "Bad gateway"}})
    shown = rows(app_test("pages/status.py"))
    assert shown["Catalog fetches since start"] == "1"
    assert shown["Upstream requests since start"] == "3 (every page and retry of those fetches)"
    assert len(api.catalog_requests()) == 3
