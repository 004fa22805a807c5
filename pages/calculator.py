"""Cost calculator: what an embedding workload costs on every eligible model. Every input is in the URL."""

import streamlit as st

from components.calculator_view import (
    adopt_catalog_providers,
    chart_title,
    constraint_inputs,
    cumulative_chart,
    excluded_list,
    link_problems,
    results_table,
    shared_results,
    unknown_link_providers,
    workload_inputs,
)
from components.filters import filter_options
from components.shell import link_warnings, page_shell
from explorer.pricing import format_usd
from explorer.text import escape_markdown
from explorer.workload import describe, quantity, update_note

view = page_shell("Cost calculator")
catalog = view.catalog
st.title("Embedding cost calculator")
st.caption("Embed a corpus once, keep it current, and embed every query. Share the URL to share the scenario.")

providers, modalities = filter_options(catalog.frame)
# Before the inputs run: they drop values they cannot hold from the URL.
link_warnings(link_problems() + unknown_link_providers(providers) + adopt_catalog_providers(providers))
workload = workload_inputs()
constraints = constraint_inputs(providers, modalities)

problems = workload.problems() + constraints.problems()
if problems:
    for problem in problems:
        st.error(f"Check the inputs: {problem}.", icon=":material/error:")
    st.stop()

st.caption(describe(workload))
if note := update_note(workload):
    st.info(note, icon=":material/info:")
results = shared_results(catalog, workload, constraints)  # ranked once per scenario, reused on reruns
if not results.eligible:
    st.warning("No model meets these constraints; see the excluded models below.", icon=":material/filter_alt_off:")
else:
    best, tied = results.cheapest[0], results.lines[0]  # tied: every model at the cheapest cost, named together
    names = " and ".join(f"**{escape_markdown(cost.name, 120)}**" for cost in tied.costs)
    more = f" (and {tied.more_tied:,} more)" if tied.more_tied else ""
    # A price the totals leave out could undo the claim, so the headline points to where it is named.
    uncounted = any(cost.uncounted_prices for cost in tied.costs)
    caveat = " Some prices are not in this total; they are named under the table." if uncounted else ""
    st.success(
        f"Cheapest{', tied' if len(tied.costs) > 1 else ''}: {names}{more} at {format_usd(best.total)} over "
        f"{quantity(workload.months, 'month')} ({format_usd(best.one_off)} one-off + {format_usd(best.monthly)} "
        f"a month).{caveat}",
        icon=":material/savings:",
    )
    results_table(results)
    st.subheader(chart_title(results))
    cumulative_chart(results, workload.months)
excluded_list(results)
