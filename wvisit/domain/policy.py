"""When is the next visit due? The visit-frequency policy by legal status.

The policy is data (resources/visit_frequency.json) so the council can change it; this
module only does the date arithmetic. A child never visited is due today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from wvisit.domain.child import LegalStatus


def add_working_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def next_due(status: LegalStatus, last_visit: date | None, policy: Mapping[str, dict], today: date) -> date:
    if last_visit is None:
        return today
    rule = policy[status.value]
    if "every_working_days" in rule:
        return add_working_days(last_visit, int(rule["every_working_days"]))
    return last_visit + timedelta(days=int(rule["every_days"]))


@dataclass(frozen=True)
class Due:
    on: date
    overdue_days: int

    @classmethod
    def of(cls, status: LegalStatus, last_visit: date | None, policy: Mapping[str, dict], today: date) -> Due:
        on = next_due(status, last_visit, policy, today)
        return cls(on, max(0, (today - on).days))
