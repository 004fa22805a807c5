"""How a cost ranking reads: money decimals, index sizes, and tied models merged into one chart line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from explorer.pricing import format_usd
from explorer.text import plain
from explorer.workload import NO_DEFAULT_DIMENSIONS, NO_FACTS, ModelCost


def money_decimals(amounts: Iterable[Decimal]) -> int:
    """Decimal places that show every amount as format_usd does (two at least): $0.000408 needs six."""
    return max((len(format_usd(a).partition(".")[2]) for a in set(amounts) if a), default=2)


def index_text(cost: ModelCost) -> str:
    """The float32 index size, or why there is none: no default size published, or nothing known at all."""
    if cost.index_bytes is not None:
        return format_bytes(cost.index_bytes)
    return NO_DEFAULT_DIMENSIONS if cost.has_facts else NO_FACTS


@dataclass(frozen=True)
class CostLine:
    """Models that cost exactly the same in every month, drawn as one line: apart, one would hide the other."""

    costs: tuple[ModelCost, ...]  # in ranking order
    label: str  # every model's name, joined by " = "
    more_tied: int = 0  # models at this same cost ranked past the chart's last line, counted in the label

    def cumulative(self, months: int) -> list[Decimal]:
        return self.costs[0].cumulative(months)


LINE_NAME_LIMIT = 80  # characters of one model's name in a line's label


def _tie(cost: ModelCost) -> tuple[Decimal, Decimal]:
    # Cumulative cost is one-off + monthly × month: equal in both, equal in every month (exact Decimals).
    return cost.one_off, cost.monthly


def cost_lines(costs: Sequence[ModelCost], limit: int) -> list[CostLine]:
    """The first `limit` ranked models as chart lines, those with exactly equal costs merged into one.

    Lines keep the ranking's order. A model tied with a charted one but ranked past `limit` is not drawn;
    its line's label says how many such there are, so the cut never hides that a tie goes on.
    """
    charted = list(costs[:limit])
    names = [plain(c.name, LINE_NAME_LIMIT) for c in charted]
    repeated = {name for name, n in Counter(names).items() if n > 1}
    # Two models of one name would read as a tie that is not there: the id tells them apart.
    names = [
        f"{name} ({plain(c.model_id, 120)})" if name in repeated else name
        for name, c in zip(names, charted, strict=True)
    ]
    groups: dict[tuple[Decimal, Decimal], list[tuple[ModelCost, str]]] = {}
    for cost, name in zip(charted, names, strict=True):
        groups.setdefault(_tie(cost), []).append((cost, name))
    more: Counter[tuple[Decimal, Decimal]] = Counter()
    if charted:
        # Ranked by total, so only models at the last charted total can still tie with a charted one.
        for cost in costs[limit:]:
            if cost.total != charted[-1].total:
                break
            if _tie(cost) in groups:
                more[_tie(cost)] += 1
    lines = []
    for key, members in groups.items():
        label = " = ".join(name for _, name in members)
        if more[key]:
            label += f" (and {more[key]:,} more at the same cost)"
        lines.append(CostLine(tuple(cost for cost, _ in members), label, more[key]))
    return lines


def reduced_index_text(cost: ModelCost) -> str | None:
    """'256 dims: 976.56 MiB (−83%)': the suggested smaller size, its index, and the cut against the full index.

    Short enough for a table cell to show whole; None when the model offers no smaller size.
    """
    if not cost.reduced_dimensions or cost.reduced_saving is None:
        return None
    saving = f"\u2212{cost.reduced_saving:.0%}"  # a minus sign, not a hyphen
    return f"{cost.reduced_dimensions:,} dims: {format_bytes(cost.reduced_index_bytes)} ({saving})"


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
