# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keep an AMI connection open and hand call updates to a sink.

The sink is any object with ``apply(updates)`` and ``resync(channels)``;
``resync`` receives the CoreShowChannel frames of the calls in progress right
after each (re)connection, so that calls which ended while the connection was
down are closed and none is counted twice (AMI does not replay events).
"""

import logging
import time

from .ami import AmiClient
from .backend import PbxError
from .events import interpret

_logger = logging.getLogger(__name__)


class Listener:
    def __init__(
        self,
        config,
        sink,
        backoff=(1, 2, 5, 10, 30),
        ping_interval=20.0,
        sleep=time.sleep,
    ):
        self.config = config
        self.sink = sink
        self.backoff = backoff
        self.ping_interval = ping_interval
        self.sleep = sleep
        self.stopped = False
        self.connections = 0

    def stop(self):
        self.stopped = True

    def _client(self):
        # Only call and CDR events: the PBX filters out the rest (agents,
        # queues, security...) before it reaches the wire.
        return AmiClient.from_config(self.config, events="call,cdr").connect()

    def run(self, max_connections=None):
        """Run until ``stop()``; or until ``max_connections`` sessions ended."""
        failures = 0
        while not self.stopped:
            if max_connections is not None and self.connections >= max_connections:
                return
            try:
                client = self._client()
            except PbxError as e:
                delay = self.backoff[min(failures, len(self.backoff) - 1)]
                failures += 1
                _logger.warning("PBX: %s; retrying in %ss", e, delay)
                self.sleep(delay)
                continue
            failures = 0
            self.connections += 1
            _logger.info("PBX: connected to Asterisk %s", client.version)
            try:
                self.sink.resync(client.core_show_channels())
                self._pump(client)
            except PbxError as e:
                _logger.warning("PBX: connection lost (%s); reconnecting", e)
            finally:
                client.close()

    def _pump(self, client):
        contexts = tuple(self.config.inbound_contexts)
        while not self.stopped:
            frame = client.read_frame(timeout=self.ping_interval)
            if frame is None:
                client.ping()  # keep-alive; raises when the link is dead
                continue
            updates = interpret(frame, contexts)
            if not updates:
                continue
            try:
                self.sink.apply(updates)
            except Exception:  # one bad event must not stop the listener
                _logger.exception("PBX: could not record %s", frame.get("Event"))
