"""Pieces of the calculator page: the scenario inputs (bound to the URL) and the results."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import charts
from components import links as page_links
from components.catalog_table import EMPTY_CELL, detail_links, streams
from components.chart_specs import cached_spec, draw_chart
from explorer.catalog import Catalog
from explorer.cost_text import (
    CostLine,
    cost_lines,
    index_text,
    money_decimals,
    reduced_index_text,
)
from explorer.filters import unmatched_values
from explorer.pricing import format_usd
from explorer.recent import RecentMemo
from explorer.text import escape_markdown
from explorer.workload import (
    LIMITS,
    MIN_USEFUL_DIMENSIONS,
    Constraints,
    ModelCost,
    Workload,
    quantity,
    rank_models,
    url_value_problems,
)

CHART_MODELS = 5
# The name (pinned) and the total first: on a phone those two are what shows before any scrolling.
TABLE_COLUMNS = ["link", "total", "one_off", "monthly", "provider", "bulk", "index", "reduced", "uncounted"]
BATCH_LABEL = "batch variant"
UNCOUNTED_NAMED = 10  # models named under the table with prices the totals leave out; the column has them all
BATCH_HELP = (
    "OpenRouter's `:batch` ids are the same models at a lower price, meant for bulk work rather than live queries. "
    "On: the corpus and its updates are priced at the `:batch` id where that is cheaper; queries always at the "
    "model's own price."
)


def _range(key: str) -> dict[str, int]:
    """The input's bounds: it then drops a link value outside them, as it drops a negative one (the page says so)."""
    _, low, high = LIMITS[key]
    return {"min_value": low, "max_value": high}


def _count(label: str, key: str, default: int, help: str | None = None) -> int:
    value = st.number_input(label, **_range(key), value=default, step=1, key=key, bind="query-params", help=help)
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
        help=BATCH_HELP,
    )
    return Workload(documents, tokens, changed, queries, query_tokens, months, use_batch)


def constraint_inputs(providers: list[str], modalities: list[str]) -> Constraints:
    with st.expander("Constraints", expanded=False):
        c1, c2, c3 = st.columns(3)
        fit = c1.toggle(
            "Model takes a whole document",
            value=True,
            key="fit_context",
            bind="query-params",
            help="Leave out models whose context length or published max input is below the tokens per document",
        )
        free = c1.toggle(
            "Include :free variants",
            value=False,
            key="free_variants",
            bind="query-params",
            help="OpenRouter rate-limits free variants to a few requests a minute: fine to try, not to embed a corpus",
        )
        modality = c1.selectbox(
            "Input modality", ["", *modalities], key="input", bind="query-params", format_func=lambda m: m or "any"
        )
        min_dims = c2.number_input(
            "Min dimensions", **_range("min_dims"), value=None, step=128, key="min_dims", bind="query-params"
        )
        max_dims = c2.number_input(
            "Max dimensions", **_range("max_dims"), value=None, step=128, key="max_dims", bind="query-params"
        )
        chosen = c3.multiselect("Providers", providers, key="providers", bind="query-params")
    return Constraints(
        fit,
        modality or "",
        int(min_dims) if min_dims else None,
        int(max_dims) if max_dims else None,
        tuple(chosen),
        free_variants=free,
    )


@dataclass(frozen=True, eq=False)
class Results:
    """What the page shows for one scenario: the cheapest models, and both tables ready to send."""

    cheapest: list[ModelCost]  # the first CHART_MODELS eligible, cheapest first
    lines: list[CostLine]  # the cheapest as chart lines, tied models sharing one
    eligible: int
    table: pa.Table
    excluded: pa.Table  # model, reason
    excluded_count: int
    uses_batch: bool  # some ranked model embeds its corpus at a :batch price
    money_decimals: dict[str, int]  # per money column: enough to show each amount as the headline would
    uncounted: list[ModelCost]  # the first UNCOUNTED_NAMED ranked models with prices the totals leave out
    uncounted_count: int


def _results(catalog: Catalog, workload: Workload, constraints: Constraints) -> Results:
    costs, excluded = rank_models(catalog.models, workload, constraints)
    frame = catalog.frame
    links = dict(zip(frame["model_id"], detail_links(frame), strict=True))  # the catalog table's, made once per frame
    uncounted = [c for c in costs if c.uncounted_prices]
    return Results(
        cheapest=costs[:CHART_MODELS],
        lines=cost_lines(costs, CHART_MODELS),
        eligible=len(costs),
        table=_results_table(costs, links),
        excluded=pa.table({"model": [e.model_id for e in excluded], "reason": [e.reason for e in excluded]}),
        excluded_count=len(excluded),
        uses_batch=any(c.batch_model_id for c in costs),
        money_decimals={name: money_decimals(getattr(c, name) for c in costs) for name in MONEY_COLUMNS},
        uncounted=uncounted[:UNCOUNTED_NAMED],
        uncounted_count=len(uncounted),
    )


