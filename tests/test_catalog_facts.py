"""The catalog's fact columns: dimensions and max input from the bundled facts, aligned with filtered rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components.catalog_table import TABLE_COLUMNS, table_frame
from explorer.catalog import snapshot_catalog


def shown_table(at) -> pd.DataFrame:
    return at.dataframe[0].value.set_index("model_id")


def test_catalog_shows_dimensions_and_max_input_from_the_facts(app_test) -> None:
    at = app_test()
    assert not at.exception
    table = shown_table(at)
    assert table.loc["openai/text-embedding-3-small", "dimensions"] == 1536
    assert table.loc["openai/text-embedding-3-small", "max_input_tokens"] == 8191
    assert table.loc["qwen/qwen3-embedding-8b", "dimensions"] == 4096
    assert pd.isna(table.loc["voyageai/voyage-code-4", "dimensions"])  # not published: blank, not zero


def test_variants_show_their_base_models_facts_in_the_catalog(app_test) -> None:
    table = shown_table(app_test(q="text-embedding-3-large"))
    assert list(table.index) == ["openai/text-embedding-3-large", "openai/text-embedding-3-large:batch"]
    assert table["dimensions"].tolist() == [3072, 3072]
    assert table["max_input_tokens"].tolist() == [8191, 8191]


def test_fact_columns_stay_aligned_with_a_filtered_and_reordered_frame() -> None:
    frame = snapshot_catalog().frame
    shown = frame[frame["provider"].isin(["baai", "thenlper"])].iloc[::-1]
    table = table_frame(shown).set_index("model_id")
    assert table.loc["baai/bge-m3", "max_input_tokens"] == 8192
    assert table.loc["thenlper/gte-base", "dimensions"] == 768
    assert table.loc["thenlper/gte-base", "max_input_tokens"] == 512
    assert {"dimensions", "max_input_tokens"} <= set(TABLE_COLUMNS)


def test_a_max_input_above_the_context_shows_the_context_the_usable_limit(app_test) -> None:
    table = shown_table(app_test(q="perplexity"))
    # Perplexity publishes 32,768 tokens; OpenRouter's context is 32,000, which is all that goes through.
    assert table.loc["perplexity/pplx-embed-v1-4b", "context_length"] == 32_000
    assert table.loc["perplexity/pplx-embed-v1-4b", "max_input_tokens"] == 32_000
    assert (table["max_input_tokens"].dropna() <= table["context_length"][table["max_input_tokens"].notna()]).all()


def test_licences_read_as_people_write_them_on_compare_and_a_models_page() -> None:
    from explorer.compare import compare_rows
    from explorer.detail import fact_rows
    from explorer.facts import bundled_facts, licence_text

    facts = bundled_facts()
    assert licence_text(facts["baai/bge-m3"], "unknown") == "MIT"  # the facts file keeps Hugging Face's "mit"
    assert licence_text(facts["qwen/qwen3-embedding-8b"], "unknown") == "Apache-2.0"
    assert licence_text(facts["voyageai/voyage-code-4"], "unknown") == "Proprietary"
    assert licence_text(None, "unknown") == "unknown"
    models = snapshot_catalog().models
    rows = {
        r.field: r
        for r in compare_rows((models["baai/bge-m3"], models["voyageai/voyage-code-4"]), dt.date(2026, 12, 1))
    }
    assert list(rows["Licence"].cells) == ["MIT", "Proprietary"]
    assert ("Licence", "MIT") in fact_rows(facts["baai/bge-m3"])
