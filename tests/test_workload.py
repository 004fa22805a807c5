"""Calculator maths: exact money, batch pricing, eligibility with reasons, input validation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from explorer.catalog import snapshot_catalog
from explorer.cost_text import (
    CostLine,
    cost_lines,
    format_bytes,
    index_text,
    money_decimals,
    reduced_index_text,
)
from explorer.schema import EmbeddingModel
from explorer.workload import (
    Constraints,
    Workload,
    describe,
    model_cost,
    quantity,
    rank_models,
    uncounted_prices_text,
    update_note,
    url_value_problems,
)

MODELS = snapshot_catalog().models
ONE_OFF_ONLY = {"changed_per_month": 0, "queries_per_month": 0, "months": 1}


@pytest.mark.parametrize(
    ("model_id", "documents", "tokens", "use_batch", "one_off"),
    [
        ("openai/text-embedding-3-small", 10_000_000, 500, False, Decimal("100.00")),
        ("openai/text-embedding-3-large", 10_000_000, 500, False, Decimal("650.00")),
        ("openai/text-embedding-3-large", 10_000_000, 500, True, Decimal("325.00")),  # :batch is half
        ("openai/text-embedding-ada-002", 1_000_000, 1000, True, Decimal("50.00")),
        ("perplexity/pplx-embed-v1-0.6b", 1_000_000, 500, True, Decimal("2.00")),
        ("nvidia/nemotron-3-embed-1b:free", 10_000_000, 500, True, Decimal("0")),
    ],
)
def test_one_off_embedding_cost_is_exact(model_id, documents, tokens, use_batch, one_off) -> None:
    workload = Workload(documents=documents, tokens_per_document=tokens, use_batch=use_batch, **ONE_OFF_ONLY)
    cost = model_cost(MODELS[model_id], MODELS, workload)
    assert cost.one_off == one_off


def test_monthly_cost_counts_updates_at_the_bulk_price_and_queries_at_the_model_price() -> None:
    workload = Workload(
        documents=1,
        tokens_per_document=1000,
        changed_per_month=1_000_000,
        queries_per_month=10_000_000,
        tokens_per_query=10,
        months=12,
        use_batch=True,
    )
    cost = model_cost(MODELS["openai/text-embedding-3-large"], MODELS, workload)
    # updates: 1e9 tokens at $0.065/M = $65; queries: 1e8 tokens at $0.13/M = $13
    assert cost.monthly == Decimal("78")
    assert cost.total == cost.one_off + 12 * Decimal("78")
    assert cost.cumulative(2) == [cost.one_off, cost.one_off + 78, cost.one_off + 156]
    assert cost.bulk_model_id == "openai/text-embedding-3-large:batch"


def test_index_size_is_float32_bytes_per_dimension_per_document() -> None:
    cost = model_cost(MODELS["openai/text-embedding-3-small"], MODELS, Workload(documents=1_000_000))
    assert cost.dimensions == 1536
    assert cost.index_bytes == 1536 * 4 * 1_000_000
    assert format_bytes(cost.index_bytes) == "5.72 GiB"


@pytest.mark.parametrize(
    ("model_id", "reduced", "saving"),
    [
        ("openai/text-embedding-3-small", 256, 1 - 256 / 1536),  # any size 1-1536: not 1, a useful 256
        ("google/gemini-embedding-001", 256, 1 - 256 / 3072),  # any size 128-3072
        ("qwen/qwen3-embedding-8b", 256, 1 - 256 / 4096),  # any size 32-4096
        ("google/gemini-embedding-2", 768, 0.75),  # listed sizes 768|1536|3072
        ("voyageai/voyage-4", 256, 0.75),  # listed 256..2048 around a 1024 default
        ("baai/bge-m3", None, None),  # one fixed size
        ("openai/text-embedding-3-large:batch", 256, 1 - 256 / 3072),  # variants share the base facts
    ],
)
def test_reduced_dimensions_suggest_a_useful_size_and_its_saving(model_id, reduced, saving) -> None:
    cost = model_cost(MODELS[model_id], MODELS, Workload(documents=1_000_000))
    assert cost.reduced_dimensions == reduced
    if reduced is None:
        assert cost.reduced_index_bytes is None and cost.reduced_saving is None
    else:
        assert cost.reduced_index_bytes == reduced * 4 * 1_000_000
        assert cost.reduced_saving == pytest.approx(saving)


def test_a_minimum_dimensions_constraint_raises_the_suggested_reduced_size() -> None:
    costs, _ = rank_models(MODELS, Workload(), Constraints(min_dimensions=1024))
    reduced = {c.model_id: c.reduced_dimensions for c in costs}
    assert reduced["openai/text-embedding-3-small"] == 1024  # any size 1-1536: the scenario's own minimum
    assert reduced["voyageai/voyage-4"] is None  # listed sizes from 1024 up: nothing smaller than its default
    assert reduced["google/gemini-embedding-2"] == 1536  # listed 768|1536|3072
    assert all(size is None or size >= 1024 for size in reduced.values())
    unconstrained, _ = rank_models(MODELS, Workload(), Constraints())
    assert {c.model_id: c.reduced_dimensions for c in unconstrained}["openai/text-embedding-3-small"] == 256


def test_a_long_decimal_price_is_charged_exactly() -> None:
    model = MODELS["baai/bge-m3"].model_copy(
        update={"id": "x/long", "pricing": {"prompt": "0.0000000208333333333333", "completion": "0"}}
    )
    model.__dict__.pop("prices", None)
    cost = model_cost(model, {"x/long": model}, Workload(documents=3_000_000, tokens_per_document=1000, **ONE_OFF_ONLY))
    assert cost.one_off == Decimal("0.0000000208333333333333") * 3_000_000_000
    assert cost.one_off == Decimal("62.4999999999999")


FREE_VARIANT = "free variant: rate-limited, not for bulk work (include it under Constraints)"


def test_ranking_is_cheapest_first_and_batch_rows_are_counted_through_their_base() -> None:
    costs, excluded = rank_models(MODELS, Workload(), Constraints())
    totals = [c.total for c in costs]
    assert totals == sorted(totals)
    assert {e.model_id: e.reason for e in excluded} == {
        "openai/text-embedding-3-large:batch": "counted through its base model",
        "openai/text-embedding-ada-002:batch": "counted through its base model",
        # Rate-limited free tiers cannot embed a corpus; the default leaves them out.
        "nvidia/nemotron-3-embed-1b:free": FREE_VARIANT,
        "nvidia/llama-nemotron-embed-vl-1b-v2:free": FREE_VARIANT,
        # A 500-token document is cut short by these models' own input limits, below their listed context.
        "sentence-transformers/all-minilm-l6-v2": "max input 256 tokens < 500 tokens per document",
        "sentence-transformers/all-minilm-l12-v2": "max input 256 tokens < 500 tokens per document",
        "sentence-transformers/all-mpnet-base-v2": "max input 384 tokens < 500 tokens per document",
    }
    assert len(costs) + len(excluded) == len(MODELS)


@pytest.mark.parametrize(
    ("workload", "rules", "model_id", "reason"),
    [
        (Workload(tokens_per_document=1000), Constraints(), "baai/bge-m3", None),
        (Workload(tokens_per_document=1000), Constraints(), "thenlper/gte-base", "context 512 tokens"),
        (Workload(tokens_per_document=1000), Constraints(min_context=False), "thenlper/gte-base", None),
        (Workload(), Constraints(modality="image"), "openai/text-embedding-3-small", "no image input"),
        (Workload(), Constraints(min_dimensions=2048), "openai/text-embedding-3-small", "1,536 dimensions < 2,048"),
        (Workload(), Constraints(max_dimensions=512), "baai/bge-m3", "1,024 dimensions > 512"),
        (
            Workload(),
            Constraints(min_dimensions=256),
            "voyageai/voyage-code-4",
            "default dimensions not published (sizes 256, 512, 1024, 2048)",
        ),
        (
            Workload(),
            Constraints(max_dimensions=4096),
            "voyageai/voyage-code-4",
            "default dimensions not published (sizes 256, 512, 1024, 2048)",
        ),
        (Workload(), Constraints(providers=("openai",)), "baai/bge-m3", "provider not selected"),
        (Workload(), Constraints(), "nvidia/nemotron-3-embed-1b:free", "free variant: rate-limited"),
        (Workload(), Constraints(free_variants=True), "nvidia/nemotron-3-embed-1b:free", None),
        (Workload(tokens_per_document=5000), Constraints(), "google/gemini-embedding-001", "max input 2,048 tokens"),
        (Workload(tokens_per_document=2048), Constraints(), "google/gemini-embedding-001", None),
        (Workload(), Constraints(min_context=False), "sentence-transformers/all-minilm-l6-v2", None),
    ],
)
def test_constraints_exclude_with_a_reason(workload, rules, model_id, reason) -> None:
    costs, excluded = rank_models(MODELS, workload, rules)
    reasons = {e.model_id: e.reason for e in excluded}
    if reason is None:
        assert model_id in {c.model_id for c in costs}
    else:
        assert reason in reasons[model_id]


def test_published_sizes_without_a_default_invent_no_dimensions_or_index_size() -> None:
    costs, _ = rank_models(MODELS, Workload(), Constraints())
    voyage = next(c for c in costs if c.model_id == "voyageai/voyage-code-4")
    assert (voyage.dimensions, voyage.index_bytes) == (None, None)
    # A reduced size is a saving against the default; with no default there is nothing to save against.
    assert (voyage.reduced_dimensions, voyage.reduced_saving) == (None, None)


def test_a_model_without_any_facts_is_excluded_by_a_dimensions_limit_as_unknown() -> None:
    stranger = MODELS["baai/bge-m3"].model_copy(update={"id": "someone/brand-new-embed"})
    _, excluded = rank_models({stranger.id: stranger}, Workload(), Constraints(min_dimensions=256))
    assert [(e.model_id, e.reason) for e in excluded] == [("someone/brand-new-embed", "dimensions unknown")]


def test_variable_prices_are_excluded_not_priced() -> None:
    variable = MODELS["baai/bge-m3"].model_copy(update={"id": "openrouter/auto", "pricing": {"prompt": "-1"}})
    variable.__dict__.pop("prices", None)
    costs, excluded = rank_models({"openrouter/auto": variable}, Workload(), Constraints())
    assert costs == []
    assert excluded[0].reason == "variable price"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"documents": 0}, "documents in the corpus"),
        ({"tokens_per_document": 0}, "average tokens per document"),
        ({"months": 0}, "horizon"),
        ({"months": 1000}, "horizon"),
        ({"documents": 10**13}, "documents in the corpus"),
        ({"queries_per_month": -1}, "queries per month"),
    ],
)
def test_out_of_range_inputs_are_named(changes: dict, words: str) -> None:
    problems = Workload(**changes).problems()
    assert len(problems) == 1 and words in problems[0]
    assert Workload().problems() == []


def test_with_batch_turned_off_batch_rows_are_excluded_and_base_models_pay_full_price() -> None:
    costs, excluded = rank_models(MODELS, Workload(use_batch=False), Constraints())
    reasons = {e.model_id: e.reason for e in excluded}
    assert reasons["openai/text-embedding-3-large:batch"] == "batch variants turned off"
    large = next(c for c in costs if c.model_id == "openai/text-embedding-3-large")
    assert large.bulk_model_id == "openai/text-embedding-3-large"


def test_a_batch_row_without_its_base_model_is_ranked_on_its_own() -> None:
    lone = {"openai/text-embedding-3-large:batch": MODELS["openai/text-embedding-3-large:batch"]}
    costs, excluded = rank_models(lone, Workload(documents=10_000_000, **ONE_OFF_ONLY), Constraints())
    assert excluded == [] and costs[0].one_off == Decimal("325")


@pytest.mark.parametrize(
    ("model_id", "use_batch", "batch_id"),
    [
        ("openai/text-embedding-3-large", True, "openai/text-embedding-3-large:batch"),
        ("openai/text-embedding-3-large", False, None),
        ("openai/text-embedding-3-small", True, None),  # no :batch sibling
    ],
)
def test_a_cost_names_the_batch_id_only_when_the_corpus_is_priced_at_it(model_id, use_batch, batch_id) -> None:
    cost = model_cost(MODELS[model_id], MODELS, Workload(use_batch=use_batch))
    assert cost.batch_model_id == batch_id


def test_a_lone_batch_row_is_priced_at_its_own_price_not_as_a_batch_choice() -> None:
    lone = {"openai/text-embedding-3-large:batch": MODELS["openai/text-embedding-3-large:batch"]}
    (cost,), _ = rank_models(lone, Workload(), Constraints())
    assert cost.batch_model_id is None


@pytest.mark.parametrize(
    ("model_id", "provider"),
    [
        ("perplexity/pplx-embed-v1-0.6b", "perplexity"),
        ("sentence-transformers/paraphrase-minilm-l6-v2", "sentence-transformers"),
        ("openai/text-embedding-3-large", "openai"),
    ],
)
def test_a_cost_carries_the_provider_slug_the_catalog_filters_on(model_id, provider) -> None:
    assert model_cost(MODELS[model_id], MODELS, Workload()).provider == provider


@pytest.mark.parametrize(
    ("model_id", "text"),
    [
        ("openai/text-embedding-3-small", "256 dims: 976.56 MiB (\u221283%)"),
        ("google/gemini-embedding-2", "768 dims: 2.86 GiB (\u221275%)"),
        ("baai/bge-m3", None),  # one fixed size: nothing to suggest
    ],
)
def test_the_reduced_index_is_described_short_enough_for_a_table_cell(model_id, text) -> None:
    described = reduced_index_text(model_cost(MODELS[model_id], MODELS, Workload(documents=1_000_000)))
    assert described == text
    assert described is None or len(described) <= 30


@pytest.mark.parametrize(
    ("rules", "words"),
    [
        (Constraints(min_dimensions=2048, max_dimensions=512), "min dimensions (2,048) is above max dimensions (512)"),
        (Constraints(max_dimensions=10**6), "max dimensions must be between 1 and 100,000"),
    ],
)
def test_contradicting_or_absurd_dimension_limits_are_named(rules: Constraints, words: str) -> None:
    assert words in " ".join(rules.problems())
    assert Constraints(min_dimensions=256, max_dimensions=1024).problems() == []


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"docs": "-5"}, "docs=-5 was ignored: documents in the corpus must be a whole number between 1 and"),
        ({"docs": "lots"}, "docs=lots was ignored"),
        ({"queries": "99999999999999999999"}, "queries=99999999999999999999 was ignored"),
        ({"months": "nan"}, "months=nan was ignored: horizon in months"),
        ({"doc_tokens": "512.5"}, "doc_tokens=512.5 was read as 512"),
        ({"min_dims": "-1"}, "min_dims=-1 was ignored"),
        # Within what a number can hold, but out of the input's range: dropped by it too, and said alike.
        ({"docs": "99999999999999"}, "docs=99999999999999 was ignored: documents in the corpus must be a whole number"),
        ({"months": "0"}, "months=0 was ignored: horizon in months must be a whole number between 1 and 120"),
        ({"min_dims": "0.5"}, "min_dims=0.5 was ignored"),
    ],
)
def test_link_values_the_inputs_cannot_hold_are_named(params: dict, words: str) -> None:
    problems = url_value_problems(params)
    assert len(problems) == 1 and words in problems[0]


def test_link_values_the_inputs_read_as_given_raise_nothing() -> None:
    assert url_value_problems({"docs": "1e3", "months": "120", "changed": "0", "q": "anything", "use_batch": "x"}) == []


def test_the_scenario_is_described_in_tokens_with_separators() -> None:
    text = describe(Workload(documents=10_000_000, tokens_per_document=500, changed_per_month=1000, months=24))
    assert text == (
        "10,000,000 documents × 500 tokens = 5,000,000,000 tokens once, "
        "then 500,000 update tokens and 20,000,000 query tokens a month for 24 months."
    )


def test_more_changes_a_month_than_the_corpus_holds_are_pointed_out() -> None:
    assert update_note(Workload()) is None  # 50,000 of 1,000,000
    assert update_note(Workload(documents=1000, changed_per_month=1000)) is None  # the whole corpus: plausible
    assert update_note(Workload(documents=1000, changed_per_month=50_000)) == (
        "50,000 new or changed documents a month is 50 times the corpus of 1,000 documents: each month's updates"
        " cost more than embedding the corpus. Lower it if the corpus changes less."
    )
    assert "1.5 times the corpus of 2 documents" in update_note(Workload(documents=2, changed_per_month=3))


def test_a_count_of_one_is_described_in_the_singular() -> None:
    text = describe(Workload(documents=1, tokens_per_document=1, changed_per_month=1, queries_per_month=1, months=1))
    assert text == ("1 document × 1 token = 1 token once, then 1 update token and 20 query tokens a month for 1 month.")
    assert [quantity(n, "month") for n in (0, 1, 2, 1000)] == ["0 months", "1 month", "2 months", "1,000 months"]


def priced(model_id: str, name: str, prompt: str) -> EmbeddingModel:
    """A model of its own id, name and price per token, with nothing published about it."""
    model = MODELS["baai/bge-m3"].model_copy(
        update={"id": model_id, "name": name, "pricing": {"prompt": prompt, "completion": "0"}}
    )
    model.__dict__.pop("prices", None)
    return model


def lines_for(models: list[EmbeddingModel], workload: Workload | None = None, limit: int = 5) -> list[CostLine]:
    costs, _ = rank_models({m.id: m for m in models}, workload or Workload(), Constraints())
    return cost_lines(costs, limit)


@pytest.mark.parametrize(
    ("prices", "labels"),
    [
        ({"A": "0.00000002", "B": "0.00000002", "C": "0.00000001"}, ["C", "A = B"]),
        ({"A": "0.00000002", "B": "0.00000003", "C": "0.00000002"}, ["A = C", "B"]),
        ({"A": "0.00000001", "B": "0.00000001", "C": "0.00000001"}, ["A = B = C"]),
        ({"A": "0.00000002", "B": "0.000000020"}, ["A = B"]),  # the same amount, however it is written
        ({"A": "0.00000002", "B": "0.00000003"}, ["A", "B"]),
    ],
)
def test_models_with_exactly_equal_costs_share_one_chart_line_named_after_all_of_them(
    prices: dict[str, str], labels: list[str]
) -> None:
    lines = lines_for([priced(f"x/{name.lower()}", name, price) for name, price in prices.items()])
    assert [line.label for line in lines] == labels
    assert sum(len(line.costs) for line in lines) == len(prices)  # every model is on exactly one line
    for line in lines:
        assert len({(c.one_off, c.monthly) for c in line.costs}) == 1


def test_a_tie_is_decided_on_exact_amounts_not_on_the_floats_a_chart_draws() -> None:
    near = [priced("x/a", "A", "0.00000002"), priced("x/b", "B", "0.0000000200000000000000001")]
    lines = lines_for(near)
    assert [line.label for line in lines] == ["A", "B"]
    # As floats the two are one number, so the tie could not be told from the chart's data.
    assert float(lines[0].costs[0].total) == float(lines[1].costs[0].total)


def test_equal_totals_from_different_one_off_and_monthly_costs_are_not_a_tie() -> None:
    # A embeds the corpus at its half-price batch sibling's rate, B at one flat rate: the same total after one
    # month, but B starts dearer and A climbs faster, so the lines cross rather than overlap.
    models = [
        priced("x/a", "A", "0.00000004"),
        priced("x/a:batch", "A batch", "0.00000002"),
        priced("x/b", "B", "0.00000003"),
    ]
    workload = Workload(1000, 1000, changed_per_month=0, queries_per_month=1000, tokens_per_query=1000, months=1)
    lines = lines_for(models, workload)
    assert [line.label for line in lines] == ["A", "B"]
    assert lines[0].costs[0].total == lines[1].costs[0].total == Decimal("0.06")
    assert lines[0].cumulative(1) != lines[1].cumulative(1)


def test_models_sharing_a_name_are_told_apart_by_id_so_they_never_read_as_a_tie() -> None:
    lines = lines_for([priced("x/a", "Same\u202e", "0.00000001"), priced("x/b", "Same", "0.00000002")])
    assert [line.label for line in lines] == ["Same (x/a)", "Same (x/b)"]  # invisible controls dropped too


def test_a_tie_cut_by_the_charts_limit_says_how_many_more_share_the_line() -> None:
    models = [priced(f"x/{n}", n.upper(), "0.00000001") for n in "abc"] + [priced("x/d", "D", "0.00000002")]
    (line,) = lines_for(models, limit=2)
    assert line.label == "A = B (and 1 more at the same cost)" and line.more_tied == 1
    assert [c.model_id for c in line.costs] == ["x/a", "x/b"]


def test_the_default_scenarios_five_tied_models_share_a_line_behind_the_cheapest() -> None:
    costs, _ = rank_models(MODELS, Workload(), Constraints())
    cheapest, tied = cost_lines(costs, 5)
    assert cheapest.label == "Perplexity: Embed V1 0.6B"
    assert tied.label == (
        "BAAI: bge-base-en-v1.5 = Intfloat: E5-Base-v2 = Sentence Transformers: multi-qa-mpnet-base-dot-v1 = "
        "Sentence Transformers: paraphrase-MiniLM-L6-v2 (and 1 more at the same cost)"
    )
    assert {c.total for c in tied.costs} == {Decimal("5.2")}


@pytest.mark.parametrize(
    ("amounts", "decimals"),
    [
        (["0.0004", "0.00051", "0.000408"], 6),  # the small workload: $0.000408 must not read $0.00
        (["0.18", "0.225", "4.5"], 3),  # the default workload's monthly column
        (["5.2", "4.16", "1234.5"], 2),  # ordinary sizes keep cents
        (["0", "2"], 2),  # $0 needs no places of its own
        ([], 2),
        (["62.4999999999999"], 2),  # six significant digits at most, as the headline shows it: $62.50
    ],
)
def test_money_columns_get_the_places_the_headline_shows(amounts: list[str], decimals: int) -> None:
    assert money_decimals(Decimal(a) for a in amounts) == decimals


def test_every_amount_shown_at_the_columns_places_agrees_with_the_headline() -> None:
    small = Workload(1000, 100, changed_per_month=10, queries_per_month=100, tokens_per_query=10, months=1)
    costs, _ = rank_models(MODELS, small, Constraints())
    for column in ("total", "one_off", "monthly"):
        amounts = [getattr(c, column) for c in costs]
        places = money_decimals(amounts)
        shown = {f"${float(a):,.{places}f}" for a in amounts}
        assert len(shown) == len(set(amounts))  # distinct amounts stay distinct
        for amount in amounts:
            assert Decimal(f"{float(amount):.{places}f}") == amount  # nothing cut off


def with_pricing(model_id: str, **prices: str) -> EmbeddingModel:
    """A snapshot model with extra price keys, as the API could send them."""
    return EmbeddingModel.model_validate(
        {**MODELS[model_id].model_dump(), "pricing": {**MODELS[model_id].pricing, **prices}}
    )


def test_prices_beyond_input_tokens_are_named_as_left_out_of_the_totals() -> None:
    fee = with_pricing("baai/bge-m3", request="0.001")
    models = {**MODELS, fee.id: fee}
    costs, _ = rank_models(models, Workload(), Constraints(modality="image"))
    uncounted = {c.model_id: c.uncounted_prices for c in costs}
    # No audio in an image scenario; the image price carries the doubt the model's page explains.
    assert uncounted["google/gemini-embedding-2"] == "Image $0.00000045 / image (unit doubtful: see the model's page)"
    text_only = {c.model_id: c.uncounted_prices for c in rank_models(MODELS, Workload(), Constraints())[0]}
    assert text_only["google/gemini-embedding-2"] == ""  # text tokens run up no image or audio charges
    (plain,) = [c for c in rank_models(MODELS, Workload(), Constraints())[0] if c.model_id == "baai/bge-m3"]
    (charged,) = [c for c in rank_models(models, Workload(), Constraints())[0] if c.model_id == "baai/bge-m3"]
    assert plain.uncounted_prices == "" and charged.uncounted_prices == "Per request $0.001 / request"
    assert charged.total == plain.total  # not counted: the text says so, the amount does not pretend


@pytest.mark.parametrize(
    ("prices", "modality", "text"),
    [
        ({"request": "0.001"}, "", "Per request $0.001 / request"),
        ({"request": "0.001"}, "image", "Per request $0.001 / request"),
        ({"request": "0"}, "", ""),  # free: nothing left out
        ({"image": "0.0001", "audio": "0.000001"}, "audio", "Audio $1.00 / M tokens"),
        ({"web_search": "0.004"}, "", "Web search $0.004 / search"),
        ({"request": "-1"}, "", "Per request variable"),
        ({"request": "lots"}, "", "Per request unreadable"),
    ],
)
def test_uncounted_prices_are_those_the_scenario_could_run_up(prices: dict, modality: str, text: str) -> None:
    assert uncounted_prices_text(with_pricing("baai/bge-m3", **prices), modality) == text


def test_a_batch_ids_own_extra_prices_are_named_for_the_corpus_priced_at_it() -> None:
    batch = with_pricing("openai/text-embedding-3-large:batch", request="0.0005")
    cost = model_cost(MODELS["openai/text-embedding-3-large"], {**MODELS, batch.id: batch}, Workload())
    assert cost.batch_model_id == batch.id
    assert cost.uncounted_prices == "batch variant: Per request $0.0005 / request"


def without_context(model_id: str, new_id: str) -> EmbeddingModel:
    return MODELS[model_id].model_copy(update={"id": new_id, "context_length": None})


@pytest.mark.parametrize(
    ("model", "min_context", "reason"),
    [
        (without_context("baai/bge-m3", "someone/no-context"), True, "context length unknown"),
        (without_context("baai/bge-m3", "someone/no-context"), False, None),
        # The facts' own max input still says whether a document fits.
        (without_context("google/gemini-embedding-001", "google/gemini-embedding-001"), True, None),
    ],
)
def test_a_model_of_unknown_context_is_not_promised_to_take_a_whole_document(model, min_context, reason) -> None:
    costs, excluded = rank_models({model.id: model}, Workload(), Constraints(min_context=min_context))
    if reason is None:
        assert [c.model_id for c in costs] == [model.id]
    else:
        assert costs == [] and reason in excluded[0].reason


@pytest.mark.parametrize(
    ("workload", "rules", "reason"),
    [
        (Workload(), Constraints(providers=("google",)), "provider not selected"),
        # The batch row's own context is as short as its base's: that reason is true of it too.
        (Workload(tokens_per_document=9000), Constraints(), "context 8,192 tokens < 9,000 tokens per document"),
        (Workload(), Constraints(), "counted through its base model"),
        (Workload(use_batch=False), Constraints(providers=("google",)), "batch variants turned off"),
    ],
)
def test_a_batch_row_says_truthfully_why_it_is_not_ranked(workload, rules, reason) -> None:
    costs, excluded = rank_models(MODELS, workload, rules)
    reasons = {e.model_id: e.reason for e in excluded}
    for batch in ("openai/text-embedding-3-large:batch", "openai/text-embedding-ada-002:batch"):
        assert reasons[batch] == reason
    if reason == "counted through its base model":
        assert "openai/text-embedding-3-large" in {c.model_id for c in costs}


def test_a_batch_row_whose_base_is_excluded_for_its_own_reason_names_that_reason() -> None:
    base = MODELS["openai/text-embedding-3-large"]
    variable = base.model_copy(update={"pricing": {"prompt": "-1"}})
    variable.__dict__.pop("prices", None)
    _, excluded = rank_models({**MODELS, base.id: variable}, Workload(), Constraints())
    reasons = {e.model_id: e.reason for e in excluded}
    assert reasons["openai/text-embedding-3-large:batch"] == "its base model is excluded: variable price"


def test_a_batch_row_no_cheaper_than_its_base_is_not_said_to_be_counted() -> None:
    batch = with_pricing("openai/text-embedding-3-large:batch", prompt="0.00000013")  # the base's own price
    _, excluded = rank_models({**MODELS, batch.id: batch}, Workload(), Constraints())
    reasons = {e.model_id: e.reason for e in excluded}
    assert reasons[batch.id] == "not cheaper than its base model, which is counted at its own price"


@pytest.mark.parametrize(
    ("model_id", "text"),
    [
        ("openai/text-embedding-3-small", "5.72 GiB"),
        ("voyageai/voyage-code-4", "no default size published"),  # facts, but no default size
    ],
)
def test_the_index_size_says_why_it_is_missing(model_id: str, text: str) -> None:
    assert index_text(model_cost(MODELS[model_id], MODELS, Workload())) == text


def test_a_model_without_any_facts_has_an_unknown_index_size_not_an_unpublished_default() -> None:
    stranger = MODELS["baai/bge-m3"].model_copy(update={"id": "someone/brand-new-embed"})
    cost = model_cost(stranger, {stranger.id: stranger}, Workload())
    assert (cost.has_facts, index_text(cost)) == (False, "unknown")


def test_exclusion_reasons_count_tokens_in_the_right_number() -> None:
    one = MODELS["baai/bge-m3"].model_copy(update={"id": "someone/one-token", "context_length": 1})
    none = MODELS["baai/bge-m3"].model_copy(update={"id": "someone/no-tokens", "context_length": 0})
    _, excluded = rank_models({one.id: one, none.id: none}, Workload(tokens_per_document=2), Constraints())
    assert [e.reason for e in excluded] == [
        "context 1 token < 2 tokens per document",
        "context 0 tokens < 2 tokens per document",
    ]
    _, excluded = rank_models({none.id: none}, Workload(tokens_per_document=1), Constraints())
    assert [e.reason for e in excluded] == ["context 0 tokens < 1 token per document"]
