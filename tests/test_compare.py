"""Comparison data without Streamlit: which ids are used, rows, differences, winners, workload cost."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from explorer.catalog import snapshot_catalog
from explorer.compare import (
    BenchmarkGroup,
    benchmark_groups,
    column_labels,
    compare_rows,
    has_free_variant,
    legend_text,
    mteb_note,
    usable_input,
    workload_cost,
)
from explorer.compare_selection import RequestedIds, matching_ids, picker_choices, read_ids, select_models
from explorer.facts import facts_for
from explorer.pricing import parse_price
from explorer.schema import EmbeddingModel
from tests.conftest import SIX_COMPARED

TODAY = dt.date(2026, 8, 19)


@pytest.fixture(scope="module")
def catalog():
    return snapshot_catalog()


def rows_by_field(models, today=TODAY):
    return {row.field: row for row in compare_rows(tuple(models), today)}


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        (None, []),
        ("", []),
        ("a/b", ["a/b"]),
        (" a/b , c/d:batch ,,a/b", ["a/b", "c/d:batch"]),
        (",".join(f"x/{i % 3}" for i in range(30_000)), ["x/0", "x/1", "x/2"]),
    ],
)
def test_ids_are_split_on_commas_trimmed_and_deduplicated(param, expected) -> None:
    assert list(read_ids(param).ids) == expected


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        (None, RequestedIds(())),
        ("", RequestedIds(())),
        ("a/b,c/d", RequestedIds(("a/b", "c/d"))),
        ("nope/xyz,,a/b,a/b", RequestedIds(("nope/xyz", "a/b"), repeated=1, empty=1)),
        ("a/b, a/b ,a/b,", RequestedIds(("a/b",), repeated=2, empty=1)),
        (" , ,", RequestedIds((), empty=3)),
    ],
)
def test_reading_ids_counts_the_repeats_and_empty_entries_it_drops(param, expected) -> None:
    assert read_ids(param) == expected


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        (RequestedIds(("a/b",)), ""),
        (RequestedIds(("a/b",), repeated=1), "1 repeated id was ignored"),
        (RequestedIds(("a/b",), empty=2), "2 empty entries were ignored"),
        (RequestedIds(("a/b",), repeated=1, empty=1), "1 repeated id and 1 empty entry were ignored"),
        (RequestedIds(("a/b",), repeated=3, empty=1), "3 repeated ids and 1 empty entry were ignored"),
    ],
)
def test_what_was_ignored_is_said_in_words(requested, expected) -> None:
    assert requested.ignored_text == expected


def test_unknown_ids_are_named_and_the_rest_still_compared(catalog) -> None:
    selection = select_models(["nope/x", "baai/bge-m3", "openai/text-embedding-3-small"], catalog.models)
    assert [m.id for m in selection.models] == ["baai/bge-m3", "openai/text-embedding-3-small"]
    assert selection.unknown == ("nope/x",)
    assert selection.enough


def test_one_valid_id_is_not_enough(catalog) -> None:
    assert not select_models(["baai/bge-m3", "x/y"], catalog.models).enough
    assert not select_models([], catalog.models).enough


def test_more_than_six_ids_keeps_the_first_six_and_names_the_rest(catalog) -> None:
    ids = list(catalog.models)[:8]
    selection = select_models(ids, catalog.models)
    assert [m.id for m in selection.models] == ids[:6]
    assert selection.dropped == tuple(ids[6:])


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("0.00000002", Decimal("10")),  # $0.02 / M tokens x 500M tokens
        ("0.0000000208333333333333", Decimal("10.41666666666665")),
        ("0", Decimal("0")),
        ("-1", None),
    ],
)
def test_workload_cost_is_exact(prompt, expected) -> None:
    assert workload_cost(parse_price("prompt", prompt)) == expected
    assert workload_cost(None) is None


def test_cheapest_price_and_workload_are_marked(catalog) -> None:
    models = [catalog.models[i] for i in ("openai/text-embedding-3-small", "baai/bge-m3", "google/gemini-embedding-2")]
    rows = rows_by_field(models)
    assert rows["Input price"].cells == ("$0.02 / M tokens", "$0.01 / M tokens", "$0.20 / M tokens")
    assert rows["Input price"].winners == {1} and rows["Input price"].best == "cheapest"
    workload = rows["Cost of 1M × 500 tokens"]
    assert workload.cells == ("$10.00", "$5.00", "$100.00")
    assert workload.marked(1) == "$5.00 ★ cheapest"
    # More dimensions is a bigger index, not a better model: the row differs but marks no winner.
    assert rows["Embedding dimensions"].differs and not rows["Embedding dimensions"].winners
    assert rows["Embedding dimensions"].marked(2) == "3,072"


def test_published_sizes_without_a_default_are_compared_as_such(catalog) -> None:
    models = [catalog.models[i] for i in ("voyageai/voyage-code-4", "baai/bge-m3")]
    rows = rows_by_field(models)
    assert rows["Embedding dimensions"].cells == ("default not published; sizes 256, 512, 1024, 2048", "1,024")
    assert not rows["Embedding dimensions"].winners


def test_a_size_wins_only_by_more_than_five_percent(catalog) -> None:
    small, m3 = catalog.models["openai/text-embedding-3-small"], catalog.models["baai/bge-m3"]
    rows = rows_by_field([small, m3])
    assert rows["Max input tokens"].cells == ("8,191", "8,192") and not rows["Max input tokens"].winners
    assert rows["Context length"].cells == ("8,192", "8,194") and not rows["Context length"].winners
    gte = catalog.models["thenlper/gte-large"]
    rows = rows_by_field([small, m3, gte])
    assert rows["Max input tokens"].winners == {0, 1}  # both near 8,192, against 512
    assert rows["Max input tokens"].marked(0) == "8,191 ★ largest"


def test_price_keys_only_some_models_have_read_not_listed(catalog) -> None:
    models = [catalog.models["baai/bge-m3"], catalog.models["google/gemini-embedding-2"]]
    rows = rows_by_field(models)
    assert rows["Image price"].cells == ("not listed", "$0.00000045 / image (unit doubtful: see the model's page)")
    assert rows["Image price"].differs
    assert not rows["Image price"].winners  # one known value is not a contest


def test_an_image_price_in_a_doubtful_unit_is_never_ranked_cheapest(catalog) -> None:
    per_image = [
        EmbeddingModel.model_validate(
            {"id": f"x/vision-{n}", "architecture": {"input_modalities": ["text", "image"]}, "pricing": pricing}
        )
        for n, pricing in enumerate(
            ({"prompt": "0.0000001", "image": "0.0002"}, {"prompt": "0.0000001", "image": "0.0001"})
        )
    ]
    rows = rows_by_field([catalog.models["google/gemini-embedding-2"], *per_image])
    image = rows["Image price"]
    assert "unit doubtful" in image.cells[0] and "unit doubtful" not in image.cells[1] + image.cells[2]
    assert image.winners == {2}  # the cheaper real per-image price, not the doubtful $0.00000045


def test_equal_values_are_neither_different_nor_marked(catalog) -> None:
    models = [catalog.models["thenlper/gte-large"], catalog.models["intfloat/e5-large-v2"]]
    rows = rows_by_field(models)
    assert rows["Input price"].cells == ("$0.01 / M tokens", "$0.01 / M tokens")
    assert not rows["Input price"].differs and not rows["Input price"].winners
    assert rows["Max input tokens"].cells == ("512", "512") and not rows["Max input tokens"].differs
    assert rows["MTEB score"].winners == {0}  # same benchmark: 63.13 beats 62.25


def test_mteb_scores_from_different_benchmarks_are_not_ranked(catalog) -> None:
    models = (catalog.models["openai/text-embedding-3-small"], catalog.models["qwen/qwen3-embedding-8b"])
    assert not rows_by_field(models)["MTEB score"].winners
    assert mteb_note(models) == "MTEB scores here come from different benchmarks, so none is marked highest."


def test_the_highest_score_of_a_benchmark_two_models_share_is_marked_and_a_lone_one_named_unranked(catalog) -> None:
    ids = ("qwen/qwen3-embedding-8b", "google/gemini-embedding-001", "openai/text-embedding-3-large")
    models = tuple(catalog.models[i] for i in ids)
    row = rows_by_field(models)["MTEB score"]
    assert row.winners == {0} and row.best == "highest"
    assert row.marked(0) == "70.58 (MTEB(Multilingual) mean (task), as of 2025-06-05) ★ highest"
    assert row.marked(2) == "64.6 (MTEB English avg (OpenAI launch post))"  # nothing to rank it against
    assert mteb_note(models) == (
        "MTEB scores are ranked only against scores of the same benchmark: Qwen3 Embedding 8B and "
        "Gemini Embedding 001 on MTEB(Multilingual) mean (task). Unranked, as no other model here has its "
        "benchmark: Text Embedding 3 Large on MTEB English avg (OpenAI launch post)."
    )


def test_each_shared_benchmark_gets_its_own_highest(catalog) -> None:
    ids = (
        "qwen/qwen3-embedding-8b",
        "openai/text-embedding-3-small",
        "google/gemini-embedding-001",
        "openai/text-embedding-3-large",
    )
    models = tuple(catalog.models[i] for i in ids)
    assert rows_by_field(models)["MTEB score"].winners == {0, 3}  # 70.58 of two multilingual, 64.6 of two English
    note = mteb_note(models)
    assert note.endswith(
        "Qwen3 Embedding 8B and Gemini Embedding 001 on MTEB(Multilingual) mean (task); "
        "Text Embedding 3 Small and Text Embedding 3 Large on MTEB English avg (OpenAI launch post)."
    )
    assert "Unranked" not in note


def test_scores_whose_benchmark_is_not_named_are_never_ranked_together() -> None:
    gte = facts_for("thenlper/gte-large")
    unnamed = [dataclasses.replace(gte, mteb_benchmark=None, mteb_score=s) for s in (60.0, 61.0)]
    assert benchmark_groups([*unnamed, None, gte]) == (
        BenchmarkGroup(None, (0,)),
        BenchmarkGroup(None, (1,)),
        BenchmarkGroup("MTEB English v1 avg (56 datasets)", (3,)),
    )
    assert not any(g.ranked for g in benchmark_groups(unnamed))


def test_variable_price_is_compared_as_unknown_not_as_cheapest(catalog) -> None:
    router = EmbeddingModel.model_validate({"id": "router/auto", "pricing": {"prompt": "-1", "completion": "0"}})
    rows = rows_by_field([router, catalog.models["baai/bge-m3"]])
    assert rows["Input price"].cells[0] == "variable"
    assert rows["Cost of 1M × 500 tokens"].cells == ("variable", "$5.00")
    assert not rows["Input price"].winners


def test_expiration_and_created_rows_use_the_given_day(catalog) -> None:
    soon = EmbeddingModel.model_validate(
        {"id": "a/soon", "pricing": {"prompt": "0"}, "expiration_date": "2026-08-29", "created": 1763337600}
    )
    placeholder = EmbeddingModel.model_validate(
        {"id": "a/later", "pricing": {"prompt": "0"}, "expiration_date": "2098-12-31"}
    )
    rows = rows_by_field([soon, placeholder])
    assert rows["Expiration"].cells == ("Removal planned for 2026-08-29 (10 days left)", "No planned removal")
    assert rows["Created"].cells == ("2025-11-17 (9 months ago)", "unknown")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("GTE", ["thenlper/gte-base", "thenlper/gte-large"]),
        ("thenlper  large", ["thenlper/gte-large"]),
        ("large thenlper", ["thenlper/gte-large"]),
        ("no such model", []),
    ],
)
def test_the_search_matches_every_word_in_the_id_or_name_ignoring_case(catalog, query, expected) -> None:
    assert sorted(matching_ids(catalog, query)) == expected


def test_an_empty_search_matches_the_whole_catalog_in_order(catalog) -> None:
    assert list(matching_ids(catalog, "  ")) == list(catalog.models)


def test_names_are_searched_as_well_as_ids(catalog) -> None:
    model = catalog.models["openai/text-embedding-3-small"]
    word = model.display_name.split()[-1]
    assert "openai/text-embedding-3-small" in matching_ids(catalog, word.upper())


def test_the_picker_keeps_the_chosen_models_first_whatever_the_search(catalog) -> None:
    choices = picker_choices(catalog, "gte", ["baai/bge-m3", "nope/gone", "baai/bge-m3"])
    assert choices.ids[0] == "baai/bge-m3"
    assert set(choices.ids[1:]) == {"thenlper/gte-base", "thenlper/gte-large"}
    assert (choices.matched, choices.total, choices.truncated) == (2, len(catalog), False)


def test_the_picker_lists_at_most_the_limit_and_says_so(catalog) -> None:
    chosen = ["baai/bge-m3"]
    choices = picker_choices(catalog, "", chosen, limit=5)
    assert len(choices.ids) == 6 and choices.ids[0] == "baai/bge-m3"
    assert choices.truncated and choices.matched == len(catalog)
    assert not picker_choices(catalog, "", chosen, limit=len(catalog)).truncated


def test_the_output_price_row_appears_only_when_some_model_charges_for_output(catalog) -> None:
    small, large = catalog.models["openai/text-embedding-3-small"], catalog.models["openai/text-embedding-3-large"]
    assert small.pricing["completion"] == "0"  # as every embeddings record sends it
    assert "Output price" not in rows_by_field([small, large])
    charging = EmbeddingModel.model_validate({"id": "a/out", "pricing": {"prompt": "0.0000001", "completion": "1e-6"}})
    rows = rows_by_field([small, charging])
    assert rows["Output price"].cells == ("not charged: embeddings return vectors, not tokens", "$1.00 / M tokens")
    assert [field for field in rows if field.endswith(" price")] == ["Input price", "Output price"]


def model(model_id: str, name: str) -> EmbeddingModel:
    return EmbeddingModel.model_validate({"id": model_id, "name": name, "pricing": {"prompt": "0.00000001"}})


@pytest.mark.parametrize(
    ("models", "expected"),
    [
        (
            [("voyageai/voyage-4", "VoyageAI by MongoDB: voyage-4"), ("qwen/q3", "Qwen: Qwen3 Embedding 8B")],
            ("voyage-4", "Qwen3 Embedding 8B"),
        ),
        # Two vendors' models of the same name: the ids tell them apart.
        ([("a/embed", "A: Embed"), ("b/embed", "B: Embed"), ("c/other", "C: Other")], ("a/embed", "b/embed", "Other")),
        # A short name that is another model's id: both fall back to ids, which are distinct.
        ([("x/y", "X: z/w"), ("z/w", "Z: W")], ("x/y", "W")),
        ([("x/y", "X: z/w"), ("z/w", "Z: z/w")], ("x/y", "z/w")),
        # No vendor prefix, or no name at all: the name, then the id.
        ([("p/q", "Plain name"), ("r/s", "")], ("Plain name", "r/s")),
        # Names alike once invisible characters and line breaks are removed.
        ([("a/b", "A: Same\u200b"), ("c/d", "C: Same")], ("a/b", "c/d")),
        ([("a/b", "A: one\ntwo"), ("c/d", "C: one two")], ("a/b", "c/d")),
    ],
)
def test_column_labels_are_short_names_falling_back_to_ids_where_they_would_be_equal(models, expected) -> None:
    labels = column_labels(tuple(model(i, n) for i, n in models))
    assert labels == expected
    assert len(set(labels)) == len(labels)


def test_six_voyage_qwen_and_google_models_get_six_distinct_short_headers(catalog) -> None:
    labels = column_labels(tuple(catalog.models[i] for i in SIX_COMPARED))
    assert labels[:3] == ("voyage-4", "voyage-4-lite", "voyage-4-large")
    assert len(set(labels)) == 6 and not any(":" in label for label in labels)


def test_ids_that_differ_only_in_invisible_characters_still_get_distinct_headers() -> None:
    labels = column_labels((model("a/b", "A: X"), model("a/b\u200b", "B: X")))
    assert labels == ("a/b #1", "a/b #2")


def test_a_free_variant_is_never_marked_cheapest_and_says_why(catalog) -> None:
    ids = ("openai/text-embedding-3-small", "nvidia/nemotron-3-embed-1b:free", "google/gemini-embedding-2")
    models = tuple(catalog.models[i] for i in ids)
    rows = rows_by_field(models)
    assert rows["Input price"].cells[1] == "free — rate-limited, not for bulk work"
    assert rows["Cost of 1M × 500 tokens"].cells[1] == "$0 — free variant: rate-limited, not for bulk work"
    # The cheapest paid model takes the mark, as it leads the cost calculator's ranking.
    assert rows["Input price"].winners == {0} and rows["Cost of 1M × 500 tokens"].winners == {0}
    assert rows["Cost of 1M × 500 tokens"].marked(0) == "$10.00 ★ cheapest"
    assert has_free_variant(models) and not has_free_variant(models[::2])


def test_a_free_variants_other_zero_prices_are_not_marked_cheapest_either(catalog) -> None:
    free = EmbeddingModel.model_validate({"id": "a/vision:free", "pricing": {"prompt": "0", "image": "0"}})
    paid = EmbeddingModel.model_validate({"id": "b/vision", "pricing": {"prompt": "0.0000001", "image": "0.0001"}})
    gemini = catalog.models["google/gemini-embedding-2"]
    rows = rows_by_field([free, paid, gemini])
    assert rows["Image price"].cells[0] == "not charged (no image input)"  # its record lists no image input
    # Neither the free variant's $0 nor Gemini's $0.00000045 in a doubtful unit is ranked: $0.0001 stands alone.
    assert not rows["Image price"].winners


def test_two_free_variants_against_each_other_mark_nothing_cheapest(catalog) -> None:
    ids = ("nvidia/nemotron-3-embed-1b:free", "nvidia/llama-nemotron-embed-vl-1b-v2:free")
    rows = rows_by_field([catalog.models[i] for i in ids])
    assert not rows["Input price"].winners and not rows["Cost of 1M × 500 tokens"].winners


def test_a_model_that_costs_nothing_without_being_a_free_variant_can_still_be_cheapest(catalog) -> None:
    gratis = EmbeddingModel.model_validate({"id": "a/gratis", "pricing": {"prompt": "0", "completion": "0"}})
    rows = rows_by_field([gratis, catalog.models["baai/bge-m3"]])
    assert rows["Cost of 1M × 500 tokens"].marked(0) == "$0 ★ cheapest"


def test_the_legend_says_a_size_within_the_margin_of_the_largest_is_marked_too(catalog) -> None:
    voyage, qwen = catalog.models["voyageai/voyage-4"], catalog.models["qwen/qwen3-embedding-8b"]
    gte = catalog.models["thenlper/gte-large"]
    rows = rows_by_field([voyage, qwen, gte])
    assert rows["Max input tokens"].cells == ("32,000", "32,768", "512")
    assert rows["Max input tokens"].winners == {0, 1}  # 32,000 is within 5% of 32,768
    assert "the largest and any within 5% of it" in legend_text()
    assert "cheapest, largest or highest value" not in legend_text()


@pytest.mark.parametrize(
    ("max_input", "context", "expected"),
    [
        (32_768, 32_000, 32_000),  # pplx-embed-v1-0.6b: the context is the limit
        (2_048, 20_000, 2_048),  # gemini-embedding-001: its own max input is
        (8_192, None, 8_192),
        (None, 8_192, None),  # no published max input: the context row ranks the context
    ],
)
def test_the_usable_max_input_is_the_smaller_of_max_input_and_context(max_input, context, expected) -> None:
    assert usable_input(max_input, context) == expected


def test_max_input_is_ranked_by_what_the_context_lets_through_and_says_so(catalog) -> None:
    ids = ("perplexity/pplx-embed-v1-0.6b", "baai/bge-m3", "openai/text-embedding-3-small")
    row = rows_by_field([catalog.models[i] for i in ids])["Max input tokens"]
    assert row.cells == ("32,768 (usable 32,000: the context)", "8,192", "8,191")
    assert row.marked(0) == "32,768 (usable 32,000: the context) ★ largest"
    # With a context smaller than the others' max input, the largest published max input does not win.
    short = EmbeddingModel.model_validate(
        {"id": "perplexity/pplx-embed-v1-0.6b", "context_length": 4_000, "pricing": {"prompt": "0"}}
    )
    row = rows_by_field([short, catalog.models["baai/bge-m3"], catalog.models["thenlper/gte-large"]])[
        "Max input tokens"
    ]
    assert row.cells == ("32,768 (usable 4,000: the context)", "8,192", "512")
    assert row.winners == {1}


def test_the_legend_follows_the_margin_the_marks_use(monkeypatch) -> None:
    monkeypatch.setattr("explorer.compare.LARGEST_MARGIN", Decimal("0.9"))
    assert "within 10% of it" in legend_text()


def test_a_text_only_models_zero_image_and_audio_prices_read_as_not_charged_not_free(catalog) -> None:
    ids = ("google/gemini-embedding-001", "google/gemini-embedding-2")
    rows = rows_by_field([catalog.models[i] for i in ids])
    assert rows["Image price"].cells == (
        "not charged (no image input)",
        "$0.00000045 / image (unit doubtful: see the model's page)",
    )
    assert rows["Audio price"].cells == ("not charged (no audio input)", "$6.50 / M tokens")


def test_a_dated_score_is_ranked_with_the_undated_scores_of_its_benchmark(catalog) -> None:
    models = (catalog.models["google/gemini-embedding-001"], catalog.models["qwen/qwen3-embedding-8b"])
    row = rows_by_field(models)["MTEB score"]
    assert row.cells == (
        "68.32 (MTEB(Multilingual) mean (task))",
        "70.58 (MTEB(Multilingual) mean (task), as of 2025-06-05)",
    )
    assert row.winners == {1}
    assert mteb_note(models) == ""  # one benchmark: every score is ranked, nothing to explain


def test_a_price_the_model_cannot_be_charged_is_not_ranked_cheapest(catalog) -> None:
    models = tuple(
        catalog.models[m]
        for m in ("google/gemini-embedding-2", "google/gemini-embedding-001", "qwen/qwen3-embedding-8b")
    )
    rows = rows_by_field(models)
    assert rows["Image price"].cells[1] == "not charged (no image input)"
    assert not rows["Image price"].winners and not rows["Audio price"].winners  # one real price: no contest


def test_an_unreadable_price_is_named_and_not_ranked(catalog) -> None:
    base = catalog.models["baai/bge-m3"]
    odd = EmbeddingModel.model_validate(
        {"id": "odd/model", "pricing": {"prompt": "0.00000001", "request": "lots"}, "name": "Odd"}
    )
    priced = EmbeddingModel.model_validate(
        {"id": "fee/model", "pricing": {"prompt": "0.00000001", "request": "0.001"}, "name": "Fee"}
    )
    rows = rows_by_field([base, odd, priced])
    assert rows["Per request price"].cells == ("not listed", "unreadable", "$0.001 / request")
    assert not rows["Per request price"].winners


def test_the_workload_cost_names_the_charges_it_leaves_out(catalog) -> None:
    fee = EmbeddingModel.model_validate({"id": "x/per-request", "pricing": {"prompt": "0.0000001", "request": "0.001"}})
    rows = rows_by_field([catalog.models["openai/text-embedding-3-small"], fee])
    cost = rows["Cost of 1M × 500 tokens"]
    assert cost.cells[0] == "$10.00"
    assert cost.cells[1] == "$50.00 + not counted: Per request $0.001 / request"
