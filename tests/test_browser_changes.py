"""End to end: the loopback API serves one catalog, then a changed one; /changes shows the removal and the price cut,
and the re-priced model's page charts its price history."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
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


PHONE = {"width": 420, "height": 3000}  # tall: the page scrolls inside a container, which a screenshot would cut
# Timeline links whose text runs past their box or past the screen's right edge, so part of it is not read.
CUT_LINKS = """width => [...document.querySelectorAll('.st-key-changes_timeline [data-testid=stPageLink]')]
  .filter(link => [link, ...link.querySelectorAll('*')]
    .some(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > width))
  .map(link => link.innerText)"""


def phone_changes() -> dict:
    """The 2026-08-19 catalog with a model removed, a price added, one raised and one turned variable."""
    records = history_records()
    del records["thenlper/gte-base"]
    records["baai/bge-m3"]["pricing"]["request"] = "0.001"
    records["google/gemini-embedding-2"]["pricing"]["image"] = "0.0000006"
    records["qwen/qwen3-embedding-8b"]["pricing"]["prompt"] = "-1"
    return records


@pytest.mark.browser
def test_every_change_line_is_read_whole_on_a_phone_and_a_removed_model_links_to_its_page(
    api: FakeOpenRouter, streamlit_server, page
) -> None:
    api.records = list(history_records().values())
    server = streamlit_server(OPENROUTER_API_KEY="sk-or-test", OPENROUTER_BASE_URL=api.base_url, EXPLORER_CACHE_TTL="1")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{server.url}/changes")
    page.get_by_text("History since 2025-12-14").wait_for()
    api.records = list(phone_changes().values())
    time.sleep(1.5)  # past the one-second cache, so the next visit fetches the changed catalog
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/changes")
    page.get_by_text("Removed: Thenlper: GTE-Base").wait_for()
    assert page.evaluate(CUT_LINKS, PHONE["width"]) == []
    underlined = (
        "[...document.querySelectorAll('.st-key-changes_timeline [data-testid=stPageLink] p')]"
        ".map(p => getComputedStyle(p).textDecorationLine)"
    )
    assert set(page.evaluate(underlined)) == {"underline"}  # each change reads as a link
    lines = page.locator(".st-key-changes_timeline [data-testid=stPageLink]").all_inner_texts()
    whole = [" ".join(line.split()[1:]) for line in lines]  # each after its icon's name
    assert "Price added (Per request): BAAI: bge-m3 not listed → $0.001 / request" in whole
    assert "Price rise (Image): Google: Gemini Embedding 2 $0.00000045 / image → $0.0000006 / image (+33.3%)" in whole
    # The four counts sit side by side and wrap, not one full-width block each before the first change.
    metrics = page.get_by_test_id("stMetric")
    expect(metrics).to_have_count(4)
    tops = [metrics.nth(i).bounding_box()["y"] for i in range(4)]  # type: ignore[index]
    bottom = metrics.nth(3).bounding_box()
    assert bottom is not None and bottom["y"] + bottom["height"] - tops[0] < 200, tops
    page.get_by_role("link", name="Removed: Thenlper: GTE-Base").click()
    page.get_by_text("Removed from the catalog on").wait_for()
    page.get_by_role("heading", name="Price history").wait_for()
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    page.get_by_text("Changes (1)").wait_for()
    # Its price charts have no layer Vega finds empty of amounts to scale (it warned of an infinite extent).
    assert not [text for text in console if "Infinite extent" in text], console
