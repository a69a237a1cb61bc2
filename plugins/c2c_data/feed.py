"""Atom feed of new and updated commitments (feedgenerator, which Pelican itself uses).

An entry's date is the newest of: approval, its latest action update, and its file's
last change in git. All come from the content and its history, never the clock, so the
same content gives the same feed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from feedgenerator import Atom1Feed

FEED_SIZE = 50


def updated(commitment, changed: date | None) -> date:
    dates = [commitment.approved, *(u.date for a in commitment.actions for u in a.updates)]
    return max(d for d in [*dates, changed] if d is not None)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def commitments_feed(views, site_name: str, feed_url: str) -> str:
    urls = views.urls
    entries = sorted(views.commitments, reverse=True,
                     key=lambda c: (updated(c, _changed(views, c)), c.slug))[:FEED_SIZE]
    feed = Atom1Feed(title=f"{site_name}: new and updated commitments", link=urls.absolute(urls.commitments()),
                     description="Commitments to Collaborate approved or updated, newest first.",
                     feed_url=feed_url, feed_guid=feed_url, language="en-GB")
    for c in entries:
        when = updated(c, _changed(views, c))
        summary = (f"{c.organisation.name}: {len(c.pledges)} pledges and {len(c.actions)} actions, "
                   f"approved {c.approved.isoformat()}; updated {when.isoformat()}.")
        feed.add_item(title=c.display_title, link=urls.absolute(urls.commitment(c)), description=summary,
                      unique_id=urls.absolute(urls.commitment(c)), author_name=c.organisation.name,
                      pubdate=_moment(c.approved), updateddate=_moment(when))
    return feed.writeString("utf-8")


def _changed(views, commitment) -> date | None:
    change = views.changes.get(commitment.source)
    return change.date if change else None
