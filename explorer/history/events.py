"""Change events as plain data, their one-line headlines, and their exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from explorer.pricing import MILLION, PRICE_LABELS, format_usd, price_unit

ADDED = "added"
REMOVED = "removed"
RENAMED = "renamed"
PRICE_CHANGED = "price_changed"
CONTEXT_CHANGED = "context_changed"
EXPIRATION_SET = "expiration_set"
EXPIRATION_CHANGED = "expiration_changed"
EXPIRATION_CLEARED = "expiration_cleared"
DESCRIPTION_CHANGED = "description_changed"

# Every kind, in the order a person scans them, with its label.
KIND_LABELS: dict[str, str] = {
    ADDED: "Added",
    REMOVED: "Removed",
    RENAMED: "Renamed",
    PRICE_CHANGED: "Price changed",
    CONTEXT_CHANGED: "Context length changed",
    EXPIRATION_SET: "Expiration set",
    EXPIRATION_CHANGED: "Expiration changed",
    EXPIRATION_CLEARED: "Expiration cleared",
    DESCRIPTION_CHANGED: "Description changed",
}
VARIABLE = "variable"  # the before/after value of a variable (router-decided) price
_SHORT_UNIT = {"token": "/ M", "request": "/ request", "image": "/ image", "search": "/ search"}


@dataclass(frozen=True)
class ChangeEvent:
    """One difference between two consecutive catalogs, first seen at `observed_at`.

    Prices in `before`/`after` are USD per unit as exact decimal strings (or "variable"); dates are ISO strings.
    """

    kind: str
    model_id: str
    name: str
    provider: str
    observed_at: dt.datetime
    previous_seen_at: dt.datetime | None = None
    price_key: str | None = None
    before: str | None = None
    after: str | None = None
    change_pct: Decimal | None = None
    old_model_id: str | None = None

    @property
    def date(self) -> dt.date:
        return self.observed_at.date()


def price_text(key: str, value: str | None) -> str:
    """A before/after price as people read it: '$0.02 / M', 'variable', 'free', 'not listed'."""
    if value is None:
        return "not listed"
    if value == VARIABLE:
        return VARIABLE
    usd = Decimal(value)
    if usd == 0:
        return "free"
    unit = price_unit(key)
    amount = usd * MILLION if unit == "token" else usd
    return f"{format_usd(amount)} {_SHORT_UNIT[unit]}"


def percent_text(change: Decimal) -> str:
    """'−25%' with a real minus sign, '+8.3%' for rises; at most one decimal."""
    rounded = change.quantize(Decimal("0.1")).normalize()
    text = f"{abs(rounded):f}"
    return ("−" if rounded < 0 else "+") + text + "%"


def _price_headline(event: ChangeEvent) -> str:
    key = event.price_key or "prompt"
    label = "" if key == "prompt" else f" ({PRICE_LABELS.get(key, key)})"
    if event.before is None:
        verb = "Price added"
    elif event.after is None:
        verb = "Price dropped"
    elif event.change_pct is not None and event.change_pct < 0:
        verb = "Price cut"
    elif event.change_pct is not None and event.change_pct > 0:
        verb = "Price rise"
    else:
        verb = "Price changed"
    before, after = price_text(key, event.before), price_text(key, event.after)
    # The unit is said once, after the new price, when both sides share it.
    suffix = " / M"
    if before.endswith(suffix) and after.endswith(suffix):
        before = before.removesuffix(suffix)
    pct = f" ({percent_text(event.change_pct)})" if event.change_pct is not None else ""
    return f"{verb}{label}: {event.name} {before} → {after}{pct}"


def headline(event: ChangeEvent) -> str:
    """One line for a person, e.g. 'Price cut: OpenAI: Text Embedding 3 Small $0.02 → $0.015 / M (−25%)'."""
    name = event.name
    if event.kind == PRICE_CHANGED:
        return _price_headline(event)
    if event.kind == ADDED:
        return f"Added: {name}"
    if event.kind == REMOVED:
        return f"Removed: {name}"
    if event.kind == RENAMED:
        return f"Renamed: {event.before} → {event.after}"
    if event.kind == CONTEXT_CHANGED:
        return f"Context length: {name} {_tokens(event.before)} → {_tokens(event.after)}"
    if event.kind == EXPIRATION_SET:
        return f"Expiration announced: {name} expires {event.after}"
    if event.kind == EXPIRATION_CHANGED:
        return f"Expiration moved: {name} {event.before} → {event.after}"
    if event.kind == EXPIRATION_CLEARED:
        return f"Expiration withdrawn: {name} (was {event.before})"
    if event.kind == DESCRIPTION_CHANGED:
        return f"Description changed: {name}"
    return f"{KIND_LABELS.get(event.kind, event.kind)}: {name}"


def _tokens(value: str | None) -> str:
    return "unknown" if value is None else f"{int(value):,} tokens"


def kind_counts(events: Iterable[ChangeEvent]) -> dict[str, int]:
    """How many events of each kind, every kind listed (zero included) in display order."""
    counts = Counter(event.kind for event in events)
    return {kind: counts.get(kind, 0) for kind in KIND_LABELS}


def newest_first(events: Iterable[ChangeEvent]) -> list[ChangeEvent]:
    """Newest first; within one observation, in kind order then by id, so output is stable."""
    order = {kind: i for i, kind in enumerate(KIND_LABELS)}
    ordered = sorted(events, key=lambda e: (order.get(e.kind, 99), e.model_id, e.price_key or ""))
    return sorted(ordered, key=lambda e: e.observed_at, reverse=True)


def known_kinds(values: Iterable[str]) -> list[str]:
    """The kind ids among a link's values, each once, in the link's order; anything else is dropped."""
    return [value for value in dict.fromkeys(values) if value in KIND_LABELS]


@dataclass(frozen=True)
class ChangesLink:
    """A Changes link's filter values: those the filters can take, and the rest named as problems."""

    problems: list[str]
    since: str | None  # None when the link has no readable date
    providers: list[str]
    kinds: list[str]


