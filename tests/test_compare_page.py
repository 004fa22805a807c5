"""The compare page through AppTest: a full comparison, unknown ids, too few ids, and searching and picking models."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from bench.data_layer import synthetic_records
from explorer.compare_selection import PICKER_LIMIT
from tests.conftest import SIX_COMPARED
from tests.test_model_page import shown

COMPARE_PAGE = "pages/compare.py"


def page_links(at) -> list[tuple[str, str, str]]:
    return [(p.proto.label, p.proto.page, p.proto.query_string) for p in at.get("page_link")]


def compare_table(at) -> pd.DataFrame:
    """The comparison table as it reads on screen (st.table cells are markdown)."""
    frame = at.table[0].value
    return frame.map(shown).rename(index=shown, columns=shown)


def column_ids(at) -> list[str]:
    return compare_table(at).loc["Model id"].tolist()


def test_two_models_side_by_side_with_links_winners_and_workload(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,baai/bge-m3")
    assert not at.exception
    frame = compare_table(at)
    assert list(frame.columns) == ["Text Embedding 3 Small", "bge-m3"]
    assert frame.loc["Model id"].tolist() == ["openai/text-embedding-3-small", "baai/bge-m3"]
    assert frame.loc["Input price"].tolist() == ["$0.02 / M tokens", "$0.01 / M tokens ★ cheapest"]
    assert frame.loc["Cost of 1M × 500 tokens"].tolist() == ["$10.00", "$5.00 ★ cheapest"]
    assert frame.loc["Embedding dimensions"].tolist() == ["1,536", "1,024"]  # neither better
    for field in ("Context length", "Input modalities", "Created", "Expiration", "MTEB score"):
        assert field in frame.index
    assert [link[1:] for link in page_links(at)] == [
        ("model", "id=openai%2Ftext-embedding-3-small"),
        ("model", "id=baai%2Fbge-m3"),
        ("", ""),  # last, the way back to the catalog
    ]
    assert page_links(at)[-1][0] == "Back to the catalog"
    assert not at.warning


def test_unknown_ids_are_named_and_the_rest_still_compared(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="nope/missing,openai/text-embedding-3-small,baai/bge-m3,other/gone")
    assert not at.exception
    assert at.warning[0].value == "Not in the catalog (snapshot, 2026-08-19): ` nope/missing `, ` other/gone `."
    assert column_ids(at) == ["openai/text-embedding-3-small", "baai/bge-m3"]
    assert at.query_params["ids"] == "openai/text-embedding-3-small,baai/bge-m3"  # the address drops what it names


def test_fewer_than_two_valid_ids_says_what_to_do(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="baai/bge-m3,nope/missing")
    assert not at.exception
    assert not at.table
    message = next(i.value for i in at.info if "Comparing needs" in i.value)
    assert message.startswith("Only 1 of the 2 ids given is in the catalog.")
    assert ("Back to the catalog", "", "") in page_links(at)
    assert at.multiselect(key="pick_ids").value == ["baai/bge-m3"]


@pytest.mark.parametrize(
    ("ids", "start"),
    [("baai/bge-m3", "Only one model was given."), ("nope/missing", "The id given is not in the catalog.")],
)
def test_a_single_id_is_named_in_words(app_test, ids: str, start: str) -> None:
    at = app_test(COMPARE_PAGE, ids=ids)
    assert next(i.value for i in at.info if "Comparing needs" in i.value).startswith(start)


def test_no_ids_then_picking_two_models_compares_them(app_test) -> None:
    at = app_test(COMPARE_PAGE)
    assert any(i.value.startswith("No models chosen yet.") for i in at.info)
    at.multiselect(key="pick_ids").select("thenlper/gte-large").select("intfloat/e5-large-v2").run()
    assert not at.exception
    assert at.query_params["ids"] == "thenlper/gte-large,intfloat/e5-large-v2"
    assert column_ids(at) == ["thenlper/gte-large", "intfloat/e5-large-v2"]


def test_more_than_six_ids_compares_six_and_names_the_rest(app_test) -> None:
    ids = [
        "openai/text-embedding-3-small",
        "baai/bge-m3",
        "thenlper/gte-large",
        "thenlper/gte-base",
        "intfloat/e5-large-v2",
        "intfloat/e5-base-v2",
        "qwen/qwen3-embedding-8b",
    ]
    at = app_test(COMPARE_PAGE, ids=",".join(ids))
    assert column_ids(at) == ids[:6]
    assert any("left out: ` qwen/qwen3-embedding-8b `" in w.value for w in at.warning)


def test_changing_the_models_updates_the_link_and_the_table(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,baai/bge-m3")
    at.multiselect(key="pick_ids").unselect("baai/bge-m3").select("thenlper/gte-base").run()
    assert not at.exception
    assert at.query_params["ids"] == "openai/text-embedding-3-small,thenlper/gte-base"
    assert column_ids(at) == ["openai/text-embedding-3-small", "thenlper/gte-base"]


def test_a_search_narrows_the_picker_and_says_how_many_matched(app_test) -> None:
    at = app_test(COMPARE_PAGE)
    assert len(at.multiselect(key="pick_ids").options) == 34
    assert not [c for c in at.caption if "match" in c.value or "Listing" in c.value]  # all listed: nothing to say
    at.text_input(key="pick_ids_search").input("GTE").run()
    assert at.multiselect(key="pick_ids").options == [
        "Thenlper: GTE-Base (thenlper/gte-base)",
        "Thenlper: GTE-Large (thenlper/gte-large)",
    ]
    assert "2 of 34 models match “GTE”." in [c.value for c in at.caption]
    at.text_input(key="pick_ids_search").input("nothing like this").run()
    assert not at.multiselect(key="pick_ids").options
    assert "No model matches “nothing like this”." in [c.value for c in at.caption]


def test_a_pick_survives_a_new_search_and_two_picks_compare(app_test) -> None:
    at = app_test(COMPARE_PAGE)
    at.multiselect(key="pick_ids").select("baai/bge-m3").run()
    at.text_input(key="pick_ids_search").input("e5-large").run()
    picker = at.multiselect(key="pick_ids")
    assert picker.value == ["baai/bge-m3"]
    assert [o.rsplit("(", 1)[1] for o in picker.options] == [
        "baai/bge-m3)",
        "intfloat/e5-large-v2)",
        "intfloat/multilingual-e5-large)",
    ]
    picker.select("intfloat/e5-large-v2").run()
    assert not at.exception
    assert at.query_params["ids"] == "baai/bge-m3,intfloat/e5-large-v2"
    assert column_ids(at) == ["baai/bge-m3", "intfloat/e5-large-v2"]


def test_a_large_catalog_sends_only_the_first_matches_to_the_browser(app_test, api, monkeypatch) -> None:
    size = PICKER_LIMIT + 70
    api.records = synthetic_records(size)
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    at = app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,baai/bge-m3")
    assert len(at.multiselect(key="pick_ids").options) == PICKER_LIMIT + 2
    captions = [c.value for c in at.caption]
    assert f"Listing the first {PICKER_LIMIT} of {size} models; search by name or id to find the others." in captions
    at.text_input(key="pick_ids_search").input("copy1").run()
    matched = sum("copy1" in r["id"] for r in api.records)
    assert f"{matched} of {size} models match “copy1”." in [c.value for c in at.caption]
    picker = at.multiselect(key="pick_ids")
    assert picker.value == ["openai/text-embedding-3-small", "baai/bge-m3"]
    assert len(picker.options) == matched + 2


def test_a_rerun_shows_the_same_table(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,baai/bge-m3")
    first = at.table[0].value
    at.run()
    assert len(at.table) == 1
    assert at.table[0].value.equals(first)


SIX = list(SIX_COMPARED)


def test_six_models_get_short_distinct_headers_and_links_named_alike(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids=",".join(SIX))
    assert not at.exception
    frame = compare_table(at)
    headers = list(frame.columns)
    assert headers[:3] == ["voyage-4", "voyage-4-lite", "voyage-4-large"]
    assert len(set(headers)) == 6 and not any("VoyageAI by MongoDB" in h for h in headers)
    assert [shown(label) for label, _, _ in page_links(at)] == [*headers, "Back to the catalog"]
    assert frame.loc["Name"].tolist()[0] == "VoyageAI by MongoDB: voyage-4"  # the whole name stays in its row
    assert frame.loc["Provider"].tolist()[:3] == ["voyageai"] * 3


def test_long_values_reach_the_page_whole_in_a_table_that_wraps(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="voyageai/voyage-code-4,qwen/qwen3-embedding-8b,nvidia/nemotron-3-embed-1b:free")
    assert not at.exception
    # st.dataframe draws each cell on one line and cuts it at the column's edge; st.table wraps it.
    assert not at.dataframe and len(at.table) == 1
    frame = compare_table(at)
    assert frame.loc["Embedding dimensions"].tolist()[0] == "default not published; sizes 256, 512, 1024, 2048"
    assert frame.loc["MTEB score"].tolist()[1].startswith("70.58 (MTEB(Multilingual) mean (task)")
    assert frame.loc["Licence"].tolist()[2] == "NVIDIA model license (see HF LICENSE file)"
    assert frame.loc["Created"].tolist()[0].endswith(" ago)")


def test_a_free_variant_carries_the_calculators_caveat_and_no_cheapest_mark(app_test) -> None:
    ids = "openai/text-embedding-3-small,nvidia/nemotron-3-embed-1b:free,google/gemini-embedding-2"
    at = app_test(COMPARE_PAGE, ids=ids)
    assert not at.exception
    frame = compare_table(at)
    assert frame.loc["Input price"].tolist() == [
        "$0.02 / M tokens ★ cheapest",
        "free — rate-limited, not for bulk work",
        "$0.20 / M tokens",
    ]
    assert frame.loc["Cost of 1M × 500 tokens"].tolist()[1] == "$0 — free variant: rate-limited, not for bulk work"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("A :free variant is never marked cheapest") for c in captions)
    plain = app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,baai/bge-m3")
    assert not any(":free" in c.value for c in plain.caption)


def test_the_legend_says_sizes_within_five_percent_of_the_largest_are_marked(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="voyageai/voyage-4,qwen/qwen3-embedding-8b,thenlper/gte-large")
    frame = compare_table(at)
    assert frame.loc["Max input tokens"].tolist() == ["32,000 ★ largest", "32,768 ★ largest", "512"]
    legend = next(c.value for c in at.caption if c.value.startswith("Tinted rows differ"))
    assert "the largest and any within 5% of it, and none when every model is" in legend
    assert "providers are never tinted" in legend
    # 8,191 and 8,192 tokens: both within 5% of the largest, so neither is marked; the row is still tinted.
    two = compare_table(app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,baai/bge-m3"))
    assert "★" not in " ".join(two.loc["Max input tokens"].tolist())


HOSTILE = "Evil: **bold** [x](javascript:alert(1)) <b>$x^2$</b> :red[r]"


def live_with_hostile_name(api, monkeypatch, model_id: str) -> None:
    """Serve the catalog live, with one model's name made of markdown, HTML and math."""
    api.records = [{**r, "name": HOSTILE} if r["id"] == model_id else r for r in api.records]
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)


