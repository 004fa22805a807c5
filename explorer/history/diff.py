"""The diff engine: pure functions from two catalogs (id -> record) to a list of change events."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from explorer.history import events as ev
from explorer.history.events import ChangeEvent
from explorer.normalise import provider_of, split_variant
from explorer.pricing import NON_PRICE_KEYS, PriceError, parse_price

TRUNCATION_MARK = "..."


@dataclass(frozen=True)
class ModelState:
    """The parts of a model record the change feed follows, normalised for comparison."""

    model_id: str
    name: str
    canonical_slug: str
    prices: dict[str, str]  # key -> exact USD per unit as a plain decimal string, or "variable"
    context_length: int | None
    expiration_date: str | None
    description: str

    @property
    def provider(self) -> str:
        return provider_of(self.model_id)


def _price_value(key: str, value: Any) -> str | None:
    try:
        price = parse_price(key, value)
    except PriceError:
        return None  # an unreadable price is treated as not listed rather than breaking the feed
    if price.usd is None:
        return ev.VARIABLE
    return _plain_decimal(price.usd)


def _plain_decimal(value: Decimal) -> str:
    """'0.00000002' rather than '2E-8', and equal amounts spelled alike ('0.10' == '0.1')."""
    return f"{value.normalize():f}"


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def model_state(record: Mapping[str, Any]) -> ModelState:
    """Normalise one raw API record (as received) into what the diff compares."""
    model_id = str(record.get("id", "")).strip()
    pricing = record.get("pricing") if isinstance(record.get("pricing"), Mapping) else {}
    prices = {}
    for key, value in pricing.items():
        if key in NON_PRICE_KEYS:
            continue
        parsed = _price_value(key, value)
        if parsed is not None:
            prices[key] = parsed
    expiration = record.get("expiration_date")
    return ModelState(
        model_id=model_id,
        name=_text(record, "name").strip(),
        canonical_slug=_text(record, "canonical_slug"),
        prices=prices,
        context_length=_int_or_none(record.get("context_length")),
        expiration_date=str(expiration) if expiration else None,
        description=_text(record, "description"),
    )


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def _display_name(state: ModelState) -> str:
    return state.name or state.model_id


def _event(kind: str, state: ModelState, when: dt.datetime, previous: dt.datetime | None, **fields: Any) -> ChangeEvent:
    return ChangeEvent(
        kind=kind,
        model_id=state.model_id,
        name=_display_name(state),
        provider=state.provider,
        observed_at=when,
        previous_seen_at=previous,
        **fields,
    )


def change_pct(before: str | None, after: str | None) -> Decimal | None:
    """Percent change between two prices; None when either side is missing, variable or zero before."""
    if before in (None, ev.VARIABLE) or after in (None, ev.VARIABLE):
        return None
    old, new = Decimal(before), Decimal(after)
    if old == 0:
        return None
    return (new - old) / old * 100


def descriptions_differ(old: str, new: str) -> bool:
    """Whether a description really changed: the list API's cut to ~200 chars ending '...' is not a change."""
    old, new = old.strip(), new.strip()
    if old == new:
        return False
    for short, full in ((old, new), (new, old)):
        if short.endswith(TRUNCATION_MARK) and full.startswith(short.removesuffix(TRUNCATION_MARK).rstrip()):
            return False
    return True


def _price_events(
    old: ModelState, new: ModelState, when: dt.datetime, previous: dt.datetime | None
) -> list[ChangeEvent]:
    found = []
    for key in sorted(old.prices.keys() | new.prices.keys()):
        was, now = old.prices.get(key), new.prices.get(key)
        if was == now:
            continue
        # Since 2026-03 zero prices are usually omitted: "0" -> missing is not a change anyone pays for.
        if {was, now} <= {None, "0"}:
            continue
        found.append(
            _event(
                ev.PRICE_CHANGED,
                new,
                when,
                previous,
                price_key=key,
                before=was,
                after=now,
                change_pct=change_pct(was, now),
            )
        )
    return found


