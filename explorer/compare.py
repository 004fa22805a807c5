"""Side-by-side comparison of the chosen models: one row per field, what differs, and which model wins it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from explorer.detail import created_text, discount_text, expiration_of
from explorer.facts import ModelFacts, facts_for, licence_text
from explorer.normalise import FREE_VARIANT_NOTE, RATE_LIMIT_NOTE, provider_of, short_name, split_variant
from explorer.pricing import (
    DOUBTFUL_UNIT_NOTE,
    OUTPUT_KEY,
    PRICE_LABELS,
    Price,
    charge_text,
    format_usd,
    input_not_taken,
    unit_doubtful,
)
from explorer.schema import EmbeddingModel
from explorer.text import plain
from explorer.workload import uncounted_prices_text

WORKLOAD_DOCUMENTS = 1_000_000
WORKLOAD_TOKENS_PER_DOCUMENT = 500
WORKLOAD_LABEL = "1M documents of 500 tokens each"
WORKLOAD_ROW = "Cost of 1M × 500 tokens"
HEADER_LIMIT = 60  # characters of a column header; the Name row holds the whole name

Best = Literal["cheapest", "largest", "highest"]


def column_labels(models: tuple[EmbeddingModel, ...]) -> tuple[str, ...]:
    """One distinct header per model: its name without the vendor prefix, or its id where that would clash.

    A short name clashes when another header reads the same, or when it reads as another compared model's id.
    """
    ids = [_one_line(m.id) for m in models]
    labels = [_one_line(short_name(m.display_name), HEADER_LIMIT) for m in models]
    # Each round turns at least one more header into its own model's id, so this ends within len(models) rounds.
    for _ in models:
        clashing = [
            i for i, label in enumerate(labels) if label != ids[i] and (labels.count(label) > 1 or label in ids)
        ]
        if not clashing:
            break
        for i in clashing:
            labels[i] = ids[i]
    # What clashes now are ids that differ only in characters removed for display; number them.
    repeats = {label for label in labels if labels.count(label) > 1}
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        if label in repeats:
            seen[label] = seen.get(label, 0) + 1
            labels[i] = f"{label} #{seen[label]}"
    return tuple(labels)


def _one_line(text: str, limit: int | None = None) -> str:
    return " ".join(plain(text, limit).split()) or "—"


def is_free_variant(model: EmbeddingModel) -> bool:
    """A ':free' variant: listed at $0, but rate-limited, so no price for real work."""
    return split_variant(model.id)[1] == "free"


def workload_cost(price: Price | None) -> Decimal | None:
    """Exact USD to embed the example workload at an input price; None when variable or missing."""
    if price is None or price.usd is None:
        return None
    return price.usd * WORKLOAD_DOCUMENTS * WORKLOAD_TOKENS_PER_DOCUMENT


@dataclass(frozen=True)
class CompareRow:
    """One field across the compared models: the text of each cell, whether they differ, which win."""

    field: str
    cells: tuple[str, ...]
    differs: bool
    winners: frozenset[int] = field(default_factory=frozenset)
    best: Best | None = None

    def marked(self, index: int) -> str:
        """A cell's text with its winner mark."""
        cell = self.cells[index]
        return f"{cell} ★ {self.best}" if index in self.winners and self.best else cell


# A size limit wins only by a margin: 8,192 against 8,191 tokens is a tie for anyone sizing documents.
LARGEST_MARGIN = Decimal("0.95")


def legend_text() -> str:
    """What the tints and stars mean, with the margin a size is counted as largest within."""
    within = ((1 - LARGEST_MARGIN) * 100).normalize()
    return (
        f"Tinted rows differ (ids, names and providers are never tinted). ★ marks the cheapest price and the highest"
        f" MTEB score of each benchmark; for context and max input (counted up to the context length), the largest"
        f" and any within {within:f}% of it, and none when every model is. "
        f"The workload cost is {WORKLOAD_LABEL} at each model's input price, before any discount; other charges"
        " (per request, say) are named beside it, not added."
    )


def _winners(values: list[Decimal | float | int | None], best: Best) -> frozenset[int]:
    """Indexes holding the lowest (cheapest) or highest value, when at least two values are known and differ.

    "largest" marks every value within 5 % of the largest, and nothing when all known values are.
    """
    known = [v for v in values if v is not None]
    if len(known) < 2 or len(set(known)) == 1:
        return frozenset()
    if best == "largest":
        floor = Decimal(str(max(known))) * LARGEST_MARGIN
        near = frozenset(i for i, v in enumerate(values) if v is not None and Decimal(str(v)) >= floor)
        return frozenset() if len(near) == len(known) else near
    target = min(known) if best == "cheapest" else max(known)
    return frozenset(i for i, v in enumerate(values) if v == target)


