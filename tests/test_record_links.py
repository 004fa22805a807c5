"""The record's `links` object without Streamlit: readable labels, openrouter.ai URLs, hostile values kept as text."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from explorer.record_links import RecordLink, link_label, links_text, openrouter_url, record_links

ENDPOINTS = "/api/v1/models/voyageai/voyage-code-4-20260812/endpoints"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (ENDPOINTS, "https://openrouter.ai" + ENDPOINTS),
        ("  /api/v1/models/a/b/endpoints\n", "https://openrouter.ai/api/v1/models/a/b/endpoints"),
        ("https://openrouter.ai/api/v1/models/a/b/endpoints", "https://openrouter.ai/api/v1/models/a/b/endpoints"),
        ("HTTPS://OpenRouter.ai/docs", "https://openrouter.ai/docs"),
        ("/a b(c)[d]<e>", "https://openrouter.ai/a%20b%28c%29%5Bd%5D%3Ce%3E"),
        ("/\\evil.example/x", "https://openrouter.ai/%5Cevil.example/x"),
        ("/models?q=a&order=new#top", "https://openrouter.ai/models?q=a&order=new#top"),
        ("/caf\u00e9", "https://openrouter.ai/caf%C3%A9"),
    ],
)
def test_a_site_path_or_openrouter_url_becomes_an_absolute_openrouter_url(value: str, expected: str) -> None:
    assert openrouter_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://evil.example/api/v1/models",
        "http://openrouter.ai/api/v1/models",
        "https://openrouter.ai.evil.example/x",
        "https://openrouter.ai@evil.example/x",
        "https://openrouter.ai:8443/x",
        "https://openrouter.ai",
        "openrouter.ai/api/v1/models",
        "api/v1/models/a/b/endpoints",
        "",
        "   ",
        "/" + "a" * 2000,
        None,
        42,
        ["/api/v1/models"],
        {"href": "/api/v1/models"},
    ],
)
def test_anything_but_a_site_path_or_openrouter_url_is_not_a_link_target(value: object) -> None:
    assert openrouter_url(value) is None


@pytest.mark.parametrize(
    "value", ["//evil.example/x", "/\\\\evil.example", "/\t/evil.example", "/%2F%2Fevil.example", "/@evil.example"]
)
def test_every_link_target_stays_on_openrouter_ai_as_one_inert_token(value: str) -> None:
    url = openrouter_url(value)
    assert url is not None
    assert urlsplit(url).hostname == "openrouter.ai"
    # A browser would read "\" as "/", and a space or bracket would end a markdown link target early.
    assert not set(url) & set(' \t\n\\()[]<>"`')


@pytest.mark.parametrize(
    ("key", "label"),
    [("details", "Per-provider endpoints"), ("provider_status", "Provider status"), ("self", "Self"), ("_", "_")],
)
def test_link_keys_get_a_readable_label(key: str, label: str) -> None:
    assert link_label(key) == label


def test_each_entry_is_named_and_only_safe_ones_carry_a_url() -> None:
    entries = record_links(
        {
            "details": ENDPOINTS,
            "docs": "javascript:alert(1)",
            "mirror": "https://evil.example/x",
            "count": 3,
            "gone": None,
        }
    )
    assert entries == [
        RecordLink(
            "details",
            "Per-provider endpoints",
            "https://openrouter.ai" + ENDPOINTS,
            "https://openrouter.ai" + ENDPOINTS,
        ),
        RecordLink("docs", "Docs", "javascript:alert(1)", None),
        RecordLink("mirror", "Mirror", "https://evil.example/x", None),
        RecordLink("count", "Count", "3", None),
        RecordLink("gone", "Gone", "none", None),
    ]


def test_a_value_shown_as_text_has_its_invisible_characters_removed() -> None:
    (entry,) = record_links({"docs": "java\u200bscript:\u202ealert(1)"})
    assert (entry.text, entry.url) == ("javascript:alert(1)", None)


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ({"details": ENDPOINTS}, "Per-provider endpoints: https://openrouter.ai" + ENDPOINTS),
        (
            {"details": ENDPOINTS, "docs": "javascript:alert(1)"},
            "Per-provider endpoints: https://openrouter.ai" + ENDPOINTS + "; Docs: javascript:alert(1)",
        ),
        ({}, "none"),
        (None, None),
        ("/api/v1/models", None),
    ],
)
def test_links_read_as_one_labelled_line_not_as_a_dict(links: object, expected: str | None) -> None:
    assert links_text(links) == expected
