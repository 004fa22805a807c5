"""Placeholder until this page lands."""

import streamlit as st

from components.shell import page_shell

view = page_shell("Calculator")
st.title("Calculator")
st.info("This page is being built.")
