"""Real Chromium: the pricing page draws its charts, clicked bars are picked, and a pick links to its model."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from components.charts import BAR_STEP

pytestmark = pytest.mark.browser


def test_pricing_charts_draw_and_a_clicked_bar_links_to_its_model(streamlit_server, page) -> None:
    server = streamlit_server()
    page.goto(server.url + "/pricing?provider=openai")
    page.get_by_text("5 of 34 models").wait_for()
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for()
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(5, timeout=20_000)
    canvas = page.locator(".vega-embed canvas, .vega-embed svg").first
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    # Bars run cheapest to dearest downwards; the bottom bar is the widest, so its middle is easy to hit.
    # Below the bars sit the x axis and the provider legend.
    # The picks are listed in the page itself: a phone keeps a sidebar collapsed.
    link = page.locator('.st-key-picked_models [data-testid="stPageLink"] a')
    for offset in range(60, 260, 8):
        canvas.click(position={"x": box["width"] * 0.6, "y": box["height"] - offset})
        try:
            link.first.wait_for(timeout=2_000)
            break
        except PlaywrightTimeout:  # this offset missed the bar: try the next one up
            continue
    assert link.count() == 1
    expect(page.locator('[data-testid="stSidebar"]')).to_have_count(0)
    # A plain click on another bar adds it to the pick (no shift key, which a phone has not): two bars up (the
    # hit above was within 8 px of the bottom bar's lower edge), near the left end, where every bar starts.
    canvas.click(position={"x": box["width"] * 0.25, "y": box["height"] - offset - 2 * BAR_STEP - 4})
    expect(link).to_have_count(3, timeout=10_000)  # two models and Compare
    expect(link.last).to_contain_text("Compare 2 models")
    name = link.first.inner_text().split("\n")[-1].strip()  # the text after the icon
    link.first.click()
    page.wait_for_url("**/model?id=openai%2F*")
    page.get_by_role("heading", name=name).first.wait_for()
