"""Which models a comparison holds: the ids a link asks for, the ones the catalog knows, and the picker's search."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from explorer.catalog import Catalog
from explorer.memo import IdentityMemo
from explorer.schema import EmbeddingModel

MIN_COMPARE = 2
MAX_COMPARE = 6
PICKER_LIMIT = 50  # search matches offered at once; the browser never gets the whole catalog


@dataclass(frozen=True)
class Selection:
    """The ids asked for, split into models to compare, ids not in the catalog, and ids over the limit."""

    models: tuple[EmbeddingModel, ...]
    unknown: tuple[str, ...]
    dropped: tuple[str, ...]

    @property
    def enough(self) -> bool:
        """At least two models to put side by side."""
        return len(self.models) >= MIN_COMPARE


@dataclass(frozen=True)
class RequestedIds:
    """A link's ids, each once in the order given, and how many entries were repeats or empty."""

    ids: tuple[str, ...]
    repeated: int = 0
    empty: int = 0

    @property
    def ignored_text(self) -> str:
        """'1 repeated id and 2 empty entries were ignored'; empty when every entry was used."""
        parts = []
        if self.repeated:
            parts.append(f"{self.repeated:,} repeated id{'' if self.repeated == 1 else 's'}")
        if self.empty:
            parts.append(f"{self.empty:,} empty {'entry' if self.empty == 1 else 'entries'}")
        if not parts:
            return ""
        one = len(parts) == 1 and (self.repeated or self.empty) == 1
        return f"{' and '.join(parts)} {'was' if one else 'were'} ignored"


def read_ids(param: str | None) -> RequestedIds:
    """'a, b,,a' -> ids ('a', 'b'), 1 repeated, 1 empty: comma-separated and trimmed."""
    if not param:
        return RequestedIds(())
    parts = [part.strip() for part in param.split(",")]
    given = [part for part in parts if part]
    ids = tuple(dict.fromkeys(given))
    return RequestedIds(ids, len(given) - len(ids), len(parts) - len(given))


def select_models(ids: list[str], models: dict[str, EmbeddingModel]) -> Selection:
    """Known ids in the order asked (at most six), the unknown ones named, the surplus named."""
    known = [models[i] for i in ids if i in models]
    unknown = tuple(i for i in ids if i not in models)
    kept = known[:MAX_COMPARE]
    return Selection(tuple(kept), unknown, tuple(m.id for m in known[MAX_COMPARE:]))


@dataclass(frozen=True)
class PickerChoices:
    """What the ids picker offers for a search: the chosen ids, then the first other matches, and how many matched."""

    ids: tuple[str, ...]
    matched: int
    total: int
    truncated: bool  # more matches than the picker lists


def _search_texts(catalog: Catalog) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ids = tuple(catalog.models)
    return ids, tuple(f"{model_id}\n{model.display_name}".casefold() for model_id, model in catalog.models.items())


# Built once per catalog, so each rerun's search scans ready-made strings.
search_texts = IdentityMemo(_search_texts)


def matching_ids(catalog: Catalog, query: str) -> tuple[str, ...] | list[str]:
    """Ids whose id or name holds every word of the query (any case), in catalog order; all ids for no words."""
    ids, texts = search_texts(catalog)
    terms = query.casefold().split()
    if not terms:
        return ids
    hits = [(model_id, text) for model_id, text in zip(ids, texts, strict=True) if terms[0] in text]
    for term in terms[1:]:
        hits = [(model_id, text) for model_id, text in hits if term in text]
    return [model_id for model_id, _ in hits]


def picker_choices(catalog: Catalog, query: str, chosen: list[str], limit: int = PICKER_LIMIT) -> PickerChoices:
    """The chosen ids still in the catalog (kept whatever the search), then up to `limit` other matches."""
    kept = [model_id for model_id in dict.fromkeys(chosen) if model_id in catalog.models]
    matches = matching_ids(catalog, query)
    others = list(islice((model_id for model_id in matches if model_id not in kept), limit + 1))
    return PickerChoices(tuple(kept + others[:limit]), len(matches), len(catalog), len(others) > limit)
