"""The cost calculator page through AppTest: figures, what the totals leave out, and why models are not ranked."""

from __future__ import annotations

import json

import pyarrow as pa

from explorer.text import escape_markdown

SMALL = {"docs": "1000", "doc_tokens": "100", "changed": "10", "queries": "100", "query_tokens": "10", "months": "1"}


def live(api, monkeypatch, *extra: dict) -> None:
    """Serve the snapshot plus extra records from the loopback API, as the live source."""
    api.records = [*api.records, *extra]
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)


def record(api, model_id: str, **changes: object) -> dict:
    """A snapshot record under a new id (so no facts row is found for it), with changes."""
    base = next(r for r in api.records if r["id"] == "baai/bge-m3")
    return {**base, "id": model_id, "canonical_slug": model_id, **changes}


def ranking(at):
    return at.dataframe[0]


def excluded_reasons(at) -> dict[str, str]:
    table = next(d for d in at.dataframe if set(d.value.columns) == {"model", "reason"})
    return dict(zip(table.value["model"], table.value["reason"], strict=True))


def money_formats(at) -> dict[str, str]:
    columns = json.loads(ranking(at).proto.columns)
    return {name: columns[name]["type_config"]["format"] for name in ("total", "one_off", "monthly")}


def page_text(at) -> str:
    return " ".join(e.value for e in [*at.success, *at.caption, *at.markdown, *at.subheader])


def test_a_small_workload_shows_the_same_fractions_of_a_cent_in_the_table_as_in_the_headline(app_test) -> None:
    at = app_test("pages/calculator.py", **SMALL)
    assert not at.exception
    (success,) = at.success
    assert "at $0.000408 over 1 month ($0.0004 one-off + $0.000008 a month)" in success.value
    # Cents alone read $0.00 in every cell; each column gets the places its smallest amounts need.
    assert money_formats(at) == {"total": "$%,.6f", "one_off": "$%,.4f", "monthly": "$%,.6f"}
    first = ranking(at).value.iloc[0]
    assert (first["total"], first["one_off"], first["monthly"]) == (0.000408, 0.0004, 0.000008)  # numbers still


def test_the_default_workload_keeps_cents_but_shows_monthly_tenths_of_a_cent(app_test) -> None:
    at = app_test("pages/calculator.py")
    assert money_formats(at) == {"total": "dollar", "one_off": "dollar", "monthly": "$%,.3f"}
    assert 0.225 in set(ranking(at).value["monthly"])  # would read $0.23 at cents
    big = app_test("pages/calculator.py", docs="10000000", changed="0", queries="0", months="1")
    assert set(money_formats(big).values()) == {"dollar"}


def test_a_corpus_smaller_than_its_monthly_changes_gets_a_word_above_the_results(app_test) -> None:
    at = app_test("pages/calculator.py", docs="1000", doc_tokens="9000")  # changes keep their default of 50,000
    assert not at.exception
    (info,) = [i.value for i in at.info if "times the corpus" in i.value]
    assert info.startswith("50,000 new or changed documents a month is 50 times the corpus of 1,000 documents")
    assert not [i for i in app_test("pages/calculator.py").info if "times the corpus" in i.value]


def test_the_index_columns_hold_their_texts_and_say_why_reduced_sizes_start_at_256(app_test) -> None:
    at = app_test("pages/calculator.py")
    columns = json.loads(ranking(at).proto.columns)
    index = dict(zip(ranking(at).value["link"], ranking(at).value["index"], strict=True))
    widest = max(len(text) for text in index.values())
    assert widest == len("no default size published") and columns["index"]["width"] >= 190  # 7 px a character
    assert "at least 256, or the Min dimensions constraint when higher" in columns["reduced"]["help"]


