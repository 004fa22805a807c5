"""What an embedding workload costs on each model: exact Decimal money, eligibility with reasons."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from explorer.facts import ModelFacts, facts_for
from explorer.normalise import provider_of, split_variant
from explorer.schema import EmbeddingModel

BYTES_PER_FLOAT32 = 4
MAX_DOCUMENTS = 10**12
MAX_TOKENS = 10**7
MAX_MONTHS = 120


@dataclass(frozen=True)
class Workload:
    documents: int = 1_000_000
    tokens_per_document: int = 500
    changed_per_month: int = 50_000
    queries_per_month: int = 1_000_000
    tokens_per_query: int = 20
    months: int = 12
    use_batch: bool = True

    def problems(self) -> list[str]:
        """Each input that is out of range, in words."""
        checks = [
            ("documents in the corpus", self.documents, 1, MAX_DOCUMENTS),
            ("average tokens per document", self.tokens_per_document, 1, MAX_TOKENS),
            ("new or changed documents per month", self.changed_per_month, 0, MAX_DOCUMENTS),
            ("queries per month", self.queries_per_month, 0, MAX_DOCUMENTS),
            ("tokens per query", self.tokens_per_query, 0, MAX_TOKENS),
            ("horizon in months", self.months, 1, MAX_MONTHS),
        ]
        return [
            f"{label} must be between {low:,} and {high:,} (got {value:,})"
            for label, value, low, high in checks
            if not low <= value <= high
        ]


@dataclass(frozen=True)
class Constraints:
    min_context: bool = True  # context must hold one whole document
    modality: str = ""
    min_dimensions: int | None = None
    max_dimensions: int | None = None
    providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModelCost:
    model_id: str
    name: str
    bulk_model_id: str  # the id whose price embeds the corpus (a :batch sibling when used)
    one_off: Decimal
    monthly: Decimal
    total: Decimal
    dimensions: int | None
    index_bytes: int | None
    reduced_dimensions: int | None
    reduced_index_bytes: int | None

    def cumulative(self, months: int) -> list[Decimal]:
        """Total spent after month 0 (the one-off), 1, …, months."""
        return [self.one_off + self.monthly * m for m in range(months + 1)]


@dataclass(frozen=True)
class Excluded:
    model_id: str
    name: str
    reason: str


def _per_token(model: EmbeddingModel) -> Decimal | None:
    return model.prices["prompt"].usd


def _exclusion(model: EmbeddingModel, facts: ModelFacts | None, workload: Workload, rules: Constraints) -> str | None:
    if rules.providers and provider_of(model.id) not in rules.providers:
        return "provider not selected"
    if _per_token(model) is None:
        return "variable price"
    if rules.min_context and model.context_length is not None and model.context_length < workload.tokens_per_document:
        return f"context {model.context_length:,} tokens < {workload.tokens_per_document:,} tokens per document"
    if rules.modality and rules.modality not in model.architecture.input_modalities:
        return f"no {rules.modality} input"
    dims = facts.dimensions if facts else None
    if (rules.min_dimensions or rules.max_dimensions) and dims is None:
        return "dimensions unknown"
    if rules.min_dimensions and dims is not None and dims < rules.min_dimensions:
        return f"{dims:,} dimensions < {rules.min_dimensions:,}"
    if rules.max_dimensions and dims is not None and dims > rules.max_dimensions:
        return f"{dims:,} dimensions > {rules.max_dimensions:,}"
    return None


def _bulk_price(model: EmbeddingModel, models: dict[str, EmbeddingModel], use_batch: bool) -> tuple[str, Decimal]:
    """The price for embedding the corpus: the model's :batch sibling's when cheaper and asked for."""
    own = _per_token(model)
    assert own is not None
    base, variant = split_variant(model.id)
    batch = models.get(f"{base}:batch")
    if use_batch and not variant and batch is not None:
        batch_price = _per_token(batch)
        if batch_price is not None and batch_price < own:
            return batch.id, batch_price
    return model.id, own


def model_cost(model: EmbeddingModel, models: dict[str, EmbeddingModel], workload: Workload) -> ModelCost:
    bulk_id, bulk_price = _bulk_price(model, models, workload.use_batch)
    query_price = _per_token(model)
    assert query_price is not None
    one_off = bulk_price * workload.documents * workload.tokens_per_document
    monthly = (
        bulk_price * workload.changed_per_month * workload.tokens_per_document
        + query_price * workload.queries_per_month * workload.tokens_per_query
    )
    facts = facts_for(model.id)
    dims = facts.dimensions if facts else None
    smallest = facts.smallest_dimensions if facts else None
    reduced = smallest if smallest is not None and dims is not None and smallest < dims else None
    return ModelCost(
        model_id=model.id,
        name=model.display_name,
        bulk_model_id=bulk_id,
        one_off=one_off,
        monthly=monthly,
        total=one_off + monthly * workload.months,
        dimensions=dims,
        index_bytes=dims * BYTES_PER_FLOAT32 * workload.documents if dims else None,
        reduced_dimensions=reduced,
        reduced_index_bytes=reduced * BYTES_PER_FLOAT32 * workload.documents if reduced else None,
    )


def rank_models(
    models: dict[str, EmbeddingModel], workload: Workload, rules: Constraints
) -> tuple[list[ModelCost], list[Excluded]]:
    """Eligible models, cheapest total first (ties by id), and the excluded ones with their reason."""
    costs: list[ModelCost] = []
    excluded: list[Excluded] = []
    for model in models.values():
        if workload.use_batch and split_variant(model.id)[1] == "batch":
            excluded.append(Excluded(model.id, model.display_name, "counted through its base model"))
            continue
        reason = _exclusion(model, facts_for(model.id), workload, rules)
        if reason:
            excluded.append(Excluded(model.id, model.display_name, reason))
        else:
            costs.append(model_cost(model, models, workload))
    costs.sort(key=lambda c: (c.total, c.model_id))
    return costs, excluded


def format_bytes(size: int | None) -> str:
    """Binary units, as vector databases bill them: '5.72 GiB'."""
    if size is None:
        return "unknown"
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:,.2f} {unit}" if unit != "B" else f"{int(value)} B"
        value /= 1024
    return f"{value:,.2f} PiB"
