"""Real Chromium on deep links opened first on a fresh server: a model's page, an unknown id, a comparison."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import SIX_COMPARED

pytestmark = pytest.mark.browser

SNAPSHOT_BANNER = "Snapshot of 2026-08-19"


SIX = ",".join(SIX_COMPARED)
# Table cells whose text runs past their box, so part of it is hidden.
CLIPPED_CELLS = """() => [...document.querySelectorAll('[data-testid=stTable] td, [data-testid=stTable] th')]
  .filter(cell => [cell, ...cell.querySelectorAll('*')]
    .some(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
  .map(cell => cell.innerText)"""


# The address bar holds exactly this search and these picks (page.url misses a replaceState).
CATALOG_ADDRESS = """([q, picked]) => {
  const params = new URLSearchParams(location.search);
  return params.size === 2 && params.get('q') === q && params.get('picked') === picked;
}"""


def table_cells(page) -> list[str]:
    page.wait_for_selector('[data-testid="stTable"] td', state="attached")
    return page.locator('[data-testid="stTable"] td').all_inner_texts()


def test_model_deep_link_names_the_model_and_shows_the_snippet(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/model?id=openai%2Ftext-embedding-3-large%3Abatch")
    heading = page.get_by_role("heading", name="OpenAI: Text Embedding 3 Large (batch)")
    heading.first.wait_for()
    page.wait_for_function("document.title.startsWith('OpenAI: Text Embedding 3 Large (batch) ·')")
    curl = page.locator('[data-testid="stCode"]').filter(has_text="curl ").first
    text = curl.inner_text()
    assert "https://openrouter.ai/api/v1/embeddings" in text
    assert "$OPENROUTER_API_KEY" in text and '"model": "openai/text-embedding-3-large:batch"' in text
    base = page.get_by_role("link", name="openai/text-embedding-3-large (base model)")
    assert "model?id=openai%2Ftext-embedding-3-large" in (base.get_attribute("href") or "")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_unknown_id_suggests_the_close_id_and_its_link_opens_that_model(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/model?id=openai%2Ftext-embeding-3-smal")
    page.get_by_text("in the catalog (snapshot, 2026-08-19)").wait_for()
    page.get_by_role("link", name="Back to the catalog").wait_for()  # the last element: the page is complete
    assert page.get_by_text("openai/text-embeding-3-smal", exact=True).count() >= 1
    page.get_by_role("link", name="openai/text-embedding-3-small", exact=True).click()
    page.get_by_role("heading", name="OpenAI: Text Embedding 3 Small").first.wait_for()
    page.wait_for_url(lambda url: url.endswith("/model?id=openai%2Ftext-embedding-3-small"))
    assert page.locator('[data-testid="stException"]').count() == 0


def test_compare_deep_link_tables_both_models_and_names_the_unknown_one(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/compare?ids=openai%2Ftext-embedding-3-small,baai%2Fbge-m3,nope%2Fmissing")
    page.get_by_text(SNAPSHOT_BANNER).first.wait_for()
    page.get_by_text("Not in the catalog (snapshot, 2026-08-19):").wait_for()
    assert page.get_by_text("nope/missing", exact=True).count() >= 1
    cells = table_cells(page)
    assert "$5.00 ★ cheapest" in cells and "$10.00" in cells
    page.get_by_role("link", name="bge-m3", exact=True).wait_for()
    assert page.title().startswith("Compare 2 models ·")


def test_compare_picker_adds_the_model_typed_and_back_undoes_a_change_of_models(streamlit_server, page) -> None:
    server = streamlit_server()
    three = "openai%2Ftext-embedding-3-small%2Copenai%2Ftext-embedding-3-large%2Cbaai%2Fbge-m3"
    page.goto(server.url + "/compare?ids=" + three.replace("%2Cbaai%2Fbge-m3", ""))
    headers = page.locator('[data-testid="stTable"] thead th')
    expect(headers).to_have_count(3)
    page.get_by_text("Change the models").click()
    expander = page.get_by_test_id("stExpander").filter(has_text="Change the models")
    # Keys typed while the group still opens are lost: wait for it to be open.
    expander.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")
    page.wait_for_timeout(300)
    picker = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Models to compare")
    typed = picker.get_by_role("combobox")
    typed.click()
    typed.press_sequentially("bge-m3", delay=50)
    # The one model whose name or id holds the text, and no "Select N matches" of models loosely like it.
    expect(page.get_by_role("option")).to_have_text(["BAAI: bge-m3 (baai/bge-m3)"])
    typed.press("Enter")
    page.wait_for_function("ids => location.search === '?ids=' + ids", arg=three)
    expect(headers).to_have_count(4)
    assert headers.all_inner_texts()[1:] == ["Text Embedding 3 Small", "Text Embedding 3 Large", "bge-m3"]
    page.go_back()  # the two models again, at once: the picker takes the address's ids
    expect(headers).to_have_count(3)
    page.wait_for_timeout(500)
    assert "bge-m3" not in page.evaluate("location.search")
    page.go_forward()
    expect(headers).to_have_count(4)


def test_rows_picked_in_two_searches_add_up_to_a_comparison_of_both(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/?q=text-embedding-3-large")
    page.get_by_text("2 of 34 models").wait_for()
    grid = page.locator('[data-testid="stDataFrame"]').first

    def tick(row: int) -> None:  # the row-marker column holds each row's selection checkbox
        grid.locator('[role="gridcell"]').first.wait_for(state="attached")
        box = grid.bounding_box()  # measured each time: a Picked line that wraps moves the table down
        page.mouse.click(box["x"] + 18, box["y"] + 35 + row * 35 + 17)

    page.get_by_text("Picked: none").wait_for()
    before = grid.bounding_box()
    tick(1)  # the batch variant
    page.get_by_role("link", name="Open details").wait_for()
    # The line held its place before the pick, so the next click lands on the row the pointer is over.
    assert abs(grid.bounding_box()["y"] - before["y"]) < 1
    # Another search shows other rows: the pick stays, and is not moved onto the model now in that row.
    search = page.get_by_placeholder("id, name or description")
    search.fill("voyage-code")
    search.press("Enter")
    page.get_by_text("1 of 34 models").wait_for()
    page.get_by_text("(1 not in this view)").wait_for()
    assert page.get_by_role("link", name="Compare 2 models").count() == 0
    tick(0)
    compare = page.get_by_role("link", name="Compare 2 models")
    compare.wait_for()
    compare.click()
    page.wait_for_url(lambda url: "/compare?ids=" in url)
    assert "ids=openai%2Ftext-embedding-3-large%3Abatch%2Cvoyageai%2Fvoyage-code-4" in page.url
    assert "$0.065 / M tokens" in " ".join(table_cells(page))
    # A model's page from the comparison, then Back: the same comparison.
    page.get_by_role("link", name="voyage-code-4").first.click()
    page.get_by_role("heading", name="VoyageAI by MongoDB: voyage-code-4").first.wait_for()
    page.go_back()
    page.get_by_role("heading", name="Compare models").wait_for()
    assert "$0.065 / M tokens" in " ".join(table_cells(page))
    # Back: the catalog as it was left, its search and its picks, in one step (each click adds one history entry).
    page.go_back()
    page.get_by_text("1 of 34 models").wait_for()
    assert search.input_value() == "voyage-code"
    page.get_by_role("link", name="Compare 2 models").wait_for()
    # The address is the catalog's own again, not the compared ids.
    both = "openai/text-embedding-3-large:batch,voyageai/voyage-code-4"
    page.wait_for_function(CATALOG_ADDRESS, arg=["voyage-code", both])
    # The picks are in it: a reload keeps them, ticked.
    page.reload()
    page.get_by_role("link", name="Compare 2 models").wait_for()
    # Back undoes the last tick: the address decides the picks. Then the search, which added an entry of its own.
    page.go_back()
    page.wait_for_function(CATALOG_ADDRESS, arg=["voyage-code", "openai/text-embedding-3-large:batch"])
    page.get_by_role("link", name="Open details").wait_for()
    assert page.get_by_text("Picked: Text Embedding 3 Large (batch) (1 not in this view)").count() == 1
    page.go_back()
    page.wait_for_function(CATALOG_ADDRESS, arg=["text-embedding-3-large", "openai/text-embedding-3-large:batch"])
    page.get_by_text("2 of 34 models").wait_for()
    page.go_forward()
    page.wait_for_function(CATALOG_ADDRESS, arg=["voyage-code", "openai/text-embedding-3-large:batch"])
    page.get_by_text("1 of 34 models").wait_for()
    # Out by the navigation and Back: the same view again, at its own address.
    page.get_by_role("link", name="Status").click()
    page.get_by_role("heading", name="Status").wait_for()
    page.go_back()
    page.get_by_role("link", name="Open details").wait_for()
    assert search.input_value() == "voyage-code"
    page.wait_for_function(CATALOG_ADDRESS, arg=["voyage-code", "openai/text-embedding-3-large:batch"])


@pytest.mark.parametrize("width", [1400, 420])
def test_compare_and_model_tables_show_every_value_whole_on_desktop_and_phone(streamlit_server, page, width) -> None:
    server = streamlit_server()
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(server.url + "/compare?ids=" + SIX)
    page.get_by_text("Tinted rows differ").wait_for()
    # The caption can be drawn before the table it describes: wait for the table's header row itself.
    expect(page.locator('[data-testid="stTable"] thead th')).to_have_count(7)
    headers = page.locator('[data-testid="stTable"] thead th').all_inner_texts()
    assert headers[1:4] == ["voyage-4", "voyage-4-lite", "voyage-4-large"] and len(set(headers)) == 7
    cells = table_cells(page)
    assert any(c.startswith("70.58 (MTEB(Multilingual) mean (task)") for c in cells)
    assert page.evaluate(CLIPPED_CELLS) == []
    page.goto(server.url + "/model?id=openai%2Ftext-embedding-3-small")
    page.get_by_role("heading", name="Everything else in the record").wait_for()
    page.get_by_text("presence_penalty", exact=False).first.wait_for()
    endpoints = "https://openrouter.ai/api/v1/models/openai/text-embedding-3-small/endpoints"
    assert any(endpoints in cell for cell in table_cells(page))
    assert page.evaluate(CLIPPED_CELLS) == []
    # The record's URLs are text here; the one link to them is the line under the table.
    assert page.locator('[data-testid="stTable"] a').count() == 0


def test_on_a_phone_a_tick_does_not_move_the_table_so_the_next_tap_picks_the_row_under_it(streamlit_server, page):
    server = streamlit_server()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url + "/?q=voyage")
    page.get_by_text("Picked: none").wait_for()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator('[role="gridcell"]').first.wait_for(state="attached")
    grid.scroll_into_view_if_needed()  # a phone shows the filters first
    top = grid.bounding_box()["y"]
    for row in (0, 1):  # the second tap lands where the second row was before the first tick
        page.mouse.click(grid.bounding_box()["x"] + 18, top + 35 + row * 35 + 17)
        page.get_by_role("link", name="Open details" if row == 0 else "Compare 2 models").wait_for()
        # The Picked line stays one line high: its names are cut short rather than its buttons wrapped.
        assert abs(grid.bounding_box()["y"] - top) < 1
    assert page.locator(".st-key-picks").bounding_box()["height"] <= 41


@pytest.mark.parametrize("width", [1400, 420])
def test_the_tables_toolbar_leaves_the_picks_buttons_uncovered(streamlit_server, page, width) -> None:
    # Five long names fill the line, which used to push Compare and Clear picks to its right end, where the toolbar
    # a pointer over the table (a tap, on a phone) shows just above it was drawn over them.
    server = streamlit_server()
    page.set_viewport_size({"width": width, "height": 1000})
    picked = (
        "openai/text-embedding-3-small",
        "openai/text-embedding-3-large",
        "baai/bge-m3",
        "voyageai/voyage-code-4",
        "voyageai/voyage-4-lite",
    )
    page.goto(server.url + "/?picked=" + ",".join(picked))
    buttons = [page.get_by_role("link", name="Compare 5 models"), page.get_by_role("button", name="Clear picks")]
    for button in buttons:
        button.wait_for()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()  # a phone shows the filters first
    grid.hover(position={"x": 200, "y": 100})
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    expect(toolbar).to_be_visible()
    toolbar.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")  # it slides in
    bar = toolbar.bounding_box()
    for button in buttons:
        box = button.bounding_box()
        assert box["x"] + box["width"] <= bar["x"] or box["y"] + box["height"] <= bar["y"], (box, bar)
