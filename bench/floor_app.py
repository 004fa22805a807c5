"""The browser floor: a minimal page showing a one-row st.dataframe."""

import pandas as pd
import streamlit as st

st.dataframe(pd.DataFrame({"model": ["floor"]}))
