"""End to end: the loopback API serves one catalog, then a changed one; /changes shows the removal and the price cut,
and the re-priced model's page charts its price history."""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.conftest import StreamlitServer
from tests.fake_openrouter import FakeOpenRouter
from tests.history_fixtures import ROOT, changed_catalog, history_records
from tests.test_changes_page import ENTRY


def test_changes_page_shows_a_removal_and_a_price_cut_in_a_browser(api: FakeOpenRouter, page, tmp_path: Path) -> None:
    # An entrypoint beside the real pages that registers /changes too, whatever the shell's list holds.
    app = tmp_path / "app" / "app.py"
    app.parent.mkdir()
    app.write_text(ENTRY)
    (app.parent / "pages").symlink_to(ROOT / "pages")
    api.records = list(history_records().values())
    env = {
        "OPENROUTER_API_KEY": "sk-or-test",
        "OPENROUTER_BASE_URL": api.base_url,
        "EXPLORER_CACHE_TTL": "1",
        "EXPLORER_DATA_DIR": str(tmp_path / "data"),
    }
    server = StreamlitServer(env, tmp_path / "streamlit.log", script=str(app))
    try:
        # The entrypoint runs first, so the navigation that knows /changes is in place before the deep link.
        page.goto(server.url)
        page.get_by_role("link", name="Changes").first.wait_for()
        page.goto(f"{server.url}/changes")
        page.get_by_text("History since 2025-12-14").wait_for()
        api.records = list(changed_catalog(history_records()).values())
        time.sleep(1.5)  # past the one-second cache, so the next visit fetches the changed catalog
        page.goto(f"{server.url}/changes?kind=removed&kind=price_changed")
        page.get_by_text("Price cut: OpenAI: Text Embedding 3 Small $0.02 → $0.015 / M (−25%)").wait_for()
        page.get_by_text("Removed: BAAI: bge-m3").wait_for()
        # The filter reads as words, while the URL keeps the ids a shared link holds; a new pick adds its id.
        kind = page.get_by_test_id("stMultiSelect").first
        expect(kind.locator("[data-tag]")).to_contain_text(["Removed", "Price changed"])
        assert "kind=removed" in page.url and "kind=price_changed" in page.url
        kind.get_by_role("button", name="Open").click()
        page.get_by_test_id("stMultiSelectDropdown").get_by_role("option", name="Added", exact=True).click()
        expect(page).to_have_url(re.compile(r"kind=removed&kind=price_changed&kind=added"))
        # While its list is open the picker hides the rest of the page from assistive technology, links included.
        page.keyboard.press("Escape")
        expect(page.get_by_test_id("stMultiSelectDropdown")).to_have_count(0)
        link = page.get_by_role("link", name="Price cut: OpenAI: Text Embedding 3 Small")
        href = link.get_attribute("href") or ""
        assert "model" in href and "text-embedding-3-small" in href
        # The detail page the headline links to charts the cut and lists it.
        link.click()
        page.get_by_role("heading", name="Price history").wait_for()
        chart = page.locator(".vega-embed canvas, .vega-embed svg").first
        chart.wait_for()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        page.get_by_text("Changes (1)").wait_for()
    finally:
        server.stop()
