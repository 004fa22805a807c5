"""The catalog's filter widgets, each bound to its URL parameter, shared by every page that filters."""

from __future__ import annotations

import contextlib

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException

from components.shell import arrival, follow_address, link_warnings
from explorer.filters import CatalogFilters, link_problems
from explorer.memo import IdentityMemo
from explorer.ordering import DEFAULT_ORDER, ORDERS, order_problem
from explorer.text import escape_markdown


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


# Non-widget keys: the filters as last drawn, on whichever page, and that page. Streamlit gives each page's
# widgets their own ids and, on a page switch, drops the other page's bound parameters from the URL.
_LAST_FILTERS = "_last_filters"
_LAST_FILTERS_PAGE = "_last_filters_page"
_LAST_ORDER = "_last_order"  # the catalog's row order, carried back to it like the filters

# The filters inside "More filters": rendered only while that group is open or one of them is set.
MORE_KEYS = ("max_price", "min_context", "modality", "free", "batch", "hide_expiring")
# The provider choices sit in a menu: rendered only while it is open or a provider is chosen.
PROVIDER_KEY = "provider"
PROVIDER_MENU = "provider_menu"  # the menu's open state, in session state
_PROVIDER_MENU_LABEL = "_provider_menu_label"  # the label the menu was last drawn with
# Filters whose widgets a run may leave out, each then at its default.
UNSENT_KEYS = (*MORE_KEYS, PROVIDER_KEY)


def clear_filters() -> None:
    """Button callback: reset every filter to its default, which also drops it from the URL."""
    # Bound widgets are changed through session state; st.query_params cannot remove them.
    for key, default in FILTER_DEFAULTS.items():
        if key in UNSENT_KEYS and key not in st.session_state:
            continue  # not rendered, so already at its default
        st.session_state[key] = list(default) if isinstance(default, list) else default


def more_filters_set() -> bool:
    """Whether any "More filters" filter differs from its default, in this session or in the URL."""
    return _any_set(MORE_KEYS)


def _any_set(keys: tuple[str, ...]) -> bool:
    """Whether any of these filters is in the URL or, in this session, differs from its default.

    The URL first: on Back or Forward it names a filter that session state (cleared since) does not, and the
    widget, once drawn, takes the address's value. A parameter left over from a filter just cleared draws its
    widget once more, at its default, which drops it from the URL.
    """
    for key in keys:
        if key in st.query_params:
            return True
        if key in st.session_state and st.session_state[key] != FILTER_DEFAULTS[key]:
            return True
    return False


def widget_values(filters: CatalogFilters) -> dict[str, object]:
    """Each filter's widget value, by widget key (= URL parameter)."""
    return {
        "q": filters.q,
        "provider": list(filters.providers),
        "max_price": filters.max_price,
        "min_context": filters.min_context,
        "modality": list(filters.modalities),
        "free": filters.show_free,
        "batch": filters.show_batch,
        "hide_expiring": filters.hide_expiring,
    }


def filters_of(values: dict[str, object]) -> CatalogFilters:
    """The filters that widget values (by widget key) stand for: widget_values the other way round."""
    return CatalogFilters(
        q=str(values["q"] or ""),
        providers=tuple(values["provider"]),  # type: ignore[call-overload]
        max_price=values["max_price"],  # type: ignore[arg-type]
        min_context=values["min_context"],  # type: ignore[arg-type]
        modalities=tuple(values["modality"]),  # type: ignore[call-overload]
        show_free=bool(values["free"]),
        show_batch=bool(values["batch"]),
        hide_expiring=bool(values["hide_expiring"]),
    )


def filter_link_problems(frame: pd.DataFrame) -> list[str]:
    """The opened link's filter values the widgets cannot take; read before the widgets drop them from the URL."""
    providers, modalities = filter_options(frame)
    return link_problems({name: st.query_params.get_all(name) for name in FILTER_DEFAULTS}, providers, modalities)


def carry_filters(page: str, frame: pd.DataFrame) -> bool:
    """Entering a filtering page whose link sets no filter: start from the filters last drawn, on another filtering
    page or on this one before the session went to a page without filters (Compare, then the browser's Back).

    True when the filters were carried.
    """
    came_from = st.session_state.get(_LAST_FILTERS_PAGE)
    st.session_state[_LAST_FILTERS_PAGE] = page
    last = st.session_state.get(_LAST_FILTERS)
    entered = arrival()
    if came_from is None or last is None:
        return False  # the session's first filtering page
    if came_from == page and not entered.from_another_page:
        return False  # a rerun of the page the filters were drawn on
    if entered.history:
        return False  # Back or Forward: the address says what the page showed, filters or none
    if any(key in st.query_params for key in FILTER_DEFAULTS):
        # A link with filters of its own wins, whole: the filters it leaves out are at their defaults,
        # not at what this page's widgets kept from an earlier visit.
        for key, default in FILTER_DEFAULTS.items():
            if key not in st.query_params:
                st.session_state[key] = list(default) if isinstance(default, list) else default
        return False
    provider_options, modality_options = filter_options(frame)
    values = widget_values(last)
    # Only choices this catalog still offers: a multiselect refuses others.
    values["provider"] = [p for p in last.providers if p in provider_options]
    values["modality"] = [m for m in last.modalities if m in modality_options]
    for key, value in values.items():
        # Every filter, defaults too, before the widgets exist: this page's widgets (their own widget ids) take
        # these, where they would restore their values from an earlier visit. What st.session_state reads for
        # a key now may be the other page's widget's value, so it is no guide to what to skip.
        st.session_state[key] = value
        if value != FILTER_DEFAULTS[key]:
            _write_param(key, value)
    return True