# One entry per catalog and scenario, so a rerun that changes nothing (or only the expanders) reuses the
# ranking and its tables: about 2 MiB each at 10,000 models, the ModelCost list itself is not kept.
_shared: RecentMemo[Results] = RecentMemo(size=4)


def shared_results(catalog: Catalog, workload: Workload, constraints: Constraints) -> Results:
    """Every eligible model's cost, ranked, and the excluded ones: computed once per catalog and scenario."""
    return _shared.get(catalog, (workload, constraints), lambda: _results(catalog, workload, constraints))


MONEY_COLUMNS = ("one_off", "monthly", "total")


def _results_table(costs: list[ModelCost], links: dict[str, str]) -> pa.Table:
    """Money as numbers in USD, so a header click sorts by amount and the browser formats them."""
    return pa.table(
        {
            "link": [links[c.model_id] for c in costs],
            "total": [float(c.total) for c in costs],
            "one_off": [float(c.one_off) for c in costs],
            "monthly": [float(c.monthly) for c in costs],
            "provider": [c.provider for c in costs],
            # The batch id rides in the link, so the cell can say plainly what it is and still lead to it.
            "bulk": [
                page_links.model_link(c.batch_model_id, label=BATCH_LABEL) if c.batch_model_id else None for c in costs
            ],
            # No index size without a default embedding size: say that, or "unknown" where nothing is published.
            "index": [index_text(c) for c in costs],
            "reduced": [reduced_index_text(c) for c in costs],
            "uncounted": [c.uncounted_prices or None for c in costs],
        },
        schema=pa.schema([(name, pa.float64() if name in MONEY_COLUMNS else pa.string()) for name in TABLE_COLUMNS]),
    )


MONEY_LABELS = {
    "total": ("Total", "Over the horizon: the one-off cost plus every month's"),
    "one_off": ("One-off", "Embedding the whole corpus once"),
    "monthly": ("Monthly", None),
}
UNCOUNTED_LABEL = "Not counted"


def money_format(decimals: int) -> str:
    """Cents as dollars where they suffice; more places, still with thousands separators, where they do not."""
    return "dollar" if decimals == 2 else f"$%,.{decimals}f"


def _money_columns(decimals: dict[str, int]) -> dict[str, object]:
    """Each money column with the places its amounts need, so $0.000408 never reads $0.00; still numbers."""
    return {
        name: st.column_config.NumberColumn(label, format=money_format(decimals[name]), help=help)
        for name, (label, help) in MONEY_LABELS.items()
    }


COLUMN_CONFIG = {
    # Medium, as in the catalog: a short name fits, and a phone keeps room for the total beside it.
    "link": st.column_config.LinkColumn("Model", display_text=r"#(.+)$", width="medium", pinned=True),
    "provider": st.column_config.TextColumn("Provider", width=150),  # "sentence-transformers" whole
    "bulk": st.column_config.LinkColumn(
        "Corpus priced at",
        display_text=r"#(.+)$",
        help=f"\u201c{BATCH_LABEL}\u201d: the corpus and its updates at the model's cheaper `:batch` id (the link "
        f"opens it); {EMPTY_CELL}: at the model's own price",
    ),
    # Wide enough for "no default size published" whole.
    "index": st.column_config.TextColumn("Index size (float32)", width=190),
    "reduced": st.column_config.TextColumn(
        "Index at reduced dimensions",
        width=210,  # the whole text, with its saving, in one cell
        help=f"The smallest useful size the model can also output (at least {MIN_USEFUL_DIMENSIONS:,}, or the Min "
        f"dimensions constraint when higher: smaller sizes lose too much retrieval quality), its float32 index, "
        f"and how much smaller that is; {EMPTY_CELL}: no smaller size published",
    ),
    "uncounted": st.column_config.TextColumn(
        UNCOUNTED_LABEL,
        help=f"Prices the model also charges that the totals leave out: per request, and per image or audio when "
        f"that is the input asked for; {EMPTY_CELL}: none",
    ),
}


