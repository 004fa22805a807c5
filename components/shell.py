"""Every page starts here: page config, navigation, access gate, and the data-source banner."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import threading
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import links
from components.config import auth_secrets, get_settings
from components.loader import (
    CatalogView,
    live_refresher,
    load_catalog,
    poll_live,
    refresh_catalog,
    with_current_timing,
)
from explorer import refresh
from explorer.access import auth_config_problems
from explorer.catalog import Catalog
from explorer.dates import age_text
from explorer.freshness import clock_text, due_at, failure_timing_text
from explorer.memory import freeze_long_lived
from explorer.schema import SkippedRecord
from explorer.snapshot import SNAPSHOT_DATE
from explorer.text import escape_markdown

APP_TITLE = "Embeddings Explorer"

# (script, title, url path); the first is the default page at "/".
# Navigation shows titles only, and the tab icon is an emoji: Streamlit turns a page's ":material/…:" icon
# into a favicon fetched from fonts.gstatic.com, a request to Google on every visit (and a broken icon offline).
PAGE_SPECS: list[tuple[str, str, str]] = [
    (links.SCRIPTS[links.CATALOG_PATH], "Catalog", links.CATALOG_PATH),
    (links.SCRIPTS[links.MODEL_PATH], "Model details", links.MODEL_PATH),
    (links.SCRIPTS[links.COMPARE_PATH], "Compare", links.COMPARE_PATH),
    (links.SCRIPTS[links.PRICING_PATH], "Pricing", links.PRICING_PATH),
    (links.SCRIPTS[links.CALCULATOR_PATH], "Cost calculator", links.CALCULATOR_PATH),
    (links.SCRIPTS[links.CHANGES_PATH], "Changes", links.CHANGES_PATH),
    (links.SCRIPTS[links.STATUS_PATH], "Status", links.STATUS_PATH),
]

_run = threading.local()


@functools.cache
def _page_templates() -> tuple[st.Page, ...]:  # type: ignore[valid-type]
    """The pages, built once per process: st.Page resolves its script path on disk (about 9 ms for seven)."""
    return tuple(
        st.Page(script, title=title, url_path=path or None, default=(i == 0))
        for i, (script, title, path) in enumerate(PAGE_SPECS)
    )


def navigation() -> st.navigation:  # type: ignore[valid-type]
    """Register the pages; the entrypoint marks the run so pages know navigation already happened."""
    # st.navigation marks the page it returns as runnable and running it clears the mark, so each
    # run gets its own shallow copies: sessions never share that flag.
    return st.navigation([copy.copy(page) for page in _page_templates()], position="top")


def run_app() -> None:
    """Entrypoint body: run the requested page inside the navigation."""
    _run.via_entrypoint = True
    try:
        navigation().run()
    finally:
        _run.via_entrypoint = False


def page_shell(title: str) -> CatalogView:
    """Call first on every page. Returns the catalog the page should show."""
    if not getattr(_run, "via_entrypoint", False):
        # A fresh server hit on a deep link runs a pages/ script directly (Streamlit's legacy
        # multipage mode), skipping the entrypoint. Register the real navigation, which turns
        # that mode off for the server, and rerun so this request goes through the entrypoint.
        navigation()
        st.rerun()
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon="🧭", layout="wide")
    _arrive(title)
    signed_in = access_gate()
    # The banner's alerts come first, and a page that waits for a fetch shows its spinner among them: an error
    # that follows takes the spinner's place rather than pushing the page down a second time.
    alerts = st.container(key="alerts")
    with alerts:
        view = load_catalog()
    freeze_long_lived()  # once per process, now that the catalog is held
    source_banner(view, alerts, signed_in=signed_in)
    return view


_PAGE_KEY = "_page_shown"  # the title of the page the session's last run showed
_ARRIVAL_KEY = "_arrival"  # how this run's page was entered: see Arrival
_PATH_OF = {title: path for _, title, path in PAGE_SPECS}


@dataclasses.dataclass(frozen=True)
class Arrival:
    """How this run's page was entered."""

    from_another_page: bool = True  # its first run after another page (or the session's first run)
    history: bool = False  # by the browser's Back or Forward, where the address decides the page's state

    @property
    def entered(self) -> bool:
        """The page was just entered (from another page, a link, Back or Forward): its address says what it shows."""
        return self.from_another_page or self.history


