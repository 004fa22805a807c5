"""Catalog and pricing through AppTest: link values the filters cannot take are named, and the filters carry
over when the top navigation switches between the two pages."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from explorer.text import escape_markdown

BAD_LINK = {"min_context": "abc", "max_price": "-5", "free": "maybe", "provider": "nonexistent", "batch": "0"}


def _warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def _count(at: AppTest) -> str:
    """'5 of 34' from the catalog's summary line or the pricing caption."""
    texts = [c.value for c in at.caption] + [m.value for m in at.markdown]
    return next(match.group() for t in texts if (match := re.search(r"[\d,]+ of 34", t)))


def _navigate(at: AppTest, page: str) -> AppTest:
    """A click in the top navigation: the new page's link holds no filters of its own."""
    at.query_params.clear()
    return at.switch_page(page).run()


def test_each_bad_link_value_on_the_catalog_is_named_with_what_is_shown_instead(app_test) -> None:
    at = app_test(**BAD_LINK)
    assert not at.exception
    assert _warnings(at) == [
        escape_markdown(text)
        for text in (
            "The link's max_price=-5 was ignored: the max input price is a number of dollars per million tokens,"
            " 0 or more, so no price limit is applied.",
            "The link's min_context=abc was ignored: the min input is a whole number of tokens, 0 or more,"
            " so no minimum is applied.",
            "The link's provider=nonexistent matches no provider in the catalog, so it was ignored.",
            "The link's free=maybe was ignored: it takes true or false (free=false hides free models),"
            " so free models are shown.",
            "The link's batch=0 was ignored: it takes true or false (batch=false hides batch variants),"
            " so batch variants are shown.",
        )
    ]
    assert _count(at) == "34 of 34"
    assert at.query_params == {}  # the values left the URL, which now reopens this view without warnings
    at.run()
    assert not _warnings(at)


def test_pricing_names_bad_link_values_and_keeps_the_rest_of_the_link(app_test) -> None:
    at = app_test("pages/pricing.py", min_context="8000.7", provider=["openai", "nope"], hide_expiring="yes")
    assert not at.exception
    assert _warnings(at) == [
        escape_markdown("The link's min_context=8000.7 was read as 8,000: the min input is a whole number of tokens."),
        escape_markdown("The link's provider=nope matches no provider in the catalog, so it was ignored."),
        escape_markdown(
            "The link's hide_expiring=yes was ignored: it takes true or false (hide_expiring=true hides models"
            " with a removal date), so those models are shown."
        ),
    ]
    assert _count(at) == "5 of 34"
    assert at.query_params == {"min_context": "8000", "provider": "openai"}


def test_a_link_value_is_shown_escaped(app_test) -> None:
    at = app_test(modality="[click](https://evil.example)", min_context="**9**")
    modality, context = sorted(_warnings(at))
    assert "min\\_context\\=\\*\\*9\\*\\* was ignored" in context
    # A word a renderer would make a link is set as code: the reader sees it, and nothing to click.
    assert "` modality=[click](https://evil.example) `" in modality


def test_filters_set_on_the_catalog_carry_to_pricing_and_into_its_url(app_test) -> None:
    at = app_test(q="openai", min_context="8000")
    assert _count(at) == "5 of 34"
    _navigate(at, "pages/pricing.py")
    assert not at.exception
    assert _count(at) == "5 of 34"
    assert at.text_input(key="q").value == "openai" and at.number_input(key="min_context").value == 8000
    at.run()
    assert at.query_params == {"q": "openai", "min_context": "8000"}  # a link to this view, to share
    # As a browser asks for it: with the old page's filters, which Streamlit drops from the URL on the switch.
    at = app_test(q="openai", min_context="8000")
    at.switch_page("pages/pricing.py").run()
    assert _count(at) == "5 of 34" and at.query_params == {"q": "openai", "min_context": "8000"}


def test_filters_changed_on_pricing_carry_back_to_the_catalog(app_test) -> None:
    at = app_test(q="openai", min_context="8000")
    _navigate(at, "pages/pricing.py")
    at.text_input(key="q").set_value("").run()
    at.toggle(key="batch").set_value(False).run()
    assert _count(at) == "19 of 34"
    _navigate(at, "pages/catalog.py")
    assert _count(at) == "19 of 34"  # not the 5 the catalog last showed
    assert at.text_input(key="q").value == "" and at.toggle(key="batch").value is False
    _navigate(at, "pages/model.py")
    _navigate(at, "pages/catalog.py")
    assert _count(at) == "19 of 34"


def test_a_link_with_filters_of_its_own_wins_over_the_carried_ones(app_test) -> None:
    at = app_test(q="openai", min_context="8000")
    at.query_params.clear()
    at.query_params["provider"] = "mistralai"
    at.switch_page("pages/pricing.py").run()
    assert at.text_input(key="q").value == ""
    # None of "More filters" is set by this link: the group, open for the first link's min input, enters closed.
    assert not at.number_input and next(e for e in at.expander if e.label == "More filters").proto.expanded is False
    assert at.query_params == {"provider": "mistralai"}
    assert _count(at) == "2 of 34"


def test_clearing_the_filters_after_a_switch_is_not_undone(app_test) -> None:
    at = app_test(q="openai", free="false")
    _navigate(at, "pages/pricing.py")
    assert _count(at) != "34 of 34"
    next(b for b in at.button if b.label == "Clear all filters").click().run()
    assert _count(at) == "34 of 34"
    at.run()
    assert _count(at) == "34 of 34" and "q" not in at.query_params and "free" not in at.query_params


def test_a_first_page_with_no_filters_shows_every_model(app_test) -> None:
    at = app_test("pages/pricing.py")
    assert _count(at) == "34 of 34" and not _warnings(at)


def test_the_catalogs_row_order_comes_back_with_its_filters(app_test) -> None:
    at = app_test(q="openai", sort="price")
    _navigate(at, "pages/pricing.py")
    assert "sort" not in at.query_params  # pricing's charts have no row order
    _navigate(at, "pages/catalog.py")
    assert at.query_params.get("sort") == "price"
    prices = at.dataframe[0].value["input_usd_per_m"].tolist()
    assert prices == sorted(prices) and _count(at) == "5 of 34"


def test_the_catalog_comes_back_with_its_own_filters_from_a_page_without_filters(app_test) -> None:
    at = app_test(q="openai", free="false")
    shown = _count(at)
    assert shown != "34 of 34"
    at.query_params.clear()
    at.query_params["ids"] = "openai/text-embedding-3-small,baai/bge-m3"
    at.switch_page("pages/compare.py").run()
    assert not at.exception and at.query_params == {"ids": "openai/text-embedding-3-small,baai/bge-m3"}
    # The compared ids come along, as the browser's Back sends them: the catalog drops them.
    at.switch_page("pages/catalog.py").run()
    assert _count(at) == shown and at.text_input(key="q").value == "openai"
    at.run()
    assert at.query_params == {"q": "openai", "free": "false"}
