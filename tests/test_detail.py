"""The detail page's data work, without Streamlit: expiration, prices, facts, variants, suggestions, snippets."""

from __future__ import annotations

import ast
import datetime as dt
import json
import shlex

import pandas as pd
import pytest

from explorer.catalog import snapshot_catalog
from explorer.detail import (
    closest_ids,
    discount_text,
    expiration_of,
    fact_rows,
    field_label,
    inline_code,
    key_figures,
    markdown_literal,
    override_rows,
    price_comparison,
    price_rows,
    record_rows,
    unit_doubts,
    variant_note,
    variant_siblings,
)
from explorer.facts import ModelFacts, facts_for, parse_facts_csv, with_facts
from explorer.pricing import parse_price
from explorer.schema import EmbeddingModel
from explorer.snippets import curl_snippet, python_snippet

TODAY = dt.date(2026, 8, 19)


@pytest.fixture(scope="module")
def catalog():
    return snapshot_catalog()


@pytest.mark.parametrize(
    ("date", "state", "days_left", "text"),
    [
        (None, "none", None, "No planned removal"),
        (dt.date(2098, 12, 31), "placeholder", None, "No planned removal"),
        (dt.date(2090, 1, 1), "placeholder", None, "No planned removal"),
        (dt.date(2026, 8, 1), "expired", -18, "Expired on 2026-08-01 (18 days ago); it may be gone"),
        (dt.date(2026, 8, 18), "expired", -1, "Expired on 2026-08-18 (1 day ago); it may be gone"),
        (TODAY, "soon", 0, "Removal planned for today, 2026-08-19"),
        (dt.date(2026, 8, 29), "soon", 10, "Removal planned for 2026-08-29 (10 days left)"),
        (dt.date(2026, 11, 16), "soon", 89, "Removal planned for 2026-11-16 (89 days left)"),
        (dt.date(2026, 11, 18), "scheduled", 91, "Removal planned for 2026-11-18 (91 days left)"),
        (dt.date(2027, 9, 23), "scheduled", 400, "Removal planned for 2027-09-23 (400 days left)"),
    ],
)
def test_expiration_state_depends_on_days_left_and_placeholders_read_as_no_removal(
    date, state, days_left, text
) -> None:
    expiration = expiration_of(date, TODAY)
    assert (expiration.state, expiration.days_left, expiration.text) == (state, days_left, text)
    if state == "placeholder":
        assert "2098" not in expiration.text and "2090" not in expiration.text


@pytest.mark.parametrize(
    ("key", "label", "expected"),
    [
        ("prompt", "Input", "$2.50 / M tokens"),
        ("completion", "Output", "$2.50 / M tokens"),
        ("request", "Per request", "$0.0000025 / request"),
        ("image", "Image", "$0.0000025 / image"),
        ("image_token", "Image tokens", "$2.50 / M tokens"),
        ("image_output", "Image output", "$2.50 / M tokens"),
        ("audio", "Audio", "$2.50 / M tokens"),
        ("audio_output", "Audio output", "$2.50 / M tokens"),
        ("input_audio_cache", "Audio cache", "$2.50 / M tokens"),
        ("input_cache_read", "Cache read", "$2.50 / M tokens"),
        ("input_cache_write", "Cache write", "$2.50 / M tokens"),
        ("input_cache_write_1h", "Cache write (1 h)", "$2.50 / M tokens"),
        ("web_search", "Web search", "$0.0000025 / search"),
        ("internal_reasoning", "Reasoning", "$2.50 / M tokens"),
        ("some_future_key", "some_future_key", "$2.50 / M tokens"),
    ],
)
def test_every_price_key_is_shown_in_the_unit_a_person_reads(key, label, expected) -> None:
    (row,) = price_rows({key: "0.0000025"})
    assert (row.key, row.label, row.price, row.exact) == (key, label, expected, "0.0000025")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("-1", "variable"), (-1, "variable"), ("0", "free"), ("0.00000002", "$0.02 / M tokens"), ("lots", "unreadable")],
)
def test_special_price_values_are_named_not_shown_as_numbers(value, expected) -> None:
    assert price_rows({"prompt": value})[0].price == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.25, "25% off"), ("0.1", "10% off"), (0, "none"), (None, "unreadable"), ("x", "unreadable")],
)
def test_discount_reads_as_a_percentage(value, expected) -> None:
    assert discount_text(value) == expected


