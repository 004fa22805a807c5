"""The model detail page through AppTest: known, variant, unknown and missing ids, expiry, hostile text."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator

import pandas as pd
import pytest

from tests.fake_openrouter import snapshot_records

MODEL_PAGE = "pages/model.py"


def page_links(at) -> list[tuple[str, str, str]]:
    """(label, page, query) of every st.page_link on the page."""
    return [(p.proto.label, p.proto.page, p.proto.query_string) for p in at.get("page_link")]


def link_buttons(at) -> dict[str, str]:
    return {b.proto.label: b.proto.url for b in at.get("link_button")}


def shown(markdown: str) -> str:
    """The text markdown from explorer.detail.markdown_literal shows: code spans as they are, escapes undone."""
    parts = re.split(r"(?<!\\)(`+) (.*?) \1(?!`)", markdown)
    # re.split puts each span's fence and content at positions 1 and 2 of every three parts.
    return "".join(part if i % 3 == 2 else re.sub(r"\\(.)", r"\1", part) for i, part in enumerate(parts) if i % 3 != 1)


def text_tables(at) -> list[pd.DataFrame]:
    """Every st.table on the page as it reads on screen."""
    return [t.value.map(shown).rename(columns=shown) for t in at.table]


def frame_of(at, first_column: str) -> pd.DataFrame:
    return next(frame for frame in text_tables(at) if frame.columns[0] == first_column)


def table(at, first_column: str) -> dict[str, str]:
    """A two-column text table (by its first column's name) as a dict."""
    frame = frame_of(at, first_column)
    return dict(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True))


@pytest.fixture
def live(api, monkeypatch) -> Iterator[Callable[[list[dict]], None]]:
    """serve(records): the app reads these records from the loopback API as live data."""
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)

    def serve(records: list[dict]) -> None:
        api.records = records

    yield serve
    api.records = []


def record(model_id: str, **changes) -> dict:
    original = next(r for r in snapshot_records() if r["id"] == model_id)
    return {**copy.deepcopy(original), **changes}


def test_known_id_shows_name_id_prices_facts_and_snippets(app_test) -> None:
    at = app_test(MODEL_PAGE, id="openai/text-embedding-3-small")
    assert not at.exception
    assert at.title[0].value == "OpenAI\\: Text Embedding 3 Small"
    codes = [c.value for c in at.code]
    assert codes[0] == "openai/text-embedding-3-small"
    curl = next(c for c in codes if c.startswith("curl "))
    assert "https://openrouter.ai/api/v1/embeddings" in curl and "$OPENROUTER_API_KEY" in curl
    assert '"model": "openai/text-embedding-3-small"' in curl
    assert any(c.startswith("import os") and 'os.environ["OPENROUTER_API_KEY"]' in c for c in codes)
    assert table(at, "Price")["Input"] == "prompt"
    prices = frame_of(at, "Price")
    assert list(prices["Amount"]) == ["$0.02 / M tokens", "not charged: embeddings return vectors, not tokens"]
    facts = table(at, "Fact")
    assert facts["Embedding dimensions"] == "1,536" and facts["Max input tokens"] == "8,191"
    record = frame_of(at, "Field")
    assert list(record.columns) == ["Field", "Key", "Value"]
    slug = record[record["Field"] == "Canonical slug"].iloc[0]
    assert (slug["Key"], slug["Value"]) == ("canonical_slug", "openai/text-embedding-3-small")
    assert link_buttons(at) == {"OpenRouter page": "https://openrouter.ai/openai/text-embedding-3-small"}
    assert any(c.value == "No planned removal" for c in at.caption)


def test_raw_json_expander_holds_the_record_as_received(app_test) -> None:
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    expander = next(e for e in at.expander if e.label.startswith("Raw JSON"))
    raw = expander.code[0].value
    assert '"hugging_face_id": "BAAI/bge-m3"' in raw and '"links": {' in raw
    assert link_buttons(at)["Hugging Face"] == "https://huggingface.co/BAAI/bge-m3"


def test_variant_links_to_its_base_with_the_price_difference(app_test) -> None:
    at = app_test(MODEL_PAGE, id="openai/text-embedding-3-large:batch")
    assert not at.exception
    label, page, query = page_links(at)[0]
    assert (page, query) == ("model", "id=openai%2Ftext-embedding-3-large")
    assert label == r"openai\/text\-embedding\-3\-large \(base model\)"
    assert r"Base model\: \$0\.13 \/ M tokens, twice the price of this batch variant" in [c.value for c in at.caption]
    assert any("batch variant of" in c.value for c in at.caption)
    assert table(at, "Fact")["Embedding dimensions"] == "3,072"  # the base model's facts