def test_hostile_names_show_literally_in_headers_and_cells(app_test, api, monkeypatch) -> None:
    live_with_hostile_name(api, monkeypatch, "baai/bge-m3")
    at = app_test(COMPARE_PAGE, ids="baai/bge-m3,thenlper/gte-large")
    assert not at.exception
    raw = at.table[0].value
    header = raw.columns[0]
    assert shown(header) == "**bold** [x](javascript:alert(1)) <b>$x^2$</b> :red[r]"
    # Every markdown and HTML character reaches st.table escaped, so none of it is read as markup.
    assert re.search(r"(?<!\\)[*\[\]()<>$:]", header) is None
    assert re.search(r"(?<!\\)[*\[\]()<>$:]", raw.loc["Name"].iloc[0]) is None


def test_a_max_input_beyond_the_context_reads_as_usable_up_to_the_context(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="perplexity/pplx-embed-v1-0.6b,baai/bge-m3,openai/text-embedding-3-small")
    assert not at.exception
    frame = compare_table(at)
    assert frame.loc["Max input tokens"].tolist() == ["32,768 (usable 32,000: the context) ★ largest", "8,192", "8,191"]
    legend = next(c.value for c in at.caption if c.value.startswith("Tinted rows differ"))
    assert "max input (counted up to the context length)" in legend


