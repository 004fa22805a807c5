"""The compare page's parts: links to each model, the highlighted table, and the picker; nothing fetches."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from components import links
from components.model_detail import WRAP_LONG_WORDS, back_to_catalog
from components.shell import follow_address
from explorer.catalog import Catalog
from explorer.compare import CompareRow, column_labels, legend_text, mteb_note
from explorer.compare_selection import (
    MAX_COMPARE,
    MIN_COMPARE,
    PICKER_LIMIT,
    PickerChoices,
    RequestedIds,
    Selection,
    picker_choices,
)
from explorer.detail import inline_code, markdown_literal
from explorer.schema import EmbeddingModel
from explorer.text import escape_markdown, plain

DIFFERS_STYLE = "background-color: rgba(255, 196, 0, 0.15)"
WINNER_STYLE = "background-color: rgba(33, 195, 84, 0.25); font-weight: bold"


def selection_notices(selection: Selection, catalog: Catalog, requested: RequestedIds) -> None:
    """Name ids that are not in the catalog, or over the limit, and the link's repeats and empty entries; the rest
    are still compared. With fewer than two models, not_enough names the repeats instead."""
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
    if selection.enough and requested.ignored_text:
        st.caption(f"In the link, {requested.ignored_text}.")


def not_enough(selection: Selection, requested: RequestedIds) -> None:
    """Fewer than two usable ids: say what to do, and offer the way to the catalog."""
    have = len(selection.models)
    given = have + len(selection.unknown)
    if given == 0:
        state = "No models chosen yet"
    elif given == 1:
        state = "Only one model was given" if have else "The id given is not in the catalog"
    else:
        # With repeats, "different": ?ids=a,x,a gives 2 ids, not the 3 the link holds.
        counted = f"{given} different ids" if requested.repeated else f"{given} ids"
        state = f"{'Only ' + str(have) if have else 'None'} of the {counted} given is in the catalog"
    # Repeats and empty entries are not counted above; saying so keeps the count true to the link.
    ignored = requested.ignored_text
    state += f"; {ignored}." if ignored else "."
    st.info(
        f"{state} Comparing needs at least {MIN_COMPARE} models: pick them below, or select "
        f"{MIN_COMPARE}–{MAX_COMPARE} rows in the catalog and press Compare.",
        icon=":material/compare_arrows:",
    )
    back_to_catalog()


def ids_picker(catalog: Catalog, current: list[str], key: str = "pick_ids") -> list[str]:
    """A search box and a multi-select of its matches plus the models already chosen.

    Only the matches go to the browser: a multi-select of every model would resend the whole
    catalog on each rerun, which at 10,000 models dominated the page's time.
    """
    query = st.text_input(
        "Search models",
        key=f"{key}_search",
        max_chars=200,
        placeholder="Name or id, e.g. bge or openai/",
        help="Every word must appear in the model's name or id; the models already chosen stay listed.",
    )
    follow_address(key, list(current))
    # The widget's own value (from the last rerun) must stay among the options, or Streamlit drops it.
    choices = picker_choices(catalog, query, [*st.session_state[key], *current])
    labels = {model_id: plain(f"{catalog.models[model_id].display_name} ({model_id})", 200) for model_id in choices.ids}
    chosen = st.multiselect(
        "Models to compare",
        choices.ids,
        format_func=labels.__getitem__,
        max_selections=MAX_COMPARE,
        placeholder="Choose 2–6 models",
        key=key,
        # Typing narrows by substring, as the search box does; no "Select all" or "Select N matches", which took
        # in models loosely like the typed text (and more than a comparison holds) on Enter.
        filter_mode="contains",
        select_all=False,
    )
    caption = picker_caption(choices, query)
    if caption:
        st.caption(caption)
    return chosen


def picker_caption(choices: PickerChoices, query: str) -> str:
    """How many models the search matched and whether the picker lists them all; '' when it lists the catalog."""
    if not query.split():
        if not choices.truncated:
            return ""
        return f"Listing the first {PICKER_LIMIT} of {choices.total:,} models; search by name or id to find the others."
    searched = escape_markdown(query.strip(), 60)
    if choices.matched == 0:
        return f"No model matches “{searched}”."
    verb = "matches" if choices.matched == 1 else "match"
    text = f"{choices.matched:,} of {choices.total:,} models {verb} “{searched}”"
    if choices.truncated:
        return text + f"; the first {PICKER_LIMIT} are listed, so add a word to narrow the search."
    return text + "."


def model_links(models: tuple[EmbeddingModel, ...]) -> None:
    """One column per model: its table header linking to its detail page, and its id."""
    labels = column_labels(models)
    for column, model, label in zip(st.columns(len(models)), models, labels, strict=True):
        script, params = links.model_target(model.id)
        column.page_link(script, label=escape_markdown(label), query_params=params, icon=":material/info:")
        column.caption(inline_code(model.id, 120))


def compare_frame(headers: tuple[str, ...], rows: list[CompareRow]) -> pd.DataFrame:
    """Fields as rows, one column per model, winner marks in the cells.

    st.table renders each cell as markdown, so every header and cell is markdown that shows its text literally.
    """
    data = {markdown_literal(h): [markdown_literal(row.marked(i)) for row in rows] for i, h in enumerate(headers)}
    return pd.DataFrame(data, index=pd.Index([row.field for row in rows], name="Field"))


def styled(frame: pd.DataFrame, rows: list[CompareRow]) -> Styler:
    """Rows whose values differ are tinted; the cheapest/largest cell in a row is green and bold."""
    # Built whole: setting cells one by one on a string frame cost more than the rest of the table.
    cells = [
        [WINNER_STYLE if c in row.winners else (DIFFERS_STYLE if row.differs else "") for c in range(frame.shape[1])]
        for row in rows
    ]
    styles = pd.DataFrame(cells, index=frame.index, columns=frame.columns)
    return frame.style.apply(lambda _: styles, axis=None).set_table_styles(WRAP_LONG_WORDS)


def compare_table(models: tuple[EmbeddingModel, ...], rows: list[CompareRow]) -> None:
    """The comparison table with its legend."""
    _drawn_table(column_labels(models), rows)


# Not data loading but drawing: styling the table (pandas Styler, then Streamlit's conversion of
# it) took a third of the page's rerun. The table is a pure function of the headers and rows, so on a
# repeat Streamlit replays the drawn elements instead of styling them again.
@st.cache_data(max_entries=256, show_spinner=False)
def _drawn_table(headers: tuple[str, ...], rows: list[CompareRow]) -> None:
    # A static table, not st.dataframe: its cells wrap, so long values (sizes, benchmarks, licences)
    # are read whole at any width instead of being cut at the column's edge; a narrow screen scrolls it.
    st.table(styled(compare_frame(headers, rows), rows), border="horizontal")
    st.caption(legend_text())


def mteb_caption(models: tuple[EmbeddingModel, ...]) -> None:
    """Which MTEB scores were ranked against which, when they come from more than one benchmark."""
    note = mteb_note(models)
    if note:
        # Model names come from the API: the whole note is escaped, so none of it is read as markup.
        st.caption(escape_markdown(note))


def free_variant_caption() -> None:
    """Why a ':free' variant's $0 is not marked cheapest."""
    st.caption(
        "A :free variant is never marked cheapest: OpenRouter rate-limits free variants, so they are not for "
        "bulk work. The cost calculator leaves them out unless asked."
    )
