"""The central record's tables (SQLAlchemy Core), and an engine for SQLite (default) or PostgreSQL.

`records` holds each record's current revision; `revisions` keeps every revision ever
accepted (including conflicting ones: nothing is dropped silently). A body is stored once: the
current revision's is its record's (its own column is NULL), and it moves into `revisions` when
a newer version supersedes it (records.py); superseded and conflicting revisions hold their own.
A push of 10,000 visits wrote each 4 KB body twice before. `ops` remembers every
op id applied, so a retried push is applied once. `counters` hands out the pull sequence
under a row lock, so sequence numbers commit in order even with several workers on
PostgreSQL and a pull cursor never skips a record.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    create_engine,
    event,
    false,
    inspect,
    text,
)
from sqlalchemy.engine import Engine

metadata = MetaData()


class Stamp(TypeDecorator):
    """A time with its zone, as DateTime(timezone=True) stores it, for the times a push stamps on every
    row it writes (a record's update, a revision's arrival, an audit entry): all the batch's `now`. A
    run of rows with the very same time converts it once (SQLite stores it as text: 5 us a value,
    three a record pushed, a tenth of a push's CPU); PostgreSQL's driver takes it as it is."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def bind_processor(self, dialect):
        convert = super().bind_processor(dialect)
        if convert is None:
            return None
        last: list[tuple[object, object]] = [(None, None)]  # one tuple: replaced whole, so threads share it

        def process(value):
            seen, converted = last[0]
            if value is None or value is not seen:  # `is`: the tuple holds the value, so its id is never reused
                converted = convert(value)
                last[0] = (value, converted)
            return converted

        return process


teams = Table("teams", metadata, Column("id", String(64), primary_key=True), Column("name", String(200)))

users = Table(
    "users",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("username", String(200), unique=True, nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
    Column("display_name", String(200), nullable=False, server_default=""),  # "Sam Patel": shown, never a login
    Column("disabled", Boolean, nullable=False, server_default=false()),  # no sign-in, refresh or token works
    Column("new_device_blocked", Boolean, nullable=False, server_default=false()),  # after a revocation
)

allocations = Table(
    "allocations",
    metadata,
    Column("child_id", String(100), primary_key=True),
    Column("worker_id", String(64), ForeignKey("users.id"), nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("user_id", String(64), ForeignKey("users.id"), nullable=False),
    Column("name", String(200)),
    Column("refresh_hash", String(64)),
    Column("registered_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("previous_refresh_hash", String(64)),  # the token refresh_hash replaced (tokens.py: grace)
    Column("rotated_at", DateTime(timezone=True)),  # when refresh_hash replaced it
)

# Refresh tokens used up by a rotation: shown again, they prove a copy exists (tokens.py).
spent_refresh = Table(
    "spent_refresh",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("device_id", String(100), nullable=False, index=True),
    Column("spent_at", DateTime(timezone=True), nullable=False),
)

# Sign-ins within the throttle's window (throttle.py); account and address as SHA-256 only.
sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account", String(64), index=True),
    Column("address", String(64), nullable=False, index=True),
    Column("at", Float, nullable=False, index=True),
    Column("pending", Boolean, nullable=False),
)

server_keys = Table(
    "server_keys",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("secret", LargeBinary, nullable=False),
)

audit_heads = Table(
    "audit_heads",
    metadata,
    Column("device_id", String(100), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("user_id", String(64), nullable=False),
    Column("device_id", String(100), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

counters = Table("counters", metadata, Column("name", String(20), primary_key=True), Column("value", BigInteger))

records = Table(
    "records",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("child_id", String(100), nullable=False),
    Column("body", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("author_id", String(64)),
    Column("conflict", Boolean, nullable=False, default=False),
    Column("updated_at", Stamp),
    Column("schema_version", Integer, nullable=False, server_default="1"),
    Index("records_seq", "seq"),
    # A pull's page is found in this index alone: the records of the children a user may see, after a
    # cursor, in order (records.pull_json). With only (child_id) SQLite read every one of them, bodies and
    # all, for each page of 500 (a 10,000-record pull read the table 20 times).
    Index("records_child_seq", "child_id", "seq"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(100), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("body", Text),  # NULL while current: the body is the record's (see the module's docstring)
    Column("sha256", String(64), nullable=False),
    Column("state", String(20), nullable=False),  # current, superseded, conflict
    Column("author_id", String(64)),
    Column("device_id", String(100)),
    Column("received_at", Stamp),
)

ops = Table(
    "ops",
    metadata,
    Column("op_id", String(100), primary_key=True),
    Column("record_id", String(100), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("status", String(20), nullable=False),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("complete", Boolean, nullable=False),
)

# One row per (attachment, user who uploads it): an upload is that user's own, so nobody learns from it
# what another has uploaded. `staging` names its file in the blob folder's uploads/; `complete` once the
# whole content arrived and matched its SHA-256 (the user then holds it: see blobs.may_see).
blob_uploads = Table(
    "blob_uploads",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("staging", String(64), nullable=False),
    Column("complete", Boolean, nullable=False),
    Column("started_at", DateTime(timezone=True)),
)

# Before release 2 attachments were stored in parts here; a blob folder takes them at start
# (blobs.BlobStore.take_legacy_parts) and the table stays empty.
blob_parts = Table(
    "blob_parts",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("offset", BigInteger, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Stamp, nullable=False),
    Column("user_id", String(64)),
    Column("action", String(40), nullable=False),
    Column("kind", String(20)),
    Column("record_id", String(100)),
    Column("version", BigInteger),
    Column("device_id", String(100)),
    Column("child_id", String(100)),  # a pull: whose records were read (never what they say)
    Column("address", String(100)),  # a sign-in: the client address it came from
)


# Versions, sequence numbers, cursors, sizes and offsets: up to 2^62 on the wire (protocol.MAX_INT).
WIDE_COLUMNS = [
    ("counters", "value"),
    ("records", "version"),
    ("records", "seq"),
    ("revisions", "version"),
    ("ops", "version"),
    ("blobs", "size"),
    ("blobs", "received"),
    ("blob_parts", "offset"),
    ("blob_uploads", "size"),
    ("blob_uploads", "received"),
    ("audit", "version"),
]

TIMESTAMP = "TIMESTAMP WITH TIME ZONE"  # DateTime(timezone=True) as create_all makes it
# (table, column, SQL definition) for columns added after the first release, oldest first.
ADDED_COLUMNS = [
    ("records", "schema_version", "INTEGER NOT NULL DEFAULT 1"),
    ("users", "display_name", "VARCHAR(200) NOT NULL DEFAULT ''"),
    ("users", "disabled", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("users", "new_device_blocked", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("devices", "previous_refresh_hash", "VARCHAR(64)"),
    ("devices", "rotated_at", TIMESTAMP),
    ("audit", "device_id", "VARCHAR(100)"),
    ("audit", "child_id", "VARCHAR(100)"),
    ("audit", "address", "VARCHAR(100)"),
]
RETIRED_INDEXES = ["records_child"]  # replaced by records_child_seq, which serves its lookups too


def make_engine(url: str) -> Engine:
    """SQLite gets WAL and synchronous=FULL (a push is acknowledged only once durable).

    hide_parameters: a database error's text never carries the values of its statement (a child's
    words, a password hash), so neither a log line nor a traceback can."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            dbapi_conn.execute("PRAGMA synchronous=FULL")
            dbapi_conn.execute("PRAGMA foreign_keys=ON")

    else:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    metadata.create_all(engine)
    with engine.begin() as conn:
        _add_missing_columns(conn)
        _add_missing_indexes(conn)
        _widen_integer_columns(conn)
        if conn.execute(text("SELECT count(*) FROM counters WHERE name = 'seq'")).scalar() == 0:
            conn.execute(counters.insert().values(name="seq", value=0))
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the whole rebuild or none of it, should the service stop
        _store_bodies_once(conn)
    return engine


def _add_missing_columns(conn) -> None:
    """Columns added since a database was created (create_all makes only missing tables)."""
    for table, column, definition in ADDED_COLUMNS:
        if column not in {found["name"] for found in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {definition}"))


def _add_missing_indexes(conn) -> None:
    """Indexes added since a database was created (create_all makes only missing tables), and the ones
    they replace dropped, so no push keeps writing an index nothing reads."""
    for table in metadata.sorted_tables:
        found = {index["name"] for index in inspect(conn).get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in found:
                index.create(conn)
    for name in RETIRED_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


def _store_bodies_once(conn) -> None:
    """A database from before bodies were stored once holds every current body twice, in a revisions
    column that may not be NULL: the column is relaxed and each current revision's copy dropped (its
    record holds the same text). Once, at start; a database in the new shape is left as it is.

    SQLite cannot relax a column: the table is made again in the new shape and its rows copied over."""
    (body,) = [column for column in inspect(conn).get_columns("revisions") if column["name"] == "body"]
    if body["nullable"]:
        return
    names = ", ".join(column.name for column in revisions.columns if column.name != "body")

    def same_as_record(table: str) -> str:
        return f"{table}.state = 'current' AND {table}.body = (SELECT body FROM records WHERE id = {table}.record_id)"

    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE revisions ALTER COLUMN body DROP NOT NULL"))
        conn.execute(text(f"UPDATE revisions SET body = NULL WHERE {same_as_record('revisions')}"))
        return
    for index in inspect(conn).get_indexes("revisions"):
        conn.execute(text(f"DROP INDEX {index['name']}"))
    conn.execute(text("ALTER TABLE revisions RENAME TO revisions_before"))
    revisions.create(conn)
    conn.execute(
        text(
            f"INSERT INTO revisions ({names}, body) SELECT {names}, "
            f"CASE WHEN {same_as_record('revisions_before')} THEN NULL ELSE body END FROM revisions_before"
        )
    )
    conn.execute(text("DROP TABLE revisions_before"))


def _widen_integer_columns(conn) -> None:
    """A PostgreSQL database created before these columns were 64-bit gets them widened (SQLite's INTEGER
    is 64-bit already). Each ALTER rewrites its table under an exclusive lock: done once, at start."""
    if conn.dialect.name != "postgresql":
        return
    quote = conn.dialect.identifier_preparer.quote
    for table, column in WIDE_COLUMNS:
        (found,) = [c for c in inspect(conn).get_columns(table) if c["name"] == column]
        if not isinstance(found["type"], BigInteger):
            conn.execute(text(f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} TYPE BIGINT"))