def _write_param(key: str, value: object) -> None:
    """Put a carried filter in the URL, as its widget writes it; a widget adopting a value set in session state
    on its first run does not write it."""
    if isinstance(value, bool):
        text: str | list[str] = str(value).lower()
    elif isinstance(value, list):
        text = [str(v) for v in value]
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    # Still bound to the other page's widget, it cannot be written: the browser sends the old page's filters with
    # a navigation click and Streamlit unbinds those, but a request without them keeps the binding until the run
    # ends. This page's widget then writes the value to the URL on its next run.
    with contextlib.suppress(StreamlitAPIException):
        st.query_params[key] = text


ORDER_PAGE = "catalog"  # the one filtering page whose rows have an order; pricing's charts order themselves


def linked_order() -> str:
    """The row order the URL names; OpenRouter's when it names none it can take."""
    order = st.query_params.get("sort", DEFAULT_ORDER)
    return order if order in ORDERS else DEFAULT_ORDER


def order_set() -> bool:
    return linked_order() != DEFAULT_ORDER


def row_order() -> str:
    """The catalog's row order, as its control (which keeps the URL in step) last drew it."""
    return linked_order()


def _order_input(place: DeltaGenerator) -> None:
    """The "Order rows" control, kept in the URL as ?sort=price.

    Not bound by Streamlit: a bound select box keeps its option's label in the URL ("Cheapest input first"),
    where a short word reads better in a shared link.
    """
    follow_address("sort", linked_order())
    order = place.selectbox("Order rows", list(ORDERS), format_func=ORDERS.__getitem__, key="sort")
    if order == DEFAULT_ORDER:
        st.query_params.pop("sort", None)
    else:
        st.query_params["sort"] = order


def filter_widgets(frame: pd.DataFrame, page: str) -> CatalogFilters:
    """The filters on `page`, with warnings for link values they cannot take and the filters carried from the
    page last filtered, when this page's link sets none."""
    prepare_filters(frame, page)
    return draw_filters(frame, page)


def prepare_filters(frame: pd.DataFrame, page: str) -> None:
    """What runs before the filter widgets: warnings for link values they cannot take, and the filters carried
    from the page last filtered."""
    problems = filter_link_problems(frame)
    if page == ORDER_PAGE and (problem := order_problem(st.query_params.get("sort"))):
        problems.append(problem)
        st.query_params.pop("sort", None)  # ignored, so out of the link, as the widgets drop what they ignore
    link_warnings(problems)  # before the widgets run: they drop such values without a word
    carried = carry_filters(page, frame)
    if page == ORDER_PAGE:
        last_order = st.session_state.get(_LAST_ORDER, DEFAULT_ORDER)
        if carried and "sort" not in st.query_params and last_order != DEFAULT_ORDER:
            st.query_params["sort"] = last_order  # back from pricing, in the order the catalog was left in


def draw_filters(frame: pd.DataFrame, page: str) -> CatalogFilters:
    """The filter widgets, after prepare_filters; returns their filters."""
    filters = _filter_inputs(frame, with_order=page == ORDER_PAGE)
    if page == ORDER_PAGE:
        st.session_state[_LAST_ORDER] = linked_order()
    st.session_state[_LAST_FILTERS] = filters
    return filters


_FORESEEN_WRONG = "_filters_foreseen_wrong"  # the last run's foreseen filters were not the widgets'


def foreseen_filters() -> tuple[CatalogFilters, str] | None:
    """(filters, row order) the catalog's widgets will return this run, when session state says so for certain;
    after prepare_filters. None where the address decides (Back or Forward, or a link's filters this session's
    widgets have not taken yet), and after a wrong guess.

    Known before the widgets run, a short table can be drawn first: a first view then sends it before the widgets,
    and the browser starts on the table's code, the most of the page's, before theirs.
    """
    if st.session_state.pop(_FORESEEN_WRONG, False) or arrival().history:
        return None
    values: dict[str, object] = {}
    for key, default in FILTER_DEFAULTS.items():
        if key in st.session_state:
            values[key] = st.session_state[key]
        elif key in st.query_params:
            return None  # a link's value, which the widget takes as it parses it
        else:
            values[key] = default
    order = st.session_state["sort"] if "sort" in st.session_state else linked_order()
    try:
        filters = filters_of(values)
    except TypeError:
        return None
    return filters, order if order in ORDERS else DEFAULT_ORDER


