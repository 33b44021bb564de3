"""The Summary tab of the child's page, as rich text: the case summary, where the child lives, since
when their legal status (and a child in care's placement) stands, a child protection plan's
details, who lives at home, the people who matter, identity and language.

Everything the worker typed is escaped: a name with "<" in it is shown, never read as markup.
"""

from __future__ import annotations

from datetime import date

from wvisit.domain import Child, KeyPerson, LegalStatus
from wvisit.ui.date_field import how_far
from wvisit.ui.models import nice_date

DASH = "\u2014"


def summary_html(child: Child, today: date) -> str:
    status_since = nice_date(child.status_since) if child.status_since else "not recorded"
    legal = f"<p>{escape(child.legal_status.label)} since {status_since}"
    if child.legal_status is LegalStatus.CLA:
        placement = nice_date(child.placement_start) if child.placement_start else "not recorded"
        legal += f"; in the current placement since {placement}"
    return (
        f"<h3>Case summary</h3><p>{escape(child.summary) or 'No summary yet.'}</p>"
        f"{legal}.</p>"
        f"<h3>Address</h3><p>{escape(child.address) or 'Not recorded.'}</p>"
        f"{_protection_plan(child, today) if child.legal_status is LegalStatus.CP else ''}"
        f"<h3>Household members</h3>{_people(child.household, 'Not recorded yet.')}"
        f"<h3>Key people</h3>{_people(child.key_people, 'None recorded yet.')}"
        f"<h3>Identity and culture</h3><p>{escape(child.identity_notes) or DASH}</p>"
        f"<h3>Language and communication</h3><p>{escape(child.language_notes) or DASH}</p>"
    )


def _protection_plan(child: Child, today: date) -> str:
    """The child protection plan at a glance: its category, when it began, the next meetings (with how
    far away they are, so one this week stands out)."""

    def meeting(day: date | None) -> str:
        if day is None:
            return "not set"
        near = how_far(day, today)
        return f"{nice_date(day)} ({near})" if near else nice_date(day)

    category = child.plan_category.label if child.plan_category else "not recorded"
    started = nice_date(child.status_since) if child.status_since else "not recorded"
    return (
        "<h3>Child protection plan</h3><ul>"
        f"<li>Category: {escape(category)}</li>"
        f"<li>Plan started: {started}</li>"
        f"<li>Next review conference: {meeting(child.next_conference)}</li>"
        f"<li>Next core group: {meeting(child.next_core_group)}</li></ul>"
    )


def _people(people: list[KeyPerson], empty: str) -> str:
    if not people:
        return f"<p>{empty}</p>"
    rows = "".join(
        f"<li>{escape(p.name)}{' (' + escape(p.relationship) + ')' if p.relationship else ''}</li>" for p in people
    )
    return f"<ul>{rows}</ul>"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
