"""The times a push stamps on its rows (db.Stamp) are stored exactly as DateTime stores them, and each row
keeps its own time: converting a run of rows' shared time once never gives a row another row's time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, Integer, MetaData, Table, select

from wvisit.central import db


def test_each_row_keeps_its_own_time_stored_as_datetime_stores_it(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    plain = Table("plain", MetaData(), Column("id", Integer, primary_key=True), Column("at", DateTime(timezone=True)))
    plain.metadata.create_all(engine)
    now = datetime(2026, 12, 3, 9, 30, 15, 123456, tzinfo=UTC)
    later = now + timedelta(seconds=1)
    same_time_again = datetime.fromisoformat(now.isoformat())  # equal to `now`, another object
    times = [now, now, later, now, same_time_again, later, later, None, now]
    rows = [
        {"record_id": f"r{n}", "kind": "visit", "version": 1, "sha256": "0" * 64, "state": "current", "received_at": t}
        for n, t in enumerate(times)
    ]
    with engine.begin() as conn:
        conn.execute(db.revisions.insert(), rows)
        conn.execute(plain.insert(), [{"id": n, "at": t} for n, t in enumerate(times)])
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT received_at FROM revisions ORDER BY id").scalars().all()
        expected = conn.exec_driver_sql("SELECT at FROM plain ORDER BY id").scalars().all()
        read = conn.execute(select(db.revisions.c.received_at).order_by(db.revisions.c.id)).scalars().all()
    assert stored == expected
    assert [t if t is None else t.replace(tzinfo=UTC) for t in read] == times
    engine.dispose()
