"""Compare: 2–6 models side by side from ?ids=a,b, differences tinted and winners marked."""

import datetime as dt

import streamlit as st

from components import compare_view as view_parts
from components.picks import picks_to_compare
from components.shell import APP_TITLE, page_shell
from explorer.compare import compare_rows, has_free_variant
from explorer.compare_selection import read_ids, select_models

view = page_shell("Compare")
catalog = view.catalog
if "ids" not in st.query_params and (picked := picks_to_compare()):
    st.query_params["ids"] = ",".join(picked)  # opened by the navigation: the models picked in the catalog
requested = read_ids(st.query_params.get("ids"))
selection = select_models(list(requested.ids), catalog.models)
if selection.models:
    # In-app links can rerun a page without updating the address bar; saying the ids again does, each id once.
    # Only the ids compared: the others (not in the catalog, over the limit) are named below this once, and leave
    # the address, as the other pages drop a link's values they cannot take.
    st.query_params["ids"] = ",".join(model.id for model in selection.models)
elif "ids" in st.query_params:
    del st.query_params["ids"]

st.title("Compare models")
view_parts.selection_notices(selection, catalog, requested)

if not selection.enough:
    view_parts.not_enough(selection, requested)
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
view_parts.mteb_caption(models)

with st.expander("Change the models"):
    chosen = view_parts.ids_picker(catalog, [m.id for m in models])
    if len(chosen) >= 2 and chosen != [m.id for m in models]:
        st.query_params["ids"] = ",".join(chosen)
        st.rerun()
    elif len(chosen) < 2:
        st.caption("Keep at least two models selected.")
view_parts.back_to_catalog()  # where the picks were made, with its filters as they were left
