"""Settings from environment and secrets; untrusted text made inert; safe exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import unicodedata

import pytest

from components.catalog_table import table_frame
from explorer.catalog import snapshot_catalog
from explorer.export import download_name, frame_to_csv, records_to_json, view_slug
from explorer.filters import CatalogFilters
from explorer.settings import DEFAULT_CACHE_TTL, load_settings
from explorer.text import escape_markdown, strip_invisible


def test_defaults_without_anything_set() -> None:
    settings = load_settings({})
    assert settings.api_key is None and not settings.live
    assert settings.base_url == "https://openrouter.ai/api/v1"
    assert settings.cache_ttl == DEFAULT_CACHE_TTL == 3600
    assert settings.fetch_timeout == 15
    assert settings.problems == ()


def test_environment_wins_over_secrets_and_secrets_fill_gaps() -> None:
    settings = load_settings(
        {"OPENROUTER_API_KEY": "sk-or-env", "OPENROUTER_BASE_URL": ""},
        {"OPENROUTER_API_KEY": "sk-or-secret", "OPENROUTER_BASE_URL": "http://127.0.0.1:9/api/v1/"},
    )
    assert settings.api_key == "sk-or-env"
    assert settings.base_url == "http://127.0.0.1:9/api/v1"


def test_the_key_is_not_in_the_settings_repr() -> None:
    assert "sk-or-hidden" not in repr(load_settings({"OPENROUTER_API_KEY": "sk-or-hidden"}))


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"EXPLORER_CACHE_TTL": "hour"}, "EXPLORER_CACHE_TTL"),
        ({"EXPLORER_CACHE_TTL": "-5"}, "EXPLORER_CACHE_TTL"),
        ({"EXPLORER_FETCH_TIMEOUT": "0"}, "EXPLORER_FETCH_TIMEOUT"),
        ({"EXPLORER_FETCH_TIMEOUT": "inf"}, "EXPLORER_FETCH_TIMEOUT"),
        ({"OPENROUTER_BASE_URL": "openrouter.ai"}, "OPENROUTER_BASE_URL"),
        ({"OPENROUTER_BASE_URL": "http://proxyuser:s3cretpw@127.0.0.1:9/api/v1"}, "OPENROUTER_BASE_URL"),
        ({"OPENROUTER_BASE_URL": "https://token@openrouter.ai/api/v1"}, "OPENROUTER_BASE_URL"),
        ({"OPENROUTER_API_KEY": "sk-or bad key"}, "OPENROUTER_API_KEY"),
    ],
)
def test_a_bad_value_falls_back_to_its_default_and_is_named(env: dict[str, str], named: str) -> None:
    settings = load_settings(env)
    assert len(settings.problems) == 1
    assert named in settings.problems[0]
    assert settings == load_settings({}).__class__(problems=settings.problems)


@pytest.mark.parametrize(
    "hostile",
    [
        "![x](http://127.0.0.1:1/pixel.png)",
        "[click](javascript:alert(1))",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "$\\frac{1}{2}$",
        ":red[alarm] **bold** `code` # heading",
        ":material/warning: :material/lock:",
    ],
)
def test_markdown_escaping_makes_hostile_text_literal(hostile: str) -> None:
    escaped = escape_markdown(hostile)
    # Outside inline code (which markdown shows literally), every character markdown or HTML would act on
    # is preceded by a backslash.
    outside_code = re.sub(r"(`+) .*? \1", "", escaped.replace("\\\\", ""))
    assert not re.search(r"(?<!\\)[<>\[\]()!$:*`#]", outside_code)
    # Streamlit swaps ":material/" for an icon's marker before it parses the markdown, escapes or not.
    assert ":material/" not in escaped


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("see http://evil.example/login now", r"see ` http://evil.example/login ` now"),
        ("www.evil.example", "` www.evil.example `"),
        ("mail bob@evil.example.", "mail ` bob@evil.example. `"),
        ("HTTPS://X", "` HTTPS://X `"),
        ("a `tick` https://x/`y`", r"a \`tick\` `` https://x/`y` ``"),
        ("plain words.", r"plain words\."),
    ],
)
def test_words_a_renderer_would_link_are_set_as_inline_code_which_links_nothing(text: str, shown: str) -> None:
    assert escape_markdown(text) == shown


def test_invisible_and_bidi_characters_are_removed() -> None:
    assert strip_invisible("ab\u202ecd\u200bef\u2066g\x07") == "abcdefg"
    assert escape_markdown("x" * 50, limit=10) == "xxxxxxxxx…"


def test_every_control_character_but_tab_and_newline_is_removed() -> None:
    controls = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc")
    assert strip_invisible(f"a{controls}b") == "a\t\nb"
    assert strip_invisible("é ü ∑ 漢字 🙂 \u0600") == "é ü ∑ 漢字 🙂 \u0600"


def test_csv_export_defuses_spreadsheet_formulas() -> None:
    frame = snapshot_catalog().frame.head(2).copy()
    frame.loc[frame.index[0], "name"] = '=HYPERLINK("http://evil")'
    rows = list(csv.DictReader(io.StringIO(frame_to_csv(frame).decode())))
    assert rows[0]["name"].startswith("'=")
    assert rows[1]["model_id"] == frame["model_id"].iloc[1]


def test_csv_export_carries_the_tables_published_dimensions_and_max_input() -> None:
    frame = snapshot_catalog().frame
    frame = frame[frame["model_id"].isin(["openai/text-embedding-3-small", "voyageai/voyage-code-4"])]
    rows = {r["model_id"]: r for r in csv.DictReader(io.StringIO(frame_to_csv(frame).decode()))}
    small = rows["openai/text-embedding-3-small"]
    assert (small["dimensions"], small["max_input_tokens"]) == ("1536", "8191")
    assert rows["voyageai/voyage-code-4"]["dimensions"] == ""  # not published: empty, as the table's dash


def test_csv_export_caps_max_input_at_the_context_as_the_table_does_and_keeps_the_published_limit() -> None:
    frame = snapshot_catalog().frame
    model = "perplexity/pplx-embed-v1-0.6b"  # publishes 32,768 tokens; OpenRouter's context is 32,000
    rows = {r["model_id"]: r for r in csv.DictReader(io.StringIO(frame_to_csv(frame).decode()))}
    shown = table_frame(frame.set_index("model_id", drop=False).loc[[model]])
    assert rows[model]["context_length"] == "32000"
    assert rows[model]["max_input_tokens"] == "32000" == str(shown["max_input_tokens"].iloc[0])
    assert rows[model]["published_max_input_tokens"] == "32768"
    small = rows["openai/text-embedding-3-small"]  # under its context: the same in both columns
    assert small["max_input_tokens"] == small["published_max_input_tokens"] == "8191"


def test_a_download_is_named_by_its_list_and_view() -> None:
    fetched = dt.datetime(2026, 12, 3, 10, 5, 41, tzinfo=dt.UTC)
    assert download_name("live", fetched, 34, 34, "csv") == "embeddings-models-2026-12-03-1005utc.csv"
    assert download_name("live", fetched, 5, 34, "json") == "embeddings-models-2026-12-03-1005utc-5-of-34.json"
    snapshot_day = dt.datetime(2026, 8, 19, tzinfo=dt.UTC)
    assert download_name("snapshot", snapshot_day, 34, 34, "csv") == "embeddings-models-snapshot-2026-08-19.csv"
    # A filtered view that matches every model is still named as filtered.
    assert (
        download_name("live", fetched, 34, 34, "csv", "q-embed")
        == "embeddings-models-2026-12-03-1005utc-34-of-34-q-embed.csv"
    )


def test_two_filtered_views_never_share_a_download_name() -> None:
    assert view_slug(CatalogFilters()) == ""
    assert view_slug(CatalogFilters(providers=("openai",))) == "provider-openai"
    assert view_slug(CatalogFilters(providers=("voyageai",))) == "provider-voyageai"
    assert view_slug(CatalogFilters(q="voyage code", show_batch=False)) == "q-voyage+code_no-batch"
    every = CatalogFilters(
        q="x", max_price=0.05, min_context=8192, modalities=("image",), show_free=False, hide_expiring=True
    )
    assert view_slug(every) == "q-x_max-0.05usd_min-8192tok_input-image_no-free_no-expiring"
    # Where the readable part would be the same for different filters, a digest of the exact ones follows it.
    lossy = [CatalogFilters(q=q) for q in ("a b", "a+b", "A b", "a  b", " a b")]
    slugs = [view_slug(f) for f in lossy]
    assert slugs[0] == "q-a+b" and len(set(slugs)) == len(slugs)
    assert all(s.startswith("q-") for s in slugs)
    long = view_slug(CatalogFilters(q="x" * 100))
    assert len(long) <= 70 and long != view_slug(CatalogFilters(q="x" * 99))
    assert all(re.fullmatch(r"[a-z0-9.+_-]*", s) for s in [*slugs, long])  # safe in a file name anywhere


def test_json_export_holds_the_records_as_received() -> None:
    catalog = snapshot_catalog()
    body = json.loads(records_to_json(["baai/bge-m3", "nope/missing"], catalog.raw))
    assert body["data"] == [catalog.raw["baai/bge-m3"]]


def test_credentials_in_the_base_url_are_refused_without_repeating_them() -> None:
    settings = load_settings({"OPENROUTER_BASE_URL": "http://proxyuser:s3cretpw@127.0.0.1:9/api/v1"})
    assert settings.base_url == "https://openrouter.ai/api/v1"
    (problem,) = settings.problems
    assert "s3cretpw" not in problem and "proxyuser" not in problem


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "just now"),
        (59, "just now"),
        (60, "1 min ago"),
        (119, "1 min ago"),
        (120, "2 min ago"),
        (5399, "89 min ago"),
    ],
)
def test_an_age_says_each_minute_once_a_minute_has_passed(seconds: int, said: str) -> None:
    import datetime as dt

    from explorer.dates import age_text

    now = dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC)
    assert age_text(now - dt.timedelta(seconds=seconds), now) == said
