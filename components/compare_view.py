"""The compare page's parts: links to each model, the highlighted table, and the picker; nothing fetches."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from components import links
from explorer.catalog import Catalog
from explorer.compare import MAX_COMPARE, MIN_COMPARE, WORKLOAD_LABEL, CompareRow, Selection
from explorer.detail import inline_code
from explorer.schema import EmbeddingModel
from explorer.text import escape_markdown, plain

DIFFERS_STYLE = "background-color: rgba(255, 196, 0, 0.15)"
WINNER_STYLE = "background-color: rgba(33, 195, 84, 0.25); font-weight: bold"


def selection_notices(selection: Selection, catalog: Catalog) -> None:
    """Name ids that are not in the catalog, or over the limit; the rest are still compared."""
    if selection.unknown:
        named = ", ".join(inline_code(i, 120) for i in selection.unknown[:10])
        more = f" and {len(selection.unknown) - 10} more" if len(selection.unknown) > 10 else ""
        source = "snapshot" if catalog.source == "snapshot" else "live"
        st.warning(
            f"Not in the catalog ({source}, {catalog.as_of:%Y-%m-%d}): {named}{more}.", icon=":material/search_off:"
        )
    if selection.dropped:
        left_out = ", ".join(inline_code(i) for i in selection.dropped)
        st.warning(
            f"At most {MAX_COMPARE} models at a time; left out: {left_out}.",
            icon=":material/filter_6:",
        )


def not_enough(selection: Selection) -> None:
    """Fewer than two usable ids: say what to do, and offer the way to the catalog."""
    have = len(selection.models)
    given = have + len(selection.unknown)
    if given == 0:
        state = "No models chosen yet."
    else:
        state = f"{'Only ' + str(have) if have else 'None'} of the {given} ids given is in the catalog."
    st.info(
        f"{state} Comparing needs at least {MIN_COMPARE} models: pick them below, or select "
        f"{MIN_COMPARE}–{MAX_COMPARE} rows in the catalog and press Compare.",
        icon=":material/compare_arrows:",
    )
    st.page_link(links.SCRIPTS[links.CATALOG_PATH], label="Back to the catalog", icon=":material/arrow_back:")


def ids_picker(catalog: Catalog, current: list[str], key: str = "pick_ids") -> list[str]:
    """A searchable multi-select of catalog models, starting from the ones being compared."""
    names = {mid: plain(f"{m.display_name} ({mid})", 200) for mid, m in catalog.models.items()}
    return st.multiselect(
        "Models to compare",
        list(catalog.models),
        default=current,
        format_func=names.__getitem__,
        max_selections=MAX_COMPARE,
        placeholder="Type to search",
        key=key,
    )


def model_links(models: tuple[EmbeddingModel, ...]) -> None:
    """One column per model: its name linking to its detail page, and its id."""
    for column, model in zip(st.columns(len(models)), models, strict=True):
        script, params = links.model_target(model.id)
        column.page_link(
            script, label=escape_markdown(model.display_name, 120), query_params=params, icon=":material/info:"
        )
        column.caption(inline_code(model.id, 120))


def compare_frame(models: tuple[EmbeddingModel, ...], rows: list[CompareRow]) -> pd.DataFrame:
    """Fields as rows, model ids as columns, winner marks in the cells."""
    data = {model.id: [row.marked(i) for row in rows] for i, model in enumerate(models)}
    return pd.DataFrame(data, index=pd.Index([row.field for row in rows], name="Field"))


def styled(frame: pd.DataFrame, rows: list[CompareRow]) -> Styler:
    """Rows whose values differ are tinted; the cheapest/largest cell in a row is green and bold."""
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for r, row in enumerate(rows):
        for c in range(len(frame.columns)):
            styles.iat[r, c] = WINNER_STYLE if c in row.winners else (DIFFERS_STYLE if row.differs else "")
    return frame.style.apply(lambda _: styles, axis=None)


def compare_table(models: tuple[EmbeddingModel, ...], rows: list[CompareRow]) -> None:
    """The comparison table with its legend."""
    frame = compare_frame(models, rows)
    st.dataframe(
        styled(frame, rows),
        width="stretch",
        height=(len(rows) + 1) * 35 + 3,
        column_config={"_index": st.column_config.TextColumn("Field", width="medium", pinned=True)},
    )
    st.caption(
        f"Tinted rows differ; ★ marks the cheapest, largest or highest value. The workload cost is {WORKLOAD_LABEL} "
        "at each model's input price, before any discount."
    )
