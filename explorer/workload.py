"""What an embedding workload costs on each model: exact Decimal money, eligibility with reasons."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from explorer.facts import ModelFacts, facts_for
from explorer.normalise import FREE_VARIANT_NOTE, provider_of, split_variant
from explorer.pricing import MODALITY_OF_KEY, OUTPUT_KEY, PRICE_LABELS, labelled_price
from explorer.schema import EmbeddingModel

BYTES_PER_FLOAT32 = 4
MAX_DOCUMENTS = 10**12
MAX_TOKENS = 10**7
MAX_MONTHS = 120
MAX_DIMENSIONS = 100_000
# Reduced sizes below this lose too much retrieval quality to be a serious suggestion, even where a
# model accepts any size from 1 (OpenAI's own example shortens text-embedding-3-large to 256).
MIN_USEFUL_DIMENSIONS = 256
# What an index size reads when it cannot be worked out: the facts name no default size, or there are no facts.
NO_DEFAULT_DIMENSIONS = "no default size published"
NO_FACTS = "unknown"
# URL parameter of each count input -> (what it is, lowest, highest accepted value).
LIMITS: dict[str, tuple[str, int, int]] = {
    "docs": ("documents in the corpus", 1, MAX_DOCUMENTS),
    "doc_tokens": ("average tokens per document", 1, MAX_TOKENS),
    "changed": ("new or changed documents per month", 0, MAX_DOCUMENTS),
    "queries": ("queries per month", 0, MAX_DOCUMENTS),
    "query_tokens": ("tokens per query", 0, MAX_TOKENS),
    "months": ("horizon in months", 1, MAX_MONTHS),
    "min_dims": ("min dimensions", 1, MAX_DIMENSIONS),
    "max_dims": ("max dimensions", 1, MAX_DIMENSIONS),
}


def quantity(count: int, noun: str) -> str:
    """'1 month', '12 months', '1,000 documents': a count with its noun in the right number."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _out_of_range(name: str, value: int) -> str | None:
    label, low, high = LIMITS[name]
    return None if low <= value <= high else f"{label} must be between {low:,} and {high:,} (got {value:,})"


def url_value_problems(params: dict[str, str]) -> list[str]:
    """Link values a number input drops (not a number, out of its range) or cuts (fractions), in words.

    Each input holds only its own range (LIMITS), so a link value outside it is dropped like a negative one, and the
    page says so, rather than put in the field and refused with an error.
    """
    problems = []
    for name, (label, low, high) in LIMITS.items():
        text = params.get(name, "").strip()
        if not text:
            continue
        # The input reads the link as Python reads a float ("1e3" is 1000) and cuts fractions off.
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not (math.isfinite(number) and low <= int(number) <= high):
            problems.append(
                f"the link's {name}={text[:40]} was ignored: {label} must be a whole number "
                f"between {low:,} and {high:,}, so the default is shown"
            )
        elif number != int(number):
            problems.append(f"the link's {name}={text[:40]} was read as {int(number):,}: {label} is a whole number")
    return problems


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
        values = {
            "docs": self.documents,
            "doc_tokens": self.tokens_per_document,
            "changed": self.changed_per_month,
            "queries": self.queries_per_month,
            "query_tokens": self.tokens_per_query,
            "months": self.months,
        }
        return [problem for name, value in values.items() if (problem := _out_of_range(name, value))]


def describe(workload: Workload) -> str:
    """The scenario in tokens, with thousands separators the number inputs do not show."""
    once = workload.documents * workload.tokens_per_document
    updates = workload.changed_per_month * workload.tokens_per_document
    queries = workload.queries_per_month * workload.tokens_per_query
    return (
        f"{quantity(workload.documents, 'document')} × {quantity(workload.tokens_per_document, 'token')} = "
        f"{quantity(once, 'token')} once, then {quantity(updates, 'update token')} and "
        f"{quantity(queries, 'query token')} a month for {quantity(workload.months, 'month')}."
    )


def update_note(workload: Workload) -> str | None:
    """A word when more documents change each month than the corpus holds, which a scenario rarely means.

    New documents may outgrow a small corpus, so it is no error; but a corpus typed in below the default
    monthly changes (50,000) otherwise prices updates many times its own size without a word.
    """
    if workload.documents <= 0 or workload.changed_per_month <= workload.documents:
        return None
    share = workload.changed_per_month / workload.documents
    times = f"{share:,.0f} times" if share >= 10 else f"{share:,.1f} times"
    return (
        f"{quantity(workload.changed_per_month, 'new or changed document')} a month is {times} the corpus of "
        f"{quantity(workload.documents, 'document')}: each month's updates cost more than embedding the corpus. "
        "Lower it if the corpus changes less."
    )


