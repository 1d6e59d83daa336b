# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Asterisk's own call records, for what AMI cannot replay.

AMI sends events only to a connected client: a call that begins and ends
while the listener is disconnected leaves no trace on the wire. Asterisk
also writes every call to its CDR backend; with ``cdr_pgsql`` that is a
PostgreSQL table (``cdr_pgsql.conf``; columns named after the CDR fields):

    CREATE TABLE cdr (
        calldate timestamptz NOT NULL, clid text, src text, dst text,
        dcontext text, channel text, dstchannel text, lastapp text,
        lastdata text, duration integer, billsec integer, disposition text,
        amaflags integer, accountcode text, uniqueid text, linkedid text,
        userfield text, peeraccount text, sequence integer
    );

``PgCdrSource.updates_since(moment)`` reads the rows of the calls that
ended since ``moment`` (and started at most ``margin`` before it: the calls
in progress at the disconnection) and turns each call into the updates the
listener would have seen (``events.cdr_row_updates``). Applying them is
idempotent: known calls only get what they miss (the real end of a call
closed on resynchronisation).
Plain Python and psycopg2: no ORM here.
"""

import logging
from datetime import timedelta, timezone

import psycopg2
from psycopg2 import sql

from .events import EventError, cdr_row_updates

_logger = logging.getLogger(__name__)

COLUMNS = (
    "calldate",
    "src",
    "dst",
    "dcontext",
    "channel",
    "dstchannel",
    "duration",
    "billsec",
    "disposition",
    "uniqueid",
    "linkedid",
)


def _utc(moment):
    if moment.tzinfo is not None:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment  # a timestamp without time zone is taken as UTC


def calls_from_rows(rows):
    """One row per call (the answered leg if any, else the first), with the
    call's first ``calldate``: Asterisk writes a row per dialled leg."""
    calls = {}
    for row in rows:
        key = row.get("linkedid") or row.get("uniqueid")
        if not key:
            continue
        row = dict(row, calldate=_utc(row["calldate"]))
        best = calls.get(key)
        if best is None:
            calls[key] = row
        elif (row.get("disposition") or "").upper() == "ANSWERED" and (
            best.get("disposition") or ""
        ).upper() != "ANSWERED":
            calls[key] = dict(row, calldate=min(best["calldate"], row["calldate"]))
    return list(calls.values())


class PgCdrSource:
    def __init__(self, dsn, table="cdr", margin=timedelta(hours=1), timeout=5):
        self.dsn = dsn
        self.table = table
        self.margin = margin
        self.timeout = timeout

    def rows_since(self, moment):
        # the calls that ended after ``moment``: those ended before were seen
        query = sql.SQL(
            "SELECT {columns} FROM {table} WHERE calldate >= %s"
            " AND calldate + duration * interval '1 second' >= %s"
            " ORDER BY calldate"
        ).format(
            columns=sql.SQL(", ").join(map(sql.Identifier, COLUMNS)),
            table=sql.Identifier(*self.table.split(".")),
        )
        moment = moment.replace(tzinfo=timezone.utc)
        since = moment - self.margin
        conn = psycopg2.connect(self.dsn, connect_timeout=self.timeout)
        try:
            with conn.cursor() as cr:
                cr.execute(query, [since, moment])
                return [dict(zip(COLUMNS, row, strict=True)) for row in cr.fetchall()]
        finally:
            conn.close()

    def updates_since(self, moment, inbound_contexts=()):
        updates = []
        for row in calls_from_rows(self.rows_since(moment)):
            try:
                updates += cdr_row_updates(row, inbound_contexts)
            except EventError as error:
                _logger.warning(
                    "PBX: CDR row %s ignored: %s", row.get("uniqueid"), error
                )
        return updates
