"""An article in from a URL or a saved HTML page: its main text and metadata (title, author,
date, outlet) extracted by trafilatura, for the editor to review before anything is saved.

The fetch keeps the rules of every request the site makes to an address it is given
(claims.outbound): public addresses only, a short timeout, a bounded answer, no redirect
followed (the editor is told where it leads and may give that address, which is checked in
turn). Every failure is a Problem with a message in words; nothing is saved here."""

import datetime
from dataclasses import dataclass

import trafilatura
import urllib3

from claims.outbound import Refused, TooLarge, get

PAGE_BYTES = 5_000_000
HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_TEXT = 200  # characters: less is a teaser, a paywall or a cookie notice, not an article


class Problem(Exception):
    """Why no article could be read, in words."""


@dataclass(frozen=True)
class Extracted:
    title: str
    text: str
    byline: str
    outlet: str
    published_on: datetime.date | None
    url: str


def from_url(url: str) -> Extracted:
    url = url.strip()
    try:
        answer = get(url, PAGE_BYTES, {"Accept": "text/html,application/xhtml+xml"})
    except Refused as refused:
        raise Problem(f"That address cannot be read: {refused}") from None
    except TooLarge as large:
        raise Problem(f"{large} An article page is smaller: save the page and upload it.") from None
    except urllib3.exceptions.TimeoutError:
        raise Problem(
            "The site did not answer in time. Try again later, or upload the saved page."
        ) from None
    except urllib3.exceptions.HTTPError as error:
        raise Problem(f"The page could not be fetched ({type(error).__name__}).") from None
    if 300 <= answer.status < 400:
        where = answer.headers.get("Location", "another address")
        raise Problem(
            f"The page redirects to {where}: nothing was followed. Check that address and "
            "give it instead."
        )
    if answer.status != 200:
        raise Problem(f"The site answered {answer.status}, not the page: check the address.")
    kind = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        raise Problem(f"That address is not a web page (it is “{kind or 'unknown'}”).")
    return from_html(answer.body, url)


def from_html(html: bytes | str, url: str = "") -> Extracted:
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        raise Problem("The file is empty.")
    try:
        document = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, favor_precision=True,
            include_comments=False, include_tables=False,
        )  # fmt: skip
    except Exception:  # noqa: BLE001 (trafilatura raises many kinds on hostile markup)
        document = None
    text = (document.text or "") if document else ""
    if len(text.strip()) < MIN_TEXT:
        raise Problem(
            "No article text could be found in that page (a page of links, a paywall, or "
            "not HTML?). Paste the text instead."
        )
    return Extracted(
        title=(document.title or "").strip()[:300],
        text=text,
        byline=(document.author or "").strip()[:200],
        outlet=(document.sitename or "").strip()[:200],
        published_on=_date(document.date),
        url=url[:500],
    )


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