@dataclass(frozen=True)
class Constraints:
    min_context: bool = True  # context, and the model's own max input where published, must hold one whole document
    modality: str = ""
    min_dimensions: int | None = None
    max_dimensions: int | None = None
    providers: tuple[str, ...] = ()
    # ":free" variants are rate-limited by OpenRouter (a few requests a minute), so they cannot embed a
    # corpus: left out unless asked for, or every default ranking would lead with a $0 that cannot be had.
    free_variants: bool = False

    def problems(self) -> list[str]:
        """Dimension limits out of range or contradicting each other, in words."""
        limits = {"min_dims": self.min_dimensions, "max_dims": self.max_dimensions}
        problems = [p for name, value in limits.items() if value is not None and (p := _out_of_range(name, value))]
        if self.min_dimensions and self.max_dimensions and self.min_dimensions > self.max_dimensions:
            problems.append(
                f"min dimensions ({self.min_dimensions:,}) is above max dimensions ({self.max_dimensions:,})"
            )
        return problems


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
    has_facts: bool  # a facts row exists, even if it names no default size
    # Charged prices the totals leave out (per request; per image or audio when that is the scenario's input).
    uncounted_prices: str

    @property
    def provider(self) -> str:
        """The provider slug, as the catalog's Provider column and filter show it."""
        return provider_of(self.model_id)

    @property
    def batch_model_id(self) -> str | None:
        """The :batch sibling whose price embeds the corpus, or None when the model's own price does."""
        return self.bulk_model_id if self.bulk_model_id != self.model_id else None

    @property
    def reduced_saving(self) -> float | None:
        """Share of the float32 index that the reduced size saves (0.75 = 75 % smaller)."""
        if not self.index_bytes or self.reduced_index_bytes is None:
            return None
        return 1 - self.reduced_index_bytes / self.index_bytes

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
    if not rules.free_variants and split_variant(model.id)[1] == "free":
        return f"{FREE_VARIANT_NOTE} (include it under Constraints)"
    if rules.min_context:
        too_small = _document_limit(model, facts, workload.tokens_per_document)
        if too_small:
            return too_small
    if rules.modality and rules.modality not in model.architecture.input_modalities:
        return f"no {rules.modality} input"
    dims = facts.dimensions if facts else None
    if (rules.min_dimensions or rules.max_dimensions) and dims is None:
        # Published reduced sizes say nothing about the default a request gets, so the limit cannot be checked.
        sizes = facts.sizes_text if facts else ""
        return f"default dimensions not published ({sizes})" if sizes else "dimensions unknown"
    if rules.min_dimensions and dims is not None and dims < rules.min_dimensions:
        return f"{quantity(dims, 'dimension')} < {rules.min_dimensions:,}"
    if rules.max_dimensions and dims is not None and dims > rules.max_dimensions:
        return f"{quantity(dims, 'dimension')} > {rules.max_dimensions:,}"
    return None


def _document_limit(model: EmbeddingModel, facts: ModelFacts | None, tokens: int) -> str | None:
    """Why one document of `tokens` does not fit: OpenRouter's context length, or the model's own published
    max input (often smaller: 256 for all-MiniLM, 2,048 for gemini-embedding-001), or that neither is known."""
    per_document = f"{quantity(tokens, 'token')} per document"
    if model.context_length is not None and model.context_length < tokens:
        return f"context {quantity(model.context_length, 'token')} < {per_document}"
    max_input = facts.max_input_tokens if facts else None
    if max_input is not None and max_input < tokens:
        return f"max input {quantity(max_input, 'token')} < {per_document}"
    if model.context_length is None and max_input is None:
        # Nothing says a document fits, and the constraint promises that it does.
        return "context length unknown (turn off \u201cModel takes a whole document\u201d to rank it)"
    return None


def suggested_reduced_dimensions(facts: ModelFacts | None, at_least: int | None = None) -> int | None:
    """The smallest output size worth suggesting: at least MIN_USEFUL_DIMENSIONS (or `at_least`, the scenario's
    own minimum, when higher) where the model allows it."""
    if facts is None or facts.dimensions is None:
        return None
    floor = max(MIN_USEFUL_DIMENSIONS, at_least or 0)
    if facts.flexible_range:
        low, high = facts.flexible_range
        if at_least and at_least > high:
            return None
        size = min(max(low, floor), high)
    elif facts.flexible_dimensions:
        useful = [d for d in facts.flexible_dimensions if d >= floor]
        if at_least and not useful:
            return None
        size = min(useful or facts.flexible_dimensions)
    else:
        return None
    return size if size < facts.dimensions else None


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


