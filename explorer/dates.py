"""Dates and ages as people read them."""

from __future__ import annotations

import datetime as dt


def age_text(as_of: dt.datetime, now: dt.datetime) -> str:
    """'just now', '1 min ago', '3 h ago', '12 days ago'.

    "just now" ends at one minute: an open page redraws its age every minute, and with a longer "just now" it
    would go from "just now" straight to "2 min ago".
    """
    seconds = int((now - as_of).total_seconds())
    if seconds < 60:
        return "just now"
    if seconds < 5400:
        return f"{seconds // 60} min ago"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def months_ago_text(when: dt.date, today: dt.date) -> str:
    """'this month', '1 month ago', '14 months ago'."""
    months = (today.year - when.year) * 12 + (today.month - when.month) - (today.day < when.day)
    if months <= 0:
        return "this month" if when <= today else "in the future"
    return "1 month ago" if months == 1 else f"{months} months ago"