_RESTORED_KEY = "_address_restored"  # the page whose Back or Forward run restored its address and ran again


def dropped_params(query_string: str, kept: Iterable[str]) -> dict[str, list[str]]:
    """All the address's parameters when Streamlit kept only some of them; {} when it kept them all."""
    sent = parse_qs(query_string, keep_blank_values=True)
    return sent if set(sent) - set(kept) else {}


def _arrive(title: str) -> None:
    """Note how this run's page was entered, and drop the parameters only other pages read."""
    from_another_page = st.session_state.get(_PAGE_KEY) != title
    st.session_state[_PAGE_KEY] = title
    ctx = get_script_run_ctx()
    history = bool(ctx and ctx.is_history_navigation)
    if st.session_state.pop(_RESTORED_KEY, None) == title:
        from_another_page, history = True, True  # the same arrival, now with its whole address
    elif history and from_another_page and ctx and (sent := dropped_params(ctx.query_string, st.query_params)):
        # Entering a page, Streamlit drops the parameters the page left had bound to its widgets, though Back
        # or Forward landed on an entry of this page that holds them (the filters, named alike on the catalog
        # and Pricing): the page would show itself unfiltered at an address that says otherwise. Its widgets
        # take their first values from the address as the run found it, so the address is put back whole
        # and the page runs again, as the same arrival.
        st.query_params.from_dict(sent)
        st.session_state[_RESTORED_KEY] = title
        st.rerun()
    path = _PATH_OF.get(title)
    foreign = [
        name for other, names in links.PAGE_PARAMS.items() if other != path for name in names if name in st.query_params
    ]
    for name in foreign:
        del st.query_params[name]
    st.session_state[_ARRIVAL_KEY] = Arrival(from_another_page, history)


def arrival() -> Arrival:
    return st.session_state.get(_ARRIVAL_KEY) or Arrival()


def follow_address(key: str, value: object) -> None:
    """Before a keyed widget whose value its page writes to the address: start it at the address's `value`, and
    put it back there on Back or Forward, where its kept value would write itself back over the address."""
    if key not in st.session_state or arrival().history:
        st.session_state[key] = value


def access_gate() -> str | None:
    """Stop the page, showing no model data, unless the visitor may see the app; the signed-in email, if any."""
    policy = get_settings().access
    if policy.is_open:
        return None
    problems = auth_config_problems(auth_secrets())
    if problems:
        st.title("Sign-in required, but not configured")
        st.error(
            "This server only admits listed team members (EXPLORER_ALLOWED_EMAILS / EXPLORER_ALLOWED_DOMAINS), "
            "but sign-in is not configured, so nobody can be admitted. The operator must fill the [auth] "
            "section of .streamlit/secrets.toml: " + "; ".join(problems) + ".",
            icon=":material/lock:",
        )
        st.stop()
    if st.user.get("is_logged_in") is not True:
        st.title("Sign in to Embeddings Explorer")
        st.info("This instance is open to its team only. Sign in with your work account.", icon=":material/lock:")
        if st.button("Sign in", type="primary", icon=":material/login:"):
            st.login()
        link = _current_link()
        if link:
            # Streamlit's sign-in always returns to the app's root, so the deep link cannot ride through it.
            st.caption("After signing in you land on the catalog. To come back to this view, open this link again:")
            st.code(link, language=None)
        st.stop()
    email = st.user.get("email")
    if not policy.allows(email, st.user.get("email_verified")):
        st.title("No access")
        st.error(
            f"You are signed in as {escape_markdown(str(email or 'an account without an email'), 200)}, "
            "which is not on this server's allow-list. Ask the operator to add you, or sign in with another account.",
            icon=":material/block:",
        )
        if st.button("Sign out", icon=":material/logout:"):
            st.logout()
        st.stop()
    return str(email)


def _current_link() -> str | None:
    """The full link of the current page and its query, when it is more than the app's root."""
    url = st.context.url or ""
    query = urlencode(st.query_params.to_dict(), quote_via=quote)
    if not query and not urlsplit(url).path.strip("/"):
        return None
    return url + (f"?{query}" if query else "")