def test_a_horizon_of_one_month_is_said_in_the_singular_everywhere(app_test) -> None:
    at = app_test("pages/calculator.py", docs="1", changed="1", queries="1", months="1")
    assert not at.exception
    text = page_text(at)
    assert "over 1 month (" in text and "for 1 month." in text
    assert "1 document × 500 tokens" in text and "then 500 update tokens and 20 query tokens a month" in text
    assert " 1 months" not in text and " 1 documents" not in text
    assert "over 12 months (" in page_text(app_test("pages/calculator.py"))


def test_a_per_request_fee_is_named_under_the_table_as_left_out_of_the_totals(app_test, api, monkeypatch) -> None:
    pricing = {"prompt": "0.000000001", "completion": "0", "request": "0.001"}
    fee = record(api, "someone/fee-embed", name="Fee *Embed* [x](http://evil.example)", pricing=pricing)
    live(api, monkeypatch, fee)
    at = app_test("pages/calculator.py")
    assert not at.exception
    (success,) = at.success
    assert "Fee \\*Embed\\*" in success.value  # the cheapest, by the input price alone
    assert "Some prices are not in this total; they are named under the table." in success.value
    note = next(c.value for c in at.caption if "before any discount" in c.value)
    assert note.startswith("Totals count input tokens only, at the listed input prices, before any discount.")
    assert "Gemini" not in note  # a text workload runs up no image charges
    # API text stays inert: markdown escaped, the would-be link set as code.
    assert "**Fee \\*Embed\\* ` [x](http://evil.example) `** (Per request \\$0\\.001 \\/ request)" in note
    table = ranking(at)
    assert "uncounted" in table.proto.column_order
    by_id = dict(zip(table.value["link"].str.split("#").str[0], table.value["uncounted"], strict=True))
    assert by_id["model?id=someone%2Ffee-embed"] == "Per request $0.001 / request"


def test_image_prices_are_named_when_image_models_are_ranked_at_text_prices(app_test) -> None:
    at = app_test("pages/calculator.py", input="image")
    note = next(c.value for c in at.caption if "before any discount" in c.value)
    assert (
        "**Google\\: Gemini Embedding 2** (Image \\$0\\.00000045 \\/ image \\(unit doubtful\\: see the model's page\\))"
        in note
    )
    plain = app_test("pages/calculator.py", providers="openai")
    note = next(c.value for c in plain.caption if "before any discount" in c.value)
    assert note == "Totals count input tokens only, at the listed input prices, before any discount."
    assert "uncounted" not in ranking(plain).proto.column_order  # nothing left out: no empty column


def test_a_model_of_unknown_context_is_excluded_from_a_whole_document_ranking(app_test, api, monkeypatch) -> None:
    live(api, monkeypatch, record(api, "someone/no-context", name="No Context", context_length=None))
    at = app_test("pages/calculator.py")
    assert not at.exception
    assert "context length unknown" in excluded_reasons(at)["someone/no-context"]
    assert not ranking(at).value["link"].str.contains("no-context").any()
    anyway = app_test("pages/calculator.py", fit_context="false")
    assert ranking(anyway).value["link"].str.contains("someone%2Fno-context#").any()


def test_batch_rows_whose_base_is_excluded_say_why_not_that_they_are_counted(app_test) -> None:
    batches = ("openai/text-embedding-3-large:batch", "openai/text-embedding-ada-002:batch")
    google = excluded_reasons(app_test("pages/calculator.py", providers="google"))
    assert [google[b] for b in batches] == ["provider not selected"] * 2
    long = excluded_reasons(app_test("pages/calculator.py", doc_tokens="9000"))
    assert [long[b] for b in batches] == ["context 8,192 tokens < 9,000 tokens per document"] * 2
    default = excluded_reasons(app_test("pages/calculator.py"))
    assert [default[b] for b in batches] == ["counted through its base model"] * 2


def test_a_model_without_facts_has_an_unknown_index_size(app_test, api, monkeypatch) -> None:
    live(api, monkeypatch, record(api, "someone/brand-new-embed", name="Brand New"))
    frame = ranking(app_test("pages/calculator.py")).value
    index = dict(zip(frame["link"].str.split("#").str[0], frame["index"], strict=True))
    assert index["model?id=someone%2Fbrand-new-embed"] == "unknown"
    assert index["model?id=voyageai%2Fvoyage-code-4"] == "no default size published"  # facts, no default


