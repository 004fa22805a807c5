import streamlit as st

from components.shell import page_shell

view = page_shell("Model")
st.title("Model " + str(st.query_params.get("id")))