def test_unknown_id_names_the_source_suggests_close_ids_and_offers_a_way_back(app_test) -> None:
    at = app_test(MODEL_PAGE, id="openai/text-embeding-3-smal")
    assert not at.exception
    assert at.error[0].value == "No model ` openai/text-embeding-3-smal ` in the catalog (snapshot, 2026-08-19)."
    links = page_links(at)
    assert links[0][2] == "id=openai%2Ftext-embedding-3-small"
    assert 1 < len(links) - 1 <= 5
    assert links[-1][:2] == ("Back to the catalog", "")
    at.selectbox(key="pick").select("openai/text-embedding-3-small").run()
    assert at.query_params["id"] == "openai/text-embedding-3-small"
    assert at.code[0].value == "openai/text-embedding-3-small"


def test_no_id_offers_a_searchable_picker_that_opens_the_model(app_test) -> None:
    at = app_test(MODEL_PAGE)
    assert not at.exception
    assert at.title[0].value == "Model details"
    at.selectbox(key="pick").select("baai/bge-m3").run()
    assert at.query_params["id"] == "baai/bge-m3"
    assert at.code[0].value == "baai/bge-m3"


@pytest.mark.parametrize(
    ("days", "kind", "words"),
    [(-3, "error", "Expired on"), (10, "warning", "(10 days left)"), (400, "info", "(400 days left)")],
)
def test_expiration_is_a_banner_a_warning_or_a_note(app_test, live, days, kind, words) -> None:
    date = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=days)
    live([record("baai/bge-m3", expiration_date=date.isoformat())])
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    messages = [m.value for m in getattr(at, kind)]
    assert any(words in m and date.isoformat() in m for m in messages), messages


def test_a_far_future_placeholder_reads_as_no_planned_removal(app_test, live) -> None:
    live([record("baai/bge-m3", expiration_date="2098-12-31")])
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    assert any(c.value == "No planned removal" for c in at.caption)
    assert not any("2098" in m.value for m in [*at.warning, *at.info, *at.error, *at.caption])


def test_hostile_description_and_name_stay_plain_text(app_test, live) -> None:
    hostile = "![x](http://127.0.0.1:9/pixel.png) <img src=x onerror=alert(1)> [click](javascript:alert(1))"
    live([record("baai/bge-m3", name="**Bold** [link](http://evil)", description=hostile)])
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    assert not at.exception
    assert at.text[0].value == hostile  # st.text never renders markdown or HTML
    assert at.title[0].value == r"\*\*Bold\*\* ` [link](http://evil) `"  # a would-be link shown as code
    assert all(hostile not in m.value for m in at.markdown)


def test_price_keys_discount_and_overrides_from_a_live_record(app_test, live) -> None:
    pricing = {
        "prompt": "0.0000002",
        "completion": "0",
        "image": "0.00000045",
        "request": "-1",
        "discount": 0.25,
        "overrides": [{"conditions": {"min_prompt_tokens": 100000}, "prompt": "0.0000004"}],
    }
    live([record("google/gemini-embedding-2", pricing=pricing)])
    at = app_test(MODEL_PAGE, id="google/gemini-embedding-2")
    prices = frame_of(at, "Price")
    assert dict(zip(prices["Key"], prices["Amount"], strict=True)) == {
        "prompt": "$0.20 / M tokens",
        "completion": "not charged: embeddings return vectors, not tokens",
        "image": "$0.00000045 / image",
        "request": "variable",
        "discount": "25% off",
    }
    overrides = frame_of(at, "Conditions")
    assert overrides.iloc[0].to_dict() == {"Conditions": "min_prompt_tokens = 100000", "Input": "$0.40 / M tokens"}


def test_an_alias_links_to_the_model_it_routes_to(app_test, live) -> None:
    alias = record(
        "openai/text-embedding-3-small",
        id="openai/text-embedding-latest",
        name="OpenAI: latest",
        alias_target={"slug": "openai/text-embedding-3-small", "name": "OpenAI: Text Embedding 3 Small"},
    )
    live([alias, record("openai/text-embedding-3-small")])
    at = app_test(MODEL_PAGE, id="openai/text-embedding-latest")
    assert not at.exception
    assert any("This is an alias" in i.value and "openai/text-embedding-3-small" in i.value for i in at.info)
    assert page_links(at)[0][1:] == ("model", "id=openai%2Ftext-embedding-3-small")


