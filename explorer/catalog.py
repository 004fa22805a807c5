"""The catalog as the app sees it: validated models, their frame, what was skipped, where it came from."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from explorer.fetch import fetch_embedding_models
from explorer.normalise import models_frame
from explorer.schema import EmbeddingModel, SkippedRecord, parse_models
from explorer.snapshot import SNAPSHOT_DATE, load_snapshot_body

Source = Literal["live", "snapshot"]


@dataclass(frozen=True)
class Catalog:
    """Everything pages need about one fetched (or bundled) list of models.

    One instance is shared by every session: treat it, its frame and its records as read-only.
    """

    models: dict[str, EmbeddingModel]
    frame: pd.DataFrame
    skipped: tuple[SkippedRecord, ...]
    source: Source
    as_of: dt.datetime
    raw: dict[str, dict[str, Any]] = field(repr=False, default_factory=dict)
    # Models listed without fields that did not validate, each with the fields and why (raw keeps them as sent).
    repaired: tuple[SkippedRecord, ...] = ()

    def __len__(self) -> int:
        return len(self.models)

    def model(self, model_id: str) -> EmbeddingModel | None:
        return self.models.get(model_id)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Validating 10,000 records allocates enough to trigger repeated full collections, which took
    more than half the build time; nothing built here forms reference cycles. On the way out the
    new objects join the oldest generation (freeze, then unfreeze: two list splices), because the
    catalog outlives many requests: left young, the first allocation after re-enabling would scan
    all of them at once, which cost a tenth of a second at 10,000 models. Once the server has
    frozen its long-lived objects (explorer.memory.freeze_long_lived), unfreezing would hand them
    all back to every full collection, so a later catalog pays that one young scan instead.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def build_catalog(records: list[Any], *, source: Source, as_of: dt.datetime) -> Catalog:
    """Validate, index and normalise raw records."""
    with _gc_paused():
        return _build_catalog(records, source, as_of)


def _build_catalog(records: list[Any], source: Source, as_of: dt.datetime) -> Catalog:
    parsed = parse_models(records)
    raw_by_id: dict[str, dict[str, Any]] = {}
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            raw_by_id.setdefault(record["id"].strip(), record)
    models = {m.id: m for m in parsed.models}
    return Catalog(
        models=models,
        frame=models_frame(parsed.models),
        skipped=parsed.skipped,
        source=source,
        as_of=as_of,
        raw={model_id: raw_by_id[model_id] for model_id in models if model_id in raw_by_id},
        repaired=parsed.repaired,
    )


def snapshot_catalog() -> Catalog:
    """The bundled snapshot, dated by the day it was served."""
    body = load_snapshot_body()
    as_of = dt.datetime.combine(SNAPSHOT_DATE, dt.time(0, 0), tzinfo=dt.UTC)
    return build_catalog(body["data"], source="snapshot", as_of=as_of)


def live_catalog(
    base_url: str, api_key: str | None, budget: float, on_request: Callable[[], None] | None = None
) -> Catalog:
    """Fetch and build the live catalog; raises CatalogUnavailable on failure."""
    fetched = fetch_embedding_models(base_url, api_key=api_key, budget=budget, on_request=on_request)
    return build_catalog(fetched.records, source="live", as_of=fetched.fetched_at)