def test_price_rows_keep_the_record_order_and_invent_no_keys() -> None:
    rows = price_rows({"prompt": "0.0000001", "completion": "0", "discount": 0.5, "overrides": []})
    assert [r.key for r in rows] == ["prompt", "completion", "discount"]


def test_a_zero_output_price_reads_as_not_charged_not_as_free() -> None:
    rows = {r.key: r for r in price_rows({"prompt": "0", "completion": "0", "image": "0"})}
    assert rows["prompt"].price == "free" and rows["image"].price == "not charged"
    assert rows["completion"].price == "not charged: embeddings return vectors, not tokens"
    assert rows["completion"].exact == "0"


def test_overrides_become_rows_of_conditions_and_prices() -> None:
    pricing = {
        "prompt": "0.0000002",
        "overrides": [
            {"conditions": {"min_prompt_tokens": 200000}, "prompt": "0.0000004"},
            {"provider": "batch", "prompt": "-1", "discount": 0.5},
            "not an object",
        ],
    }
    assert override_rows(pricing) == [
        {"Conditions": "min_prompt_tokens = 200000", "Input": "$0.40 / M tokens"},
        {"Conditions": "provider = batch", "Input": "variable", "Discount": "50% off"},
    ]
    assert override_rows({"prompt": "0"}) == []


@pytest.mark.parametrize(
    ("model_id", "base_id"),
    [
        ("openai/text-embedding-3-large", "openai/text-embedding-3-large"),
        ("openai/text-embedding-3-large:batch", "openai/text-embedding-3-large"),
        ("nvidia/nemotron-3-embed-1b:free", "nvidia/nemotron-3-embed-1b"),
    ],
)
def test_variants_share_their_base_models_facts(model_id, base_id) -> None:
    facts = facts_for(model_id)
    assert facts is not None and facts.base_id == base_id


def test_fact_rows_show_values_and_name_the_benchmark() -> None:
    rows = dict(fact_rows(facts_for("openai/text-embedding-3-small")))
    assert rows["Embedding dimensions"] == "1,536"
    assert rows["Flexible (Matryoshka) dimensions"] == "any size 1–1536"
    assert rows["Max input tokens"] == "8,191"
    assert rows["MTEB score"] == "62.3"
    assert rows["MTEB benchmark"] == "MTEB English avg (OpenAI launch post)"
    assert rows["Parameters"] == "unknown"
    assert dict(fact_rows(facts_for("qwen/qwen3-embedding-8b")))["Parameters"] == "7.567 B"


def test_a_model_without_facts_shows_every_fact_as_unknown() -> None:
    assert facts_for("nobody/no-such-model") is None
    rows = dict(fact_rows(None))
    assert rows.pop("MTEB benchmark") == "—"
    assert set(rows.values()) == {"unknown"}


def test_published_sizes_without_a_default_are_named_not_called_unknown() -> None:
    rows = dict(fact_rows(facts_for("voyageai/voyage-code-4")))
    assert rows["Embedding dimensions"] == "default not published; sizes 256, 512, 1024, 2048"
    assert rows["Flexible (Matryoshka) dimensions"] == "256, 512, 1024, 2048"


def _facts(dimensions: int | None, sizes: tuple[int, ...] = (), size_range: tuple[int, int] | None = None):
    return ModelFacts("a/b", dimensions, sizes, size_range, None, None, None, None, None, None, (), "")


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (_facts(1024, (256, 512)), "1,024"),
        (_facts(None, (256, 512)), "default not published; sizes 256, 512"),
        (_facts(None, size_range=(1, 3072)), "default not published; any size 1–3072"),
        (_facts(None), "unknown"),
    ],
)
def test_dimensions_read_as_the_default_or_what_is_published_instead(facts, expected) -> None:
    assert facts.dimensions_text == expected
    assert dict(fact_rows(facts))["Embedding dimensions"] == expected


def test_with_facts_joins_dimensions_and_max_input_on_the_base_id(catalog) -> None:
    frame = with_facts(catalog.frame).set_index("model_id")
    assert frame.loc["openai/text-embedding-3-large:batch", "dimensions"] == 3072
    assert frame.loc["nvidia/nemotron-3-embed-1b:free", "max_input_tokens"] == 32768
    assert frame["dimensions"].isna().sum() == 1  # voyage-code-4: default size not published
    # Sorting and filtering read this column: published sizes must not turn it into text or a guessed default.
    assert str(frame["dimensions"].dtype) == "Int64"
    assert pd.isna(frame.loc["voyageai/voyage-code-4", "dimensions"])


