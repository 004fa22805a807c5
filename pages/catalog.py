"""Catalog: every embeddings model, searchable and filterable, each filter in the URL."""

import streamlit as st

from components import links
from components.catalog_table import catalog_table, summary_row
from components.shell import page_shell
from explorer.export import frame_to_csv, records_to_json
from explorer.filters import CatalogFilters, apply_filters, summarise, why_empty

view = page_shell("Catalog")
catalog = view.catalog
frame = catalog.frame

st.title("Embeddings models")

FILTER_KEYS = ("q", "provider", "max_price", "min_context", "modality", "free", "batch", "hide_expiring")


def clear_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


search_col, provider_col = st.columns([2, 1])
q = search_col.text_input(
    "Search", key="q", bind="query-params", placeholder="id, name or description", icon=":material/search:"
)
providers = provider_col.multiselect(
    "Provider", sorted(frame["provider"].unique()), key="provider", bind="query-params"
)
with st.expander("More filters", expanded=False):
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
        "Min context (tokens)", min_value=0, value=None, step=1024, key="min_context", bind="query-params"
    )
    modality_options = sorted({m for mods in frame["input_modalities"] for m in mods.split(", ") if m})
    modalities = c3.multiselect("Input modality", modality_options, key="modality", bind="query-params")
    t1, t2, t3 = st.columns(3)
    show_free = t1.toggle("Show free models", value=True, key="free", bind="query-params")
    show_batch = t2.toggle("Show batch variants", value=True, key="batch", bind="query-params")
    hide_expiring = t3.toggle("Hide models with a removal date", value=False, key="hide_expiring", bind="query-params")

filters = CatalogFilters(
    q=q or "",
    providers=tuple(providers),
    max_price=max_price,
    min_context=min_context,
    modalities=tuple(modalities),
    show_free=show_free,
    show_batch=show_batch,
    hide_expiring=hide_expiring,
)
shown = apply_filters(frame, filters)

summary_row(summarise(shown))

if shown.empty:
    reasons = why_empty(frame, filters)
    because = f" The {', '.join(reasons)} filter alone matches nothing." if reasons else ""
    st.warning(f"No model matches these filters.{because}", icon=":material/filter_alt_off:")
    st.button("Clear all filters", on_click=clear_filters, icon=":material/filter_alt_off:")
    st.stop()

st.caption(f"{len(shown)} of {len(frame)} models · select rows to compare · click a name for details")
selected = catalog_table(shown)

if selected:
    if 2 <= len(selected) <= 6:
        st.page_link(links.compare_link(selected), label=f"Compare {len(selected)} models", icon=":material/compare:")
    elif len(selected) > 6:
        st.caption("Select at most 6 models to compare.")

d1, d2, d3 = st.columns([1, 1, 4])
d1.download_button(
    "Download CSV",
    lambda: frame_to_csv(shown),
    file_name="embeddings-models.csv",
    mime="text/csv",
    icon=":material/download:",
)
d2.download_button(
    "Download JSON",
    lambda: records_to_json(shown["model_id"], catalog.raw),
    file_name="embeddings-models.json",
    mime="application/json",
    icon=":material/download:",
)
if not filters.is_default:
    d3.button("Clear all filters", on_click=clear_filters, icon=":material/filter_alt_off:")