def test_a_model_without_facts_or_description_says_unknown(app_test, live) -> None:
    live([record("baai/bge-m3", id="someone/brand-new-embed", description="")])
    at = app_test(MODEL_PAGE, id="someone/brand-new-embed")
    assert not at.exception
    facts = table(at, "Fact")
    assert facts.pop("MTEB benchmark") == "—"
    assert set(facts.values()) == {"unknown"}
    assert any("No published facts" in c.value for c in at.caption)
    assert any(c.value == "No description." for c in at.caption)


ENDPOINTS_URL = "https://openrouter.ai/api/v1/models/voyageai/voyage-code-4-20260812/endpoints"


def record_table(at) -> dict[str, str]:
    """The record table as API key -> value."""
    frame = frame_of(at, "Field")
    return dict(zip(frame["Key"], frame["Value"], strict=True))


def test_the_record_links_field_is_a_readable_link_to_the_providers_endpoints(app_test) -> None:
    at = app_test(MODEL_PAGE, id="voyageai/voyage-code-4")
    assert not at.exception
    assert record_table(at)["links"] == f"Per-provider endpoints: {ENDPOINTS_URL}"
    assert f"Links in the record: [Per\\-provider endpoints]({ENDPOINTS_URL})" in [m.value for m in at.markdown]


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "https://evil.example/api/v1/models/baai/bge-m3/endpoints",
        "[click](javascript:alert(1))",
    ],
)
def test_a_links_value_that_is_not_an_openrouter_path_stays_text(app_test, live, target) -> None:
    live([record("baai/bge-m3", links={"details": target, "status": "/api/v1/status"})])
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    assert not at.exception
    assert record_table(at)["links"] == f"Per-provider endpoints: {target}; Status: https://openrouter.ai/api/v1/status"
    markdown = [m.value for m in at.markdown]
    assert "Links in the record: [Status](https://openrouter.ai/api/v1/status)" in markdown
    assert not any(word in m for m in markdown for word in ("javascript", "JavaScript", "data:", "evil.example"))


def test_a_record_whose_only_link_is_unsafe_offers_no_link_at_all(app_test, live) -> None:
    live([record("baai/bge-m3", links={"details": "javascript:alert(1)"})])
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    assert record_table(at)["links"] == "Per-provider endpoints: javascript:alert(1)"
    assert not any(m.value.startswith("Links in the record") for m in at.markdown)


def test_a_path_built_to_break_out_of_the_link_stays_one_openrouter_url(app_test, live) -> None:
    live([record("baai/bge-m3", links={"details": "/x) [y](javascript:alert(1)"})])
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    (line,) = [m.value for m in at.markdown if m.value.startswith("Links in the record")]
    assert line == (
        "Links in the record: [Per\\-provider endpoints]"
        "(https://openrouter.ai/x%29%20%5By%5D%28javascript:alert%281%29)"
    )


def test_published_sizes_without_a_default_are_named_on_the_page(app_test) -> None:
    at = app_test(MODEL_PAGE, id="voyageai/voyage-code-4")
    facts = table(at, "Fact")
    assert facts["Embedding dimensions"] == "default not published; sizes 256, 512, 1024, 2048"


def test_a_free_variants_page_says_it_is_rate_limited_and_not_for_bulk_work(app_test) -> None:
    at = app_test(MODEL_PAGE, id="nvidia/nemotron-3-embed-1b:free")
    assert not at.exception
    (note,) = [i.value for i in at.info if i.value.startswith("Free variant")]
    assert "rate-limited" in note and "not for bulk work" in note
    assert not any(i.value.startswith("Batch variant") for i in at.info)


def test_a_batch_variants_page_says_in_one_line_what_batch_is_for(app_test) -> None:
    at = app_test(MODEL_PAGE, id="openai/text-embedding-3-large:batch")
    (note,) = [i.value for i in at.info if i.value.startswith("Batch variant")]
    assert (
        note
        == "Batch variant: the same model, listed at its own price and meant for bulk work rather than live queries."
    )


def test_a_base_models_page_has_no_variant_note_and_names_its_batch_variant_as_cheaper(app_test) -> None:
    at = app_test(MODEL_PAGE, id="openai/text-embedding-3-large")
    assert not any(i.value.startswith(("Free variant", "Batch variant")) for i in at.info)
    assert r"Batch variant\: \$0\.065 \/ M tokens, 50% cheaper than this model" in [c.value for c in at.caption]


