"""Validation: known fields checked, unknown fields kept, a bad record skipped and counted."""

from __future__ import annotations

import copy
import gc
import tracemalloc
from typing import Any

import pytest
from pydantic import ValidationError

from explorer.catalog import build_catalog, snapshot_catalog
from explorer.normalise import provider_of, short_name, split_variant
from explorer.schema import parse_models
from tests.fake_openrouter import snapshot_records

NOW = snapshot_catalog().as_of


def good(**changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(snapshot_records()[0])
    record.update(changes)
    return record


def test_the_bundled_snapshot_parses_whole() -> None:
    catalog = snapshot_catalog()
    assert len(catalog) == 34
    assert catalog.skipped == ()
    assert catalog.source == "snapshot"
    assert catalog.as_of.date().isoformat() == "2026-08-19"


def test_unknown_fields_are_kept() -> None:
    record = good(benchmarks={"artificial_analysis": {"x": 1}}, alias_target={"slug": "a/b", "name": "B"})
    model = parse_models([record]).models[0]
    assert model.extra_fields["benchmarks"] == {"artificial_analysis": {"x": 1}}
    assert model.extra_fields["links"]["details"].startswith("/api/v1/models/")
    assert model.alias_target is not None and model.alias_target.slug == "a/b"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"id": None}, "id"),
        ({"id": ""}, "id"),
        ({"pricing": {"prompt": "abc", "completion": "0"}}, "not a number"),
        ({"pricing": {"prompt": "-0.5", "completion": "0"}}, "negative"),
        ({"pricing": {"prompt": "1e30", "completion": "0"}}, "implausibly large"),
        ({"pricing": {"prompt": "1e-999999"}}, "implausibly small"),
        ({"pricing": {"completion": "0"}}, "prompt"),
        ({"pricing": "free"}, "pricing"),
        ({"pricing": {"prompt": None}}, "not a price"),
    ],
)
def test_a_bad_record_among_good_ones_is_skipped_with_its_reason(bad: dict[str, Any], reason: str) -> None:
    records = [good(id="a/one"), good(id="b/two", **{k: v for k, v in bad.items() if k != "id"}), good(id="c/three")]
    if "id" in bad:
        records[1]["id"] = bad["id"]
    parsed = parse_models(records)
    assert [m.id for m in parsed.models] == ["a/one", "c/three"]
    assert len(parsed.skipped) == 1
    assert parsed.skipped[0].index == 1
    assert reason in parsed.skipped[0].reason


@pytest.mark.parametrize(
    ("bad", "left_out"),
    [
        ({"context_length": "lots"}, "context_length"),
        ({"context_length": -5}, "context_length"),
        ({"architecture": []}, "architecture"),
        ({"name": 42}, "name"),
        ({"created": "yesterday"}, "created"),
        ({"expiration_date": "soon"}, "expiration_date"),
        ({"supported_parameters": [1, {"x": 2}]}, "supported_parameters"),
        ({"top_provider": {"context_length": "big"}}, "top_provider.context_length"),
    ],
)
def test_a_model_with_a_field_that_does_not_validate_is_listed_without_it(bad: dict[str, Any], left_out: str) -> None:
    records = [good(id="a/one"), good(id="b/two", **bad)]
    parsed = parse_models(records)
    assert [m.id for m in parsed.models] == ["a/one", "b/two"] and not parsed.skipped
    (repaired,) = parsed.repaired
    assert (repaired.index, repaired.model_id) == (1, "b/two")
    assert repaired.reason.startswith(left_out + ":") or repaired.reason.startswith(left_out + ".")
    model = parsed.models[1]
    field = left_out.split(".")[0]
    assert field not in model.model_fields_set or getattr(model, field) != bad[field]
    assert model.prices["prompt"].usd == parsed.models[0].prices["prompt"].usd  # the price that matters is kept


@pytest.mark.parametrize(
    "pricing",
    [
        {"prompt": "0.00000002", "completion": None},
        {"prompt": "0.00000002", "completion": "0", "image": "1e-999999"},
        {"prompt": "0.00000002", "completion": "0", "image": "lots"},
    ],
)
def test_an_unreadable_price_other_than_input_is_named_and_the_model_kept(pricing: dict[str, Any]) -> None:
    parsed = parse_models([good(id="a/one", pricing=pricing)])
    (model,) = parsed.models
    assert not parsed.skipped and not parsed.repaired
    bad = [key for key in pricing if key != "prompt" and key not in model.prices]
    assert list(model.unreadable_prices) == bad and len(bad) == 1
    assert model.unreadable_prices[bad[0]].startswith(bad[0] + ": ")
    assert str(model.prices["prompt"].usd) == "2E-8"


@pytest.mark.parametrize("field", ["name", "description"])
def test_a_null_name_or_description_reads_as_empty(field: str) -> None:
    (model,) = parse_models([good(id="a/one", **{field: None})]).models
    assert getattr(model, field) == ""
    assert model.display_name == ("a/one" if field == "name" else model.name)


def test_null_modalities_read_as_none_listed() -> None:
    (model,) = parse_models([good(id="a/one", architecture={"input_modalities": None, "modality": "text"})]).models
    assert model.architecture.input_modalities == [] and model.architecture.modality == "text"


