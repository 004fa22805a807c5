"""The detail page's sections: each takes a model (or a catalog) and renders it; nothing here fetches."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import links
from components.shell import APP_TITLE
from explorer.catalog import Catalog
from explorer.detail import (
    Expiration,
    closest_ids,
    fact_rows,
    inline_code,
    key_figures,
    markdown_literal,
    override_rows,
    price_rows,
    record_rows,
    unit_doubts,
    variant_note,
    variant_siblings,
)
from explorer.facts import ModelFacts
from explorer.normalise import provider_of, split_variant
from explorer.record_links import record_links
from explorer.schema import EmbeddingModel
from explorer.snippets import curl_snippet, python_snippet
from explorer.text import escape_markdown, plain


def source_text(catalog: Catalog) -> str:
    """'snapshot, 2026-08-19' or 'live, 2026-11-25 07:30 UTC'."""
    if catalog.source == "snapshot":
        return f"snapshot, {catalog.as_of:%Y-%m-%d}"
    return f"live, {catalog.as_of:%Y-%m-%d %H:%M} UTC"


# st.table wraps cells at spaces only; a long URL or id would run past its cell instead.
WRAP_LONG_WORDS = [{"selector": "td p", "props": [("overflow-wrap", "break-word")]}]


def text_table(rows: list[tuple[str, str]] | list[dict[str, str]], columns: list[str] | None = None) -> None:
    """A read-only table whose cells wrap, so every value is read whole, and whose text is never markup.

    st.table renders each cell as markdown, so every cell is markdown that shows its text literally.
    """
    arrow = arrow_text_table(rows, columns)
    body = tuple(tuple("—" if cell is None else cell for cell in row.values()) for row in arrow.to_pylist())
    _drawn_text_table(tuple(arrow.column_names), body)


# Styling a table costs about 2 ms; the detail page draws four, so on a repeat Streamlit replays them.
@st.cache_data(max_entries=256, show_spinner=False)
def _drawn_text_table(header: tuple[str, ...], body: tuple[tuple[str, ...], ...]) -> None:
    frame = pd.DataFrame(
        [[markdown_literal(cell) for cell in row] for row in body], columns=[markdown_literal(h) for h in header]
    )
    st.table(frame.style.set_table_styles(WRAP_LONG_WORDS), hide_index=True, border="horizontal")


def arrow_text_table(rows: list[tuple[str, str]] | list[dict[str, str]], columns: list[str] | None = None) -> pa.Table:
    """Rows as an Arrow table of text cells: what st.dataframe sends anyway, without a pandas round trip
    (about ten times cheaper for these short tables, which every rerun of the detail page draws)."""
    if rows and not isinstance(rows[0], dict):
        names = columns or [str(i) for i in range(len(rows[0]))]
        rows = [dict(zip(names, row, strict=True)) for row in rows]  # type: ignore[arg-type]
    names = columns or (list(rows[0]) if rows else [])
    data = {name: [None if r.get(name) is None else str(r.get(name)) for r in rows] for name in names}  # type: ignore[union-attr]
    return pa.table(data, schema=pa.schema([(name, pa.string()) for name in names]))


def header(model: EmbeddingModel, facts: ModelFacts | None) -> None:
    """Name, copyable id, provider, the key figures, and outside links."""
    st.set_page_config(page_title=f"{plain(model.display_name, 120)} · {APP_TITLE}")
    st.title(escape_markdown(model.display_name, 200))
    st.code(model.id, language=None)
    base_id, variant = split_variant(model.id)
    kind = f" · {variant} variant of {inline_code(base_id)}" if variant else ""
    st.caption(f"Provider: {escape_markdown(provider_of(model.id))}{kind}")
    st.markdown(key_figures(model, facts))
    with st.container(horizontal=True):
        st.link_button("OpenRouter page", links.openrouter_model_url(model.id), icon=":material/open_in_new:")
        if model.hugging_face_id and model.hugging_face_id.strip():
            st.link_button(
                "Hugging Face", links.hugging_face_url(model.hugging_face_id.strip()), icon=":material/open_in_new:"
            )


VARIANT_ICONS = {"free": ":material/speed:", "batch": ":material/schedule_send:"}


def variant_caveat(model: EmbeddingModel) -> None:
    """What a ':free' or ':batch' variant is for, before its prices are read."""
    note = variant_note(model.id)
    if note:
        st.info(note, icon=VARIANT_ICONS.get(split_variant(model.id)[1]))


def alias_note(model: EmbeddingModel, catalog: Catalog) -> None:
    """An alias row routes to a concrete model; point at it."""
    target = model.alias_target
    if target is None:
        return
    st.info(f"This is an alias: requests go to {inline_code(target.slug)}.", icon=":material/alt_route:")
    if target.slug in catalog.models:
        script, params = links.model_target(target.slug)
        st.page_link(script, label=f"Open {escape_markdown(target.slug, 200)}", query_params=params)


def expiration_banner(expiration: Expiration) -> None:
    """Expired is an error, within 90 days a warning, later a note; placeholders read as no planned removal."""
    if expiration.state == "expired":
        st.error(expiration.text, icon=":material/event_busy:")
    elif expiration.state == "soon":
        st.warning(expiration.text, icon=":material/schedule:")
    elif expiration.state == "scheduled":
        st.info(expiration.text, icon=":material/event:")
    else:
        st.caption(expiration.text)


def description(model: EmbeddingModel) -> None:
    """Third-party text: shown verbatim as plain text, so no link, image or HTML in it does anything."""
    if model.description.strip():
        st.text(plain(model.description))
    else:
        st.caption("No description.")


def pricing_section(model: EmbeddingModel) -> None:
    """Every price key the record has, then its overrides; nothing invented for absent keys."""
    st.subheader("Pricing")
    rows = price_rows(model.pricing, model.architecture.input_modalities)
    text_table([{"Price": r.label, "Key": r.key, "Amount": r.price, "As sent (USD per unit)": r.exact} for r in rows])
    overrides = override_rows(model.pricing)
    if overrides:
        st.caption("Overrides: these prices apply instead when their conditions hold.")
        text_table(overrides)
    st.caption("Only the keys the record carries are listed; a missing key is not charged or not stated.")
    for doubt in unit_doubts(model):
        st.warning(escape_markdown(doubt, 1000), icon=":material/help:")  # escaped: two $ would open math


def facts_section(facts: ModelFacts | None) -> None:
    """Published facts with their sources; unknown stays unknown."""
    st.subheader("Model facts")
    text_table(fact_rows(facts), columns=["Fact", "Value"])
    if facts is None:
        st.caption("No published facts for this model in the bundled facts file; every fact is unknown.")
        return
    if facts.notes:
        st.caption(escape_markdown(facts.notes, 500))
    if facts.source_urls:
        st.markdown(
            "Sources: "
            + " · ".join(
                f"[{escape_markdown(links.source_label(u))}]({links.markdown_url(u)})" for u in facts.source_urls
            )
        )
    if facts.mteb_score is not None:
        st.caption("Scores from different MTEB benchmarks are not comparable.")


def variants_section(model: EmbeddingModel, catalog: Catalog) -> None:
    """Links to the base model and its other variants, each with how its input price compares with this one."""
    siblings = variant_siblings(model, catalog.models)
    if not siblings:
        return
    st.subheader("Variants")
    for sibling in siblings:
        script, params = links.model_target(sibling.model_id)
        label = f"{sibling.model_id} ({sibling.kind.lower()})"
        st.page_link(script, label=escape_markdown(label, 300), query_params=params, icon=":material/call_split:")
        st.caption(escape_markdown(sibling.line))


def snippets_section(model: EmbeddingModel, base_url: str) -> None:
    """curl and Python requests for this model against the configured base URL."""
    st.subheader("Try it")
    st.caption("Reads your key from the OPENROUTER\\_API\\_KEY environment variable; this page never holds it.")
    curl_tab, python_tab = st.tabs(["curl", "Python"])
    curl_tab.code(curl_snippet(base_url, model.id), language="bash")
    python_tab.code(python_snippet(base_url, model.id), language="python")


def record_section(model: EmbeddingModel, raw: dict[str, Any] | None, today: dt.date) -> None:
    """The rest of the record as a table, and the record exactly as received."""
    st.subheader("Everything else in the record")
    text_table(record_rows(model, today), columns=["Field", "Key", "Value"])
    record_links_line(model)
    with st.expander("Raw JSON, exactly as received"):
        st.code(json.dumps(raw if raw is not None else model.model_dump(mode="json"), indent=2, ensure_ascii=False))


def record_links_line(model: EmbeddingModel) -> None:
    """The record's openrouter.ai links, clickable; an entry that is not one stays text in the table above."""
    targets = [(e.key, e.label, e.url) for e in record_links(model.extra_fields.get("links")) if e.url]
    if not targets:
        return
    st.markdown(
        "Links in the record: "
        + " · ".join(f"[{escape_markdown(label, 120)}]({links.markdown_url(url)})" for _, label, url in targets)
    )
    if any(key == "details" for key, _, _ in targets):
        st.caption("Per-provider endpoints: JSON from the OpenRouter API listing the providers that serve this model.")


