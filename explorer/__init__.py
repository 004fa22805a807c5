"""Embeddings Explorer data layer: fetch, validate, normalise and price OpenRouter's embeddings catalog.

Nothing in this package imports Streamlit.
"""

__version__ = "0.1.0"
APP_NAME = "embeddings-explorer"
