"""HTTP only: GET {base}/embeddings/models, following pages, mapping every failure to a typed error."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ReadTimeoutError
from urllib3.util.retry import Retry

from explorer import APP_NAME, __version__
from explorer.errors import (
    BadResponse,
    CatalogUnavailable,
    IncompleteCatalog,
    Unreachable,
    UpstreamDown,
    UpstreamTimeout,
    error_for_status,
    redact,
    shorten,
)

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
ENDPOINT = "embeddings/models"
USER_AGENT = f"{APP_NAME}/{__version__} (+python-requests)"
CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 10.0  # seconds one attempt waits for an answer under the default budget, leaving room for a retry


def read_timeout(budget: float) -> float:
    """How long one attempt waits for an answer: half the budget past 20 s, so a larger budget lets a slower
    upstream answer (a fixed 10 s made "raise EXPLORER_FETCH_TIMEOUT" useless advice), and still allows a retry."""
    return max(READ_TIMEOUT, budget / 2)


MAX_PAGES = 50
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 524})
# A 429 without Retry-After is retried once, after this pause; urllib3's backoff would send the second
# request at once and a third a second later, into the same limit.
RATE_LIMIT_PAUSE = 2.0
_NO_ANSWER = "no answer came within the time limit"


@dataclass(frozen=True)
class FetchedCatalog:
    """Raw model records as received, with when and how they were fetched."""

    records: list[Any]
    fetched_at: dt.datetime
    pages: int
    total_count: int | None


class BudgetedRetry(Retry):
    """urllib3 Retry that never starts an attempt it could not finish within the fetch's deadline."""

    def __init__(
        self,
        *args: Any,
        deadline: float | None = None,
        attempt_cost: float = 0.0,
        on_retry: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline
        self.attempt_cost = attempt_cost
        self.on_retry = on_retry  # told of each attempt that is followed by another

    def new(self, **kw: Any) -> BudgetedRetry:
        retry = super().new(**kw)
        retry.deadline = self.deadline
        retry.attempt_cost = self.attempt_cost
        retry.on_retry = self.on_retry
        return retry

    def _remaining(self) -> float:
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> BudgetedRetry:
        wait = self.get_retry_after(response) if response is not None else None
        if wait is None and _rate_limited(response):
            if any(entry.status == 429 for entry in self.history):
                raise MaxRetryError(_pool, url or "", error)  # a second 429: the limit still holds, answer now
            wait = RATE_LIMIT_PAUSE
        wait = wait if wait is not None else self.get_backoff_time()
        if wait + self.attempt_cost > self._remaining():
            # Out of time: behave as if retries were exhausted (returns the response, or raises).
            raise MaxRetryError(_pool, url or "", error)  # type: ignore[arg-type]
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        if self.on_retry is not None:  # reached only when another attempt follows: a final one is counted by _get
            self.on_retry()
        return retry  # type: ignore[return-value]

    def get_backoff_time(self) -> float:
        """urllib3's backoff, or the rate-limit pause when the last answer was a 429 (without Retry-After, or
        urllib3 would have slept that instead)."""
        backoff = super().get_backoff_time()
        if self.history and self.history[-1].status == 429:
            return max(backoff, RATE_LIMIT_PAUSE)
        return backoff


def _rate_limited(response: Any) -> bool:
    return response is not None and getattr(response, "status", None) == 429


def build_session(
    api_key: str | None, *, budget: float, on_request: Callable[[], None] | None = None
) -> requests.Session:
    """A session with a User-Agent, the Bearer key when there is one, and budgeted retries (each told to on_request)."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "application/json"
    if api_key:
        session.headers["Authorization"] = f"Bearer {api_key}"
    retry = BudgetedRetry(
        total=3,
        connect=2,
        read=1,
        status=2,
        other=0,
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=0.5,
        backoff_max=4,
        respect_retry_after_header=True,
        raise_on_status=False,
        deadline=time.monotonic() + budget,
        attempt_cost=min(read_timeout(budget), budget) / 2,
        on_retry=on_request,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _retry_after(response: requests.Response) -> float | None:
    return retry_after_seconds(response.headers.get("Retry-After"))


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """A Retry-After header in seconds: a number of seconds, or an HTTP date (RFC 9110); None when unreadable."""
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def _error_body_message(body: Any) -> tuple[int | None, str | None]:
    """Code and message from an OpenRouter error body {"error": {"code", "message"}}, if it is one."""
    if not isinstance(body, dict) or not isinstance(body.get("error"), dict):
        return None, None
    error = body["error"]
    code = error.get("code")
    message = error.get("message")
    return (code if isinstance(code, int) else None), (message if isinstance(message, str) else None)


def _decode(response: requests.Response, api_key: str | None) -> Any:
    try:
        return response.json()
    except (ValueError, json.JSONDecodeError):
        pass
    content_type = response.headers.get("Content-Type", "")
    if "html" in content_type or response.text.lstrip()[:1] == "<":
        raise BadResponse("it sent an HTML page instead of JSON", status=None)
    raise BadResponse("the body is not valid JSON (it may have been cut off)")


def _check_status(response: requests.Response, api_key: str | None) -> None:
    if response.status_code < 400:
        return
    try:
        body = response.json()
    except ValueError:
        body = None
    _, message = _error_body_message(body)
    if message is None and body is None and response.text and "html" not in response.headers.get("Content-Type", ""):
        message = response.text
    clean = shorten(redact(message, api_key)) if message else None
    raise error_for_status(response.status_code, clean, _retry_after(response))


def _page_records(body: Any, api_key: str | None) -> tuple[list[Any], str | None, int | None]:
    """Records, next link and total count from either envelope ({data} or {data,total_count,links})."""
    code, message = _error_body_message(body)
    if code is not None or message is not None:
        clean = shorten(redact(message, api_key)) if message else None
        raise error_for_status(code or 500, clean)
    if not isinstance(body, dict):
        raise BadResponse(f"expected an object with 'data' but got {type(body).__name__}")
    data = body.get("data")
    if not isinstance(data, list):
        raise BadResponse("the 'data' list is missing" if data is None else "'data' is not a list")
    links = body.get("links")
    next_link = links.get("next") if isinstance(links, dict) else None
    total = body.get("total_count")
    return (
        data,
        (next_link if isinstance(next_link, str) and next_link else None),
        (total if isinstance(total, int) and not isinstance(total, bool) else None),
    )


def _same_origin(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.netloc) == (pb.scheme, pb.netloc)


def _get(
    session: requests.Session,
    url: str,
    deadline: float,
    api_key: str | None,
    on_request: Callable[[], None] | None = None,
    attempt_wait: float = READ_TIMEOUT,
) -> requests.Response:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise UpstreamTimeout("the fetch ran out of its time budget (EXPLORER_FETCH_TIMEOUT)")
    timeout = (min(CONNECT_TIMEOUT, remaining), min(attempt_wait, remaining))
    if on_request is not None:
        on_request()  # the last attempt of this GET; the retries before it are counted as they happen
    try:
        return session.get(url, timeout=timeout)
    except requests.exceptions.ConnectTimeout as exc:
        raise UpstreamTimeout(f"connecting to {urlsplit(url).netloc} timed out") from exc
    except requests.exceptions.Timeout as exc:
        raise UpstreamTimeout(_NO_ANSWER) from exc
    except requests.exceptions.ChunkedEncodingError as exc:
        raise UpstreamDown("the connection broke while the list was being sent") from exc
    except requests.exceptions.ConnectionError as exc:
        if _is_read_timeout(exc):
            raise UpstreamTimeout(_NO_ANSWER) from exc
        raise Unreachable(_connection_detail(exc, url)) from exc
    except requests.exceptions.RequestException as exc:
        raise UpstreamDown(shorten(redact(str(exc), api_key), 160)) from exc


def _is_read_timeout(exc: requests.exceptions.ConnectionError) -> bool:
    """requests reports a read timeout that used up the retries as a ConnectionError wrapping it."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, ReadTimeoutError)


def _connection_detail(exc: Exception, url: str) -> str:
    text = str(exc)
    host = urlsplit(url).netloc
    if "Name or service not known" in text or "getaddrinfo" in text or "NameResolution" in text:
        return f"the host name {host} could not be resolved"
    if "timed out" in text.lower():
        return f"connecting to {host} timed out"
    if "refused" in text.lower():
        return f"the connection to {host} was refused"
    return f"the connection to {host} failed"


def fetch_embedding_models(
    base_url: str = DEFAULT_BASE_URL,
    *,
    api_key: str | None = None,
    budget: float = 15.0,
    max_pages: int = MAX_PAGES,
    on_request: Callable[[], None] | None = None,
) -> FetchedCatalog:
    """Fetch every page of the embeddings model list; raise a CatalogUnavailable subclass on failure.

    on_request is called once for every HTTP request tried: each page, and each retry of one.
    """
    deadline = time.monotonic() + budget
    first_url = base_url.rstrip("/") + "/" + ENDPOINT
    records: list[Any] = []
    seen: set[str] = set()
    url: str | None = first_url
    pages = 0
    total: int | None = None
    with build_session(api_key, budget=budget, on_request=on_request) as session:
        while url is not None:
            if url in seen:
                raise BadResponse("the paging links loop back to a page already read")
            if pages >= max_pages:
                raise BadResponse(f"the list has more than {max_pages} pages")
            seen.add(url)
            response = _get(session, url, deadline, api_key, on_request, read_timeout(budget))
            try:
                _check_status(response, api_key)
                body = _decode(response, api_key)
            except requests.exceptions.RequestException as exc:
                raise UpstreamDown("the connection broke while the list was being sent") from exc
            page, next_link, page_total = _page_records(body, api_key)
            pages += 1
            total = page_total if page_total is not None else total
            records.extend(page)
            if not page or (total is not None and len(records) >= total) or next_link is None:
                break
            next_url = urljoin(url, next_link)
            if not _same_origin(next_url, first_url):
                raise BadResponse("a paging link points at another host; it was not followed")
            url = next_url
    if total is not None and len(records) < total:
        # A cut-short list looks like mass removals to the history and the "new" marks: never use it.
        raise IncompleteCatalog(f"{len(records):,} of the {total:,} models it counts")
    return FetchedCatalog(records, dt.datetime.now(dt.UTC), pages, total)


__all__ = ["DEFAULT_BASE_URL", "CatalogUnavailable", "FetchedCatalog", "fetch_embedding_models"]
