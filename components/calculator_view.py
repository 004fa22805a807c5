"""Pieces of the calculator page: the scenario inputs (bound to the URL) and the results."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, links
from explorer.pricing import format_usd
from explorer.workload import LIMITS, Constraints, Excluded, ModelCost, Workload, format_bytes, url_value_problems

CHART_MODELS = 5


def _count(label: str, key: str, default: int, help: str | None = None) -> int:
    value = st.number_input(label, min_value=0, value=default, step=1, key=key, bind="query-params", help=help)
    return int(value or 0)


def workload_inputs() -> Workload:
    defaults = Workload()
    c1, c2, c3 = st.columns(3)
    with c1:
        documents = _count("Documents in the corpus", "docs", defaults.documents)
        tokens = _count("Average tokens per document", "doc_tokens", defaults.tokens_per_document)
    with c2:
        changed = _count("New or changed documents per month", "changed", defaults.changed_per_month)
        queries = _count("Queries per month", "queries", defaults.queries_per_month)
    with c3:
        query_tokens = _count("Tokens per query", "query_tokens", defaults.tokens_per_query)
        months = _count("Horizon (months)", "months", defaults.months)
    use_batch = st.toggle(
        "Use batch variants where available (for the corpus and its updates)",
        value=True,
        key="use_batch",
        bind="query-params",
    )
    return Workload(documents, tokens, changed, queries, query_tokens, months, use_batch)


def constraint_inputs(providers: list[str], modalities: list[str]) -> Constraints:
    with st.expander("Constraints", expanded=False):
        c1, c2, c3 = st.columns(3)
        fit = c1.toggle("Context holds a whole document", value=True, key="fit_context", bind="query-params")
        modality = c1.selectbox(
            "Input modality", ["", *modalities], key="input", bind="query-params", format_func=lambda m: m or "any"
        )
        min_dims = c2.number_input(
            "Min dimensions", min_value=0, value=None, step=128, key="min_dims", bind="query-params"
        )
        max_dims = c2.number_input(
            "Max dimensions", min_value=0, value=None, step=128, key="max_dims", bind="query-params"
        )
        chosen = c3.multiselect("Providers", providers, key="providers", bind="query-params")
    return Constraints(
        fit, modality or "", int(min_dims) if min_dims else None, int(max_dims) if max_dims else None, tuple(chosen)
    )


def results_table(costs: list[ModelCost]) -> None:
    rows = pd.DataFrame(
        {
            "link": [links.model_link(c.model_id, label=c.name) for c in costs],
            "one_off": [format_usd(c.one_off) for c in costs],
            "monthly": [format_usd(c.monthly) for c in costs],
            "total": [format_usd(c.total) for c in costs],
            "bulk": [c.bulk_model_id if c.bulk_model_id != c.model_id else "" for c in costs],
            "index": [format_bytes(c.index_bytes) for c in costs],
            "reduced": [_reduced_text(c) for c in costs],
        }
    )
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            "link": st.column_config.LinkColumn("Model", display_text=r"#(.+)$", width="large"),
            "one_off": st.column_config.TextColumn("One-off (embed corpus)"),
            "monthly": st.column_config.TextColumn("Monthly"),
            "total": st.column_config.TextColumn("Total over horizon"),
            "bulk": st.column_config.TextColumn("Corpus priced as"),
            "index": st.column_config.TextColumn("Index size (float32)"),
            "reduced": st.column_config.TextColumn("With reduced dimensions"),
        },
    )


def _reduced_text(cost: ModelCost) -> str:
    if not cost.reduced_dimensions or cost.reduced_saving is None:
        return ""
    return (
        f"{format_bytes(cost.reduced_index_bytes)} at {cost.reduced_dimensions:,} dims "
        f"(saves {cost.reduced_saving:.0%})"
    )


def link_problems() -> list[str]:
    """Values in the opened link that the inputs cannot take; read before the inputs drop them from the URL."""
    return url_value_problems({name: st.query_params.get(name, "") for name in LIMITS})


def cumulative_chart(costs: list[ModelCost], months: int) -> None:
    rows = [
        {"model": c.name, "month": month, "usd": float(total)}
        for c in costs[:CHART_MODELS]
        for month, total in enumerate(c.cumulative(months))
    ]
    st.altair_chart(charts.cumulative_cost(pd.DataFrame(rows)), width="stretch")


def excluded_list(excluded: list[Excluded]) -> None:
    if not excluded:
        return
    with st.expander(f"{len(excluded)} model(s) excluded"):
        st.dataframe(
            pd.DataFrame({"model": [e.model_id for e in excluded], "reason": [e.reason for e in excluded]}),
            hide_index=True,
            width="stretch",
        )
