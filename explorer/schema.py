"""The API's model object as pydantic models: known fields validated, unknown fields kept."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from explorer.pricing import Price, parse_pricing_leniently

MAX_TEXT = 20_000  # longer text fields are cut, so one record cannot swamp a page
_CONTROL = re.compile(r"[\r\n\t]")


class _Open(BaseModel):
    """Keeps keys the API adds later instead of dropping them."""

    model_config = ConfigDict(extra="allow", frozen=True)


class Architecture(_Open):
    modality: str | None = None
    input_modalities: list[str] = Field(default_factory=list)
    output_modalities: list[str] = Field(default_factory=list)
    tokenizer: str | None = None
    instruct_type: str | None = None

    @field_validator("input_modalities", "output_modalities", mode="before")
    @classmethod
    def _null_is_none_listed(cls, value: Any) -> Any:
        return [] if value is None else value


class TopProvider(_Open):
    context_length: int | None = None
    max_completion_tokens: int | None = None
    is_moderated: bool | None = None


class AliasTarget(_Open):
    slug: str
    name: str | None = None


class EmbeddingModel(_Open):
    """One embeddings model as listed by GET /embeddings/models."""

    id: str = Field(min_length=1, max_length=500)
    canonical_slug: str | None = None
    name: str = ""
    created: int | None = None
    description: str = ""
    pricing: dict[str, Any]
    context_length: int | None = Field(default=None, ge=0)
    architecture: Architecture = Field(default_factory=Architecture)
    top_provider: TopProvider | None = None
    per_request_limits: dict[str, Any] | None = None
    supported_parameters: list[str] | None = None
    default_parameters: dict[str, Any] | None = None
    expiration_date: dt.date | None = None
    hugging_face_id: str | None = None
    alias_target: AliasTarget | None = None

    @field_validator("id")
    @classmethod
    def _id_is_one_line(cls, value: str) -> str:
        value = value.strip()
        if not value or _CONTROL.search(value):
            raise ValueError("id must be a non-empty single line")
        return value

    @field_validator("name", "description", mode="before")
    @classmethod
    def _null_text_is_empty(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("name", "description", "canonical_slug", "hugging_face_id", mode="before")
    @classmethod
    def _cut_long_text(cls, value: Any) -> Any:
        if value is None:
            return value
        if not isinstance(value, str):
            raise ValueError("must be text")
        return value[:MAX_TEXT]

    @field_validator("expiration_date", mode="before")
    @classmethod
    def _empty_date_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @model_validator(mode="after")
    def _prices_parse(self) -> EmbeddingModel:
        """The input price must parse: every page ranks by it. Another key that does not parse is kept
        out of `prices` and named in `unreadable_prices`, and the model is still listed."""
        if "prompt" not in self.pricing:
            raise ValueError("pricing: has no 'prompt' price")
        parsed, unreadable = parse_pricing_leniently(self.pricing)
        if "prompt" in unreadable:
            raise ValueError(f"pricing: {unreadable['prompt']}")
        # Fill the cached properties now, so prices are parsed once per record.
        self.__dict__["prices"] = parsed
        self.__dict__["unreadable_prices"] = unreadable
        return self

    @property
    def display_name(self) -> str:
        return self.name.strip() or self.id

    @cached_property
    def prices(self) -> dict[str, Price]:
        """Every price key that parses, parsed once (by the validator)."""
        return parse_pricing_leniently(self.pricing)[0]

    @cached_property
    def unreadable_prices(self) -> dict[str, str]:
        """Price keys whose values do not parse, with why: e.g. {'image': "image: not a price (None)"}."""
        return parse_pricing_leniently(self.pricing)[1]

    @property
    def extra_fields(self) -> dict[str, Any]:
        """Keys the API sent that this schema does not name."""
        return dict(self.model_extra or {})


@dataclass(frozen=True)
class SkippedRecord:
    """A record that failed validation: where it was, which id it claimed, and why."""

    index: int
    model_id: str | None
    reason: str


@dataclass(frozen=True)
class ParsedModels:
    models: tuple[EmbeddingModel, ...]
    skipped: tuple[SkippedRecord, ...]
    # Models listed without fields that did not validate (a date that is no date, a negative context, …);
    # the reason names the fields. Unreadable prices other than input are kept on the model instead.
    repaired: tuple[SkippedRecord, ...] = ()


# Without these a record is no model a page can show: it is skipped rather than listed without them.
ESSENTIAL = frozenset({"id", "pricing"})


def _validated_without_bad_fields(record: dict[str, Any], exc: ValidationError) -> EmbeddingModel | None:
    """The model from a copy of the record without the fields `exc` names; None when an essential one is bad."""
    fixed = copy.deepcopy(record)
    for error in exc.errors():
        loc = error["loc"]
        if not loc or loc[0] in ESSENTIAL:
            return None
        # The innermost object key on the error's path: a bad list item drops the list, a bad nested
        # field (architecture.modality) only that field.
        parent: Any = None
        key: Any = None
        container: Any = fixed
        for part in loc:
            if isinstance(container, dict) and part in container:
                parent, key, container = container, part, container[part]
            elif isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
                container = container[part]
            else:
                break
        if parent is None:
            if loc[0] in record:  # already left out for an earlier error on the same field
                continue
            return None
        parent.pop(key, None)
    try:
        return EmbeddingModel.model_validate(fixed)
    except ValidationError:
        return None


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    more = exc.error_count() - 1
    text = f"{where}: {message}" if first["loc"] else message
    return text + (f" (and {more} more)" if more else "")


def _fields_reason(exc: ValidationError) -> str:
    """'created: …; context_length: …', the fields left out, each with its first error."""
    seen: dict[str, str] = {}
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        seen.setdefault(where, error["msg"].removeprefix("Value error, "))
    return "; ".join(f"{where}: {message}" for where, message in seen.items())


def _share_field_sets(model: EmbeddingModel, shared: dict[frozenset[str], set[str]]) -> None:
    """Point the model (and its nested models) at one shared set of the field names it was given.

    pydantic keeps a set of the fields each instance was given: 728 bytes for the top model and
    again for each nested one, over half of a model's own memory, and nearly every record gives
    the same fields. These models are frozen, so the sets are never added to in place, and
    model_copy copies the set before it changes it.
    """
    for part in (model, model.architecture, model.top_provider, model.alias_target):
        if part is None:
            continue
        given = part.__pydantic_fields_set__
        one = shared.setdefault(frozenset(given), given)
        if one is not given:
            object.__setattr__(part, "__pydantic_fields_set__", one)


def parse_models(records: list[Any]) -> ParsedModels:
    """Validate raw records one by one; a bad record or a repeated id is skipped and counted."""
    models: list[EmbeddingModel] = []
    skipped: list[SkippedRecord] = []
    repaired: list[SkippedRecord] = []
    seen: set[str] = set()
    field_sets: dict[frozenset[str], set[str]] = {}
    for index, record in enumerate(records):
        claimed = record.get("id") if isinstance(record, dict) else None
        claimed = claimed[:200] if isinstance(claimed, str) else None
        if not isinstance(record, dict):
            skipped.append(SkippedRecord(index, None, f"not an object ({type(record).__name__})"))
            continue
        left_out = ""
        try:
            model = EmbeddingModel.model_validate(record)
        except ValidationError as exc:
            fixed = _validated_without_bad_fields(record, exc)
            if fixed is None:
                skipped.append(SkippedRecord(index, claimed, _reason(exc)))
                continue
            model, left_out = fixed, _fields_reason(exc)
        if model.id in seen:
            skipped.append(SkippedRecord(index, model.id, "duplicate id (first one kept)"))
            continue
        if left_out:
            repaired.append(SkippedRecord(index, model.id, left_out))
        seen.add(model.id)
        _share_field_sets(model, field_sets)
        models.append(model)
    return ParsedModels(tuple(models), tuple(skipped), tuple(repaired))