def model_cost(
    model: EmbeddingModel, models: dict[str, EmbeddingModel], workload: Workload, modality: str = ""
) -> ModelCost:
    return _model_cost(model, models, workload, facts_for(model.id), modality=modality)


def uncounted_prices_text(model: EmbeddingModel, modality: str = "") -> str:
    """Charged prices the totals leave out, worded as the catalog's other prices: 'Per request $0.001 / request'.

    A price for one kind of input (image, audio) counts only when the scenario asks for that input: a workload
    of text tokens runs up no image charges. Unreadable prices are named, as they could be anything.
    """

    def applies(key: str) -> bool:
        return key not in ("prompt", OUTPUT_KEY) and MODALITY_OF_KEY.get(key, modality) == modality

    parts = [labelled_price(key, price) for key, price in model.prices.items() if applies(key) and not price.is_free]
    parts += [f"{PRICE_LABELS.get(key, key)} unreadable" for key in model.unreadable_prices if applies(key)]
    return "; ".join(parts)


def _uncounted_prices(model: EmbeddingModel, bulk: EmbeddingModel, modality: str) -> str:
    """The prices the totals leave out on the model, and on the :batch id its corpus is priced at."""
    own = uncounted_prices_text(model, modality)
    batch = uncounted_prices_text(bulk, modality) if bulk is not model else ""
    return "; ".join(part for part in (own, f"batch variant: {batch}" if batch and batch != own else "") if part)


def _model_cost(
    model: EmbeddingModel,
    models: dict[str, EmbeddingModel],
    workload: Workload,
    facts: ModelFacts | None,
    min_dimensions: int | None = None,
    modality: str = "",
) -> ModelCost:
    bulk_id, bulk_price = _bulk_price(model, models, workload.use_batch)
    query_price = _per_token(model)
    assert query_price is not None
    one_off = bulk_price * workload.documents * workload.tokens_per_document
    monthly = (
        bulk_price * workload.changed_per_month * workload.tokens_per_document
        + query_price * workload.queries_per_month * workload.tokens_per_query
    )
    dims = facts.dimensions if facts else None
    reduced = suggested_reduced_dimensions(facts, min_dimensions)
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
        has_facts=facts is not None,
        uncounted_prices=_uncounted_prices(model, models.get(bulk_id, model), modality),
    )


def rank_models(
    models: dict[str, EmbeddingModel], workload: Workload, rules: Constraints
) -> tuple[list[ModelCost], list[Excluded]]:
    """Eligible models, cheapest total first (ties by id), and the excluded ones with their reason."""
    costs: list[ModelCost] = []
    excluded: list[Excluded] = []
    # Every model's reason first (None: ranked), so a batch row of a listed base can say why its base is not ranked.
    reasons: dict[str, str | None] = {}
    for model in models.values():
        base, variant = split_variant(model.id)
        if not (variant == "batch" and base in models):
            facts = facts_for(model.id)
            reasons[model.id] = reason = _exclusion(model, facts, workload, rules)
            if not reason:
                costs.append(_model_cost(model, models, workload, facts, rules.min_dimensions, rules.modality))
    for model in models.values():
        if model.id in reasons:
            reason = reasons[model.id]
        else:
            reason = _batch_row_reason(model, models, workload, rules, reasons)
        if reason:
            excluded.append(Excluded(model.id, model.display_name, reason))
    costs.sort(key=lambda c: (c.total, c.model_id))
    return costs, excluded


def _batch_row_reason(
    model: EmbeddingModel,
    models: dict[str, EmbeddingModel],
    workload: Workload,
    rules: Constraints,
    reasons: dict[str, str | None],
) -> str:
    """Why a :batch row of a listed base model is not ranked alone: only counted through a ranked base."""
    if not workload.use_batch:
        return "batch variants turned off"
    own = _exclusion(model, facts_for(model.id), workload, rules)
    if own:
        return own
    base = split_variant(model.id)[0]
    base_reason = reasons.get(base)
    if base_reason:
        # Queries need the base model, so with the base left out the batch price is counted nowhere.
        return f"its base model is excluded: {base_reason}"
    if _bulk_price(models[base], models, workload.use_batch)[0] != model.id:
        return "not cheaper than its base model, which is counted at its own price"
    # A batch row prices bulk work only; queries need the base model, so it is not ranked alone.
    return "counted through its base model"
