"""Compare: 2–6 models side by side from ?ids=a,b, differences tinted and winners marked."""

import datetime as dt

import streamlit as st

from components import compare_view as view_parts
from components.shell import APP_TITLE, page_shell
from explorer.compare import compare_rows, has_free_variant, mteb_mixes_benchmarks, parse_ids, select_models

view = page_shell("Compare")
catalog = view.catalog
requested = st.query_params.get("ids")
if requested:
    # In-app links can rerun a page without updating the address bar; saying the ids again does.
    st.query_params["ids"] = requested
selection = select_models(parse_ids(requested), catalog.models)

st.title("Compare models")
view_parts.selection_notices(selection, catalog)

if not selection.enough:
    view_parts.not_enough(selection)
    chosen = view_parts.ids_picker(catalog, [m.id for m in selection.models])
    if len(chosen) >= 2:
        st.query_params["ids"] = ",".join(chosen)
        st.rerun()
    st.stop()

models = selection.models
st.set_page_config(page_title=f"Compare {len(models)} models · {APP_TITLE}")
view_parts.model_links(models)
view_parts.compare_table(models, compare_rows(models, dt.datetime.now(dt.UTC).date()))
if has_free_variant(models):
    view_parts.free_variant_caption()
if mteb_mixes_benchmarks(models):
    st.caption("MTEB scores here come from different benchmarks, so none is marked highest.")

with st.expander("Change the models"):
    chosen = view_parts.ids_picker(catalog, [m.id for m in models])
    if len(chosen) >= 2 and chosen != [m.id for m in models]:
        st.query_params["ids"] = ",".join(chosen)
        st.rerun()
    elif len(chosen) < 2:
        st.caption("Keep at least two models selected.")
