"""When is a child's next visit due? The visit-frequency policy, as date arithmetic.

The figures are data (resources/visit_frequency.json), so the council can change them:
- child in need: every `every_days`; care leaver likewise;
- child protection plan: every `every_working_days` working days (weekends and bank
  holidays skipped, from resources/bank_holidays.json);
- child in care: within `placement_first_visit_days` of a placement starting, then every
  `first_year_every_days` in the placement's first year, then every `then_every_days`.
A status change restarts the clock: a child whose plan began after their last visit is
due within the new interval of the day the status began. A child never visited is due today.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from wvisit.domain.child import Child, LegalStatus


def add_working_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            days -= 1
    return current


@dataclass(frozen=True)
class Policy:
    rules: Mapping[str, dict[str, Any]]
    holidays: frozenset[date] = frozenset()

    @classmethod
    def from_data(cls, rules: Mapping[str, dict[str, Any]], holidays: dict[str, Any] | None = None) -> Policy:
        days = (holidays or {}).get("england-and-wales", [])
        return cls(rules, frozenset(date.fromisoformat(day) for day in days))

    def next_due(self, child: Child, last_visit: date | None, today: date) -> date:
        status = child.legal_status
        rule = self.rules[status.value]
        if status is LegalStatus.CLA and child.placement_start is not None:
            placement = child.placement_start
            if last_visit is None or last_visit < placement:
                return placement + timedelta(days=int(rule["placement_first_visit_days"]))
            in_first_year = last_visit < placement + timedelta(days=365)
            every = rule["first_year_every_days"] if in_first_year else rule["then_every_days"]
            return last_visit + timedelta(days=int(every))
        since = child.status_since
        start = last_visit
        if since is not None and (last_visit is None or last_visit < since):
            start = since
        if start is None:
            return today
        if "every_working_days" in rule:
            return add_working_days(start, int(rule["every_working_days"]), self.holidays)
        if status is LegalStatus.CLA:  # in care with no placement date recorded: the first-year rhythm
            return start + timedelta(days=int(rule["first_year_every_days"]))
        return start + timedelta(days=int(rule["every_days"]))


@dataclass(frozen=True)
class Due:
    on: date
    overdue_days: int

    @classmethod
    def of(cls, policy: Policy, child: Child, last_visit: date | None, today: date) -> Due:
        on = policy.next_due(child, last_visit, today)
        return cls(on, max(0, (today - on).days))