def _row(field: str, cells: list[str], values: list | None = None, best: Best | None = None) -> CompareRow:
    winners = _winners(values, best) if values is not None and best else frozenset()
    return CompareRow(field, tuple(cells), len(set(cells)) > 1, winners, best if winners else None)


def _price_keys(models: tuple[EmbeddingModel, ...]) -> list[str]:
    """Every price key any compared model carries, prompt first, in first-seen order."""
    keys: list[str] = []
    for model in models:
        keys += [k for k in (*model.prices, *model.unreadable_prices) if k not in keys]
    # The output price is "0" for embeddings models: a row of "free" cells would say nothing, so it is
    # compared only when some model charges for output.
    if all(m.prices[OUTPUT_KEY].is_free for m in models if OUTPUT_KEY in m.prices):
        keys = [k for k in keys if k != OUTPUT_KEY]
    return sorted(keys, key=lambda k: (k != "prompt", k != OUTPUT_KEY))


def price_rows(models: tuple[EmbeddingModel, ...]) -> list[CompareRow]:
    """One row per price key any model has (cheapest marked), discount, and the example workload's cost.

    A ':free' variant is never marked cheapest: its $0 comes with a rate limit, which its cells name.
    """
    free = [is_free_variant(m) for m in models]
    rows = []
    for key in _price_keys(models):
        prices = [m.prices.get(key) for m in models]
        # A $0 the model cannot be charged (an image price on a text-only model) is no offer, and a price in a
        # doubtful unit is no match for a real per-image price: neither is ranked.
        values = [
            None
            if f or p is None or input_not_taken(key, p, m.architecture.input_modalities) or unit_doubtful(key, p)
            else p.usd
            for p, f, m in zip(prices, free, models, strict=True)
        ]
        cells = [
            "unreadable"
            if key in m.unreadable_prices
            else charge_text(key, p, m.architecture.input_modalities)
            + (f" ({DOUBTFUL_UNIT_NOTE})" if unit_doubtful(key, p) else "")
            for p, m in zip(prices, models, strict=True)
        ]
        if key == "prompt":
            cells = [f"{c} — {RATE_LIMIT_NOTE}" if f else c for c, f in zip(cells, free, strict=True)]
        rows.append(_row(f"{PRICE_LABELS.get(key, key)} price", cells, values, "cheapest"))
    if any("discount" in m.pricing for m in models):
        rows.append(_row("Discount", [discount_text(m.pricing.get("discount", 0)) for m in models]))
    costs = [workload_cost(m.prices.get("prompt")) for m in models]
    # Charges the token total leaves out (per request, say) are named in the cell, as under the calculator's table.
    uncounted = [uncounted_prices_text(m) for m in models]
    cells = [
        ("variable" if c is None else format_usd(c))
        + (f" + not counted: {u}" if u else "")
        + (f" — {FREE_VARIANT_NOTE}" if f else "")
        for c, u, f in zip(costs, uncounted, free, strict=True)
    ]
    ranked = [None if f else c for c, f in zip(costs, free, strict=True)]
    rows.append(_row(WORKLOAD_ROW, cells, ranked, "cheapest"))
    return rows


def _fact(facts: list[ModelFacts | None], pick: Callable[[ModelFacts], object]) -> list:
    return [pick(f) if f else None for f in facts]


