"""Calculator maths: exact money, batch pricing, eligibility with reasons, input validation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from explorer.catalog import snapshot_catalog
from explorer.workload import Constraints, Workload, format_bytes, model_cost, rank_models

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


def test_index_size_and_reduced_dimensions() -> None:
    cost = model_cost(MODELS["openai/text-embedding-3-small"], MODELS, Workload(documents=1_000_000))
    assert cost.dimensions == 1536
    assert cost.index_bytes == 1536 * 4 * 1_000_000
    assert cost.reduced_dimensions == 1
    assert format_bytes(cost.index_bytes) == "5.72 GiB"


def test_ranking_is_cheapest_first_and_batch_rows_are_counted_through_their_base() -> None:
    costs, excluded = rank_models(MODELS, Workload(), Constraints())
    totals = [c.total for c in costs]
    assert totals == sorted(totals)
    assert {e.model_id for e in excluded} == {
        "openai/text-embedding-3-large:batch",
        "openai/text-embedding-ada-002:batch",
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
        (Workload(), Constraints(min_dimensions=256), "voyageai/voyage-code-4", "dimensions unknown"),
        (Workload(), Constraints(providers=("openai",)), "baai/bge-m3", "provider not selected"),
    ],
)
def test_constraints_exclude_with_a_reason(workload, rules, model_id, reason) -> None:
    costs, excluded = rank_models(MODELS, workload, rules)
    reasons = {e.model_id: e.reason for e in excluded}
    if reason is None:
        assert model_id in {c.model_id for c in costs}
    else:
        assert reason in reasons[model_id]


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
