"""The catalog page through AppTest: filters from the URL, summary, empty state."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa

from bench.data_layer import synthetic_records
from bench.pages import streamed_tables_as_on_a_server
from components.catalog_table import ROW_PX, STREAMED_ABOVE, VISIBLE_ROWS, selection_key, table_height
from components.filters import provider_menu_label
from explorer.filters import CatalogFilters
from explorer.text import escape_markdown
from tests.test_status_page import rows as status_rows


def _ids(at) -> list[str]:
    frame = at.dataframe[0].value
    return list(frame["model_id"])


def test_catalog_shows_all_snapshot_models_labelled_as_snapshot(app_test) -> None:
    at = app_test()
    assert not at.exception
    assert len(_ids(at)) == 34
    days = (dt.datetime.now(dt.UTC).date() - dt.date(2026, 8, 19)).days
    banner = f"Snapshot of 2026-08-19 ({days} days ago) — set OPENROUTER_API_KEY for live data"
    assert any(banner in i.value for i in at.info)
    assert "34 of 34 models" in _summary(at)
    assert at.dataframe[0].proto.placeholder == "—"  # an empty cell is a dash, not the word "None"


def test_search_from_url_narrows_rows(app_test) -> None:
    at = app_test(q="openai small")
    assert _ids(at) == ["openai/text-embedding-3-small"]


def test_the_model_column_names_the_model_without_its_vendor_and_links_to_its_page(app_test) -> None:
    at = app_test(q="openai small")
    link = at.dataframe[0].value["link"].iloc[0]
    path, label = link.split("#")
    assert path == "model?id=openai%2Ftext-embedding-3-small"
    assert label == "Text%20Embedding%203%20Small"  # the Provider column already says OpenAI


def test_the_price_sits_beside_the_model_name_and_the_id_comes_last(app_test) -> None:
    order = list(app_test().dataframe[0].proto.column_order)
    assert order[:3] == ["link", "input_usd_per_m", "price_note"]  # a phone shows name and price together
    assert order[-1] == "model_id"


def test_a_short_list_shows_whole_and_a_long_one_scrolls_after_twenty_rows() -> None:
    assert table_height(3) == 4 * ROW_PX + 3
    assert table_height(34) == table_height(VISIBLE_ROWS) == (VISIBLE_ROWS + 1) * ROW_PX + 3
    assert table_height(0) == ROW_PX + 3


def test_filters_from_the_url_combine(app_test) -> None:
    at = app_test(provider="openai", batch="false", max_price="0.05")
    assert _ids(at) == ["openai/text-embedding-3-small"]
    assert _summary(at).startswith("**1** model from **1** provider ·")


def test_empty_results_say_why_and_clear_filters_restores_all(app_test) -> None:
    at = app_test(q="no-such-model-anywhere")
    assert not at.dataframe
    warning = at.warning[0].value
    assert "No model matches" in warning and "search" in warning
    next(b for b in at.button if b.label == "Clear all filters").click().run()
    assert len(_ids(at)) == 34


def _summary(at) -> str:
    return next(m.value for m in at.markdown if " · cheapest paid input " in m.value)


def test_summary_line_shows_counts_cheapest_and_median(app_test) -> None:
    at = app_test()
    assert _summary(at) == (
        r"**34** models from **11** providers · cheapest paid input **\$0\.004 \/ M** (Perplexity\: Embed V1 0\.6B)"
        r" · median paid input **\$0\.02 \/ M**"
        "  \n:gray[34 of 34 models · a name opens its page in a new tab]"
    )


def test_unreadable_upstream_records_are_counted_not_fatal(app_test, api, monkeypatch) -> None:
    good = api.records[:2]
    api.records = [*good, {"id": "bad/price", "pricing": {"prompt": "lots"}}, {"name": "no id"}]
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    try:
        at = app_test()
    finally:
        api.records = []
    assert not at.exception
    assert len(_ids(at)) == 2
    assert any("2 record(s)" in e.label for e in at.expander)


def test_an_empty_upstream_list_is_an_empty_state_not_an_error(app_test, api, monkeypatch) -> None:
    api.records = []
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    at = app_test()
    assert not at.exception
    assert not at.error
    assert any("The catalog is empty" in i.value for i in at.info)


def test_more_filters_are_not_sent_while_closed_at_their_defaults(app_test) -> None:
    at = app_test()
    assert [e.label for e in at.expander if e.label == "More filters"] == ["More filters"]
    assert not at.number_input and not at.toggle
    assert len(_ids(at)) == 34


def test_the_table_is_drawn_with_the_filters_session_state_foresees_and_the_widgets_confirm_them(app_test) -> None:
    # The table goes out before the filter widgets, with the filters session state says they hold. A guess the
    # widgets do not confirm runs the page again with theirs: here an order that no control holds (the order
    # control sits in More filters, closed), so the rows keep OpenRouter's order, not the cheapest first.
    at = app_test()
    listed = _ids(at)
    at.session_state["sort"] = "price"
    at.run()
    assert not at.exception
    assert _ids(at) == listed
    by_price = app_test(sort="price")
    assert _ids(by_price) != listed  # the guess, had it stood
    # A search typed in (session state holds it before the widget runs) is foreseen and drawn as typed.
    at.text_input(key="q").input("voyage code").run()
    assert _ids(at) == ["voyageai/voyage-code-4"]
    assert "_filters_foreseen_wrong" not in at.session_state


def test_opening_more_filters_shows_them_and_they_apply(app_test) -> None:
    at = app_test()
    at.session_state["more_filters"] = True  # what a click on the expander sends
    at.run()
    assert {t.label for t in at.toggle} == {
        "Show free models",
        "Show batch variants",
        "Hide models with a removal date",
    }
    assert len(at.number_input) == 2
    at.toggle(key="batch").set_value(False).run()
    assert not any(i.endswith(":batch") for i in _ids(at))
    at.session_state["more_filters"] = False  # closed again, but a filter in it is set
    at.run()
    assert at.toggle(key="batch").value is False
    assert not any(i.endswith(":batch") for i in _ids(at)) and len(_ids(at)) < 34


def _menus(at) -> list:
    """The page's menus (st.popover), in page order, as their block protos."""

    def blocks(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from blocks(child)

    return [
        b.proto.popover
        for b in blocks(at._tree)
        if getattr(b, "proto", None) is not None
        and b.proto.DESCRIPTOR.name == "Block"
        and b.proto.WhichOneof("type") == "popover"
    ]


def _menu_labels(at) -> list[str]:
    return [menu.label for menu in _menus(at)]


def _menu_open(at) -> list[bool]:
    return [menu.open for menu in _menus(at)]


def test_the_provider_menu_sends_its_pills_only_while_open_or_set(app_test) -> None:
    at = app_test()
    assert _menu_labels(at) == ["Provider: any", "Download"]
    assert not at.button_group  # closed with none chosen
    at.session_state["provider_menu"] = True  # what a click on the menu's button sends
    at.run()
    # Every provider the table shows, in order: the bundled snapshot's 11.
    assert at.button_group(key="provider").options == sorted(set(at.dataframe[0].value["provider"]))
    assert len(at.button_group(key="provider").options) == 11
    at.button_group(key="provider").select("openai").run()
    # The label follows the tick, and the menu it makes (a new label is a new menu) opens as the old one was.
    assert _menu_labels(at)[0] == "Provider: openai" and _menu_open(at)[0] is True
    assert len(_ids(at)) == 5
    at.button_group(key="provider").select("qwen").select("google").run()
    at.session_state["provider_menu"] = False  # closed, with providers chosen
    at.run()
    assert _menu_labels(at)[0] == "Providers: openai, qwen +1"
    assert at.button_group(key="provider").value == ["openai", "qwen", "google"]
    assert len(_ids(at)) == 10


def test_the_provider_menu_label_names_two_at_most_and_escapes_them() -> None:
    assert provider_menu_label([]) == "Provider: any"
    assert provider_menu_label(["<b>*x*</b>"]) == f"Provider: {escape_markdown('<b>*x*</b>')}"
    assert escape_markdown("<b>*x*</b>") != "<b>*x*</b>"
    assert provider_menu_label(["a", "b"]) == "Providers: a, b"
    assert provider_menu_label(["a", "b", "c", "d"]) == "Providers: a, b +2"


def test_a_link_with_providers_names_them_on_the_menu_and_clear_all_drops_them(app_test) -> None:
    at = app_test(provider=["sentence-transformers", "nope"])
    assert _menu_labels(at)[0] == f"Provider: {escape_markdown('sentence-transformers')}"
    assert len(_ids(at)) == 5
    next(b for b in at.button if b.label == "Clear all filters").click().run()
    assert _menu_labels(at)[0] == "Provider: any" and len(_ids(at)) == 34
    # The pills are drawn once more, at their default, which drops the link's value from the URL; then not at all.
    assert at.button_group(key="provider").value == [] and "provider" not in at.query_params
    at.run()
    assert not at.button_group and _menu_labels(at)[0] == "Provider: any"


def test_a_link_with_a_more_filter_opens_the_group(app_test) -> None:
    at = app_test(min_context="10000")
    expander = next(e for e in at.expander if e.label == "More filters")
    assert expander.proto.expanded is True
    assert at.number_input(key="min_context").value == 10000
    # The nemotron VL model lists 131,072 tokens of context but takes 10,240 per input.
    assert "nvidia/llama-nemotron-embed-vl-1b-v2:free" in _ids(at) and len(_ids(at)) == 11


def test_clear_all_filters_resets_the_more_filters_too(app_test) -> None:
    at = app_test(q="openai", free="false")
    assert at.toggle(key="free").value is False
    next(b for b in at.button if b.label == "Clear all filters").click().run()
    assert len(_ids(at)) == 34
    assert "free" not in at.query_params and "q" not in at.query_params


def test_over_a_thousand_rows_stream_as_the_reader_scrolls_and_offer_selection_once_narrowed(
    app_test, api, monkeypatch
) -> None:
    api.records = synthetic_records(1500)
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    with streamed_tables_as_on_a_server():
        at = app_test()
        narrowed = app_test(provider="openai")
    assert not at.exception and not narrowed.exception
    table = at.dataframe[0].proto
    assert table.lazy_data.row_count == 1500
    first_page = pa.ipc.open_stream(table.lazy_data.initial_chunk.data).read_all()
    assert first_page.num_rows == STREAMED_ABOVE
    assert first_page.column("model_id")[0].as_py() == api.records[0]["id"]
    assert not table.arrow_data.data and not table.selection_mode and table.placeholder == "—"
    assert "1,500 of 1,500 models · rows load as you scroll · narrow to 1,000 or fewer to pick rows" in _summary(at)
    assert _picks_text(at) == ""  # no ticks to pick with, so no Picked line

    shown = narrowed.dataframe[0].proto
    assert not shown.HasField("lazy_data") and shown.arrow_data.data and shown.selection_mode
    assert "scroll" not in _summary(narrowed) and _picks_text(narrowed) == NO_PICKS


def test_the_download_menu_sends_its_buttons_only_while_open(app_test) -> None:
    at = app_test(q="voyage code")
    assert not at.get("download_button")  # a first view draws the menu's button only
    at.session_state["downloads"] = True  # what opening the menu sends
    at.run()
    buttons = [b.proto for b in at.get("download_button")]
    assert [b.label for b in buttons] == ["CSV", "JSON"]
    assert all(b.deferred_file_id for b in buttons)  # built on click, from the rows shown then


def test_each_filtered_view_of_a_catalog_gets_its_own_selection_key() -> None:
    as_of = dt.datetime(2026, 8, 19, tzinfo=dt.UTC)
    key = selection_key(CatalogFilters(q="openai"), as_of)
    assert key == selection_key(CatalogFilters(q="openai"), as_of)  # a rerun keeps the selection
    assert key != selection_key(CatalogFilters(q="voyage"), as_of)
    assert key != selection_key(CatalogFilters(q="openai", show_batch=False), as_of)
    assert key != selection_key(CatalogFilters(q="openai"), as_of + dt.timedelta(hours=1))  # a refreshed catalog


def test_pricing_notes_are_wide_enough_for_a_per_image_price(app_test) -> None:
    at = app_test(q="gemini embedding 2")
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["price_note"]["width"] == "medium"
    notes = [n for n in at.dataframe[0].value["price_note"] if n]
    assert notes and all("Image $0.00000045 / image (unit doubtful: see the model's page)" in n for n in notes)
    assert all("Audio $6.50 / M tokens" in n and "Audio $6.50 / M tokens (" not in n for n in notes)


def test_the_price_column_shows_the_smallest_paid_price_not_as_zero(app_test, api, monkeypatch) -> None:
    assert json.loads(app_test().dataframe[0].proto.columns)["input_usd_per_m"]["type_config"]["format"] == "$%.4f"
    first, second, *_ = api.records
    api.records = [{**first, "pricing": {"prompt": "1e-12", "completion": "0"}}, second]
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    try:
        at = app_test()
        narrowed = app_test(q=second["id"])
    finally:
        api.records = []
    assert not at.exception
    # $0.000001 / M: seven decimals read "$0.0000010"; four read "$0.0000", as if free.
    assert json.loads(at.dataframe[0].proto.columns)["input_usd_per_m"]["type_config"]["format"] == "$%.7f"
    # A filtered view keeps the catalog's decimals, so a column reads alike from one view to the next.
    assert json.loads(narrowed.dataframe[0].proto.columns)["input_usd_per_m"]["type_config"]["format"] == "$%.7f"


def _tick(at, *rows: int):
    """What ticking rows of the table sends: its selection state, by row position."""
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": list(rows), "columns": [], "cells": []}}
    return at.run()


def _in_order(at) -> list[str]:
    """The main area's elements in page order, as type names; the picks line as "picks"."""
    order: list[str] = []

    def walk(node) -> None:
        if getattr(node, "key", None) == "picks" or "picks" in str(getattr(getattr(node, "proto", None), "id", "")):
            order.append("picks")
            return
        children = getattr(node, "children", None)
        if children is None:
            order.append(node.type)
            return
        for index in sorted(children):
            walk(children[index])

    walk(at.main)
    return order


NO_PICKS = "**Picked:** none · tick rows to compare them"


def _picks_text(at) -> str:
    return next((m.value for m in [*at.markdown, *at.caption] if m.value.startswith("**Picked:**")), "")


def test_picks_outlive_a_search_and_add_up_to_a_comparison(app_test) -> None:
    at = app_test(q="text-embedding-3-large")
    # Before a pick the line holds its place (a hint in a box of its height), so a first tick does not move the
    # table; a browser test measures that. Nothing else is sent for it on a first view.
    assert _picks_text(at) == NO_PICKS
    assert not [b for b in at.button if b.label in ("Compare", "Clear picks")]
    assert _in_order(at).index("picks") < _in_order(at).index("dataframe")
    assert _ids(at) == ["openai/text-embedding-3-large", "openai/text-embedding-3-large:batch"]
    _tick(at, 0)
    assert _picks_text(at) == "**Picked:** Text Embedding 3 Large"
    assert _in_order(at).index("picks") < _in_order(at).index("dataframe")  # seen without scrolling the table
    assert [p.proto.label for p in at.get("page_link")] == ["Open details"]
    at.text_input(key="q").set_value("voyage-code").run()
    assert _ids(at) == ["voyageai/voyage-code-4"]
    assert not at.dataframe[0].proto.selection_default  # the other view's tick is not moved onto this row
    assert _picks_text(at) == "**Picked:** Text Embedding 3 Large (1 not in this view)"
    _tick(at, 0)
    assert _picks_text(at) == r"**Picked:** Text Embedding 3 Large, voyage\-code\-4 (1 not in this view)"
    (compare,) = [p for p in at.get("page_link") if p.proto.label == "Compare 2 models"]
    assert compare.proto.query_string == "ids=openai%2Ftext-embedding-3-large%2Cvoyageai%2Fvoyage-code-4"


def test_a_view_opens_with_its_picked_rows_ticked_and_unticking_one_drops_it(app_test) -> None:
    at = app_test(q="text-embedding-3")
    _tick(at, 0, 2)
    picked = _picks_text(at)
    at.text_input(key="q").set_value("").run()
    ids = _ids(at)
    default = json.loads(at.dataframe[0].proto.selection_default)["selection"]["rows"]
    assert sorted(ids[r] for r in default) == sorted(["openai/text-embedding-3-large", "openai/text-embedding-3-small"])
    assert _picks_text(at) == picked.replace(" (1 not in this view)", "")
    _tick(at, ids.index("openai/text-embedding-3-small"))  # the large one unticked here
    assert _picks_text(at) == "**Picked:** Text Embedding 3 Small"


def test_clear_picks_empties_the_list_and_every_table_starts_unticked(app_test) -> None:
    at = app_test(q="voyage")
    _tick(at, 0, 1)
    key = at.dataframe[0].key
    next(b for b in at.button if b.label == "Clear picks").click().run()
    assert _picks_text(at) == NO_PICKS
    assert at.dataframe[0].key != key and not at.dataframe[0].proto.selection_default


def test_a_model_with_odd_fields_is_listed_and_they_are_named(app_test, api, monkeypatch) -> None:
    first, second, *_ = api.records
    api.records = [
        {**first, "created": "yesterday", "name": None},
        {**second, "pricing": {**second["pricing"], "image": None}},
    ]
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    try:
        at = app_test()
        status = app_test("pages/status.py")
    finally:
        api.records = []
    assert not at.exception and not status.exception
    assert sorted(_ids(at)) == sorted([first["id"], second["id"]])
    (listed,) = [e for e in at.expander if "listed without fields" in e.label]
    assert listed.label == "1 model(s) are listed without fields that did not validate"
    text = " ".join(m.value for m in listed.markdown)
    assert f"- {escape_markdown(first['id'])}: {escape_markdown('created: Input should be a valid integer')}" in text
    notes = dict(zip(at.dataframe[0].value["model_id"], at.dataframe[0].value["price_note"], strict=True))
    assert notes[second["id"]] == "Image unreadable"
    assert not [e for e in at.expander if "skipped" in e.label]
    models = status_rows(status)["Models"]
    assert models == (
        "2 (0 unreadable records skipped; 1 listed without fields that did not validate;"
        " 1 with a price that does not parse, shown as unreadable)"
    )


def test_picks_are_in_the_url_so_a_reload_or_a_shared_link_keeps_them(app_test) -> None:
    at = app_test(q="voyage")
    _tick(at, 0, 1)
    picked = ",".join(_ids(at)[:2])
    assert at.query_params["picked"] == picked
    text = _picks_text(at)
    # A new session on that address: the same picks, ticked; ids the catalog does not list are named and left out.
    again = app_test(q="voyage", picked=picked + ",nope/gone,nope/gone")
    assert not again.exception
    assert _picks_text(again) == text
    assert json.loads(again.dataframe[0].proto.selection_default)["selection"]["rows"] == [0, 1]
    assert [w.value for w in again.warning] == [
        escape_markdown(
            "The link's picked= names nope/gone, which the catalog does not list, so only the rest are picked."
        )
    ]
    again.run()
    assert again.query_params["picked"] == picked and not again.warning  # the unknown id left the address
    next(b for b in again.button if b.label == "Clear picks").click().run()
    assert _picks_text(again) == NO_PICKS and "picked" not in again.query_params


def test_the_navigations_compare_shows_the_models_picked_in_the_catalog(app_test) -> None:
    at = app_test(q="voyage")
    _tick(at, 0, 1)
    picked = _ids(at)[:2]
    at.query_params.clear()  # the navigation's link holds no ids
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert at.query_params["ids"] == ",".join(picked)
    # One header link per compared model, then the way back to the catalog.
    assert [p.proto.page for p in at.get("page_link")] == ["model", "model", ""]


def test_counts_read_with_thousands_separators_as_on_compare(app_test) -> None:
    columns = json.loads(app_test().dataframe[0].proto.columns)
    for name in ("dimensions", "context_length", "max_input_tokens"):
        # numbro's accounting format with no decimals (step 1): 1,024, not 1024 nor 1,024.00. Not "localized",
        # which builds an Intl.NumberFormat for every cell drawn.
        assert columns[name]["type_config"] == {"type": "number", "format": "accounting", "step": 1}, name


def _in_page_order(node) -> list:
    """The page's elements, depth first, in the order they are drawn."""
    children = getattr(node, "children", None)
    if children is None:
        return [node]
    return [element for key in sorted(children) for element in _in_page_order(children[key])]


def test_a_links_unknown_picks_are_named_with_its_other_warnings_above_the_filters(app_test) -> None:
    at = app_test(sort="cheapest", picked="openai/text-embedding-3-small,nope/gone")
    assert not at.exception
    kinds = [element.type for element in _in_page_order(at.main)]
    warnings = [i for i, kind in enumerate(kinds) if kind == "warning"]
    assert len(warnings) == 2, kinds
    assert warnings[1] == warnings[0] + 1  # side by side
    assert warnings[1] < kinds.index("text_input") < kinds.index("dataframe")  # before the search box


def test_more_filters_open_when_the_page_is_entered_again_with_one_of_them_set(app_test) -> None:
    def expanded(at) -> bool:
        return next(e for e in at.expander if e.label == "More filters").proto.expanded

    at = app_test()
    assert expanded(at) is False
    at.switch_page("pages/status.py").run()
    at.query_params["max_price"] = "0.02"  # Back to a view of the catalog that set a price limit
    at.switch_page("pages/catalog.py").run()
    assert not at.exception
    assert expanded(at) is True
    assert at.number_input(key="max_price").value == 0.02