def test_every_record_value_reaches_the_page_whole_in_a_table_that_wraps(app_test) -> None:
    at = app_test(MODEL_PAGE, id="openai/text-embedding-3-small")
    assert not at.exception
    # st.dataframe draws a cell on one line and cuts it at the column's edge; st.table wraps it.
    assert not any("Value" in d.value.columns for d in at.dataframe)
    values = record_table(at)
    original = record("openai/text-embedding-3-small")
    assert values["supported_parameters"] == ", ".join(original["supported_parameters"])
    assert len(values["supported_parameters"]) > 100
    assert values["links"] == (
        "Per-provider endpoints: https://openrouter.ai/api/v1/models/openai/text-embedding-3-small/endpoints"
    )


def test_a_url_in_the_record_table_is_shown_as_code_which_markdown_never_links(app_test, live) -> None:
    live([record("baai/bge-m3", links={"details": "https://evil.example/steal"}, knowledge_cutoff="www.evil.example")])
    at = app_test(MODEL_PAGE, id="baai/bge-m3")
    raw = next(t.value for t in at.table if shown(t.value.columns[0]) == "Field")
    cells = dict(zip(raw.iloc[:, 1].map(shown), raw.iloc[:, 2], strict=True))
    assert cells["links"] == r"Per\-provider endpoints\: ` https://evil.example/steal `"
    assert cells["knowledge_cutoff"] == "` www.evil.example `"


def test_an_image_price_of_a_doubtful_unit_is_flagged_with_both_readings(app_test) -> None:
    at = app_test(MODEL_PAGE, id="google/gemini-embedding-2")
    assert not at.exception
    (doubt,) = [w.value for w in at.warning if "image price" in w.value]
    assert r"\$0\.00000045 \/ image" in doubt and r"\$0\.45 \/ M tokens" in doubt  # no bare $ pair to open math
    assert not [w for w in app_test(MODEL_PAGE, id="openai/text-embedding-3-small").warning if "image" in w.value]


def test_the_header_leads_with_the_figures_a_chooser_reads_first(app_test) -> None:
    at = app_test(MODEL_PAGE, id="perplexity/pplx-embed-v1-0.6b")
    assert not at.exception
    figures = next(m.value for m in at.markdown if m.value.startswith(r"**\$"))
    assert "up to **32,000** tokens per input" in figures  # the context, not the larger published 32,768
    assert "**1,024** dimensions" in figures


def shown_text(markdown: str) -> str:
    """What escaped markdown reads as on screen."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_a_removed_models_page_says_when_it_went_and_keeps_its_price_history(app_test, live) -> None:
    from tests.history_fixtures import history_records

    records = history_records()
    del records["thenlper/gte-base"]  # removed upstream; the seeded history listed it at $0.005 / M
    live(list(records.values()))
    at = app_test(MODEL_PAGE, id="thenlper/gte-base")
    assert not at.exception
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert [shown_text(t.value) for t in at.title] == ["Thenlper: GTE-Base"]
    assert at.code[0].value == "thenlper/gte-base"
    assert [shown_text(w.value) for w in at.warning] == [
        f"Removed from the catalog on {today}; last listed 2026-08-19 00:00 UTC at $0.005 / M input."
    ]
    assert not at.error  # not "Model not found"
    assert next(s.value for s in at.subheader) == "Price history"
    (chart,) = at.get("vega_lite_chart")
    assert json.loads(chart.proto.spec)["description"] == "Input price history"
    changes = next(d.value for d in at.dataframe if list(d.value.columns) == ["Date", "Change"])
    assert list(changes.itertuples(index=False, name=None)) == [(today, "Removed: Thenlper: GTE-Base")]
    assert ("Back to the catalog", "", "") in page_links(at)


def test_a_removed_models_hostile_name_stays_plain_text(app_test, live) -> None:
    import streamlit as st

    from tests.history_fixtures import history_records

    records = history_records()
    records["thenlper/gte-base"]["name"] = "**Gone** [link](http://evil) $1 $2"
    live(list(records.values()))
    assert not app_test().exception  # this catalog is recorded, hostile name and all
    st.cache_data.clear()
    st.cache_resource.clear()
    del records["thenlper/gte-base"]
    live(list(records.values()))
    at = app_test(MODEL_PAGE, id="thenlper/gte-base")
    assert not at.exception
    assert at.title[0].value == r"\*\*Gone\*\* ` [link](http://evil) ` \$1 \$2"
    assert at.warning[0].value.startswith(r"Removed from the catalog on ")
    assert "\\$0\\.005 \\/ M input" in at.warning[0].value  # two $ would open math


def test_an_id_the_history_never_listed_is_still_not_found(app_test, live) -> None:
    from tests.history_fixtures import history_records

    live(list(history_records().values()))
    at = app_test(MODEL_PAGE, id="thenlper/gte-bass")
    assert at.title[0].value == "Model not found" and at.error
    assert not at.get("vega_lite_chart")