def test_scores_of_a_shared_benchmark_are_ranked_and_the_note_says_against_which(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="qwen/qwen3-embedding-8b,google/gemini-embedding-001,openai/text-embedding-3-large")
    assert not at.exception
    scores = compare_table(at).loc["MTEB score"].tolist()
    assert scores[0].endswith("★ highest") and not any("★" in s for s in scores[1:])
    notes = [shown(c.value) for c in at.caption if c.value.startswith("MTEB")]
    assert notes == [
        "MTEB scores are ranked only against scores of the same benchmark: Qwen3 Embedding 8B and "
        "Gemini Embedding 001 on MTEB(Multilingual) mean (task). Unranked, as no other model here has its "
        "benchmark: Text Embedding 3 Large on MTEB English avg (OpenAI launch post)."
    ]
    assert not any("none is marked highest" in c.value for c in at.caption)


def test_the_mteb_note_shows_hostile_names_literally(app_test, api, monkeypatch) -> None:
    live_with_hostile_name(api, monkeypatch, "google/gemini-embedding-001")
    at = app_test(COMPARE_PAGE, ids="qwen/qwen3-embedding-8b,google/gemini-embedding-001,openai/text-embedding-3-large")
    assert not at.exception
    note = next(c.value for c in at.caption if "MTEB scores are ranked" in c.value)
    assert "and **bold** [x](javascript:alert(1)) <b>$x^2$</b> :red[r] on MTEB" in shown(note)
    assert re.search(r"(?<!\\)[*\[\]()<>$:]", note) is None