def source_banner(
    view: CatalogView,
    alerts: st.delta_generator.DeltaGenerator,
    now: dt.datetime | None = None,
    signed_in: str | None = None,
) -> None:
    """Where the data comes from, how old it is, and what went wrong if it is not fresh.

    The status line holds Refresh (live data) and the signed-in account, so pages need no sidebar:
    the table gets the whole width, and a first visit draws one panel fewer.
    """
    now = now or dt.datetime.now(dt.UTC)
    catalog = view.catalog
    # One place for the errors (`alerts`, drawn by page_shell before the fetch), whether or not there are any:
    # an error that appears on a rerun (the page redrawing itself after a failed background fetch) then moves
    # nothing below it, and the search box keeps text typed into it but not yet sent. Placed before it, the
    # banner shifted every widget, which the browser then drew afresh, empty.
    for problem in view.settings.problems:
        alerts.error(f"Setting ignored: {escape_markdown(problem)}", icon=":material/settings:")
    failure = alerts.empty() if view.error is not None else None
    # A live page's minute-by-minute check draws its failure and age line, so a tab left open keeps their
    # times current; while a fetch runs, the page redraws itself when it ends.
    watched = view.settings.live and not view.refreshing
    if failure is not None and not watched:
        failure_alert(failure, view, now)
    status = st.container(horizontal=True, vertical_alignment="center", key="source_status")
    if catalog.source == "snapshot":
        # With a key set, the way to live data is the error above, not the key: the server has no live list yet.
        why = (
            "no live list has loaded on this server yet"
            if view.settings.live
            else "set OPENROUTER_API_KEY for live data"
        )
        status.info(
            # The age, not only the date: people price from these pages, and a snapshot only gets older.
            f"Snapshot of {SNAPSHOT_DATE.isoformat()} ({age_text(catalog.as_of, now)}) — {why}",
            icon=":material/inventory_2:",
        )
    elif watched:
        with status:
            watch_open_page(view.revision, view, failure, age=True)
    else:
        age_line(status, catalog, failed=view.error is not None, now=now)
    if view.settings.live:
        refresh_button(status, view, now)
    if view.refreshing:
        with status:
            newer_list_watch()
    elif watched and catalog.source == "snapshot":
        with status:
            watch_open_page(view.revision, view, failure, age=False)
    if signed_in is not None:
        status.caption(f"Signed in as {escape_markdown(signed_in, 200)}", width="content")
        if status.button("Sign out", icon=":material/logout:", key="shell_sign_out"):
            st.logout()
    if catalog.skipped:
        with st.expander(f"{len(catalog.skipped)} record(s) in the upstream list were skipped as unreadable"):
            record_list(catalog.skipped)
    if catalog.repaired:
        with st.expander(
            f"{len(catalog.repaired)} model(s) are listed without fields that did not validate",
            icon=":material/warning:",
        ):
            st.caption("Each model is shown without the fields named; its record page keeps the record as sent.")
            record_list(catalog.repaired)


def failure_text(view: CatalogView, now: dt.datetime) -> str:
    """The error's sentences, then when it happened and when the next try is (unescaped)."""
    assert view.error is not None
    if view.failed_at is None:
        return view.error.summary
    error = view.error
    timing = failure_timing_text(view.failed_at, now, view.cooling_down_for, view.upstream_pause_for, error.sooner)
    # The timing says when the next automatic try is (or that it is due): the error's own "try Refresh later" would
    # be a second, vaguer instruction, and one that came and went as the countdown ran out.
    return f"{error.summary_while_retrying} {timing}"


def refresh_button(container: st.delta_generator.DeltaGenerator, view: CatalogView, now: dt.datetime) -> None:
    """Refresh; while OpenRouter's Retry-After pause runs it says when the next try is, and a click only redraws."""
    if view.upstream_pause_for > 0:
        # Left clickable: a click reruns the page and so redraws the alert's countdown.
        ends = due_at(now, view.upstream_pause_for)
        # A time, not a countdown: the page's minute-by-minute check redraws the alert, not this button.
        label = f"Next try at {clock_text(ends, now)}"
        help_text = f"OpenRouter asked for a pause until {clock_text(ends, now)}; until then this only redraws the page"
    else:
        label = "Refresh"
        help_text = f"Fetch the list again now (the server asks at most once every {refresh.MIN_REFRESH_GAP:g} s)"
    container.button(
        label,
        icon=":material/refresh:",
        help=help_text,
        on_click=refresh_catalog,
        kwargs={"wait": True},  # the one who asked waits for the answer; other visitors keep the list they have
        key="refresh",
    )