def test_each_variant_line_says_the_siblings_price_and_how_it_compares_with_this_page(catalog) -> None:
    batch = catalog.models["openai/text-embedding-3-large:batch"]
    (base,) = variant_siblings(batch, catalog.models)
    assert (base.model_id, base.variant, base.price) == ("openai/text-embedding-3-large", "", "$0.13 / M tokens")
    assert base.line == "Base model: $0.13 / M tokens, twice the price of this batch variant"
    (back,) = variant_siblings(catalog.models["openai/text-embedding-3-large"], catalog.models)
    assert back.line == "Batch variant: $0.065 / M tokens, 50% cheaper than this model"
    assert variant_siblings(catalog.models["baai/bge-m3"], catalog.models) == []


def test_a_free_sibling_is_named_with_its_rate_limit() -> None:
    base = EmbeddingModel.model_validate({"id": "a/m", "pricing": {"prompt": "0.00000002"}})
    free = EmbeddingModel.model_validate({"id": "a/m:free", "pricing": {"prompt": "0"}})
    models = {m.id: m for m in (base, free)}
    (sibling,) = variant_siblings(base, models)
    assert sibling.line == "Free variant: free, rate-limited, not for bulk work"
    (back,) = variant_siblings(free, models)
    assert back.line == "Base model: $0.02 / M tokens, while this free variant is free"


def price(usd_per_token: str):
    return parse_price("prompt", usd_per_token)


@pytest.mark.parametrize(
    ("other", "this", "expected"),
    [
        ("0.000000065", "0.00000013", "50% cheaper than this model"),
        ("0.00000013", "0.000000065", "twice the price of this model"),
        ("0.00000002", "0.00000003", "about 33.3% cheaper than this model"),
        ("0.00000003", "0.00000002", "50% more expensive than this model"),
        ("0.00000025", "0.0000001", "2.5 times the price of this model"),
        ("0.0000001", "0.00000003", "about 3.3 times the price of this model"),
        ("0.000000200001", "0.0000001", "about twice the price of this model"),
        ("0.0000001", "0.0000001000001", "less than 0.1% cheaper than this model"),
        # Exactly 3 in Decimal; in floats 6e-08 / 2e-08 is 2.9999999999999996, which would read "about 3 times".
        ("0.00000006", "0.00000002", "3 times the price of this model"),
        ("0.0000001", "0.0000001", "the same price as this model"),
        ("0", "0.0000001", "while this model costs $0.10 / M tokens"),
        ("0.0000001", "0", "while this model is free"),
        ("-1", "0.0000001", "not comparable (variable price)"),
        ("0.0000001", "-1", "not comparable (variable price)"),
    ],
)
def test_price_comparison_reads_as_words_exact_or_marked_about(other, this, expected) -> None:
    assert price_comparison(price(other), price(this)) == expected


def test_price_comparison_names_the_page_it_is_read_on() -> None:
    assert price_comparison(price("0.00000013"), price("0.000000065"), "this batch variant") == (
        "twice the price of this batch variant"
    )


@pytest.mark.parametrize(
    ("model_id", "words"),
    [
        ("nvidia/nemotron-3-embed-1b:free", ("Free variant", "rate-limited", "not for bulk work")),
        ("openai/text-embedding-3-large:batch", ("Batch variant", "the same model", "bulk work")),
    ],
)
def test_free_and_batch_variants_say_in_one_line_what_they_are_for(model_id, words) -> None:
    note = variant_note(model_id)
    assert note is not None and "\n" not in note
    assert all(word in note for word in words)


@pytest.mark.parametrize("model_id", ["openai/text-embedding-3-large", "a/b:beta", "free", "a/free"])
def test_other_models_carry_no_variant_note(model_id) -> None:
    assert variant_note(model_id) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("**bold** [x](y) $m$", r"\*\*bold\*\* \[x\]\(y\) \$m\$"),
        # Escaping does not stop a renderer from linking these, so they become code, which is never linked.
        ("Endpoints: https://openrouter.ai/a", r"Endpoints\: ` https://openrouter.ai/a `"),
        ("see www.evil.example", "see ` www.evil.example `"),
        ("mail a@b.example", "mail ` a@b.example `"),
        ("x `y` http://z", r"x \`y\` ` http://z `"),
        ("http://a/``b", "``` http://a/``b ```"),
        ("in\u200bvisible\nline", "invisible line"),
    ],
)
def test_markdown_literal_escapes_text_and_sets_anything_linkable_as_code(text, expected) -> None:
    assert markdown_literal(text) == expected