def _count(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"


def usable_input(max_input: int | None, context: int | None) -> int | None:
    """The published max input as far as it can be used: no more than OpenRouter's context length, where known."""
    if max_input is None or context is None:
        return max_input
    return min(max_input, context)


def _max_input_cell(max_input: int | None, context: int | None) -> str:
    """'32,768 (usable 32,000: the context)' where the context is smaller; short enough for a phone's cell."""
    if max_input is not None and context is not None and context < max_input:
        return f"{max_input:,} (usable {context:,}: the context)"
    return _count(max_input)


def fact_rows(models: tuple[EmbeddingModel, ...]) -> list[CompareRow]:
    """Published facts per model: dimensions, flexible sizes, max input (largest usable marked), MTEB, licence.

    Dimensions are not marked: more dimensions is a larger, costlier index, not a better model.
    """
    facts = [facts_for(m.id) for m in models]
    max_input = _fact(facts, lambda f: f.max_input_tokens)
    contexts = [m.context_length for m in models]
    # The rest of the app (catalog filter, calculator) takes the smaller of the two as the limit; so does the mark.
    usable = [usable_input(t, c) for t, c in zip(max_input, contexts, strict=True)]
    cells = [_max_input_cell(t, c) for t, c in zip(max_input, contexts, strict=True)]
    flexible = [(f.flexible_text or "none listed") if f else "unknown" for f in facts]
    return [
        _row("Embedding dimensions", [f.dimensions_text if f else "unknown" for f in facts]),
        _row("Flexible dimensions", flexible),
        _row("Max input tokens", cells, usable, "largest"),
        _mteb_row(facts),
        _row("Licence", [licence_text(f, "unknown") for f in facts]),
    ]


@dataclass(frozen=True)
class BenchmarkGroup:
    """The compared models (by column index) scored on one MTEB benchmark; None for a benchmark not named."""

    benchmark: str | None
    members: tuple[int, ...]

    @property
    def ranked(self) -> bool:
        """Scores rank only against others of the same named benchmark."""
        return self.benchmark is not None and len(self.members) > 1


def benchmark_groups(facts: list[ModelFacts | None]) -> tuple[BenchmarkGroup, ...]:
    """The scored models grouped by benchmark, in column order; each score of an unnamed benchmark alone."""
    groups: dict[object, list[int]] = {}
    for i, f in enumerate(facts):
        if f and f.mteb_score is not None:
            groups.setdefault(f.mteb_benchmark if f.mteb_benchmark else ("unnamed", i), []).append(i)
    return tuple(
        BenchmarkGroup(key if isinstance(key, str) else None, tuple(members)) for key, members in groups.items()
    )


def _mteb_row(facts: list[ModelFacts | None]) -> CompareRow:
    """The highest score within each benchmark two or more compared models share is marked."""
    scores = _fact(facts, lambda f: f.mteb_score)
    winners: frozenset[int] = frozenset()
    for group in benchmark_groups(facts):
        if group.ranked:
            winners |= _winners([s if i in group.members else None for i, s in enumerate(scores)], "highest")
    cells = [
        f"{f.mteb_score:g} ({f.benchmark_text or 'benchmark not named'})"
        if f and f.mteb_score is not None
        else "unknown"
        for f in facts
    ]
    return CompareRow("MTEB score", tuple(cells), len(set(cells)) > 1, winners, "highest" if winners else None)


def record_rows(models: tuple[EmbeddingModel, ...], today: dt.date) -> list[CompareRow]:
    """Fields from the API record: context (largest marked), input modalities, created, expiration."""
    contexts = [m.context_length for m in models]
    return [
        _row("Context length", [_count(c) for c in contexts], contexts, "largest"),
        _row("Input modalities", [", ".join(sorted(m.architecture.input_modalities)) or "—" for m in models]),
        _row("Created", [created_text(m, today) for m in models]),
        _row("Expiration", [expiration_of(m.expiration_date, today).text for m in models]),
    ]


def compare_rows(models: tuple[EmbeddingModel, ...], today: dt.date) -> list[CompareRow]:
    """Every compared field in reading order: identity, prices, workload cost, facts, record."""
    # Names and providers always differ; tinting them would only add noise.
    identity = [
        CompareRow("Model id", tuple(m.id for m in models), differs=False),
        CompareRow("Name", tuple(m.display_name for m in models), differs=False),
        CompareRow("Provider", tuple(provider_of(m.id) for m in models), differs=False),
    ]
    return identity + price_rows(models) + fact_rows(models) + record_rows(models, today)


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def mteb_note(models: tuple[EmbeddingModel, ...]) -> str:
    """Plain text naming which MTEB scores were ranked against which; empty when all share one benchmark."""
    groups = benchmark_groups([facts_for(m.id) for m in models])
    if len(groups) < 2:
        return ""
    if not any(g.ranked for g in groups):
        return "MTEB scores here come from different benchmarks, so none is marked highest."
    labels = column_labels(models)

    def on(group: BenchmarkGroup) -> str:
        return f"{_names([labels[i] for i in group.members])} on {group.benchmark or 'a benchmark not named'}"

    ranked = "; ".join(on(g) for g in groups if g.ranked)
    unranked = "; ".join(on(g) for g in groups if not g.ranked)
    note = f"MTEB scores are ranked only against scores of the same benchmark: {ranked}."
    return note + (f" Unranked, as no other model here has its benchmark: {unranked}." if unranked else "")


def has_free_variant(models: tuple[EmbeddingModel, ...]) -> bool:
    """True when a compared model is a ':free' variant, which the price rows do not rank."""
    return any(is_free_variant(m) for m in models)
