"""Altair charts drawn from a Vega-Lite spec built once per data, not on every rerun.

st.altair_chart turns the chart into a spec on each call, and Altair validates the whole spec against
its JSON schema as it does: tens of milliseconds a chart. The spec (data as Arrow, as st.altair_chart
sends it) depends only on the data and a few settings, so it is built once and drawn with
st.vega_lite_chart, which sends the same element.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import altair as alt
import streamlit as st

# The conversion st.altair_chart itself runs (theme, Arrow datasets); using it keeps the element identical.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from explorer.recent import RecentMemo

VegaLiteSpec = dict[str, Any]

# Each entry belongs to an object a page keeps for its data (one per catalog and filters) and goes with
# it. A spec holds its rows as Arrow: about 1 MiB for a chart of 10,000 models, a few KiB for 34.
_specs: RecentMemo[VegaLiteSpec] = RecentMemo(size=32)


def vega_lite_spec(chart: alt.TopLevelMixin) -> VegaLiteSpec:
    """The spec st.altair_chart would send for this chart; treat it as read-only."""
    return _convert_altair_to_vega_lite_spec(chart)


def cached_spec(owner: object, key: Hashable, build: Callable[[], alt.TopLevelMixin]) -> VegaLiteSpec:
    """build()'s spec, built once per owner and key: everything build() reads must be fixed by the two."""
    return _specs.get(owner, key, lambda: vega_lite_spec(build()))


def draw_chart(spec: VegaLiteSpec, key: str | None = None, on_select: str = "ignore") -> Any:
    """st.altair_chart(chart, width="stretch", ...) for a spec from cached_spec."""
    # st.vega_lite_chart copies the spec's top level before adding to it; the one nested change it may
    # make (a null legend title in the colour encoding becomes " ") gives the same spec every time.
    return st.vega_lite_chart(spec=spec, key=key, on_select=on_select, width="stretch")  # type: ignore[call-overload]
