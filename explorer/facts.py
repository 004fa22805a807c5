"""Published facts per base model (dimensions, max input, parameters, MTEB, licence), from the bundled CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from explorer.normalise import split_variant

FACTS_FILE = "model-facts.csv"


@dataclass(frozen=True)
class ModelFacts:
    """Facts for one base model; None means not found in a primary source (shown as unknown)."""

    base_id: str
    dimensions: int | None
    flexible_dimensions: tuple[int, ...]  # listed sizes, e.g. (256, 512, 1024, 2048)
    flexible_range: tuple[int, int] | None  # or any size in [low, high], e.g. (1, 3072)
    max_input_tokens: int | None
    parameters_millions: float | None
    mteb_score: float | None
    mteb_benchmark: str | None  # the benchmark alone, so scores from one benchmark group together
    mteb_as_of: str | None  # the date a source gives its score for, e.g. "2025-06-05"
    license: str | None
    source_urls: tuple[str, ...]
    notes: str

    @property
    def benchmark_text(self) -> str:
        """'MTEB(Multilingual) mean (task), as of 2025-06-05'; empty when no benchmark is named."""
        if not self.mteb_benchmark:
            return ""
        return f"{self.mteb_benchmark}, as of {self.mteb_as_of}" if self.mteb_as_of else self.mteb_benchmark

    @property
    def smallest_dimensions(self) -> int | None:
        """The smallest output size the model can be asked for, when it supports reduced sizes."""
        if self.flexible_range:
            return self.flexible_range[0]
        return min(self.flexible_dimensions) if self.flexible_dimensions else None

    @property
    def flexible_text(self) -> str:
        if self.flexible_range:
            return f"any size {self.flexible_range[0]}–{self.flexible_range[1]}"
        return ", ".join(map(str, self.flexible_dimensions))

    @property
    def sizes_text(self) -> str:
        """'sizes 256, 512, 1024' or 'any size 1–3072'; empty when no reduced sizes are published."""
        if self.flexible_range or not self.flexible_dimensions:
            return self.flexible_text
        return "sizes " + self.flexible_text

    @property
    def dimensions_text(self) -> str:
        """The default size, or what is published instead of one; a listed size is never taken for the default."""
        if self.dimensions is not None:
            return f"{self.dimensions:,}"
        if self.sizes_text:
            return f"default not published; {self.sizes_text}"
        return "unknown"


def _flexible(text: str) -> tuple[tuple[int, ...], tuple[int, int] | None]:
    """'256|512|1024' lists sizes; '1-3072' is a range."""
    text = text.strip()
    if not text:
        return (), None
    if "-" in text:
        low, high = (int(part) for part in text.split("-", 1))
        return (), (low, high)
    return tuple(int(d) for d in text.split("|") if d.strip()), None


AS_OF = re.compile(r"^(?P<benchmark>.*?),?\s+as of (?P<date>\d{4}-\d{2}-\d{2})$")


def _benchmark(text: str) -> tuple[str | None, str | None]:
    """(benchmark, date): 'MTEB(Multilingual) mean (task) as of 2025-06-05' is the benchmark the same
    label without the date names, so both group together in charts and comparisons."""
    text = text.strip()
    match = AS_OF.match(text)
    if match and match["benchmark"]:
        return match["benchmark"], match["date"]
    return text or None, None


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


def parse_facts_csv(text: str) -> dict[str, ModelFacts]:
    """Rows of the facts CSV keyed by base model id."""
    facts: dict[str, ModelFacts] = {}
    for row in csv.DictReader(io.StringIO(text)):
        base_id = row["id"].strip()
        sizes, size_range = _flexible(row["flexible_dimensions"])
        benchmark, as_of = _benchmark(row["mteb_benchmark"])
        facts[base_id] = ModelFacts(
            base_id=base_id,
            dimensions=_int(row["dimensions"]),
            flexible_dimensions=sizes,
            flexible_range=size_range,
            max_input_tokens=_int(row["max_input_tokens"]),
            parameters_millions=_float(row["parameters_millions"]),
            mteb_score=_float(row["mteb_score"]),
            mteb_benchmark=benchmark,
            mteb_as_of=as_of,
            license=row["license"].strip() or None,
            source_urls=tuple(u for u in row["source_url"].split() if u.startswith("https://")),
            notes=row["notes"].strip(),
        )
    return facts


@lru_cache(maxsize=1)
def bundled_facts() -> dict[str, ModelFacts]:
    text = resources.files("explorer").joinpath("data", FACTS_FILE).read_text(encoding="utf-8")
    return parse_facts_csv(text)


def facts_for(model_id: str, facts: dict[str, ModelFacts] | None = None) -> ModelFacts | None:
    """Facts for a model id; ':free' and ':batch' variants share their base model's row."""
    facts = bundled_facts() if facts is None else facts
    return facts.get(model_id) or facts.get(split_variant(model_id)[0])


FACT_COLUMNS = [
    "dimensions",
    "flexible_dimensions",
    "max_input_tokens",
    "parameters_millions",
    "mteb_score",
    "mteb_benchmark",
]


def with_facts(frame: pd.DataFrame, facts: dict[str, ModelFacts] | None = None) -> pd.DataFrame:
    """The catalog frame with fact columns joined on the base model id (missing facts stay NA)."""
    facts = bundled_facts() if facts is None else facts
    rows = []
    for model_id in frame["model_id"]:
        f = facts_for(model_id, facts)
        rows.append(
            {
                "dimensions": f.dimensions if f else None,
                "flexible_dimensions": f.flexible_text if f else "",
                "max_input_tokens": f.max_input_tokens if f else None,
                "parameters_millions": f.parameters_millions if f else None,
                "mteb_score": f.mteb_score if f else None,
                "mteb_benchmark": (f.mteb_benchmark or "") if f else "",
            }
        )
    extra = pd.DataFrame(rows, index=frame.index, columns=FACT_COLUMNS)
    extra["dimensions"] = extra["dimensions"].astype("Int64")
    extra["max_input_tokens"] = extra["max_input_tokens"].astype("Int64")
    extra["parameters_millions"] = extra["parameters_millions"].astype("Float64")
    extra["mteb_score"] = extra["mteb_score"].astype("Float64")
    return pd.concat([frame, extra], axis=1)


def usable_max_input(max_input: pd.Series, context: pd.Series) -> pd.Series:
    """The published max input capped at the context length: beyond it nothing goes through, so a limit above it
    would promise tokens the model cannot take. What the catalog's table and its CSV show; NA where none is
    published (the Min input filter, explorer.filters.input_limit, then takes the context instead)."""
    over = (max_input > context).fillna(False).astype(bool)
    return max_input.mask(over, context).astype("Int64")


# The facts file keeps Hugging Face's licence tags as published ("mit", "apache-2.0"); pages show their usual names.
_LICENCE_NAMES = {"mit": "MIT", "apache-2.0": "Apache-2.0", "proprietary": "Proprietary"}


def licence_text(facts: ModelFacts | None, unknown: str) -> str:
    """The model's licence as people write it (MIT, Apache-2.0), `unknown` when none is published."""
    tag = facts.license if facts else None
    if not tag:
        return unknown
    return _LICENCE_NAMES.get(tag.lower(), tag)