def read_changes_link(
    since: str, providers: Sequence[str], kinds: Sequence[str], known_providers: Iterable[str]
) -> ChangesLink:
    """Split a Changes link's values into those its filters take and, in words, those they cannot."""
    problems = []
    kept_since: str | None = since.strip() or None
    if kept_since:
        try:
            dt.date.fromisoformat(kept_since)
        except ValueError:
            problems.append(f"the link's since={since[:40]} is not a date like 2026-08-19, so every date is shown")
            kept_since = None
    kept: dict[str, list[str]] = {}
    for name, values, offered in (("provider", providers, set(known_providers)), ("kind", kinds, set(KIND_LABELS))):
        kept[name] = []
        for value in dict.fromkeys(values):
            if value in offered:
                kept[name].append(value)
            else:
                problems.append(f"the link's {name}={value[:40]} matches no {name} in the history, so it was ignored")
    return ChangesLink(problems, kept_since, kept["provider"], kept["kind"])


def filter_events(
    events: Iterable[ChangeEvent],
    kinds: Sequence[str] = (),
    providers: Sequence[str] = (),
    since: dt.date | None = None,
) -> list[ChangeEvent]:
    """Events matching every given filter (an empty filter matches all)."""
    return [
        e
        for e in events
        if (not kinds or e.kind in kinds)
        and (not providers or e.provider in providers)
        and (since is None or e.date >= since)
    ]


def recent_changes_by_model(
    events: Iterable[ChangeEvent], now: dt.datetime, days: int = 30, kinds: Sequence[str] = (ADDED, PRICE_CHANGED)
) -> dict[str, str]:
    """model id -> 'new' or 're-priced' for models added or re-priced in the last `days` days (for a marker)."""
    cutoff = now - dt.timedelta(days=days)
    marks: dict[str, str] = {}
    for event in sorted(events, key=lambda e: e.observed_at):
        # "new" wins: a model added and then re-priced within the window is still new.
        if event.observed_at >= cutoff and event.kind in kinds and marks.get(event.model_id) != "new":
            marks[event.model_id] = "new" if event.kind == ADDED else "re-priced"
    return marks


def event_row(event: ChangeEvent) -> dict[str, object]:
    """A flat, JSON-ready row: every field plus the headline."""
    # Every field is a str, a number or None once dates and the percentage are text; no deep copy needed.
    row: dict[str, object] = {name: getattr(event, name) for name in ChangeEvent.__dataclass_fields__}
    row["observed_at"] = event.observed_at.isoformat()
    row["previous_seen_at"] = event.previous_seen_at.isoformat() if event.previous_seen_at else None
    row["change_pct"] = str(event.change_pct) if event.change_pct is not None else None
    row["headline"] = headline(event)
    return row


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def events_to_csv(events: Iterable[ChangeEvent]) -> bytes:
    """CSV of the events, with text that a spreadsheet would run as a formula defused."""
    rows = [event_row(e) for e in events]
    out = io.StringIO()
    fields = [*ChangeEvent.__dataclass_fields__, "headline"]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _defuse(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def _defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def events_to_json(events: Iterable[ChangeEvent]) -> bytes:
    return json.dumps({"events": [event_row(e) for e in events]}, indent=2, ensure_ascii=False).encode("utf-8")
