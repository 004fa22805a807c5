"""Embeddings Explorer: a dashboard for OpenRouter's embeddings models."""

from components.shell import run_app

run_app()
