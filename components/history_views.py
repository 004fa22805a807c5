"""Render change events: the dated timeline, counts per kind, and a model's price-history step chart."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import itertools
from collections.abc import Container, Sequence

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import dataframe_util
from streamlit.delta_generator import DeltaGenerator

from components import links
from components.history import ModelHistory, history_warning, model_history
from components.links import model_target
from components.model_detail import arrow_text_table, source_text
from components.shell import APP_TITLE
from explorer.catalog import Catalog
from explorer.charting import usd_format
from explorer.detail import inline_code
from explorer.history.events import KIND_LABELS, ChangeEvent, ChangesLink, headline, kind_counts, known_kinds
from explorer.history.prices import (
    LastListing,
    TimeAxis,
    chart_order,
    last_listing,
    price_history_frame,
    time_axis,
    variable_spans,
)
from explorer.recent import RecentMemo
from explorer.text import escape_markdown, plain

HISTORY_DATA = "price_history"  # the named dataset a price step chart reads

KIND_ICONS = {
    "added": ":material/add_circle:",
    "removed": ":material/remove_circle:",
    "renamed": ":material/edit:",
    "price_changed": ":material/sell:",
    "context_changed": ":material/straighten:",
    "expiration_set": ":material/event_busy:",
    "expiration_changed": ":material/event_repeat:",
    "expiration_cleared": ":material/event_available:",
    "description_changed": ":material/notes:",
}


KIND_PARAM = "kind"  # URL parameter and widget key of the Kind filter
_KIND_IN_URL = "_kind_in_url"  # the kinds this session last put in the URL
_KIND_PICKED = "_kind_picked"  # set by the widget's callback on the rerun a person's pick starts


def kind_filter(container: DeltaGenerator) -> list[str]:
    """The Kind filter: labels on screen ("Price changed"), kind ids in the URL (?kind=price_changed)."""
    # Not bind="query-params": a bound widget puts the text it shows in the URL (Streamlit serialises the
    # formatted option), so links would read kind=Price+changed, and every link already shared, holding ids,
    # would be dropped as unknown. The URL and the widget are kept in step here instead, in ids.
    linked = known_kinds(st.query_params.get_all(KIND_PARAM))
    picked = st.session_state.pop(_KIND_PICKED, False)
    if not picked and (st.session_state.get(_KIND_IN_URL) != linked or KIND_PARAM not in st.session_state):
        # The URL holds what this session did not write: a link was opened, or the browser went back or
        # forward. A pick wins over it, as with bound widgets: the browser may send a URL not yet updated.
        # The widget's value is gone too once another page ran (Back to this page): the URL's kinds again.
        st.session_state[KIND_PARAM] = linked
    kinds = container.multiselect(
        "Kind",
        list(KIND_LABELS),
        format_func=KIND_LABELS.__getitem__,
        key=KIND_PARAM,
        on_change=st.session_state.__setitem__,
        args=(_KIND_PICKED, True),
    )
    if st.query_params.get_all(KIND_PARAM) != kinds:
        if kinds:
            st.query_params[KIND_PARAM] = kinds
        else:
            del st.query_params[KIND_PARAM]
    # Only once the URL is written: a rerun that stops this one in between must still see the old URL as ours.
    st.session_state[_KIND_IN_URL] = kinds
    return kinds


def keep_link_values(link: ChangesLink) -> None:
    """Put back in the URL only the filter values the page could take; the rest leave it."""
    for name, values in (("since", [link.since] if link.since else []), ("provider", link.providers)):
        if values:
            st.query_params[name] = values if name == "provider" else values[0]
        elif name in st.query_params:
            del st.query_params[name]
    # The Kind filter writes its own parameter, in ids, with unknown ones already left out.


def kind_count_metrics(events: Sequence[ChangeEvent]) -> None:
    """One metric per kind that occurs, in display order, side by side and wrapping on a narrow screen."""
    counts = {kind: n for kind, n in kind_counts(events).items() if n}
    if not counts:
        return
    # Not st.columns: on a phone columns stack, one full-width metric per row (~450 px before the first change).
    with st.container(horizontal=True, gap="medium"):
        for kind, n in counts.items():
            st.metric(KIND_LABELS[kind], n, width="content")


TIMELINE_PAGE = 100  # changes drawn per "show more": each is a link element, sent on every rerun


TIMELINE_KEY = "changes_timeline"  # the timeline's container, whose links the style below lets wrap
# A page link's label is one line that its box clips: on a phone a change lost its new price and percentage.
# Underlined, in a grey both themes show: drawn as Streamlit draws a page link, a change read as plain text.
WRAPPING_LINKS = f"""<style>
.st-key-{TIMELINE_KEY} [data-testid="stPageLink"] * {{ white-space: normal; overflow: visible; }}
.st-key-{TIMELINE_KEY} [data-testid="stPageLink"] a {{ height: auto; align-items: flex-start; }}
.st-key-{TIMELINE_KEY} [data-testid="stPageLink"] p {{
  text-decoration: underline; text-decoration-color: rgba(128, 128, 128, 0.5); text-underline-offset: 3px;
}}
</style>"""


def timeline(events: Sequence[ChangeEvent], live_ids: Container[str], key: str = "timeline") -> None:
    """Newest first, grouped by date; each headline links to the model's page, which a removed model keeps too.

    The newest TIMELINE_PAGE changes are drawn, and a button draws that many more each time.
    """
    limit = max(TIMELINE_PAGE, int(st.session_state.get(f"{key}_limit", TIMELINE_PAGE)))
    st.html(WRAPPING_LINKS)
    with st.container(key=TIMELINE_KEY):
        for day, group in itertools.groupby(events[:limit], key=lambda e: e.date):
            st.subheader(day.isoformat(), divider="gray")
            for event in group:
                _event_line(event, event.model_id in live_ids)
    if len(events) > limit:
        st.caption(f"Showing the newest {limit:,} of {len(events):,} changes; narrow the filters or download them all.")
        st.button(
            f"Show {min(TIMELINE_PAGE, len(events) - limit)} more",
            on_click=st.session_state.__setitem__,
            args=(f"{key}_limit", limit + TIMELINE_PAGE),
            icon=":material/expand_more:",
        )


def _event_line(event: ChangeEvent, listed: bool) -> None:
    # page_link labels are markdown: API text never reaches them unescaped.
    label = plain(headline(event), 300)
    if not listed:
        label += f"  ({event.model_id} is no longer listed)"
    script, params = model_target(event.model_id)
    st.page_link(script, label=_link_safe(label), icon=KIND_ICONS.get(event.kind), query_params=params)


def _link_safe(label: str) -> str:
    """page_link labels accept markdown; escape what would be read as markup."""
    return escape_markdown(label)


CHANGE_COLOR = "#e8590c"  # a change's marker and label: one accent that reads on light and dark themes
VARIABLE_COLOR = "#7048e8"  # where a price turned variable


@functools.lru_cache(maxsize=16)
def _history_spec(per: str, amount_format: str, tooltip_format: str) -> dict:
    """The Vega-Lite spec of a price step chart, built and validated by Altair once per unit and scale.

    A step line holds each fixed price until the next recorded catalog; a dot marks each catalog that was
    recorded, so a long flat stretch reads as "no change seen between these two", not as many observations.
    Each change gets a diamond and a label ('+50%'): a change of a day on a year's axis is otherwise a
    one-pixel tick. Where a price turned variable the line stops and a dashed rule says since when.
    """
    y = alt.Y("usd:Q", title=f"USD per {per}", scale=alt.Scale(zero=True), axis=alt.Axis(format=amount_format))
    seen = alt.Tooltip("utcyearmonthdatehoursminutes(seen_at):T", title="Seen", format="%Y-%m-%d %H:%M UTC")
    tooltip = [
        seen,
        alt.Tooltip("price_key:N", title="Price"),
        alt.Tooltip("usd:Q", title="USD", format=tooltip_format),
    ]
    fixed, changed = "!datum.variable", "datum.change && !datum.variable"
    step = alt.Chart().mark_line(interpolate="step-after").encode(detail="segment:N").transform_filter(fixed)
    dots = (
        alt.Chart()
        .mark_point(filled=True, size=60, opacity=1)
        .encode(tooltip=tooltip)
        .transform_filter(f"datum.observed && {fixed}")
    )
    marks = (
        alt.Chart()
        .mark_point(shape="diamond", size=240, strokeWidth=2, color=CHANGE_COLOR)
        .encode(tooltip=[*tooltip, alt.Tooltip("change:N", title="Change")])
        .transform_filter(changed)
    )
    turned = "datum.variable && datum.change"
    rule = (
        alt.Chart()
        .mark_rule(strokeDash=[4, 3], strokeWidth=2, color=VARIABLE_COLOR)
        # Top to bottom: a fixed pixel span, as a variable row has no amount to place it by.
        .encode(
            y=alt.value(0), y2=alt.value({"expr": "height"}), tooltip=[seen, alt.Tooltip("change:N", title="Price")]
        )
        .transform_filter(turned)
    )
    layers = [step, dots, marks, rule]
    # A label goes on the side of its mark that faces the middle, so none runs off the chart's edge.
    for side, align, dx in (("datum.label_left", "right", -9), ("!datum.label_left", "left", 9)):
        layers.append(
            alt.Chart()
            .mark_text(align=align, dx=dx, dy=-12, fontWeight="bold", color=CHANGE_COLOR)
            .encode(text="change:N")
            .transform_filter(f"{changed} && {side}")
        )
        layers.append(
            alt.Chart()
            .mark_text(align=align, dx=dx // 2, baseline="top", fontWeight="bold", color=VARIABLE_COLOR)
            .encode(y=alt.value(4), text="change:N")
            .transform_filter(f"{turned} && {side}")
        )
    chart = alt.layer(*layers, data=alt.NamedData(HISTORY_DATA)).encode(
        y=y,
        # Points at the time they were fetched, on a UTC scale whose ticks are whole UTC days (history's dates).
        x=alt.X("seen_at:T", title="Seen", scale=alt.Scale(type="utc", nice=False), axis=alt.Axis(labelFlush=False)),
    )
    spec = chart.to_dict()
    spec.pop("config", None)  # Altair's default theme sizes; Streamlit's theme and the container size it
    return spec


def _vega_day(day: dt.date) -> dict:
    return {"year": day.year, "month": day.month, "date": day.day, "utc": True}


def price_history_spec(frame: pd.DataFrame, title: str = "", axis: TimeAxis | None = None) -> dict:
    """A step chart of one price key (each price holds until the snapshot that changed it), with its data.

    The x axis (by default the one that fits these rows) spans days with room either side and ticks dates a
    day, week, month or year apart, so one observation gets a date under it, not the milliseconds of its fetch.
    """
    per = frame["per"].iloc[0] if not frame.empty else "million tokens"
    amounts = frame["usd"].dropna()
    largest = float(amounts.max()) if not amounts.empty else 0.0
    # Ticks split the axis in steps about a tenth of its top, so they get one decimal more than the top needs.
    spec = copy.deepcopy(_history_spec(per, usd_format(largest, extra=1), usd_format(largest, extra=2)))
    if largest > 0:
        # A fixed domain: layers a model has no points for (changes, variable prices) are filtered to nothing,
        # and Vega logged an infinite extent for each when it worked the domain out from every layer's rows.
        spec["encoding"]["y"]["scale"].update(domain=[0, largest], nice=True)
    axis = axis or time_axis(frame["seen_at"])
    x = spec["encoding"]["x"]
    x["scale"]["domain"] = [_vega_day(axis.start), _vega_day(axis.end)]
    x["axis"].update(format=axis.label_format, tickCount={"interval": axis.interval, "step": axis.step})
    spec["description"] = f"{title} price history"
    start = pd.Timestamp(axis.start, tz="UTC")
    middle = start + (pd.Timestamp(axis.end, tz="UTC") - start) / 2
    spec["datasets"] = {HISTORY_DATA: frame.assign(label_left=frame["seen_at"] > middle)}
    return spec


def price_history_charts(frame: pd.DataFrame) -> None:
    """A step chart per price key, the input price first, all over one time range so they read together."""
    for title, spec, note in _history_charts.get(frame, "charts", lambda: _charts_of(frame)):
        st.markdown(title)
        st.vega_lite_chart(spec=spec, height=200)  # copies the spec's top level: the cached one stays whole
        if note:
            st.caption(note)


# Per price frame (one per model and history revision, shared read-only): its charts' titles, specs with their
# rows already as Arrow, and notes, so a rerun of the detail page sends them without building them again.
_history_charts: RecentMemo[list[tuple[str, dict, str]]] = RecentMemo(size=64)


def _charts_of(frame: pd.DataFrame) -> list[tuple[str, dict, str]]:
    axis = time_axis(frame["seen_at"])
    charts = []
    for key in chart_order(frame):
        rows = frame[frame["price_key"] == key]
        title = f"**{escape_markdown(str(key))}** · USD per {escape_markdown(str(rows['per'].iloc[0]))}"
        spec = price_history_spec(rows, str(key), axis)
        spec["datasets"] = {
            name: dataframe_util.convert_anything_to_arrow_bytes(data) for name, data in spec["datasets"].items()
        }
        spans = variable_spans(rows)
        note = (
            escape_markdown(
                f"{key} price: {variable_text(spans)}. The router sets it per request, so the line shows fixed "
                "prices only."
            )
            if spans
            else ""
        )
        charts.append((title, spec, note))
    return charts


def variable_text(spans: Sequence[tuple[dt.date, dt.date | None]]) -> str:
    """'variable since 2026-12-02' or 'variable from 2026-01-01 until 2026-02-01; variable since …'."""
    return "; ".join(
        f"variable since {start.isoformat()}"
        if end is None
        else f"variable from {start.isoformat()} until {end.isoformat()}"
        for start, end in spans
    )


def model_events_table(events: Sequence[ChangeEvent]) -> None:
    """One model's changes, newest first, as text cells (never markup)."""
    rows = [{"Date": e.date.isoformat(), "Change": plain(headline(e), 300)} for e in events]
    st.dataframe(
        arrow_text_table(rows, ["Date", "Change"]),
        width="stretch",
        height=(len(rows) + 1) * 35 + 3,
        column_config={"Change": st.column_config.TextColumn("Change", width="large")},
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def _price_frame(
    model_id: str, revision: tuple[int, int], until: dt.datetime | None, _versions: Sequence[tuple[dt.datetime, dict]]
) -> pd.DataFrame:
    """A model's price rows for one revision of the history (the key; the versions are not hashed), shared read-only."""
    return price_history_frame(_versions, until)


def model_history_section(model_id: str, until: dt.datetime | None, past: ModelHistory | None = None) -> None:
    """The detail page's history: a step chart per price key, then the model's change events."""
    st.subheader("Price history")
    past = past or model_history(model_id)
    history_warning(past.problem)
    if past.since is not None:
        st.caption(f"History since {past.since.isoformat()} · each change is dated by the first fetch that saw it")
    frame = _price_frame(model_id, past.revision, until, past.versions)
    if frame.empty:
        if not past.problem:
            st.caption("No recorded prices for this model yet: history starts with the first fetch that lists it.")
    else:
        price_history_charts(frame)
        if len(past.versions) == 1:
            st.caption("Seen in one recorded catalog so far; the chart grows as new catalogs are recorded.")
        else:
            st.caption("Each dot is a recorded catalog; the line holds its price until the next one.")
    if past.events:
        st.markdown(f"**Changes** ({len(past.events)})")
        model_events_table(past.events)
    elif not past.problem:
        st.caption("No changes recorded for this model.")
    st.page_link(links.SCRIPTS[links.CHANGES_PATH], label="All catalog changes", icon=":material/history:")


def no_longer_listed(model_id: str, catalog: Catalog) -> bool:
    """For an id the catalog lacks but the history lists: what it was, when it went, and its history.

    False (nothing drawn) when the history never listed the id, or cannot be read.
    """
    past = model_history(model_id)
    listing = last_listing(model_id, past.versions, past.events)
    if listing is None:
        return False
    st.set_page_config(page_title=f"{plain(listing.name, 120)} (no longer listed) · {APP_TITLE}")
    st.title(escape_markdown(listing.name, 200))
    st.code(model_id, language=None)
    st.warning(gone_text(listing, catalog), icon=":material/remove_circle:")
    if listing.renamed_to is not None and listing.renamed_to in catalog.models:
        script, params = model_target(listing.renamed_to)
        st.page_link(script, label=f"Open {escape_markdown(listing.renamed_to, 200)}", query_params=params)
    # The step ends at the last fetch that listed the model, not at the catalog's time.
    model_history_section(model_id, listing.seen_at, past)
    return True


def gone_text(listing: LastListing, catalog: Catalog) -> str:
    """Markdown: 'Removed from the catalog on 2026-12-02; last listed 2026-12-01 21:37 UTC at $0.005 / M input.'"""
    last = f"last listed {listing.seen_at:%Y-%m-%d %H:%M} UTC {_input_phrase(listing.input_price)}."
    if listing.removed_at is None:
        return escape_markdown(f"Not in the catalog ({source_text(catalog)}); {last}")
    day = listing.removed_at.date().isoformat()
    if listing.renamed_to is not None:
        return (
            escape_markdown(f"Renamed on {day}: now listed as ")
            + inline_code(listing.renamed_to)
            + escape_markdown(f"; under this id {last}")
        )
    return escape_markdown(f"Removed from the catalog on {day}; {last}")


def _input_phrase(price: str) -> str:
    words = {"free": "with free input", "variable": "with a variable input price", "not listed": "with no input price"}
    return words.get(price, f"at {price} input")