@pytest.mark.parametrize(
    ("wanted", "first"),
    [
        ("openai/text-embeding-3-smal", "openai/text-embedding-3-small"),
        ("text-embedding-3-small", "openai/text-embedding-3-small"),
        ("BAAI/BGE-M3", "baai/bge-m3"),
        ("qwen/qwen3-embedding-8", "qwen/qwen3-embedding-8b"),
    ],
)
def test_closest_ids_suggest_the_intended_model_first(catalog, wanted, first) -> None:
    suggestions = closest_ids(wanted, list(catalog.models))
    assert suggestions[0] == first
    assert len(suggestions) <= 5


def test_closest_ids_for_nonsense_is_empty(catalog) -> None:
    assert closest_ids("zzzz-qqqq", list(catalog.models)) == []
    assert closest_ids("   ", list(catalog.models)) == []


HOSTILE_ID = 'evil/x\'; rm -rf ~; echo "$(id)" `id`'


@pytest.mark.parametrize("model_id", ["openai/text-embedding-3-small", HOSTILE_ID])
def test_curl_snippet_reads_the_key_from_the_environment_and_quotes_the_id(model_id) -> None:
    snippet = curl_snippet("https://openrouter.ai/api/v1/", model_id)
    words = shlex.split(snippet.replace("\\\n", " "))
    assert words[:2] == ["curl", "https://openrouter.ai/api/v1/embeddings"]
    assert "Authorization: Bearer $OPENROUTER_API_KEY" in words
    body = json.loads(words[words.index("-d") + 1])
    assert body["model"] == model_id
    assert "sk-or-" not in snippet


@pytest.mark.parametrize("model_id", ["openai/text-embedding-3-small", HOSTILE_ID])
def test_python_snippet_is_valid_python_whose_id_is_only_a_string(model_id) -> None:
    snippet = python_snippet("http://127.0.0.1:9/api/v1", model_id)
    tree = ast.parse(snippet)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "post"]
    (post,) = calls
    assert ast.literal_eval(post.args[0]) == "http://127.0.0.1:9/api/v1/embeddings"
    body = next(k.value for k in post.keywords if k.arg == "json")
    assert ast.literal_eval(body)["model"] == model_id
    assert 'os.environ["OPENROUTER_API_KEY"]' in snippet


@pytest.mark.parametrize(
    ("key", "label"), [("knowledge_cutoff", "Knowledge cutoff"), ("some_new_field", "Some new field"), ("_", "_")]
)
def test_unknown_fields_get_a_readable_label(key: str, label: str) -> None:
    assert field_label(key) == label


def test_record_rows_cover_the_record_and_keep_unknown_keys() -> None:
    model = EmbeddingModel.model_validate(
        {
            "id": "a/b",
            "pricing": {"prompt": "0"},
            "created": 1763337600,
            "context_length": None,
            "architecture": {"input_modalities": ["text", "image"], "tokenizer": "Other"},
            "top_provider": {"context_length": 8192, "is_moderated": False},
            "default_parameters": {"temperature": None},
            "knowledge_cutoff": "2025-01-01",
        }
    )
    rows = {label: value for label, _, value in record_rows(model, TODAY)}
    keys = {label: key for label, key, _ in record_rows(model, TODAY)}
    assert rows["Created"] == "2025-11-17 (9 months ago)"
    assert rows["Context length"] == "not stated"
    assert rows["Input modalities"] == "text, image"
    assert rows["Top provider context"] == "8,192 tokens"
    assert rows["Moderated"] == "no"
    assert rows["Default parameters"] == "none set (temperature)"
    assert rows["Knowledge cutoff"] == "2025-01-01" and keys["Knowledge cutoff"] == "knowledge_cutoff"
    assert keys["Tokenizer"] == "architecture.tokenizer"  # every row names the API key it shows


