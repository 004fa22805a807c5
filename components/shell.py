"""Every page starts here: page config, navigation, access gate, and the data-source banner."""

from __future__ import annotations

import datetime as dt
import threading

import streamlit as st

from components import links
from components.loader import CatalogView, load_catalog, refresh_catalog
from explorer.dates import age_text
from explorer.snapshot import SNAPSHOT_DATE
from explorer.text import escape_markdown

APP_TITLE = "Embeddings Explorer"

# (script, title, url path, icon); the first is the default page at "/".
PAGE_SPECS: list[tuple[str, str, str, str]] = [
    (links.SCRIPTS[links.CATALOG_PATH], "Catalog", links.CATALOG_PATH, ":material/table_rows:"),
    (links.SCRIPTS[links.MODEL_PATH], "Model details", links.MODEL_PATH, ":material/info:"),
    (links.SCRIPTS[links.COMPARE_PATH], "Compare", links.COMPARE_PATH, ":material/compare_arrows:"),
    (links.SCRIPTS[links.PRICING_PATH], "Pricing", links.PRICING_PATH, ":material/bar_chart:"),
    (links.SCRIPTS[links.CALCULATOR_PATH], "Cost calculator", links.CALCULATOR_PATH, ":material/calculate:"),
]

_run = threading.local()


def navigation() -> st.navigation:  # type: ignore[valid-type]
    """Register the pages; the entrypoint marks the run so pages know navigation already happened."""
    pages = [
        st.Page(script, title=title, url_path=path or None, icon=icon, default=(i == 0))
        for i, (script, title, path, icon) in enumerate(PAGE_SPECS)
    ]
    return st.navigation(pages, position="top")


def run_app() -> None:
    """Entrypoint body: run the requested page inside the navigation."""
    _run.via_entrypoint = True
    try:
        navigation().run()
    finally:
        _run.via_entrypoint = False


def page_shell(title: str) -> CatalogView:
    """Call first on every page. Returns the catalog the page should show."""
    if not getattr(_run, "via_entrypoint", False):
        # A fresh server hit on a deep link runs a pages/ script directly (Streamlit's legacy
        # multipage mode), skipping the entrypoint. Register the real navigation, which turns
        # that mode off for the server, and rerun so this request goes through the entrypoint.
        navigation()
        st.rerun()
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=":material/explore:", layout="wide")
    access_gate()
    view = load_catalog()
    source_banner(view)
    return view


def access_gate() -> None:
    """Who may see the app. Open to everyone until sign-in is configured."""


def source_banner(view: CatalogView, now: dt.datetime | None = None) -> None:
    """Where the data comes from, how old it is, and what went wrong if it is not fresh."""
    now = now or dt.datetime.now(dt.UTC)
    catalog = view.catalog
    for problem in view.settings.problems:
        st.error(f"Setting ignored: {escape_markdown(problem)}", icon=":material/settings:")
    if view.error is not None:
        st.error(escape_markdown(view.error.summary), icon=":material/cloud_off:")
    if catalog.source == "snapshot":
        st.info(
            f"Snapshot of {SNAPSHOT_DATE.isoformat()} — set OPENROUTER_API_KEY for live data",
            icon=":material/inventory_2:",
        )
    elif view.error is not None:
        st.warning(
            f"Showing the last good live data, fetched {catalog.as_of:%Y-%m-%d %H:%M} UTC "
            f"({age_text(catalog.as_of, now)}).",
            icon=":material/history:",
        )
    else:
        st.caption(
            f"Live from OpenRouter · fetched {catalog.as_of:%Y-%m-%d %H:%M} UTC ({age_text(catalog.as_of, now)})"
        )
    if catalog.skipped:
        with st.expander(f"{len(catalog.skipped)} record(s) in the upstream list were skipped as unreadable"):
            for record in catalog.skipped[:50]:
                label = escape_markdown(record.model_id or f"record #{record.index}", 120)
                st.markdown(f"- {label}: {escape_markdown(record.reason, 300)}")
    with st.sidebar:
        source = "bundled snapshot" if catalog.source == "snapshot" else "live API"
        st.caption(f"{len(catalog)} models · {source} · as of {catalog.as_of:%Y-%m-%d %H:%M} UTC")
        if view.settings.live:
            st.button("Refresh", icon=":material/refresh:", help="Fetch the list again now", on_click=refresh_catalog)
