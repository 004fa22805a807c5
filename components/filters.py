"""The catalog's filter widgets, each bound to its URL parameter, shared by every page that filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.filters import CatalogFilters
from explorer.memo import IdentityMemo


def _options(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Provider and input-modality choices, once per catalog frame."""
    modalities = {m for mods in frame["input_modalities"].unique() for m in mods.split(", ") if m}
    return sorted(frame["provider"].unique()), sorted(modalities)


filter_options = IdentityMemo(_options)

# Widget key (= URL parameter) -> default value.
FILTER_DEFAULTS: dict[str, object] = {
    "q": "",
    "provider": [],
    "max_price": None,
    "min_context": None,
    "modality": [],
    "free": True,
    "batch": True,
    "hide_expiring": False,
}


# The filters inside "More filters": rendered only while that group is open or one of them is set.
MORE_KEYS = ("max_price", "min_context", "modality", "free", "batch", "hide_expiring")


def clear_filters() -> None:
    """Button callback: reset every filter to its default, which also drops it from the URL."""
    # Bound widgets are changed through session state; st.query_params cannot remove them.
    for key, default in FILTER_DEFAULTS.items():
        if key in MORE_KEYS and key not in st.session_state:
            continue  # not rendered, so already at its default
        st.session_state[key] = list(default) if isinstance(default, list) else default


def more_filters_set() -> bool:
    """Whether any "More filters" filter differs from its default, in this session or in the URL."""
    for key in MORE_KEYS:
        if key in st.session_state:
            if st.session_state[key] != FILTER_DEFAULTS[key]:
                return True
        elif key in st.query_params:
            return True
    return False


def filter_widgets(frame: pd.DataFrame) -> CatalogFilters:
    """Search, provider and the 'More filters' group; widget keys are the URL parameter names."""
    provider_options, modality_options = filter_options(frame)
    # Columns rather than a horizontal container: on a narrow screen they stack, the search box keeps its width.
    search_col, provider_col = st.columns([2, 1])
    q = search_col.text_input(
        "Search", key="q", bind="query-params", placeholder="id, name or description", icon=":material/search:"
    )
    providers = provider_col.multiselect("Provider", provider_options, key="provider", bind="query-params")
    is_set = more_filters_set()
    # The group opens by itself when the page opens with one of its filters set (a shared link);
    # the first value is kept so the expander stays the same widget for the rest of the session.
    expanded = st.session_state.setdefault("_more_filters_expanded", is_set)
    more = st.expander("More filters", expanded=expanded, key="more_filters", on_change="rerun")
    if not (more.open or is_set):
        # Closed and all at their defaults: the widgets are not sent at all, which spares the
        # browser their code on the first view. Opening the group reruns and shows them.
        return _with_clear(CatalogFilters(q=q or "", providers=tuple(providers)))
    with more:
        c1, c2, c3 = st.columns(3)
        max_price = c1.number_input(
            "Max input price ($ / M tokens)",
            min_value=0.0,
            value=None,
            step=0.01,
            format="%.4f",
            key="max_price",
            bind="query-params",
        )
        min_context = c2.number_input(
            "Min input (tokens)",
            min_value=0,
            value=None,
            step=1024,
            key="min_context",
            bind="query-params",
            help="Context length, or the model's own published max input where that is smaller",
        )
        modalities = c3.multiselect("Input modality", modality_options, key="modality", bind="query-params")
        t1, t2, t3 = st.columns(3)
        show_free = t1.toggle("Show free models", value=True, key="free", bind="query-params")
        show_batch = t2.toggle("Show batch variants", value=True, key="batch", bind="query-params")
        hide_expiring = t3.toggle(
            "Hide models with a removal date", value=False, key="hide_expiring", bind="query-params"
        )
    return _with_clear(
        CatalogFilters(
            q=q or "",
            providers=tuple(providers),
            max_price=max_price,
            min_context=min_context,
            modalities=tuple(modalities),
            show_free=show_free,
            show_batch=show_batch,
            hide_expiring=hide_expiring,
        )
    )


def _with_clear(filters: CatalogFilters) -> CatalogFilters:
    """The filters, with a "Clear all filters" button under them while any is set."""
    if not filters.is_default:
        st.button("Clear all filters", on_click=clear_filters, icon=":material/filter_alt_off:", type="tertiary")
    return filters
