"""The API's model object as pydantic models: known fields validated, unknown fields kept."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from explorer.pricing import Price, PriceError, parse_pricing

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
        if "prompt" not in self.pricing:
            raise ValueError("pricing: has no 'prompt' price")
        try:
            parsed = parse_pricing(self.pricing)
        except PriceError as exc:
            raise ValueError(f"pricing: {exc}") from None
        # Fill the cached property now, so prices are parsed once per record.
        self.__dict__["prices"] = parsed
        return self

    @property
    def display_name(self) -> str:
        return self.name.strip() or self.id

    @cached_property
    def prices(self) -> dict[str, Price]:
        """Every price key parsed once (the validator has already proved they parse)."""
        return parse_pricing(self.pricing)

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


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    more = exc.error_count() - 1
    text = f"{where}: {message}" if first["loc"] else message
    return text + (f" (and {more} more)" if more else "")


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
    seen: set[str] = set()
    field_sets: dict[frozenset[str], set[str]] = {}
    for index, record in enumerate(records):
        claimed = record.get("id") if isinstance(record, dict) else None
        claimed = claimed[:200] if isinstance(claimed, str) else None
        if not isinstance(record, dict):
            skipped.append(SkippedRecord(index, None, f"not an object ({type(record).__name__})"))
            continue
        try:
            model = EmbeddingModel.model_validate(record)
        except ValidationError as exc:
            skipped.append(SkippedRecord(index, claimed, _reason(exc)))
            continue
        if model.id in seen:
            skipped.append(SkippedRecord(index, model.id, "duplicate id (first one kept)"))
            continue
        seen.add(model.id)
        _share_field_sets(model, field_sets)
        models.append(model)
    return ParsedModels(tuple(models), tuple(skipped))