OPEN_PAGE_POLL = 60  # seconds between an open live page's checks for a newer list
# While the page shows a failure: its alert names the time of the next automatic try, which a check once a
# minute would start up to a minute late (tries start on page runs and these checks, 30 s apart at first).
FAILING_PAGE_POLL = 10


def age_line(place: st.delta_generator.DeltaGenerator, catalog: Catalog, failed: bool, now: dt.datetime) -> None:
    """The live list's size, fetch time and age; a warning when it is the last good list kept after a failure."""
    fetched = f"{len(catalog):,} models fetched {catalog.as_of:%Y-%m-%d %H:%M} UTC ({age_text(catalog.as_of, now)})"
    if failed:
        place.warning(f"Showing the last good live data, {fetched}.", icon=":material/history:")
    else:
        place.caption(f"Live from OpenRouter · {fetched}", width="content")


def watch_open_page(
    drawn: tuple[object, ...],
    view: CatalogView,
    failure: st.delta_generator.DeltaGenerator | None,
    age: bool,
) -> None:
    """A live page left open: its check once a minute, or every FAILING_PAGE_POLL seconds while it shows a failure."""
    watch = failing_page_watch if view.error is not None else open_page_watch
    watch(drawn, view, failure, age)


def _watch(
    drawn: tuple[object, ...],
    view: CatalogView,
    failure: st.delta_generator.DeltaGenerator | None,
    age: bool,
) -> None:
    """Let a due fetch start, and redraw the page once the list it shows or the last fetch's outcome has changed;
    otherwise redraw, as of now, the view's failure (into `failure`, the slot the page placed above for it) and,
    with age=True, the list's age line."""
    if poll_live() != drawn:
        st.rerun()
    now = dt.datetime.now(dt.UTC)
    if failure is not None:
        failure_alert(failure, with_current_timing(view), now)
    if age:
        age_line(st, view.catalog, failed=view.error is not None, now=now)


def _page_watch(name: str, seconds: float):
    """The check as a fragment that reruns every `seconds`; each interval its own function, so its own fragment."""

    def watch(
        drawn: tuple[object, ...],
        view: CatalogView,
        failure: st.delta_generator.DeltaGenerator | None,
        age: bool,
    ) -> None:
        _watch(drawn, view, failure, age)

    watch.__name__ = watch.__qualname__ = name  # Streamlit tells fragments apart by their qualified names
    return st.fragment(run_every=seconds)(watch)


open_page_watch = _page_watch("open_page_watch", OPEN_PAGE_POLL)
failing_page_watch = _page_watch("failing_page_watch", FAILING_PAGE_POLL)


def failure_alert(place: st.delta_generator.DeltaGenerator, view: CatalogView, now: dt.datetime) -> None:
    place.error(escape_markdown(failure_text(view, now)), icon=":material/cloud_off:")


@st.fragment(run_every=1)
def newer_list_watch() -> None:
    """While a fetch runs that the page did not wait for: say so, and redraw the whole page once it ends."""
    if not live_refresher().running:
        st.rerun()
    st.caption(":material/sync: Checking OpenRouter for a newer list…", width="content")


def record_list(records: Sequence[SkippedRecord]) -> None:
    """Up to 50 records as '- id: why', escaped; how many more there are."""
    for record in records[:50]:
        label = escape_markdown(record.model_id or f"record #{record.index}", 120)
        st.markdown(f"- {label}: {escape_markdown(record.reason, 300)}")
    if len(records) > 50:
        st.caption(f"and {len(records) - 50:,} more")


def link_warnings(problems: list[str]) -> None:
    """One warning per value of the opened link that a page could not take; the values are URL text, escaped."""
    for problem in problems:
        st.warning(escape_markdown(problem[0].upper() + problem[1:] + "."), icon=":material/link_off:")
