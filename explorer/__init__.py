"""Embeddings Explorer data layer: fetch, validate, normalise and price OpenRouter's embeddings catalog.

Nothing in this package imports Streamlit.
"""

import os

import pyarrow as pa

from explorer.memory import keep_large_buffers_mapped

__version__ = "0.1.0"
APP_NAME = "embeddings-explorer"

# pandas keeps the catalog's text columns in Arrow memory. Arrow's default pool (mimalloc) keeps
# what it frees reserved, per thread, and Streamlit runs each session's script on its own thread:
# building the 10,000-model frame left 27 MiB resident this way against 5 MiB with the C heap.
# An operator's explicit ARROW_DEFAULT_MEMORY_POOL still wins.
if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
    pa.set_memory_pool(pa.system_memory_pool())

keep_large_buffers_mapped()
