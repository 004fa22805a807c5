"""Model details: one model's prices, facts, record, variants and a request to copy, from ?id=."""

import datetime as dt

import streamlit as st

from components import model_detail as detail
from components.history_views import model_history_section, no_longer_listed
from components.shell import page_shell
from explorer.detail import expiration_of
from explorer.facts import facts_for

view = page_shell("Model details")
catalog = view.catalog
model_id = (st.query_params.get("id") or "").strip()
if model_id:
    # A link from this page to another model reruns it without updating the address bar; saying the id again does.
    st.query_params["id"] = model_id
model = catalog.model(model_id) if model_id else None

if model is None:
    if not model_id:
        st.title("Model details")
        st.caption(f"{len(catalog):,} models in the catalog ({detail.source_text(catalog)}).")
    elif not no_longer_listed(model_id, catalog):  # a removed model keeps its page: when it went, its history
        detail.not_found(model_id, catalog)
    chosen = detail.model_picker(catalog)
    if chosen:
        st.query_params["id"] = chosen
        st.rerun()
    detail.back_to_catalog()
    st.stop()

today = dt.datetime.now(dt.UTC).date()
facts = facts_for(model.id)
detail.header(model, facts)
detail.variant_caveat(model)
detail.alias_note(model, catalog)
detail.expiration_banner(expiration_of(model.expiration_date, today))
detail.description(model)

left, right = st.columns(2)
with left:
    detail.pricing_section(model)
    detail.variants_section(model, catalog)
with right:
    detail.facts_section(facts)

model_history_section(model.id, catalog.as_of)
detail.snippets_section(model, view.settings.base_url)
detail.record_section(model, catalog.raw.get(model.id), today)
detail.back_to_catalog()
