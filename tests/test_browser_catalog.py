"""Real Chromium against the app served for real: deep links on a fresh server, search, URL filters, a large catalog."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.data_layer import synthetic_records
from components import links
from components.catalog_table import STREAMED_ABOVE
from components.shell import PAGE_SPECS
from explorer.normalise import short_name

pytestmark = pytest.mark.browser

DEEP_LINKS = {
    "pages/catalog.py": "/",
    "pages/model.py": "/model?id=openai%2Ftext-embedding-3-small",
    "pages/compare.py": "/compare?ids=openai%2Ftext-embedding-3-small,baai%2Fbge-m3",
    "pages/pricing.py": "/pricing?provider=openai",
    "pages/calculator.py": "/calculator",
    "pages/changes.py": "/changes",
    "pages/status.py": "/status",
}


def grid_cells(page) -> list[str]:
    page.wait_for_selector('[data-testid="stDataFrame"] [role="gridcell"]', state="attached")
    return page.locator('[data-testid="stDataFrame"] [role="gridcell"]').all_inner_texts()


def wait_for_run_end(page) -> None:
    """Until the script run the page shows has ended: a page still drawing can move what is measured."""
    page.wait_for_function("document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'")


def wait_for_rows(page, present: str, absent: str, timeout: float = 15) -> list[str]:
    """The table's accessible cells once they hold `present` and not `absent` (the grid redraws after the text)."""
    deadline = time.monotonic() + timeout
    while True:
        cells = grid_cells(page)
        if (present in cells and absent not in cells) or time.monotonic() > deadline:
            return cells
        page.wait_for_timeout(200)


def test_every_registered_page_has_a_deep_link_under_test() -> None:
    assert sorted(DEEP_LINKS) == sorted(script for script, *_ in PAGE_SPECS)


@pytest.mark.parametrize("script", sorted(DEEP_LINKS))
def test_a_deep_link_first_on_a_fresh_server_goes_through_the_app_shell(streamlit_server, page, script) -> None:
    server = streamlit_server()
    page.goto(server.url + DEEP_LINKS[script])
    page.get_by_text("Snapshot of 2026-08-19").first.wait_for()
    title = next(title for s, title, *_ in PAGE_SPECS if s == script)
    nav = page.locator('[data-testid="stTopNavLinkContainer"], [data-testid="stTopNavSection"], header')
    # The shell's navigation names pages by title; the legacy pages/ mode would list file names and "app".
    for _, expected_title, *_ in PAGE_SPECS:
        assert page.get_by_role("link", name=expected_title).count() >= 1, expected_title
    assert nav.get_by_text("app", exact=True).count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.title().endswith("· Embeddings Explorer")
    if script == "pages/catalog.py":
        assert page.title().startswith(title)


def received_into(frames: list[bytes]):
    """A websocket listener that keeps each binary message the server sends (Streamlit's ForwardMsgs)."""
    return lambda payload: frames.append(payload) if isinstance(payload, bytes) else None


def sent_elements(frames: list[bytes]) -> list[str]:
    """The kinds of the elements the server's messages added, in the order they arrived."""
    kinds = []
    for payload in frames:
        msg = ForwardMsg.FromString(payload)
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            kinds.append(msg.delta.new_element.WhichOneof("type"))
    return kinds