def results_table(results: Results) -> None:
    # Columns that would be empty on every row (no batch price, nothing uncounted) are left out.
    empty = {"bulk": not results.uses_batch, "uncounted": not results.uncounted_count}
    order = [c for c in TABLE_COLUMNS if not empty.get(c)]
    st.dataframe(
        results.table,
        hide_index=True,
        width="stretch",
        column_order=order,
        placeholder=EMPTY_CELL,
        lazy=streams(results.table.num_rows),  # no selection here, so a long ranking always streams
        column_config={**COLUMN_CONFIG, **_money_columns(results.money_decimals)},
    )
    st.caption(uncounted_text(results))


def uncounted_text(results: Results) -> str:
    """What the totals count, and each ranked model (the first few) whose other charged prices they leave out."""
    text = "Totals count input tokens only, at the listed input prices, before any discount."
    if not results.uncounted_count:
        return text
    named = ", ".join(
        f"**{escape_markdown(c.name, 120)}** ({escape_markdown(c.uncounted_prices, 300)})" for c in results.uncounted
    )
    more = results.uncounted_count - len(results.uncounted)
    rest = f", and {more:,} more (see the {UNCOUNTED_LABEL} column)" if more else ""
    return f"{text} **Also charged, not in the totals:** {named}{rest}."


def link_problems() -> list[str]:
    """Values in the opened link that the inputs cannot take; read before the inputs drop them from the URL."""
    return url_value_problems({name: st.query_params.get(name, "") for name in LIMITS})


CATALOG_PROVIDER = "provider"  # the catalog's and the pricing page's parameter for the same choice


def adopt_catalog_providers(options: list[str]) -> list[str]:
    """A link with the catalog's `provider=a` (a catalog or pricing link pointed at /calculator) chooses those
    providers, as `providers=a` does, unless the link sets both. Returns the problems to name; call before the inputs.
    """
    named = list(dict.fromkeys(st.query_params.get_all(CATALOG_PROVIDER)))
    if not named:
        return []
    del st.query_params[CATALOG_PROVIDER]
    if "providers" in st.query_params:
        return [f"the link's {CATALOG_PROVIDER}= was ignored: it also sets providers=, the calculator's own"]
    known = [p for p in named if p in options]
    if known:
        st.session_state["providers"] = known
        # A widget that takes its first value from session state does not write it to the URL: written here.
        st.query_params["providers"] = known
    return unmatched_values(CATALOG_PROVIDER, "provider", named, options)


def unknown_link_providers(options: list[str]) -> list[str]:
    """The problems of a link's `providers=` values that name no provider in the catalog: the menu drops them, and
    the ranking then covers more providers than the link asked for. Call before the inputs."""
    return unmatched_values("providers", "provider", st.query_params.get_all("providers"), options)


def chart_title(results: Results) -> str:
    """'Cumulative cost, cheapest 5 models', and how many lines draw them when equal costs share one."""
    title = f"Cumulative cost, cheapest {quantity(len(results.cheapest), 'model')}"
    if len(results.lines) < len(results.cheapest):
        title += f" ({quantity(len(results.lines), 'line')}: equal costs share one)"
    return title


def cumulative_chart(results: Results, months: int) -> None:
    """One line per cost among the cheapest models; tied models share a line, named together under the chart."""
    spec = cached_spec(
        results, ("cumulative", months), lambda: charts.cumulative_cost(_cumulative_rows(results, months))
    )
    draw_chart(spec)
    tied = [line.label for line in results.lines if len(line.costs) > 1 or line.more_tied]
    if tied:
        # A legend cuts long labels short; here every tied model is named in full.
        names = "; ".join(escape_markdown(label) for label in tied)
        st.caption(f"**Models with the same cost share one line:** {names}")


def _cumulative_rows(results: Results, months: int) -> pd.DataFrame:
    rows = [
        {"model": line.label, "month": month, "usd": float(total), "cost": format_usd(total)}
        for line in results.lines
        for month, total in enumerate(line.cumulative(months))
    ]
    return pd.DataFrame(rows)


def excluded_list(results: Results) -> None:
    if not results.excluded_count:
        return
    n = results.excluded_count
    with st.expander(f"{n:,} model{'' if n == 1 else 's'} excluded, with the reason"):
        st.dataframe(
            results.excluded,
            hide_index=True,
            width="stretch",
            column_config={"model": st.column_config.TextColumn("Model"), "reason": "Reason"},
        )
