"""Publication dates as ISO calendar dates (``YYYY-MM-DD``), whatever form a feed gives them in."""
from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime


def iso_date(text: str) -> str:
    """'2015-03-01T10:00:00Z', '2015/03/01', 'Sun, 01 Mar 2015 10:00:00 GMT' -> '2015-03-01'; unreadable -> ''."""
    text = (text or "").strip()
    if not text:
        return ""
    head = text[:10].replace("/", "-")
    try:
        return date.fromisoformat(head).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return ""