def confirm_foreseen(foreseen: tuple[CatalogFilters, str], drawn: CatalogFilters) -> None:
    """After the widgets ran: a page drawn with filters other than theirs runs again, with theirs."""
    if (drawn, row_order()) != foreseen:
        st.session_state[_FORESEEN_WRONG] = True
        st.rerun()


def _filter_inputs(frame: pd.DataFrame, with_order: bool = False) -> CatalogFilters:
    """Search, provider and the 'More filters' group; widget keys are the URL parameter names."""
    provider_options, modality_options = filter_options(frame)
    # Columns rather than a horizontal container: on a narrow screen they stack, the search box keeps its width.
    search_col, provider_col, clear_col = st.columns([4, 2, 1], vertical_alignment="bottom")
    q = search_col.text_input(
        "Search", key="q", bind="query-params", placeholder="id, name or description", icon=":material/search:"
    )
    providers = _provider_menu(provider_col, provider_options)
    is_set = more_filters_set() or (with_order and order_set())
    # The group opens by itself when the page is entered with one of its filters set: a shared link, a link from
    # another page, Back or Forward. Between entries the value is kept, so the expander stays the same widget
    # while the page is in use (a new value makes a new one, drawn as the value says).
    if arrival().entered:
        st.session_state["_more_filters_expanded"] = is_set
    expanded = st.session_state.setdefault("_more_filters_expanded", is_set)
    more = st.expander("More filters", expanded=expanded, key="more_filters", on_change="rerun")
    if not (more.open or is_set):
        # Closed and all at their defaults: the widgets are not sent at all, which spares the
        # browser their code on the first view. Opening the group reruns and shows them.
        return _with_clear(clear_col, CatalogFilters(q=q or "", providers=tuple(providers)))
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
        if with_order:
            # In the URL, so a shared view ("cheapest first, at least 8k tokens") opens in the same order.
            # A header click still sorts the table for one reader.
            _order_input(c1)
    return _with_clear(
        clear_col,
        CatalogFilters(
            q=q or "",
            providers=tuple(providers),
            max_price=max_price,
            min_context=min_context,
            modalities=tuple(modalities),
            show_free=show_free,
            show_batch=show_batch,
            hide_expiring=hide_expiring,
        ),
    )


def provider_menu_label(chosen: list[str]) -> str:
    """The provider menu's button: the chosen providers, as many as fit a narrow button (Markdown, escaped)."""
    if not chosen:
        return "Provider: any"
    names = ", ".join(escape_markdown(name) for name in chosen[:2])
    more = f" +{len(chosen) - 2}" if len(chosen) > 2 else ""
    return f"Provider{'s' if len(chosen) > 1 else ''}: {names}{more}"


def _chosen_providers(options: list[str]) -> list[str]:
    """The providers chosen, known before the menu's widget runs (its label comes first): as this session last
    had them, except where the address decides (a link, or Back and Forward), which gives those it names that
    this catalog offers, as the widget takes them."""
    if PROVIDER_KEY in st.session_state and not arrival().history:
        return list(st.session_state[PROVIDER_KEY])
    return [p for p in dict.fromkeys(st.query_params.get_all(PROVIDER_KEY)) if p in options]


def _provider_menu(place: DeltaGenerator, options: list[str]) -> list[str]:
    """The provider filter, kept in the URL as ?provider=a&provider=b: a menu button that names the chosen ones.

    A multiselect in its place cost the first view the most of any piece (its combo box is 74 kB of script, and
    `python -m bench.elements` measured it the slowest alone). The menu's pills are sent only while it is open or a
    provider is chosen, so a first view draws one button, and a provider is then one click, not two.
    """
    label = provider_menu_label(_chosen_providers(options))
    # The button's label is part of the menu's identity: a new label is a new menu, closed. A tick in the open
    # menu reruns the page with a new label, so the new menu is opened as the old one was: the label follows
    # the ticks, and the pills stay under the pointer.
    if st.session_state.get(PROVIDER_MENU) and st.session_state.get(_PROVIDER_MENU_LABEL, label) != label:
        st.session_state[PROVIDER_MENU] = True
    st.session_state[_PROVIDER_MENU_LABEL] = label
    menu = place.popover(
        label, key=PROVIDER_MENU, on_change="rerun", width="stretch", help="Show only these providers' models"
    )
    if not (menu.open or _any_set((PROVIDER_KEY,))):
        return []
    picked = menu.pills(
        "Provider",
        options,
        selection_mode="multi",
        key=PROVIDER_KEY,
        bind="query-params",
        label_visibility="collapsed",
    )
    return list(picked or [])


def _with_clear(place: DeltaGenerator, filters: CatalogFilters) -> CatalogFilters:
    """The filters, with "Clear all filters" beside the search box, usable while any is set.

    Always drawn, so the first filter set (a tick in the provider menu, under the pointer) moves nothing.
    """
    place.button(
        "Clear all filters",
        on_click=clear_filters,
        icon=":material/filter_alt_off:",
        type="tertiary",
        disabled=filters.is_default,
        key="clear_filters",
    )
    return filters