def _field_events(
    old: ModelState, new: ModelState, when: dt.datetime, previous: dt.datetime | None
) -> list[ChangeEvent]:
    found = []
    if _display_name(old) != _display_name(new):
        found.append(_event(ev.RENAMED, new, when, previous, before=_display_name(old), after=_display_name(new)))
    found += _price_events(old, new, when, previous)
    if old.context_length != new.context_length:
        found.append(
            _event(
                ev.CONTEXT_CHANGED,
                new,
                when,
                previous,
                before=_opt_str(old.context_length),
                after=_opt_str(new.context_length),
            )
        )
    if old.expiration_date != new.expiration_date:
        kind = (
            ev.EXPIRATION_SET
            if old.expiration_date is None
            else ev.EXPIRATION_CLEARED
            if new.expiration_date is None
            else ev.EXPIRATION_CHANGED
        )
        found.append(_event(kind, new, when, previous, before=old.expiration_date, after=new.expiration_date))
    if descriptions_differ(old.description, new.description):
        found.append(_event(ev.DESCRIPTION_CHANGED, new, when, previous, before=old.description, after=new.description))
    return found


def _opt_str(value: int | None) -> str | None:
    return None if value is None else str(value)


def match_renamed_ids(old: Mapping[str, ModelState], new: Mapping[str, ModelState]) -> dict[str, str]:
    """old id -> new id for a model whose id changed: one gone and one new id sharing canonical slug and variant."""
    gone = [old[i] for i in old.keys() - new.keys()]
    came = [new[i] for i in new.keys() - old.keys()]

    def key(state: ModelState) -> tuple[str, str] | None:
        # Variants share their base model's slug, so the variant suffix is part of the identity.
        return (state.canonical_slug, split_variant(state.model_id)[1]) if state.canonical_slug else None

    gone_by: dict[tuple[str, str], list[str]] = defaultdict(list)
    came_by: dict[tuple[str, str], list[str]] = defaultdict(list)
    for state in gone:
        if (k := key(state)) is not None:
            gone_by[k].append(state.model_id)
    for state in came:
        if (k := key(state)) is not None:
            came_by[k].append(state.model_id)
    # Only unambiguous one-to-one pairs count as a rename; anything else stays added + removed.
    return {ids[0]: came_by[k][0] for k, ids in gone_by.items() if len(ids) == 1 and len(came_by.get(k, [])) == 1}


def diff_states(
    old: Mapping[str, ModelState],
    new: Mapping[str, ModelState],
    observed_at: dt.datetime,
    previous_seen_at: dt.datetime | None = None,
) -> list[ChangeEvent]:
    """Every change from one catalog to the next, in a stable order (by kind, then id)."""
    renamed = match_renamed_ids(old, new)
    found: list[ChangeEvent] = []
    for old_id, new_id in renamed.items():
        found.append(
            _event(
                ev.RENAMED, new[new_id], observed_at, previous_seen_at, before=old_id, after=new_id, old_model_id=old_id
            )
        )
        found += [
            e for e in _field_events(old[old_id], new[new_id], observed_at, previous_seen_at) if e.kind != ev.RENAMED
        ]
    for model_id in sorted(new.keys() - old.keys() - set(renamed.values())):
        found.append(_event(ev.ADDED, new[model_id], observed_at, previous_seen_at))
    for model_id in sorted(old.keys() - new.keys() - renamed.keys()):
        found.append(_event(ev.REMOVED, old[model_id], observed_at, previous_seen_at))
    for model_id in sorted(old.keys() & new.keys()):
        found += _field_events(old[model_id], new[model_id], observed_at, previous_seen_at)
    return ev.newest_first(found)


def states_of(records: Mapping[str, Mapping[str, Any]]) -> dict[str, ModelState]:
    """id -> ModelState for a catalog given as id -> raw record."""
    return {model_id: model_state(record) for model_id, record in records.items()}


def diff_catalogs(
    old: Mapping[str, Mapping[str, Any]],
    new: Mapping[str, Mapping[str, Any]],
    observed_at: dt.datetime,
    previous_seen_at: dt.datetime | None = None,
) -> list[ChangeEvent]:
    """Every change between two catalogs given as id -> raw record (e.g. `Catalog.raw`)."""
    return diff_states(states_of(old), states_of(new), observed_at, previous_seen_at)
