"""The /changes page in AppTest: seeded history, a live change recorded by the loader, filters from the URL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fake_openrouter import FakeOpenRouter
from tests.history_fixtures import ROOT, changed_catalog, history_records

ENTRY = """
from components import links, shell

spec = (links.SCRIPTS[links.CHANGES_PATH], "Changes", links.CHANGES_PATH)
if spec not in shell.PAGE_SPECS:
    shell.PAGE_SPECS.append(spec)
shell.run_app()
"""


@pytest.fixture
def changes_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """open(**query) -> AppTest of /changes, with the history in a fresh data directory."""
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("EXPLORER_DATABASE_URL", raising=False)
    # An entrypoint beside the real pages that also registers /changes, whatever the shell's list holds.
    app = tmp_path / "app" / "app.py"
    app.parent.mkdir()
    app.write_text(ENTRY)
    (app.parent / "pages").symlink_to(ROOT / "pages")

    def open_(**query: str) -> AppTest:
        at = AppTest.from_file(str(app), default_timeout=30)
        at.run()
        at.switch_page("pages/changes.py")
        for name, value in query.items():
            at.query_params[name] = value
        return at.run()

    return open_


@pytest.fixture
def live_api(api: FakeOpenRouter, monkeypatch: pytest.MonkeyPatch) -> FakeOpenRouter:
    """The loopback API as the app's live source: each page fetch is recorded in the history."""
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    return api


def texts(at: AppTest) -> str:
    parts = [e.value for e in at.subheader] + [e.value for e in at.caption] + [e.value for e in at.text]
    parts += [str(p.proto.label) for p in at.get("page_link")]
    return "\n".join(parts)


def test_seeded_history_shows_the_first_changes_and_since_when(changes_page) -> None:
    at = changes_page()
    assert not at.exception
    body = texts(at)
    assert "History since 2025-12-14" in body
    assert "2026-08-19" in body
    assert "Added: Google: Gemini Embedding 2" in body.replace("\\", "")
    assert {m.label: m.value for m in at.metric} == {"Added": "13", "Context length changed": "1"}


def test_filters_come_from_the_url(changes_page) -> None:
    at = changes_page(kind="context_changed")
    assert [m.value for m in at.metric] == ["1"]
    assert "BAAI: bge-m3" in texts(at).replace("\\", "")
    assert "Gemini" not in texts(at)


def test_a_live_change_recorded_by_the_loader_shows_a_removal_and_a_price_cut(
    changes_page, live_api: FakeOpenRouter
) -> None:
    live_api.records = list(changed_catalog(history_records()).values())
    at = changes_page()
    body = texts(at).replace("\\", "")
    assert "Price cut: OpenAI: Text Embedding 3 Small $0.02 → $0.015 / M (−25%)" in body
    assert "Removed: BAAI: bge-m3  (baai/bge-m3 is no longer listed)" in body
    assert {m.label: m.value for m in at.metric}["Removed"] == "1"


def test_an_unreachable_database_is_a_warning_and_the_catalog_still_loads(
    changes_page, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.postgres_server import _free_port

    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"postgresql+psycopg://u:pw-s3cret@127.0.0.1:{_free_port()}/h")
    at = changes_page()
    assert not at.exception
    (warning,) = at.warning
    assert "History is unavailable: the history database cannot be reached" in warning.value
    assert "s3cret" not in warning.value and "127.0.0.1" not in warning.value
    assert "No changes recorded yet." in [i.value for i in at.info]