def test_duplicate_ids_keep_the_first_and_count_the_rest() -> None:
    parsed = parse_models([good(id="a/x", name="first"), good(id="a/x", name="second")])
    assert [m.name for m in parsed.models] == ["first"]
    assert parsed.skipped[0].reason.startswith("duplicate id")


def test_non_object_records_are_skipped() -> None:
    parsed = parse_models([good(id="a/x"), "nope", 3, None, []])
    assert len(parsed.models) == 1
    assert len(parsed.skipped) == 4


def test_odd_but_real_shapes_are_accepted() -> None:
    record = good(
        id="a/legacy",
        default_parameters=None,
        per_request_limits=None,
        hugging_face_id="",
        expiration_date="",
        context_length=None,
        supported_parameters=[],
    )
    model = parse_models([record]).models[0]
    assert model.expiration_date is None
    assert model.context_length is None


def test_absurdly_long_text_is_cut() -> None:
    model = parse_models([good(description="x" * 1_000_000)]).models[0]
    assert len(model.description) <= 20_000


@pytest.mark.parametrize(
    ("model_id", "base", "variant", "provider"),
    [
        ("openai/text-embedding-3-large:batch", "openai/text-embedding-3-large", "batch", "openai"),
        ("nvidia/nemotron-3-embed-1b:free", "nvidia/nemotron-3-embed-1b", "free", "nvidia"),
        ("baai/bge-m3", "baai/bge-m3", "", "baai"),
        ("odd:thing", "odd:thing", "", "odd:thing"),
    ],
)
def test_variants_split_from_their_base(model_id: str, base: str, variant: str, provider: str) -> None:
    assert split_variant(model_id) == (base, variant)
    assert provider_of(model_id) == provider


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("OpenAI: Text Embedding 3 Small", "Text Embedding 3 Small"),
        ("VoyageAI by MongoDB: voyage-code-4", "voyage-code-4"),
        ("NVIDIA: Nemotron 3 Embed 1B (free)", "Nemotron 3 Embed 1B (free)"),
        ("Plain name", "Plain name"),
        (": nothing before", ": nothing before"),
        ("Vendor: ", "Vendor: "),
        ("A: B: C", "B: C"),
    ],
)
def test_the_short_name_drops_only_a_real_vendor_prefix(name: str, short: str) -> None:
    assert short_name(name) == short


def test_frame_marks_free_variable_and_paid_prices() -> None:
    records = [
        good(id="a/paid"),
        good(id="a/free:free", pricing={"prompt": "0", "completion": "0"}),
        good(id="openrouter/auto", pricing={"prompt": "-1", "completion": "-1"}),
    ]
    frame = build_catalog(records, source="live", as_of=NOW).frame.set_index("model_id")
    assert frame.loc["a/paid", "price_status"] == "paid"
    assert frame.loc["a/free:free", "price_status"] == "free"
    assert frame.loc["openrouter/auto", "price_status"] == "variable"
    assert frame["input_usd_per_m"].isna().loc["openrouter/auto"]
    assert frame.loc["openrouter/auto", "input_price"] == "variable"


@pytest.mark.parametrize("enabled", [True, False])
def test_building_a_catalog_leaves_the_collector_as_it_was_and_its_objects_old(enabled: bool) -> None:
    records = [good(id=f"a/model-{i}") for i in range(500)]
    was, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.unfreeze()  # as before the server freezes its long-lived objects (tests/test_memory.py covers after)
    (gc.enable if enabled else gc.disable)()
    try:
        catalog = build_catalog(records, source="live", as_of=NOW)
        young = gc.get_count()[0]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
        if frozen:
            gc.freeze()
    assert len(catalog) == 500
    # The new objects were handed to the oldest generation, not left for a young collection to scan.
    assert young < 100


def test_models_given_the_same_fields_share_one_field_set_yet_each_reports_its_own() -> None:
    full, same_shape, fewer = good(id="a/one"), good(id="a/two"), good(id="a/three")
    del fewer["description"]
    a, b, c = parse_models([full, same_shape, fewer]).models
    assert a.model_fields_set is b.model_fields_set
    assert "description" in a.model_fields_set and "description" not in c.model_fields_set
    assert a.architecture.model_fields_set is b.architecture.model_fields_set
    assert "description" not in c.model_dump(exclude_unset=True)
    changed = a.model_copy(update={"hugging_face_id": "x/y"})
    assert changed.hugging_face_id == "x/y"
    assert b.model_fields_set == a.model_fields_set  # the copy changed its own set, not the shared one
    with pytest.raises(ValidationError):
        a.__setattr__("name", "other")  # frozen: nothing can add to a shared set in place


def test_a_parsed_model_keeps_little_beyond_its_record() -> None:
    records = [good(id=f"p/m{i}", description=f"model {i}") for i in range(500)]
    tracemalloc.start()
    try:
        parsed = parse_models(records)
        gc.collect()
        per_model = tracemalloc.get_traced_memory()[0] / len(parsed.models)
    finally:
        tracemalloc.stop()
    assert per_model < 2_800  # bytes; 3,860 when each model and nested model kept its own field set