def test_the_cost_chart_of_a_small_workload_reads_in_fractions_of_a_cent(app_test) -> None:
    at = app_test("pages/calculator.py", **SMALL)
    (chart,) = [c for c in at.get("vega_lite_chart") if "Cumulative cost" in c.proto.spec]
    spec = json.loads(chart.proto.spec)
    assert spec["encoding"]["y"]["axis"]["format"] == "$,.3~r"  # $0.0004, not $0.00 on every tick
    rows = [row for dataset in chart.proto.datasets for row in _rows(dataset)]
    assert "$0.000408" in {row["cost"] for row in rows}  # the tooltip's amount, as the headline gives it


def _rows(dataset) -> list[dict]:
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()


def test_the_chart_title_says_when_tied_models_share_a_line(app_test) -> None:
    at = app_test("pages/calculator.py", docs="10000000")
    (title,) = [s.value for s in at.subheader if s.value.startswith("Cumulative cost")]
    lines = {
        row["model"]
        for dataset in next(c for c in at.get("vega_lite_chart") if "Cumulative cost" in c.proto.spec).proto.datasets
        for row in _rows(dataset)
    }
    assert len(lines) < 5  # the bundled catalog's cheapest five include a tie
    assert title == f"Cumulative cost, cheapest 5 models ({len(lines)} lines: equal costs share one)"


def test_a_link_value_out_of_an_inputs_range_is_dropped_and_named_like_a_negative_one(app_test) -> None:
    from explorer.workload import Workload

    for docs in ("99999999999999", "-5"):
        at = app_test("pages/calculator.py", docs=docs, months="121")
        assert not at.exception and not at.error  # the page still prices the scenario
        assert at.number_input(key="docs").value == Workload().documents and at.number_input(key="months").value == 12
        warnings = [w.value.replace("\\", "") for w in at.warning]
        assert [w.split(" was ignored")[0] for w in warnings] == [f"The link's docs={docs}", "The link's months=121"]
        assert "docs" not in at.query_params and "months" not in at.query_params


def test_a_links_unknown_providers_are_named_and_the_known_ones_kept(app_test) -> None:
    at = app_test("pages/calculator.py", providers=["openai", "zzz"])
    assert at.multiselect(key="providers").value == ["openai"]
    assert set(ranking(at).value["provider"]) == {"openai"}
    assert [w.value for w in at.warning] == [
        escape_markdown("The link's providers=zzz matches no provider in the catalog, so it was ignored.")
    ]
    at.run()  # the menu has dropped it from the URL: said once
    assert at.query_params["providers"] == "openai" and not at.warning  # "zzz" left the URL


def test_the_catalogs_provider_parameter_chooses_the_providers_here_too(app_test) -> None:
    # A catalog or pricing link pointed at the calculator: provider= is their name for what is providers= here.
    at = app_test("pages/calculator.py", provider=["openai", "nope"])
    assert at.multiselect(key="providers").value == ["openai"]
    assert set(ranking(at).value["provider"]) == {"openai"}
    assert "Cheapest: **OpenAI\\: Text Embedding 3 Small**" in page_text(at)
    assert [w.value for w in at.warning] == [
        escape_markdown("The link's provider=nope matches no provider in the catalog, so it was ignored.")
    ]
    assert "provider" not in at.query_params and "providers" in at.query_params  # the link now says it as here


def test_the_calculators_own_providers_parameter_wins_over_the_catalogs(app_test) -> None:
    at = app_test("pages/calculator.py", provider="openai", providers="baai")
    assert at.multiselect(key="providers").value == ["baai"]
    assert set(ranking(at).value["provider"]) == {"baai"}
    assert [w.value for w in at.warning] == [
        escape_markdown("The link's provider= was ignored: it also sets providers=, the calculator's own.")
    ]