def test_repeated_and_empty_ids_are_not_counted_and_leave_the_link(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="nope/xyz,,openai/text-embedding-3-small,openai/text-embedding-3-small")
    assert not at.exception
    message = next(i.value for i in at.info if "Comparing needs" in i.value)
    assert message.startswith(
        "Only 1 of the 2 different ids given is in the catalog; 1 repeated id and 1 empty entry were ignored."
    )
    assert at.warning[0].value == "Not in the catalog (snapshot, 2026-08-19): ` nope/xyz `."
    assert at.query_params["ids"] == "openai/text-embedding-3-small"  # the unknown id leaves it too, named above


def test_a_comparison_link_keeps_each_id_once(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,,baai/bge-m3,baai/bge-m3,")
    assert not at.exception
    assert column_ids(at) == ["openai/text-embedding-3-small", "baai/bge-m3"]
    assert at.query_params["ids"] == "openai/text-embedding-3-small,baai/bge-m3"
    assert "In the link, 1 repeated id and 2 empty entries were ignored." in [c.value for c in at.caption]
    clean = app_test(COMPARE_PAGE, ids="openai/text-embedding-3-small,baai/bge-m3")
    assert not [c for c in clean.caption if c.value.startswith("In the link")]


def test_a_link_of_only_empty_entries_says_so_and_is_dropped(app_test) -> None:
    at = app_test(COMPARE_PAGE, ids=" , ,")
    assert not at.exception
    message = next(i.value for i in at.info if "Comparing needs" in i.value)
    assert message.startswith("No models chosen yet; 3 empty entries were ignored.")
    assert "ids" not in at.query_params