def test_the_links_field_reads_as_the_endpoints_link_not_as_a_dict(catalog) -> None:
    rows = {key: (label, value) for label, key, value in record_rows(catalog.models["voyageai/voyage-code-4"], TODAY)}
    assert rows["links"] == (
        "Links",
        "Per-provider endpoints: https://openrouter.ai/api/v1/models/voyageai/voyage-code-4-20260812/endpoints",
    )


def test_a_links_field_that_is_not_an_object_is_shown_as_it_came() -> None:
    model = EmbeddingModel.model_validate({"id": "a/b", "pricing": {"prompt": "0"}, "links": "javascript:alert(1)"})
    rows = {key: value for _, key, value in record_rows(model, TODAY)}
    assert rows["links"] == "javascript:alert(1)"


@pytest.mark.parametrize(
    ("text", "expected"), [("openai/x", "` openai/x `"), ("a`b", "`` a`b ``"), ("a``b`", "``` a``b` ```")]
)
def test_inline_code_fence_outlasts_any_backticks_inside(text, expected) -> None:
    assert inline_code(text) == expected


@pytest.mark.parametrize(
    ("key", "modalities", "shown"),
    [
        ("image", ["text"], "not charged (no image input)"),
        ("image", ["text", "image"], "not charged"),
        ("audio", ["text"], "not charged (no audio input)"),
        ("request", ["text"], "not charged"),
        ("prompt", ["text"], "free"),
    ],
)
def test_a_zero_price_says_whether_the_model_takes_that_input(key: str, modalities: list[str], shown: str) -> None:
    (row,) = price_rows({key: "0"}, modalities)
    assert row.price == shown


@pytest.mark.parametrize(
    ("label", "benchmark", "as_of"),
    [
        ("MTEB(Multilingual) mean (task) as of 2025-06-05", "MTEB(Multilingual) mean (task)", "2025-06-05"),
        ("MTEB English v1 avg (56 datasets), as of 2024-01-31", "MTEB English v1 avg (56 datasets)", "2024-01-31"),
        ("MTEB English v1 avg (56 datasets)", "MTEB English v1 avg (56 datasets)", None),
        ("as of 2025-06-05", "as of 2025-06-05", None),  # a date alone is not a benchmark
        ("", None, None),
    ],
)
def test_a_score_date_is_kept_apart_from_the_benchmark_name(label: str, benchmark, as_of) -> None:
    header = "id,dimensions,flexible_dimensions,max_input_tokens,parameters_millions,mteb_score,mteb_benchmark,"
    header += "license,source_url,notes\n"
    facts = parse_facts_csv(header + f'a/b,,,,,61.5,"{label}",,,\n')["a/b"]
    assert (facts.mteb_benchmark, facts.mteb_as_of) == (benchmark, as_of)


def test_the_detail_facts_give_the_date_of_a_dated_score() -> None:
    rows = dict(fact_rows(facts_for("qwen/qwen3-embedding-8b")))
    assert rows["MTEB benchmark"] == "MTEB(Multilingual) mean (task), as of 2025-06-05"


def test_an_image_price_too_low_for_an_image_is_given_both_readings(catalog) -> None:
    (doubt,) = unit_doubts(catalog.models["google/gemini-embedding-2"])
    assert "$0.00000045 / image" in doubt and "$0.45 / M tokens" in doubt
    assert not unit_doubts(catalog.models["openai/text-embedding-3-small"])  # no image price
    plausible = EmbeddingModel.model_validate({"id": "a/b", "pricing": {"prompt": "0", "image": "0.0001"}})
    assert not unit_doubts(plausible)  # $0.0001 per image is a per-image price


def test_key_figures_give_price_usable_input_length_dimensions_and_input_kinds(catalog) -> None:
    pplx = catalog.models["perplexity/pplx-embed-v1-0.6b"]
    assert key_figures(pplx, facts_for(pplx.id)) == (
        r"**\$0\.004 \/ M tokens** input · up to **32,000** tokens per input · **1,024** dimensions · text input"
    )
    nemotron = catalog.models["nvidia/llama-nemotron-embed-vl-1b-v2:free"]
    assert "up to **10,240** tokens per input (the model's own limit; context 131,072)" in key_figures(
        nemotron, facts_for(nemotron.id)
    )
    bare = EmbeddingModel.model_validate({"id": "a/b", "pricing": {"prompt": "0.00000002"}})
    assert key_figures(bare, None) == r"**\$0\.02 \/ M tokens** input · input length not listed"