def test_search_narrows_the_table_and_lands_in_the_url(streamlit_server, page, tmp_path: Path) -> None:
    server = streamlit_server()
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", received_into(frames)))
    page.goto(server.url + "/")
    assert "voyageai/voyage-code-4" in grid_cells(page)
    # A first view sends its table before the filter widgets drawn above it: the browser starts on the
    # table's code, the most of the page's, before theirs.
    kinds = sent_elements(frames)
    assert "text_input" in kinds and kinds.index("dataframe") < kinds.index("text_input")
    shot_dir = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    page.screenshot(path=str(shot_dir / "catalog.png"))
    box = page.get_by_placeholder("id, name or description")
    box.fill("voyage code")
    box.press("Enter")
    page.get_by_text("1 of 34 models").wait_for()
    assert "q=voyage+code" in page.url or "q=voyage%20code" in page.url
    cells = wait_for_rows(page, "voyageai/voyage-code-4", "openai/text-embedding-3-small")
    assert "voyageai/voyage-code-4" in cells
    assert "openai/text-embedding-3-small" not in cells
    # The Download menu fills itself when opened; its CSV holds the shown rows only.
    page.get_by_role("button", name="Download", exact=True).click()
    page.get_by_role("button", name="JSON", exact=True).wait_for()
    saved = None
    for _ in range(3):  # a click that lands while the menu's rerun redraws its buttons starts no download
        try:
            with page.expect_download(timeout=8_000) as download:
                page.get_by_role("button", name="CSV", exact=True).click()
            saved = download.value
            break
        except PlaywrightTimeout:
            if not page.get_by_role("button", name="CSV", exact=True).is_visible():
                page.get_by_role("button", name="Download", exact=True).click()
    # Named by the list it came from (the bundled snapshot, by its day) and the view: 1 of its 34 models, searched.
    assert saved is not None
    assert saved.suggested_filename == "embeddings-models-snapshot-2026-08-19-1-of-34-q-voyage+code.csv"
    lines = Path(saved.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[0].startswith("model_id,") and "voyageai/voyage-code-4" in lines[1]


def test_a_filtered_link_reopens_identically(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/?provider=openai&q=large&batch=false")
    page.get_by_text("1 of 34 models").wait_for()
    cells = wait_for_rows(page, "openai/text-embedding-3-large", "openai/text-embedding-3-large:batch")
    assert "openai/text-embedding-3-large" in cells
    assert "openai/text-embedding-3-large:batch" not in cells
    assert page.get_by_role("button", name="Provider: openai").is_visible()  # the menu names the link's provider
    # The link sets a filter inside "More filters", so that group opens by itself showing it.
    batch = page.get_by_role("switch", name="Show batch variants")
    assert batch.is_visible() and not batch.is_checked()


def test_more_filters_arrive_when_opened_and_filter_the_table(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/")
    page.get_by_text("34 of 34 models").wait_for()
    assert page.get_by_role("switch").count() == 0  # closed at defaults: not sent
    page.get_by_text("More filters", exact=True).click()
    batch = page.get_by_role("switch", name="Show batch variants")
    batch.wait_for(state="attached")
    page.get_by_text("Show batch variants", exact=True).click()
    page.wait_for_url("**batch=false**")
    page.get_by_text("More filters", exact=True).click()  # closing keeps a filter that is set
    cells = wait_for_rows(page, "openai/text-embedding-3-large", "openai/text-embedding-3-large:batch")
    assert "openai/text-embedding-3-large:batch" not in cells
    assert "batch=false" in page.url


# The page is at `path`, with the parameters of `query` in any order (a bound widget's change sorts them).
ADDRESS = """([path, query]) => {
  const sorted = text => { const params = new URLSearchParams(text); params.sort(); return params.toString(); };
  return location.pathname === path && sorted(location.search) === sorted(query);
}"""


def test_a_click_adds_one_history_entry_and_back_returns_to_the_view_before_it(streamlit_server, page) -> None:
    server = streamlit_server()
    filtered = "?provider=openai&max_price=0.1"
    page.goto(server.url + "/" + filtered)
    count = page.get_by_text("of 34 models").first
    count.wait_for()
    shown = count.inner_text()
    entries = page.evaluate("history.length")
    # The navigation to Pricing, which takes the catalog's filters: one entry, at the address the page settled on
    # (Streamlit's page alone adds four: the old path emptied, the new path, then one per filter carried over).
    page.get_by_role("link", name="Pricing").click()
    page.get_by_role("heading", name="Embeddings pricing").wait_for()
    page.wait_for_function(ADDRESS, arg=["/pricing", filtered])
    page.wait_for_timeout(500)  # any later change of address the page's run makes has arrived
    assert page.evaluate("history.length") == entries + 1
    page.go_back()
    page.wait_for_function(ADDRESS, arg=["/", filtered])
    page.get_by_text(shown).wait_for()
    # A filter changed is an entry too, which Back undoes: here a search.
    search = page.get_by_placeholder("id, name or description")
    search.fill("small")
    search.press("Enter")
    page.wait_for_function(ADDRESS, arg=["/", filtered + "&q=small"])
    page.get_by_text("1 of 34 models").wait_for()
    page.go_back()
    page.wait_for_function(ADDRESS, arg=["/", filtered])
    page.get_by_text(shown).wait_for()
    expect(search).to_have_value("")
    # The row order is in the address too: Back undoes a new order rather than the control writing it back.
    order = page.locator('[data-testid="stSelectbox"]').filter(has_text="Order rows")
    order.click()  # in "More filters", open: the link sets one of its filters
    page.get_by_role("option", name="Cheapest input first").click()
    page.wait_for_function(ADDRESS, arg=["/", filtered + "&sort=price"])
    page.go_back()
    page.wait_for_function(ADDRESS, arg=["/", filtered])
    expect(order.get_by_role("combobox")).to_have_value("As OpenRouter lists them (newest first)")
    page.wait_for_timeout(500)
    page.wait_for_function(ADDRESS, arg=["/", filtered])  # still: the control did not write its order back
    page.go_forward()
    page.wait_for_function(ADDRESS, arg=["/", filtered + "&sort=price"])
    expect(order.get_by_role("combobox")).to_have_value("Cheapest input first")
    # To Pricing and back by the navigation: the filters carried both ways are set before their widgets, on
    # purpose, and Streamlit's warning about that (with a stack trace) stays out of the server's log.
    page.get_by_role("link", name="Pricing").click()
    page.get_by_role("heading", name="Embeddings pricing").wait_for()
    page.get_by_role("link", name="Catalog").click()
    page.get_by_text(shown).wait_for()
    wait_for_run_end(page)
    assert "set via the Session State API" not in server.log()


def test_the_provider_menu_names_its_choices_and_stays_open_while_ticking(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/")
    page.get_by_text("34 of 34 models").wait_for()
    assert page.get_by_test_id("stButtonGroup").count() == 0  # closed with none chosen: its pills are not sent
    wait_for_run_end(page)  # the table is sent before the filters above it
    table = page.get_by_test_id("stDataFrame")
    top = table.bounding_box()["y"]
    page.get_by_role("button", name="Provider: any").click()
    page.get_by_role("button", name="openai", exact=True).click()
    page.get_by_text("5 of 34 models").wait_for()
    page.get_by_role("button", name="Provider: openai").wait_for()  # the label follows the ticks, open
    page.get_by_role("button", name="baai", exact=True).click()  # still open after the first tick's rerun
    page.get_by_text("8 of 34 models").wait_for()
    page.get_by_role("button", name="Providers: openai, baai").wait_for()
    wait_for_run_end(page)
    assert abs(table.bounding_box()["y"] - top) < 1  # the first filter set moved nothing under the pointer
    assert page.evaluate("location.search") == "?provider=openai&provider=baai"
    page.keyboard.press("Escape")
    cells = wait_for_rows(page, "baai/bge-m3", "google/gemini-embedding-001")
    assert "baai/bge-m3" in cells and "openai/text-embedding-3-large" in cells
    assert "google/gemini-embedding-001" not in cells
    page.get_by_role("button", name="Clear all filters").click()
    page.get_by_text("34 of 34 models").wait_for()
    page.get_by_role("button", name="Provider: any").wait_for()
    # Back shows the providers the address names again, in the table and on the menu, not the cleared state.
    page.go_back()
    page.get_by_text("8 of 34 models").wait_for()
    page.get_by_role("button", name="Providers: openai, baai").wait_for()
    assert page.evaluate("location.search") == "?provider=openai&provider=baai"
    page.go_forward()  # and Forward the cleared view, though session state last held the providers
    page.get_by_text("34 of 34 models").wait_for()
    page.get_by_role("button", name="Provider: any").wait_for()


def test_a_large_catalog_streams_its_rows_and_sorts_them_on_the_server(streamlit_server, page, api) -> None:
    api.records = synthetic_records(1500)
    # Rows are told apart by their Model cell, the pinned link (model?id=…#name): the id column, last, lies
    # beyond the grid's drawn columns at this width.
    rows = [links.model_link(r["id"], label=short_name(r["name"])) for r in api.records]
    server = streamlit_server(OPENROUTER_API_KEY="sk-or-v1-browser-test", OPENROUTER_BASE_URL=api.base_url)
    asked: list[object] = []
    frames: list[bytes] = []

    def watch(ws) -> None:
        ws.on("framesent", lambda frame: asked.append(frame))
        ws.on("framereceived", received_into(frames))

    page.on("websocket", watch)
    page.goto(server.url + "/")
    page.get_by_text("1,500 of 1,500 models · rows load as you scroll").wait_for()
    assert rows[0] in grid_cells(page)
    # A long table's message is large: the filter widgets go out first, so they never push a drawn table down.
    kinds = sent_elements(frames)
    assert "text_input" in kinds and kinds.index("text_input") < kinds.index("dataframe")
    page.wait_for_timeout(500)
    asked_on_load = len(asked)
    canvas = page.locator('[data-testid="stDataFrame"] canvas').first.bounding_box()
    page.mouse.move(canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2)
    for _ in range(30):
        page.mouse.wheel(0, 5000)
    # The page carried the first 1,000 rows; the last ones arrive from the server as the grid reaches them.
    assert rows[-1] in wait_for_rows(page, rows[-1], rows[0])
    assert len(asked) > asked_on_load  # the browser asked the server for those rows
    for _ in range(30):
        page.mouse.wheel(0, -5000)
    wait_for_rows(page, rows[0], rows[-1])

    # A click on the pinned Model header sorts all 1,500 rows on the server: the second in order is a row
    # past the first 1,000, never sent before.
    page.mouse.click(canvas["x"] + 100, canvas["y"] + 17)
    in_order = sorted(rows)
    assert rows.index(in_order[1]) > STREAMED_ABOVE
    cells = wait_for_rows(page, in_order[1], rows[0])
    assert in_order[:3] == [cell for cell in cells if cell in set(rows)][:3]
