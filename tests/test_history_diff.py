"""The diff engine, parametrised over pairs of catalogs, and the headlines people read."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from explorer.history import events as ev
from explorer.history.diff import descriptions_differ, diff_catalogs
from explorer.history.events import ChangeEvent, headline

HISTORY = Path(__file__).resolve().parent.parent / "explorer" / "data" / "history"
WHEN = dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)


def record(model_id: str, **fields: Any) -> dict[str, Any]:
    base = {
        "id": model_id,
        "canonical_slug": model_id.split(":")[0],
        "name": f"Name of {model_id}",
        "description": "A model.",
        "pricing": {"prompt": "0.00000002", "completion": "0"},
        "context_length": 8192,
        "expiration_date": None,
    }
    base.update(fields)
    return base


def catalog(*records: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in records}


def summary(events: list[ChangeEvent]) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(e.kind, e.model_id, e.price_key, e.before, e.after) for e in events]


A = record("openai/a")
B = record("openai/b")

CASES = [
    pytest.param(catalog(A), catalog(A), [], id="identical"),
    pytest.param(catalog(A), catalog(A, B), [("added", "openai/b", None, None, None)], id="added"),
    pytest.param(catalog(A, B), catalog(A), [("removed", "openai/b", None, None, None)], id="removed"),
    pytest.param(
        catalog(A),
        catalog(record("openai/a", pricing={"prompt": "0.000000015", "completion": "0"})),
        [("price_changed", "openai/a", "prompt", "0.00000002", "0.000000015")],
        id="price-cut",
    ),
    pytest.param(
        catalog(A),
        catalog(record("openai/a", pricing={"prompt": "-1", "completion": "0"})),
        [("price_changed", "openai/a", "prompt", "0.00000002", "variable")],
        id="price-becomes-variable",
    ),
    pytest.param(
        catalog(A),
        catalog(record("openai/a", pricing={"prompt": "0.00000002", "completion": "0", "image": "0.001"})),
        [("price_changed", "openai/a", "image", None, "0.001")],
        id="price-key-added",
    ),
    pytest.param(
        catalog(record("openai/a", pricing={"prompt": "0.00000002", "completion": "0", "request": "0"})),
        catalog(record("openai/a", pricing={"prompt": "2e-8"})),
        [],
        id="zero-keys-dropped-and-spelling-are-not-changes",
    ),
    pytest.param(
        catalog(A),
        catalog(record("openai/a", context_length=8194)),
        [("context_changed", "openai/a", None, "8192", "8194")],
        id="context",
    ),
    pytest.param(
        catalog(A),
        catalog(record("openai/a", expiration_date="2026-10-01")),
        [("expiration_set", "openai/a", None, None, "2026-10-01")],
        id="expiration-set",
    ),
    pytest.param(
        catalog(record("openai/a", expiration_date="2026-10-01")),
        catalog(record("openai/a", expiration_date="2026-12-01")),
        [("expiration_changed", "openai/a", None, "2026-10-01", "2026-12-01")],
        id="expiration-changed",
    ),
    pytest.param(
        catalog(record("openai/a", expiration_date="2026-10-01")),
        catalog(A),
        [("expiration_cleared", "openai/a", None, "2026-10-01", None)],
        id="expiration-cleared",
    ),
    pytest.param(
        catalog(A),
        catalog(record("openai/a", description="Another model.")),
        [("description_changed", "openai/a", None, "A model.", "Another model.")],
        id="description",
    ),
    pytest.param(
        catalog(A),
        catalog(record("openai/a", name="OpenAI: A v2")),
        [("renamed", "openai/a", None, "Name of openai/a", "OpenAI: A v2")],
        id="display-name-renamed",
    ),
    pytest.param(
        catalog(record("google/g-preview", canonical_slug="google/g-20260101")),
        catalog(record("google/g", canonical_slug="google/g-20260101")),
        [("renamed", "google/g", None, "google/g-preview", "google/g")],
        id="id-renamed-same-slug",
    ),
    pytest.param(
        catalog(record("nvidia/n:free", canonical_slug="nvidia/n")),
        catalog(record("nvidia/n", canonical_slug="nvidia/n")),
        [("added", "nvidia/n", None, None, None), ("removed", "nvidia/n:free", None, None, None)],
        id="variant-is-its-own-id-not-a-rename",
    ),
    pytest.param(
        catalog(A, record("openai/a:batch", pricing={"prompt": "0.00000001", "completion": "0"})),
        catalog(A, record("openai/a:batch", pricing={"prompt": "0.000000005", "completion": "0"})),
        [("price_changed", "openai/a:batch", "prompt", "0.00000001", "0.000000005")],
        id="variant-price-alone",
    ),
    pytest.param(
        catalog(A, B),
        catalog(record("openai/a", context_length=512), record("openai/c")),
        [
            ("added", "openai/c", None, None, None),
            ("removed", "openai/b", None, None, None),
            ("context_changed", "openai/a", None, "8192", "512"),
        ],
        id="several-at-once-in-kind-order",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_diff_finds_exactly_the_changes(old: dict, new: dict, expected: list) -> None:
    assert summary(diff_catalogs(old, new, WHEN)) == expected


def test_events_carry_when_and_where() -> None:
    before = WHEN - dt.timedelta(days=3)
    (event,) = diff_catalogs(catalog(A), catalog(A, B), WHEN, before)
    assert (event.observed_at, event.previous_seen_at, event.provider, event.name) == (
        WHEN,
        before,
        "openai",
        "Name of openai/b",
    )


def test_price_change_percent_is_exact() -> None:
    new = record("openai/a", pricing={"prompt": "0.000000015", "completion": "0"})
    (event,) = diff_catalogs(catalog(A), catalog(new), WHEN)
    assert event.change_pct == Decimal(-25)


@pytest.mark.parametrize(
    ("old", "new", "differ"),
    [
        ("Same.", "Same.", False),
        ("A long text that the list API cuts...", "A long text that the list API cuts here and goes on.", False),
        ("A long text that goes on.", "A long text that...", False),
        ("Old text.", "New text.", True),
        ("Cut text...", "Different text entirely.", True),
    ],
)
def test_truncation_by_the_list_api_is_not_a_description_change(old: str, new: str, differ: bool) -> None:
    assert descriptions_differ(old, new) is differ


def event(kind: str, **fields: Any) -> ChangeEvent:
    defaults: dict[str, Any] = {
        "model_id": "openai/text-embedding-3-small",
        "name": "OpenAI: Text Embedding 3 Small",
        "provider": "openai",
        "observed_at": WHEN,
    }
    return ChangeEvent(kind=kind, **{**defaults, **fields})


@pytest.mark.parametrize(
    ("the_event", "text"),
    [
        (
            event(
                "price_changed", price_key="prompt", before="0.00000002", after="0.000000015", change_pct=Decimal(-25)
            ),
            "Price cut: OpenAI: Text Embedding 3 Small $0.02 → $0.015 / M (−25%)",
        ),
        (
            event("price_changed", price_key="prompt", before="0.00000002", after="0.00000003", change_pct=Decimal(50)),
            "Price rise: OpenAI: Text Embedding 3 Small $0.02 → $0.03 / M (+50%)",
        ),
        (
            event("price_changed", price_key="request", before=None, after="0.001"),
            "Price added (Per request): OpenAI: Text Embedding 3 Small not listed → $0.001 / request",
        ),
        (
            event("price_changed", price_key="prompt", before="0.00000002", after="variable"),
            "Price changed: OpenAI: Text Embedding 3 Small $0.02 / M → variable",
        ),
        (event("added"), "Added: OpenAI: Text Embedding 3 Small"),
        (event("removed"), "Removed: OpenAI: Text Embedding 3 Small"),
        (
            event("context_changed", before="8192", after="8194"),
            "Context length: OpenAI: Text Embedding 3 Small 8,192 tokens → 8,194 tokens",
        ),
        (
            event("expiration_set", after="2026-10-01"),
            "Expiration announced: OpenAI: Text Embedding 3 Small expires 2026-10-01",
        ),
        (
            event("expiration_cleared", before="2026-10-01"),
            "Expiration withdrawn: OpenAI: Text Embedding 3 Small (was 2026-10-01)",
        ),
        (event("renamed", before="a/old", after="a/new"), "Renamed: a/old → a/new"),
    ],
)
def test_headline_reads_as_a_sentence(the_event: ChangeEvent, text: str) -> None:
    assert headline(the_event) == text


def load_history(name: str) -> dict[str, dict[str, Any]]:
    body = json.loads((HISTORY / name).read_text(encoding="utf-8"))
    return {r["id"]: r for r in body["data"]}


def test_bundled_snapshots_differ_by_13_additions_and_one_context_change() -> None:
    old = load_history("openrouter-embeddings-2025-12-14.json")
    new = load_history("openrouter-embeddings-2026-08-19.json")
    found = diff_catalogs(old, new, WHEN)
    kinds = ev.kind_counts(found)
    assert kinds["added"] == 13 and kinds["removed"] == 0 and kinds["price_changed"] == 0
    assert [(e.model_id, e.before, e.after) for e in found if e.kind == "context_changed"] == [
        ("baai/bge-m3", "8192", "8194")
    ]


def test_recent_changes_mark_new_and_repriced_models_within_the_window() -> None:
    found = [
        event("added", model_id="a/new", observed_at=WHEN - dt.timedelta(days=3)),
        event("price_changed", model_id="a/new", observed_at=WHEN - dt.timedelta(days=1)),
        event("price_changed", model_id="a/cheaper", observed_at=WHEN - dt.timedelta(days=10)),
        event("added", model_id="a/old", observed_at=WHEN - dt.timedelta(days=40)),
        event("description_changed", model_id="a/text", observed_at=WHEN),
    ]
    assert ev.recent_changes_by_model(found, WHEN) == {"a/new": "new", "a/cheaper": "re-priced"}


def test_csv_export_defuses_formulas_and_keeps_numbers() -> None:
    rows = [
        event("renamed", name="=HYPERLINK(1)", before="=cmd", after="b"),
        event("price_changed", change_pct=Decimal("-25")),
    ]
    text = ev.events_to_csv(rows).decode()
    assert "'=cmd" in text and "'=HYPERLINK(1)" in text and ",-25," in text


def test_json_export_round_trips_headlines() -> None:
    data = json.loads(ev.events_to_json([event("added")]))
    assert data["events"][0]["headline"] == "Added: OpenAI: Text Embedding 3 Small"
    assert data["events"][0]["observed_at"] == WHEN.isoformat()


def test_filters_combine_kind_provider_and_since() -> None:
    found = [
        event("added", provider="openai", observed_at=WHEN),
        event("removed", provider="google", observed_at=WHEN),
        event("added", provider="openai", observed_at=WHEN - dt.timedelta(days=30)),
    ]
    assert ev.filter_events(found, kinds=["added"], providers=["openai"], since=WHEN.date()) == [found[0]]
    assert len(ev.filter_events(found)) == 3


@pytest.mark.parametrize(
    ("values", "kinds"),
    [
        (["price_changed"], ["price_changed"]),
        (["removed", "price_changed", "removed"], ["removed", "price_changed"]),
        (["Price changed", "PRICE_CHANGED", "bogus", ""], []),  # ids only, as links have always held them
        ([], []),
    ],
)
def test_a_links_kind_values_keep_the_known_ids_once_in_order(values: list[str], kinds: list[str]) -> None:
    assert ev.known_kinds(values) == kinds


@pytest.mark.parametrize(
    ("since", "providers", "kinds", "problems"),
    [
        ("", [], [], []),
        ("2026-08-19", ["google"], ["added"], []),
        ("19/08/2026", [], [], ["the link's since=19/08/2026 is not a date like 2026-08-19, so every date is shown"]),
        (
            "",
            ["google", "nope", "nope"],
            [],
            ["the link's provider=nope matches no provider in the history, so it was ignored"],
        ),
        (
            "",
            [],
            ["price_changed", "Price changed"],
            ["the link's kind=Price changed matches no kind in the history, so it was ignored"],
        ),
    ],
)
def test_changes_link_values_that_match_nothing_are_named_once(
    since: str, providers: list[str], kinds: list[str], problems: list[str]
) -> None:
    assert ev.read_changes_link(since, providers, kinds, ["google", "openai"]).problems == problems


def test_a_changes_link_keeps_the_values_its_filters_can_take() -> None:
    link = ev.read_changes_link(" 2026-08-19 ", ["nope", "google"], ["added", "Added"], ["google"])
    assert (link.since, link.providers, link.kinds) == ("2026-08-19", ["google"], ["added"])
    assert ev.read_changes_link("garbage", [], [], []).since is None
