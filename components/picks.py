"""The models picked for comparison, kept across filtered views: the list, Compare or details, and Clear."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import links
from components.shell import arrival, link_warnings
from explorer.compare_selection import read_ids
from explorer.normalise import short_name
from explorer.picks import MAX_COMPARED
from explorer.text import escape_markdown

PICKS_BAR_PX = 40  # the Picked line's height with its buttons, held while nothing is picked
NO_PICKS_TEXT = "**Picked:** none · tick rows to compare them"
PICKS_KEY = "_picked"  # model ids, in the order picked
ROUND_KEY = "_picks_round"  # bumped by Clear, so every table starts unticked again
# The picks in the catalog's URL, so a reload or a shared link keeps them: ?picked=a,b (ids hold no comma).
PICKED_PARAM = links.PICKED_PARAM
LINKED_PICKS_NAMED = 5  # unknown ids a warning names before it counts the rest


# With picks, the line stays one line high on a phone too: the names are cut with an ellipsis before the buttons
# wrap, which pushed the table down under the pointer after a first tick (the next tap then hit another row).
# On a wide screen its right end is left free for the table's toolbar (136 px), which a pointer over the table
# shows just above it, and which covered Clear picks. On a phone, where that would leave the names no room, the
# toolbar (shown by a tap on the table, and kept until a tap elsewhere) is drawn over the table's header row.
ONE_LINE = """<style>
.st-key-picks { flex-wrap: nowrap; }
.st-key-picks > div:first-child { flex: 1 1 auto; min-width: 0; }
.st-key-picks > div:first-child p { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-picks > div:not(:first-child) { flex: none; }
@media (min-width: 640px) { .st-key-picks { padding-right: 10rem; } }
@media (max-width: 639.98px) {
  [class*="st-key-catalog_table"] [data-testid="stElementToolbar"] { transform: translateY(2.75rem); }
}
</style>"""


def current_picks(catalog_frame: pd.DataFrame) -> list[str]:
    """The session's picks. The address decides them on the session's first view of the catalog (a reload, a shared
    link) and on Back or Forward, as it decides the filters; ids the catalog does not list are named in a warning."""
    if PICKS_KEY in st.session_state and not arrival().history:
        return list(st.session_state[PICKS_KEY])
    linked = linked_picks()
    listed = set(catalog_frame["model_id"][catalog_frame["model_id"].isin(linked)])
    unknown = [model_id for model_id in linked if model_id not in listed]
    if unknown:
        named = ", ".join(unknown[:LINKED_PICKS_NAMED])
        more = f" and {len(unknown) - LINKED_PICKS_NAMED:,} more" if len(unknown) > LINKED_PICKS_NAMED else ""
        link_warnings(
            [f"the link's picked= names {named}{more}, which the catalog does not list, so only the rest are picked"]
        )
    picked = [model_id for model_id in linked if model_id in listed]
    if PICKS_KEY in st.session_state and picked != st.session_state[PICKS_KEY]:
        # A table keeps its own ticks; new keys let every table start from these picks instead.
        st.session_state[ROUND_KEY] = picks_round() + 1
    return picked


def picks_to_compare() -> list[str]:
    """The session's picks when Compare can take them (2 to MAX_COMPARED), else none."""
    picked = list(st.session_state.get(PICKS_KEY, []))
    return picked if 2 <= len(picked) <= MAX_COMPARED else []


def linked_picks() -> list[str]:
    """The ids in the URL's picked=, each once, in order (read as Compare reads its ids=)."""
    return list(read_ids(st.query_params.get(PICKED_PARAM)).ids)


def picks_round() -> int:
    return int(st.session_state.get(ROUND_KEY, 0))


def clear_picks() -> None:
    """Button callback. A table's ticks cannot be set from the server, so the tables get new keys instead."""
    st.session_state[PICKS_KEY] = []
    st.session_state[ROUND_KEY] = picks_round() + 1


def keep_picks(picked: Sequence[str], catalog_frame: pd.DataFrame) -> list[str]:
    """Store the picks that are still in the catalog (a refresh may have removed one) and return them."""
    present = set(catalog_frame["model_id"][catalog_frame["model_id"].isin(picked)])
    kept = [model_id for model_id in picked if model_id in present]
    st.session_state[PICKS_KEY] = kept
    value = ",".join(kept)
    if kept and st.query_params.get(PICKED_PARAM) != value:
        st.query_params[PICKED_PARAM] = value
    elif not kept and PICKED_PARAM in st.query_params:
        del st.query_params[PICKED_PARAM]
    return kept


def picks_bar(
    place: DeltaGenerator,
    picked: Sequence[str],
    catalog_frame: pd.DataFrame,
    shown_ids: pd.Series,
    selectable: bool = True,
) -> None:
    """In `place`, the picks by name, those this view hides marked, with Compare (2–6), Open details (1) and Clear.

    With no picks, the line holds its place (a hint and Compare, disabled), so the first tick does not push the
    table down under the pointer, where the next click would land on another row.
    """
    if not picked:
        if not selectable:  # a streamed table has no ticks, and its summary line says how to get them
            return
        # One caption in a box of the bar's height: the place is held without sending a button on a first view.
        box = place.container(height=PICKS_BAR_PX, border=False, key="picks", vertical_alignment="center")
        box.caption(NO_PICKS_TEXT)
        return
    rows = catalog_frame[catalog_frame["model_id"].isin(picked)]
    names = dict(zip(rows["model_id"], rows["name"], strict=True))
    in_view = set(shown_ids[shown_ids.isin(picked)])
    hidden = sum(model_id not in in_view for model_id in picked)
    listed = ", ".join(escape_markdown(short_name(names.get(m, m)), 80) for m in picked)
    note = f" ({hidden} not in this view)" if hidden else ""
    st.html(ONE_LINE)  # style only: Streamlit puts it outside the page's layout
    bar = place.container(horizontal=True, vertical_alignment="center", key="picks")
    bar.markdown(f"**Picked:** {listed}{note}", width="content")
    if 2 <= len(picked) <= MAX_COMPARED:
        script, params = links.compare_target(picked)
        bar.page_link(
            script, label=f"Compare {len(picked)} models", query_params=params, icon=":material/compare_arrows:"
        )
    elif len(picked) > MAX_COMPARED:
        bar.caption(f"Pick at most {MAX_COMPARED} models to compare.", width="content")
    else:
        script, params = links.model_target(picked[0])
        bar.page_link(script, label="Open details", query_params=params, icon=":material/info:")
    bar.button("Clear picks", on_click=clear_picks, icon=":material/close:", type="tertiary", key="clear_picks")