def not_found(model_id: str, catalog: Catalog) -> None:
    """An unknown id: say so with the source and offer the closest ids (the page adds a picker and a way back)."""
    st.set_page_config(page_title=f"Model not found · {APP_TITLE}")
    st.title("Model not found")
    st.error(f"No model {inline_code(model_id)} in the catalog ({source_text(catalog)}).", icon=":material/search_off:")
    suggestions = closest_ids(model_id, list(catalog.models))
    if suggestions:
        st.markdown("Did you mean:")
        for suggestion in suggestions:
            script, params = links.model_target(suggestion)
            st.page_link(
                script, label=escape_markdown(suggestion), query_params=params, icon=":material/arrow_forward:"
            )


def back_to_catalog() -> None:
    """The way back to the full list."""
    st.page_link(links.SCRIPTS[links.CATALOG_PATH], label="Back to the catalog", icon=":material/arrow_back:")


def model_picker(catalog: Catalog, key: str = "pick") -> str | None:
    """A searchable list of every model; returns the chosen id."""
    ids = list(catalog.models)
    names = {mid: plain(f"{catalog.models[mid].display_name} ({mid})", 200) for mid in ids}
    return st.selectbox(
        "Pick a model", ids, index=None, format_func=names.__getitem__, placeholder="Type to search", key=key
    )