def test_downloads_carry_the_filtered_events(changes_page) -> None:
    at = changes_page(kind="context_changed")
    assert not at.exception and os.environ["EXPLORER_DATA_DIR"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download JSON"]


def test_a_long_feed_draws_a_hundred_changes_and_more_on_request(changes_page, live_api: FakeOpenRouter) -> None:
    base = history_records()["openai/text-embedding-3-small"]
    added = [{**base, "id": f"acme/embed-{i:03d}", "name": f"Acme: Embed {i:03d}"} for i in range(150)]
    live_api.records = [*history_records().values(), *added]
    at = changes_page(kind="added")
    assert {m.label: m.value for m in at.metric} == {"Added": "163"}  # 150 today and 13 seeded
    assert len(at.get("page_link")) == 100
    assert any("Showing the newest 100 of 163 changes" in c.value for c in at.caption)
    (more,) = [b for b in at.button if b.label == "Show 63 more"]
    more.click().run()
    assert not at.exception
    assert len(at.get("page_link")) == 163
    assert not [b for b in at.button if "more" in b.label]


def test_a_shared_link_with_a_kind_id_still_filters_and_the_filter_reads_as_words(
    changes_page, live_api: FakeOpenRouter
) -> None:
    live_api.records = list(changed_catalog(history_records()).values())
    at = changes_page(kind="price_changed")
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {"Price changed": "1"}
    body = texts(at).replace("\\", "")
    assert "Price cut: OpenAI: Text Embedding 3 Small" in body and "Removed:" not in body
    kind = at.multiselect(key="kind")
    assert kind.value == ["price_changed"] and kind.values == ["Price changed"]
    assert "Price changed" in kind.options and not [o for o in kind.options if "_" in o]
    assert at.query_params["kind"] == "price_changed"  # the link stays as it was shared


def test_picked_kinds_go_into_the_url_as_ids_and_leave_it_when_cleared(changes_page) -> None:
    at = changes_page()
    assert "kind" not in at.query_params
    at.multiselect(key="kind").select("context_changed").run()
    assert at.query_params["kind"] == "context_changed"
    assert [m.value for m in at.metric] == ["1"]
    at.multiselect(key="kind").select("added").run()
    assert at.query_params["kind"] == ["context_changed", "added"]
    assert {m.label: m.value for m in at.metric} == {"Added": "13", "Context length changed": "1"}
    at.multiselect(key="kind").set_value([]).run()
    assert "kind" not in at.query_params
    assert not at.exception


def test_back_to_the_page_from_another_shows_the_kinds_its_address_holds(changes_page) -> None:
    at = changes_page()
    at.multiselect(key="kind").select("added").run()
    assert at.query_params["kind"] == "added"
    at.switch_page("pages/status.py").run()  # another page: the Kind widget's value is dropped
    at.query_params["kind"] = "added"  # Back: the browser sends this page's address again
    at.switch_page("pages/changes.py").run()
    assert not at.exception
    assert at.multiselect(key="kind").value == ["added"]
    assert at.query_params["kind"] == "added"  # not written away by an empty widget
    assert [m.label for m in at.metric] == ["Added"]


def test_unknown_kinds_in_a_link_are_dropped_from_the_filter_and_the_url(changes_page) -> None:
    at = changes_page(kind=["Price changed", "context_changed", "bogus", "context_changed"])
    assert not at.exception
    assert at.multiselect(key="kind").value == ["context_changed"]
    assert at.query_params["kind"] == "context_changed"
    assert [m.value for m in at.metric] == ["1"]


def test_a_url_changed_from_outside_the_page_moves_the_kind_filter(changes_page) -> None:
    at = changes_page(kind="context_changed")
    at.query_params["kind"] = "added"  # the browser went back to an earlier link
    at.run()
    assert at.multiselect(key="kind").value == ["added"]
    assert {m.label: m.value for m in at.metric} == {"Added": "13"}


def test_a_pick_wins_over_a_url_the_browser_had_not_caught_up_with(changes_page) -> None:
    at = changes_page()
    at.multiselect(key="kind").select("context_changed").run()
    del at.query_params["kind"]  # a second pick sent before the browser took in the URL of the first
    at.multiselect(key="kind").select("added").run()
    assert at.multiselect(key="kind").value == ["context_changed", "added"]
    assert at.query_params["kind"] == ["context_changed", "added"]


def test_link_values_the_filters_cannot_take_are_named_and_the_rest_still_filters(changes_page) -> None:
    at = changes_page(since="garbage", provider="nope", kind="added")
    warnings = [w.value.replace("\\", "") for w in at.warning]  # markdown-escaped URL text
    assert "The link's since=garbage is not a date like 2026-08-19, so every date is shown." in warnings
    assert "The link's provider=nope matches no provider in the history, so it was ignored." in warnings
    assert not any("kind=" in w for w in warnings)
    assert {m.label for m in at.metric} == {"Added"}  # the kind that was understood still applies
    # What was ignored leaves the URL, so a link copied from the address bar reopens this view cleanly.
    assert "since" not in at.query_params and "provider" not in at.query_params
    assert at.query_params["kind"] in ("added", ["added"])  # AppTest reads one value or a list


def test_a_clean_link_raises_no_warning(changes_page) -> None:
    at = changes_page(since="2026-01-01", provider="google", kind="added")
    assert not at.warning
    assert {m.label: m.value for m in at.metric} == {"Added": "2"}


def test_a_removed_models_line_links_to_its_page_like_every_other_line(changes_page, live_api: FakeOpenRouter) -> None:
    records = history_records()
    del records["thenlper/gte-base"]
    live_api.records = list(records.values())
    at = changes_page(kind="removed")
    assert not at.exception
    ((label, page, query),) = [(p.proto.label, p.proto.page, p.proto.query_string) for p in at.get("page_link")]
    assert label.replace("\\", "") == "Removed: Thenlper: GTE-Base  (thenlper/gte-base is no longer listed)"
    assert (page, query) == ("model", "id=thenlper%2Fgte-base")
    assert not at.text  # no line left as unlinked text


def test_the_count_metrics_sit_side_by_side_rather_than_one_column_each(changes_page) -> None:
    at = changes_page()
    assert [m.label for m in at.metric] == ["Added", "Context length changed"]
    assert not [c for c in at.columns if c.get("metric")]  # columns stack on a phone; a horizontal row wraps


def test_the_catalogs_provider_filter_stays_on_the_catalog(changes_page) -> None:
    at = changes_page()
    at.switch_page("pages/catalog.py")
    at.query_params["provider"] = "openai"  # a catalog view filtered to one provider
    at.run()
    at.query_params.clear()
    at.switch_page("pages/changes.py").run()  # the navigation's link to Changes holds no filter
    assert not at.exception
    assert at.multiselect(key="provider").value == []  # every provider's changes, as the address says
    assert "provider" not in at.query_params
    at.query_params["provider"] = "google"  # a link to the changes of one provider keeps it
    at.switch_page("pages/status.py").run()
    at.switch_page("pages/changes.py").run()
    assert at.multiselect(key="provider").value == ["google"]
