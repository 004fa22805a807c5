"""Real Chromium: the key never reaches the browser or the log, and hostile text from the API stays inert."""

from __future__ import annotations

import copy
import time
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from explorer.refresh import MIN_REFRESH_GAP
from tests.fake_openrouter import FakeOpenRouter, Reply, snapshot_records

pytestmark = pytest.mark.browser

CANARY = "sk-or-v1-canary-7f3e-9d2c-1b0a-9988"


def hostile_record(api: FakeOpenRouter) -> dict:
    record = copy.deepcopy(snapshot_records()[0])
    pixel = f"http://127.0.0.1:{api.port}/pixel"
    record.update(
        id="evil/<script>alert(1)</script>",
        name=f':material/warning: Evil <img src="{pixel}-name.png" onerror="alert(2)"> \u202eNAME http://evil.example/phish',
        description=(
            f"![tracker]({pixel}-md.png) [click me](javascript:alert(3)) <script>alert(4)</script>"
            f"<iframe src='{pixel}-frame.html'></iframe> $x^2$ :red[alarm] www.evil.example bob@evil.example "
            + "\u200b" * 50
            + "A" * 5000
        ),
        hugging_face_id=f'"><img src="{pixel}-hf.png">',
    )
    return record


def test_key_and_hostile_text_stay_where_they_belong(streamlit_server, page, api: FakeOpenRouter) -> None:
    hostile = hostile_record(api)
    hostile_id = hostile["id"]
    api.records = [*snapshot_records(), hostile]
    dialogs: list[str] = []
    frames: list[bytes] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname or r.url.split(":", 1)[0]))
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda f: frames.append(f if isinstance(f, bytes) else f.encode())),
    )
    server = streamlit_server(OPENROUTER_API_KEY=CANARY, OPENROUTER_BASE_URL=api.base_url)
    try:
        page.goto(server.url + "/model?id=" + quote(hostile_id, safe=""))
        page.get_by_role("heading", name="Pricing").wait_for()
        first_fetch = time.monotonic()  # drawn, so the server's first fetch had begun by now
        inert = "iframe[src*='pixel'], img[src*='pixel'], a[href^='javascript'], a[href*='evil.example']"
        assert page.locator(inert).count() == 0
        page.get_by_text("http://evil.example/phish").first.wait_for()  # shown as text, not a link
        # The name's ":material/warning:" is text too, not an icon (whose ligature would read "warning").
        assert page.get_by_role("heading", level=1).first.inner_text().startswith(":material/warning: Evil")
        page.goto(server.url + "/compare?ids=" + quote(f"{hostile_id},baai/bge-m3", safe=""))
        page.get_by_text("bge").first.wait_for()
        assert page.locator(inert).count() == 0
        page.goto(server.url + "/pricing?q=evil")
        expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(4, timeout=20_000)
        page.goto(server.url + "/?q=evil")
        page.get_by_text("1 of 35 models").wait_for()
        # An upstream error that echoes the key must not echo it to the page.
        api.always = Reply(401, {"error": {"code": 401, "message": f"Key {CANARY} is disabled"}})
        # Refresh starts a fetch only when the last one began over MIN_REFRESH_GAP ago.
        page.wait_for_timeout(max(0.0, MIN_REFRESH_GAP + 0.5 - (time.monotonic() - first_fetch)) * 1000)
        page.get_by_role("button", name="Refresh").click()
        page.get_by_text("rejected the API key").wait_for()
        html = page.content()
    finally:
        api.records = snapshot_records()
    assert CANARY not in html
    assert "redacted" in html
    assert not any(CANARY.encode() in frame for frame in frames)
    assert CANARY not in server.log()
    assert dialogs == []
    fetched = [r.path for r in api.requests if r.path.startswith("/pixel")]
    assert fetched == []
    # Nothing a visit loads comes from elsewhere (Streamlit fetches ":material/…:" page icons from Google).
    assert hosts <= {"127.0.0.1", "data", "blob"}, hosts
    # The page still shows the last good live data, including the hostile row as inert text.
    assert "1 of 35 models" in page.inner_text("body")
