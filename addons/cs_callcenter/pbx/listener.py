# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keep an AMI connection open and hand call updates to a sink.

The sink has one entry point, ``apply(updates)``: it receives a list of
``events.CallUpdate`` (in the order the PBX sent them) and returns the
updates it could not place yet (they concern no call it knows: offered again
for ``defer_seconds``). After each (re)connection the sink gets the calls in
progress (``CoreShowChannels``) as ``start``/``answer`` updates and one
``resync`` update, so that calls which ended while the connection was down
are closed and none is counted twice (AMI does not replay events); calls that
began *and* ended meanwhile are recovered from Asterisk's CDR table when a
``cdr_source`` is given, else counted in ``unseen_gaps``.

With a sink that has ``publish_live(snapshot)``, the listener also keeps the
live state of the PBX (``live.LiveState``: calls ringing, queued, talking,
on hold; agents idle, ringing, talking, in wrap-up, offline) from the same
frames, rebuilt after each (re)connection from ``CoreShowChannels``, and
hands a snapshot to the sink when it changed, at most once every
``live_interval`` seconds (never per event: the wallboard is fed at a steady
rate whatever the load).

Nothing stops the listener but ``stop()``: a lost or refused connection, a
login that succeeds and then fails, a broken frame, a sink that raises
(database down, serialization failure...) are logged, and it reconnects with
backoff or goes on with the next events. Frames that arrive together are
applied together (one transaction for a burst), which keeps up with bursts
without adding latency to a lone event.
"""

import logging
import time
from dataclasses import dataclass

from .ami import AmiClient
from .backend import PbxError
from .events import EventError, interpret, now_utc, resync_updates
from .live import LiveState

_logger = logging.getLogger(__name__)


@dataclass
class ListenerStats:
    frames: int = 0
    updates: int = 0
    batches: int = 0
    bad_events: int = 0
    failed_updates: int = 0  # given up after the sink refused them
    dropped_deferred: int = 0  # never matched a call
    recovered_from_cdr: int = 0
    live_snapshots: int = 0


class Listener:
    def __init__(
        self,
        config,
        sink,
        backoff=(1, 2, 5, 10, 30),
        ping_interval=20.0,
        sleep=time.sleep,
        healthy_after=30.0,
        batch_size=500,
        defer_seconds=10.0,
        max_deferred=20000,
        cdr_source=None,
        down_since=None,
        live_interval=1.0,
        wrapup_seconds=30,
    ):
        self.config = config
        self.sink = sink
        self.backoff = backoff
        self.ping_interval = ping_interval
        self.sleep = sleep
        # a session shorter than this counts as a failure for the backoff: a
        # PBX that accepts the login and drops us at once is not hammered
        self.healthy_after = healthy_after
        self.batch_size = batch_size
        self.defer_seconds = defer_seconds
        self.max_deferred = max_deferred
        self.cdr_source = cdr_source
        self.stopped = False
        self.connections = 0
        self.stats = ListenerStats()
        self._deferred = []  # [(deadline, update)]
        # UTC time the last session ended; at start, when the previous
        # listener process stopped (its last recorded event), if known
        self._down_since = down_since
        # live state for the wallboard, when the sink stores it (made at the
        # first session: the PBX's configuration may be read only then)
        self.live = None
        self._live_wanted = callable(getattr(sink, "publish_live", None))
        self.wrapup_seconds = wrapup_seconds
        self.live_interval = live_interval
        self._published = 0.0  # monotonic time of the last live snapshot

    def stop(self):
        self.stopped = True

    def _client(self):
        # Only call, CDR and agent (queue) events: the PBX filters out the
        # rest (dialplan, security...) before it reaches the wire.
        return AmiClient.from_config(self.config, events="call,cdr,agent").connect()

    def run(self, max_connections=None):
        """Run until ``stop()``; or until ``max_connections`` sessions ended."""
        failures = 0
        while not self.stopped:
            if max_connections is not None and self.connections >= max_connections:
                return
            started = time.monotonic()
            try:
                self._session()
            except PbxError as e:
                _logger.warning("PBX: %s", e)
            except Exception:  # whatever breaks, the listener reconnects
                _logger.exception("PBX: listener session failed")
            if self._down_since is None:
                self._down_since = now_utc()
            if self.stopped:
                return
            if time.monotonic() - started >= self.healthy_after:
                failures = 0
            delay = self.backoff[min(failures, len(self.backoff) - 1)]
            failures += 1
            _logger.warning("PBX: reconnecting in %ss", delay)
            self.sleep(delay)

    def _session(self):
        client = self._client()
        try:
            self.connections += 1
            _logger.info("PBX: connected (AMI %s)", client.version)
            contexts = tuple(self.config.inbound_contexts)
            channels = client.core_show_channels()
            self._deliver(resync_updates(channels, contexts))
            if self._live_wanted:
                if self.live is None or self.live.inbound_contexts != contexts:
                    self.live = LiveState(contexts, self.wrapup_seconds)
                self.live.reset(channels, client.extension_states())
                self._publish_live(force=True)
            self._reconcile_cdrs(contexts)
            self._down_since = None
            self._pump(client, contexts)
        finally:
            client.close()

    def _reconcile_cdrs(self, contexts):
        """Calls that began and ended while the listener was away: AMI never
        tells them; Asterisk's CDR table (cdr_pgsql) does."""
        if self._down_since is None:
            return
        if not self.cdr_source:
            _logger.warning(
                "PBX: calls that began and ended since %s cannot be seen through "
                "AMI; configure cdr_pgsql and the listener's CDR source to "
                "recover them",
                self._down_since,
            )
            return
        try:
            updates = self.cdr_source.updates_since(self._down_since, contexts)
        except Exception:
            _logger.exception("PBX: reading the CDR table failed")
            return
        if updates:
            calls = {u.call_id for u in updates}
            self._deliver(updates)
            self.stats.recovered_from_cdr += len(calls)
            _logger.info("PBX: %d call(s) reconciled from the CDR table", len(calls))

    def _pump(self, client, contexts):
        idle_since = time.monotonic()
        while not self.stopped:
            busy = self._deferred or (
                self.live and (self.live.dirty or self.live.waiting_wrapups())
            )
            wait = min(self.ping_interval, self.live_interval, 1.0) if busy else None
            frame = client.read_frame(timeout=wait or self.ping_interval)
            if frame is None:
                if time.monotonic() - idle_since >= self.ping_interval:
                    client.ping()  # keep-alive; raises when the link is dead
                    idle_since = time.monotonic()
                self._deliver([])  # offer the deferred updates again
                self._publish_live()
                continue
            idle_since = time.monotonic()
            frames = [frame, *client.read_ready(self.batch_size - 1)]
            updates = []
            for one in frames:
                updates += self._interpret(one, contexts)
                if self.live:
                    self.live.feed(one)
            self.stats.frames += len(frames)
            self._deliver(updates)
            self._publish_live()

    def _publish_live(self, force=False):
        """Hand the live snapshot to the sink when it changed, at most once
        per ``live_interval``. Never raises: the board is not worth a call."""
        if not self.live:
            return
        self.live.tick()
        now = time.monotonic()
        if not self.live.dirty or (
            not force and now - self._published < self.live_interval
        ):
            return
        self._published = now
        snapshot = self.live.snapshot()
        try:
            self.sink.publish_live(snapshot)
            self.stats.live_snapshots += 1
        except Exception:
            self.live.dirty = True  # try again at the next interval
            _logger.exception("PBX: could not publish the live state")

    def _interpret(self, frame, contexts):
        try:
            return interpret(frame, contexts)
        except EventError as error:
            self.stats.bad_events += 1
            _logger.warning(
                "PBX: %s %s ignored: %s",
                frame.get("Event"),
                frame.get("Linkedid") or frame.get("Uniqueid") or "",
                error,
            )
            return []

    def _deliver(self, updates):
        """Hand updates (with the deferred ones due again) to the sink. Never
        raises: a batch the sink refuses is applied update by update, so
        that one bad event costs only itself."""
        now = time.monotonic()
        deadlines = {u: d for d, u in self._deferred if d > now}
        self.stats.dropped_deferred += len(self._deferred) - len(deadlines)
        self._deferred = []
        retry = list(deadlines)
        if not updates and not retry:
            return
        batch = retry + list(updates)
        self.stats.batches += 1
        self.stats.updates += len(updates)
        deferred = self._apply(batch)
        if deferred is None and len(batch) > 1:
            deferred = []
            for update in batch:
                missed = self._apply([update])
                if missed is None:
                    self.stats.failed_updates += 1
                else:
                    deferred += missed
        elif deferred is None:
            self.stats.failed_updates += 1
            deferred = []
        for update in deferred:
            # an update offered again keeps its first deadline
            deadline = deadlines.get(update, now + self.defer_seconds)
            self._deferred.append((deadline, update))
        del self._deferred[: max(len(self._deferred) - self.max_deferred, 0)]

    def _apply(self, updates):
        try:
            return list(self.sink.apply(updates) or [])
        except Exception:
            _logger.exception(
                "PBX: could not record %d update(s) (%s)",
                len(updates),
                ", ".join(sorted({u.kind for u in updates})),
            )
            return None
