"""History on the detail page (price step chart per key, the model's changes) and the catalog's recent marker."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from explorer.charting import usd_format
from explorer.history.prices import chart_order, price_history_frame, time_axis
from tests.fake_openrouter import FakeOpenRouter, snapshot_records
from tests.history_fixtures import changed_catalog, history_records
from tests.test_pricing_pages import chart_rows

SMALL = "openai/text-embedding-3-small"
PRICE_CUT = "Price cut: OpenAI: Text Embedding 3 Small $0.02 → $0.015 / M (−25%)"


@pytest.fixture
def live(api: FakeOpenRouter, monkeypatch: pytest.MonkeyPatch) -> FakeOpenRouter:
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-history-views")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    return api


def history_charts(at: AppTest) -> dict[str, list[dict]]:
    return {
        json.loads(c.proto.spec)["description"].removesuffix(" price history"): chart_rows(c)
        for c in at.get("vega_lite_chart")
    }


def changes_table(at: AppTest) -> list[tuple[str, str]]:
    tables = [d.value for d in at.dataframe if list(d.value.columns) == ["Date", "Change"]]
    return [tuple(row) for table in tables for row in table.itertuples(index=False)]


def test_detail_charts_the_seeded_price_history_per_key(app_test: Callable[..., AppTest]) -> None:
    at = app_test("pages/model.py", id=SMALL)
    assert not at.exception
    charts = history_charts(at)
    assert list(charts) == ["Input"]  # the unused zero-priced output key of older records is left out
    points = [(row["seen_at"].date().isoformat(), row["usd"]) for row in charts["Input"]]
    assert points == [("2025-12-14", pytest.approx(0.02)), ("2026-08-19", pytest.approx(0.02))]
    assert any("History since 2025-12-14" in c.value for c in at.caption)
    assert any("No changes recorded for this model." in c.value for c in at.caption)


def test_detail_lists_the_models_own_events(app_test: Callable[..., AppTest]) -> None:
    at = app_test("pages/model.py", id="google/gemini-embedding-2")
    assert changes_table(at) == [("2026-08-19", "Added: Google: Gemini Embedding 2")]
    # Seen in one recorded catalog only: one point, and a word on why.
    assert len(history_charts(at)["Input"]) == 1
    assert any("Seen in one recorded catalog" in c.value for c in at.caption)


def test_a_live_price_cut_shows_in_the_chart_the_events_and_the_catalog_marker(
    app_test: Callable[..., AppTest], live: FakeOpenRouter
) -> None:
    live.records = list(changed_catalog(history_records()).values())
    catalog = app_test()
    table = catalog.dataframe[0].value
    assert dict(zip(table["model_id"], table["recent"], strict=True))[SMALL] == "re-priced"
    assert table["recent"].notna().sum() == 1

    at = app_test("pages/model.py", id=SMALL)
    assert not at.exception
    prices = [row["usd"] for row in history_charts(at)["Input"]]
    assert prices == [pytest.approx(0.02), pytest.approx(0.02), pytest.approx(0.015)]
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert changes_table(at) == [(today, PRICE_CUT)]


def test_a_model_added_upstream_is_marked_new_in_the_catalog(
    app_test: Callable[..., AppTest], live: FakeOpenRouter
) -> None:
    added = copy.deepcopy(snapshot_records()[0])
    added.update(id="acme/embed-1", canonical_slug="acme/embed-1", name="Acme: Embed 1")
    live.records = [*snapshot_records(), added]
    at = app_test()
    table = at.dataframe[0].value
    marks = {mid: mark for mid, mark in zip(table["model_id"], table["recent"], strict=True) if isinstance(mark, str)}
    assert marks == {"acme/embed-1": "new"}


def test_with_only_old_changes_the_catalog_has_no_marker_column(app_test: Callable[..., AppTest]) -> None:
    at = app_test()
    assert not at.exception
    assert "recent" not in at.dataframe[0].value.columns  # the seeded changes are from 2026-08-19
    assert not at.warning


def test_an_unreachable_history_warns_on_catalog_and_detail_and_both_carry_on(
    app_test: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.postgres_server import _free_port

    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"postgresql+psycopg://u:pw-s3cret@127.0.0.1:{_free_port()}/h")
    catalog = app_test()
    assert not catalog.exception and len(catalog.dataframe[0].value) == 34
    assert [w.value for w in catalog.warning] == [
        "History is unavailable: the history database cannot be reached. The catalog itself is unaffected."
    ]
    detail = app_test("pages/model.py", id=SMALL)
    assert not detail.exception
    assert any("History is unavailable" in w.value for w in detail.warning)
    assert not detail.get("vega_lite_chart")
    assert [s.value for s in detail.subheader][:2] == ["Pricing", "Model facts"]
    assert "s3cret" not in " ".join(w.value for w in detail.warning)


def test_the_last_price_reaches_the_catalog_time_while_the_model_is_listed() -> None:
    seen = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    record = {"id": "a/b", "name": "A: B", "pricing": {"prompt": "0.0000001", "image": "0.0002", "completion": "0"}}
    frame = price_history_frame([(seen, record)], until=seen + dt.timedelta(days=30))
    assert sorted(zip(frame["price_key"], frame["seen_at"].dt.day, frame["usd"], frame["per"], strict=True)) == [
        ("Image", 1, pytest.approx(0.0002), "image"),
        ("Image", 31, pytest.approx(0.0002), "image"),
        ("Input", 1, pytest.approx(0.1), "million tokens"),
        ("Input", 31, pytest.approx(0.1), "million tokens"),
    ]
    assert len(price_history_frame([(seen, record)], until=seen)) == 2  # nothing added at the same instant


def test_the_whole_catalogs_marked_table_is_built_once_per_marks_object() -> None:
    from components.catalog_table import whole_arrow, whole_marked, with_marks
    from components.history import RecentMarks
    from explorer.catalog import snapshot_catalog

    frame = snapshot_catalog().frame
    marks = RecentMarks({SMALL: "re-priced"})
    table = whole_marked(frame)(marks)
    assert table is whole_marked(frame)(marks)  # reruns reuse it
    assert table is not whole_marked(frame)(RecentMarks(marks))  # a new revision's marks build anew
    recent = dict(zip(table.column("model_id").to_pylist(), table.column("recent").to_pylist(), strict=True))
    assert recent[SMALL] == "re-priced" and sum(v is not None for v in recent.values()) == 1
    assert whole_arrow(frame).num_rows == len(frame) == table.num_rows
    assert with_marks(whole_arrow(frame), pd.Series(["x/y"]), {"a/b": "new"}) is None


def test_a_per_image_price_history_has_axis_labels_that_show_the_amount(app_test: Callable[..., AppTest]) -> None:
    at = app_test("pages/model.py", id="google/gemini-embedding-2")
    specs = {
        json.loads(c.proto.spec)["description"].removesuffix(" price history"): json.loads(c.proto.spec)
        for c in at.get("vega_lite_chart")
    }
    image = specs["Image"]["encoding"]
    assert image["y"]["title"] == "USD per image"
    axis_format = image["y"]["axis"]["format"]  # d3 "$.N~f": N decimals, trailing zeros trimmed
    decimals = int(axis_format.removeprefix("$.").removesuffix("~f"))
    assert f"{0.00000045:.{decimals}f}".rstrip("0") == "0.00000045"  # was "$.4~f": every tick read "$0"
    assert f"{0.00000005:.{decimals}f}".rstrip("0") == "0.00000005"  # a tenth of it, a tick step
    # The input price ($0.15 / M) gets fewer decimals than the image price, still enough for its ticks.
    input_decimals = int(specs["Input"]["encoding"]["y"]["axis"]["format"].removeprefix("$.").removesuffix("~f"))
    assert 2 <= input_decimals < decimals
    assert f"{0.015:.{input_decimals}f}" == "0.015"


@pytest.mark.parametrize(
    ("largest", "expected"), [(0.02, "$.3~f"), (0.13, "$.2~f"), (15.0, "$.2~f"), (4.5e-7, "$.8~f"), (0.0, "$.2~f")]
)
def test_usd_format_keeps_two_significant_digits_of_the_largest_amount(largest: float, expected: str) -> None:
    assert usd_format(largest) == expected


def history_spec(versions, until=None) -> dict:
    from components.history_views import price_history_spec

    frame = price_history_frame(versions, until)
    return price_history_spec(frame[frame["price_key"] == "Input"], "Input")


def small_record(prompt: str = "0.00000002") -> dict:
    return {"id": SMALL, "name": "OpenAI: Text Embedding 3 Small", "pricing": {"prompt": prompt, "completion": "0"}}


def valid_vega_lite(spec: dict) -> alt.LayerChart:
    """Altair validates the spec against the Vega-Lite schema (the data aside, which Streamlit sends apart)."""
    return alt.LayerChart.from_dict({k: v for k, v in spec.items() if k != "datasets"})


def test_one_live_fetch_is_charted_at_its_time_with_date_ticks_not_milliseconds() -> None:
    fetched = dt.datetime(2026, 12, 1, 21, 37, 0, 661_000, tzinfo=dt.UTC)
    spec = history_spec([(fetched, small_record())], until=fetched)
    x = spec["encoding"]["x"]
    assert x["field"] == "seen_at" and x["scale"]["type"] == "utc"  # its real time, as the tooltip says
    assert x["axis"]["format"] == "%Y-%m-%d"
    assert x["axis"]["tickCount"] == {"interval": "day", "step": 1}
    assert x["scale"]["domain"] == [
        {"year": 2026, "month": 11, "date": 30, "utc": True},
        {"year": 2026, "month": 12, "date": 2, "utc": True},
    ]
    (row,) = spec["datasets"]["price_history"].to_dict("records")
    assert row["seen_on"] == pd.Timestamp("2026-12-01", tz="UTC") and row["observed"]
    valid_vega_lite(spec)


def test_the_bundled_snapshots_eight_months_apart_get_monthly_date_ticks_and_a_dot_on_each() -> None:
    versions = [
        (dt.datetime(2025, 12, 14, tzinfo=dt.UTC), small_record()),
        (dt.datetime(2026, 8, 19, tzinfo=dt.UTC), small_record()),
    ]
    spec = history_spec(versions)
    x = spec["encoding"]["x"]
    assert x["axis"]["tickCount"] == {"interval": "month", "step": 1}  # was a tick every week
    assert x["axis"]["format"] == "%b %Y"
    # Room either side, so neither observation's dot sits on the chart's edge.
    first, last = (dt.date(d["year"], d["month"], d["date"]) for d in x["scale"]["domain"])
    assert first < dt.date(2025, 12, 14) and last > dt.date(2026, 8, 19)
    step, dots, *_ = spec["layer"]
    assert step["mark"] == {"type": "line", "interpolate": "step-after"}
    assert dots["mark"]["type"] == "point" and dots["mark"]["filled"]
    assert dots["transform"] == [{"filter": "datum.observed && !datum.variable"}]
    valid_vega_lite(spec)


def test_the_step_carried_to_the_catalog_time_has_no_dot_of_its_own() -> None:
    seen = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    spec = history_spec([(seen, small_record())], until=seen + dt.timedelta(days=30))
    rows = spec["datasets"]["price_history"]
    assert list(rows["observed"]) == [True, False]
    assert [d.date() for d in rows["seen_on"]] == [dt.date(2026, 1, 1), dt.date(2026, 1, 31)]
    assert spec["encoding"]["x"]["axis"]["tickCount"] == {"interval": "week", "step": 1}


@pytest.mark.parametrize(
    ("days", "start", "end", "ticks"),
    [
        ([dt.date(2026, 12, 1)], dt.date(2026, 11, 30), dt.date(2026, 12, 2), ("day", 1)),
        ([dt.date(2026, 1, 1), dt.date(2026, 1, 5)], dt.date(2025, 12, 31), dt.date(2026, 1, 6), ("day", 1)),
        ([dt.date(2026, 1, 1), dt.date(2026, 1, 17)], dt.date(2025, 12, 31), dt.date(2026, 1, 18), ("day", 2)),
        ([dt.date(2026, 1, 1), dt.date(2026, 2, 10)], dt.date(2025, 12, 30), dt.date(2026, 2, 12), ("week", 1)),
        ([dt.date(2025, 12, 14), dt.date(2026, 8, 19)], dt.date(2025, 12, 4), dt.date(2026, 8, 29), ("month", 1)),
        ([dt.date(2024, 1, 1), dt.date(2026, 1, 1)], dt.date(2023, 12, 2), dt.date(2026, 1, 31), ("month", 3)),
        ([dt.date(2020, 1, 1), dt.date(2026, 1, 1)], dt.date(2019, 10, 5), dt.date(2026, 3, 30), ("year", 1)),
        ([dt.date(1990, 1, 1), dt.date(2026, 1, 1)], dt.date(1988, 7, 24), dt.date(2027, 6, 11), ("year", 5)),
    ],
)
def test_the_time_axis_pads_the_observed_days_and_ticks_at_most_ten_dates(days, start, end, ticks) -> None:
    axis = time_axis(days)
    assert (axis.start, axis.end, (axis.interval, axis.step)) == (start, end, ticks)
    lengths = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}
    assert (end - start).days / (lengths[axis.interval] * axis.step) <= 10


def test_the_time_axis_labels_day_and_week_ticks_as_dates_and_longer_ones_as_months_or_years() -> None:
    assert time_axis([dt.date(2026, 1, 1)]).label_format == "%Y-%m-%d"
    assert time_axis([dt.date(2026, 1, 1), dt.date(2026, 2, 10)]).label_format == "%Y-%m-%d"
    assert time_axis([dt.date(2025, 12, 14), dt.date(2026, 8, 19)]).label_format == "%b %Y"
    assert time_axis([dt.date(2020, 1, 1), dt.date(2026, 1, 1)]).label_format == "%Y"


def test_the_detail_page_sends_the_padded_monthly_axis_for_the_seeded_history(app_test: Callable[..., AppTest]) -> None:
    at = app_test("pages/model.py", id=SMALL)
    (chart,) = at.get("vega_lite_chart")
    x = json.loads(chart.proto.spec)["encoding"]["x"]
    assert x["axis"]["format"] == "%b %Y" and x["axis"]["tickCount"] == {"interval": "month", "step": 1}
    assert any(c.value.startswith("Each dot is a recorded catalog") for c in at.caption)


def test_the_input_price_chart_comes_first_whatever_order_the_oldest_catalog_listed_keys_in() -> None:
    seen = dt.datetime(2025, 12, 14, tzinfo=dt.UTC)
    alphabetical = {"id": "g/e", "pricing": {"audio": "0.0000065", "image": "0.00000045", "prompt": "0.0000002"}}
    frame = price_history_frame([(seen, alphabetical)])
    assert list(dict.fromkeys(frame["price_key"])) == ["Audio", "Image", "Input"]
    assert chart_order(frame) == ["Input", "Audio", "Image"]
    assert chart_order(price_history_frame([(seen, {"id": "g/e", "pricing": {"image": "0.1"}})])) == ["Image"]


def live_fetch(app_test: Callable[..., AppTest], live: FakeOpenRouter, records: dict) -> None:
    """The app fetches (and records) `records` as the next live catalog."""
    import streamlit as st

    st.cache_data.clear()  # past the loader's cache, as a later visit would be
    st.cache_resource.clear()  # and past the process's note of what it last recorded
    live.records = list(records.values())
    assert not app_test().exception


def test_a_variable_input_price_is_marked_on_the_chart_not_drawn_on_at_the_old_price(
    app_test: Callable[..., AppTest], live: FakeOpenRouter
) -> None:
    records = history_records()
    records["qwen/qwen3-embedding-8b"]["pricing"]["prompt"] = "-1"
    live.records = list(records.values())
    at = app_test("pages/model.py", id="qwen/qwen3-embedding-8b")
    assert not at.exception
    rows = history_charts(at)["Input"]
    today = dt.datetime.now(dt.UTC).date()
    fixed = [row for row in rows if not row["variable"]]
    assert max(row["seen_at"] for row in fixed).date() == today and not fixed[-1]["observed"]  # held until today
    assert [row["usd"] for row in fixed] == [pytest.approx(0.01)] * len(fixed)
    (turned,) = [row for row in rows if row["variable"] and row["observed"]]
    assert turned["change"] == f"variable since {today.isoformat()}" and pd.isna(turned["usd"])
    captions = [c.value.replace("\\", "") for c in at.caption]
    note = f"Input price: variable since {today.isoformat()}. The router sets it per request, so the line shows"
    assert f"{note} fixed prices only." in captions
    layers = json.loads(at.get("vega_lite_chart")[0].proto.spec)["layer"]
    assert {"filter": "datum.variable && datum.change"} in [t for layer in layers for t in layer.get("transform", [])]


def test_all_price_charts_of_a_model_share_one_time_range(
    app_test: Callable[..., AppTest], live: FakeOpenRouter
) -> None:
    records = history_records()
    records["baai/bge-m3"]["pricing"]["request"] = "0.001"  # a key first listed today, beside a year of input prices
    live.records = list(records.values())
    at = app_test("pages/model.py", id="baai/bge-m3")
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert [s["description"] for s in specs] == ["Input price history", "Per request price history"]
    domains = [s["encoding"]["x"]["scale"]["domain"] for s in specs]
    assert domains[0] == domains[1] and domains[0][0]["year"] == 2025  # not two days around today
    assert specs[0]["encoding"]["x"]["axis"] == specs[1]["encoding"]["x"]["axis"]  # the same ticks, too
    (added,) = [row for row in history_charts(at)["Per request"] if row["change"]]
    assert added["change"] == "added"


def test_a_same_day_price_rise_sits_at_its_own_time_with_a_marker_and_a_label(
    app_test: Callable[..., AppTest], live: FakeOpenRouter
) -> None:
    first = history_records()
    first["baai/bge-m3"]["pricing"]["request"] = "0.001"  # a catalog of its own, still at $0.02 for SMALL
    live_fetch(app_test, live, first)
    raised = copy.deepcopy(first)
    raised[SMALL]["pricing"]["prompt"] = "0.00000003"
    live_fetch(app_test, live, raised)
    at = app_test("pages/model.py", id=SMALL)
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    rows = [row for row in history_charts(at)["Input"] if row["observed"]]
    before, after = rows[-2], rows[-1]
    assert before["seen_at"].date() == after["seen_at"].date() and before["seen_at"] < after["seen_at"]
    assert (before["usd"], after["usd"], after["change"]) == (pytest.approx(0.02), pytest.approx(0.03), "+50%")
    assert spec["encoding"]["x"]["field"] == "seen_at"  # placed by time, as the tooltip reads, not by day
    marks = [
        layer for layer in spec["layer"] if layer.get("transform") == [{"filter": "datum.change && !datum.variable"}]
    ]
    assert [m["mark"]["shape"] for m in marks] == ["diamond"]
    labels = [
        layer
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text" and layer["encoding"]["text"]["field"] == "change"
    ]
    assert len(labels) == 4  # a change's and a variable spell's, each on either side of its mark
    valid_vega_lite(spec)
