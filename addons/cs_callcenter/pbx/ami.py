# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small Asterisk Manager Interface (AMI) client.

The protocol (asterisk main/manager.c): on connect the server sends the banner
``Asterisk Call Manager/<version>``; then frames of ``Key: Value`` lines, each
frame ended by an empty line (CRLF). Actions carry an ``ActionID`` that the
responses echo; events arrive in between, at any time.
"""

import itertools
import logging
import re
import socket
import time

from .backend import PbxBackend, PbxError, register

_logger = logging.getLogger(__name__)

BANNER_PREFIX = "Asterisk Call Manager/"
_KEY = re.compile(r"^[A-Za-z0-9_\-]+$")  # AMI keys are tokens
# A frame ends with an empty line; CRLF on the wire, LF tolerated.
_SEPARATORS = (b"\n\r\n", b"\n\n")
# The longest frame we accept: a real event is a few KiB. A peer that sends
# more without a blank line is not an Asterisk manager (or is broken): it is
# dropped, so the buffer never grows past this.
MAX_FRAME = 256 * 1024
MAX_BANNER = 1024
# ChanSpy options per monitoring mode (apps/app_chanspy.c): q quiet (no beep,
# no channel name spoken), w whisper to the spied channel, B barge into the
# bridge (both parties hear), E exit when the spied channel hangs up.
SPY_OPTIONS = {"listen": "qE", "whisper": "qwE", "barge": "qBE"}


def parse_frame(text):
    """Parse one frame (without its terminating blank line) into a dict.

    Malformed lines are skipped with a log line; a repeated key keeps its
    values joined by a newline (``Variable``, ``ChanVariable``).
    """
    frame = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not _KEY.match(key.strip()):
            _logger.warning("AMI: malformed line ignored: %r", line[:200])
            continue
        key, value = key.strip(), value.strip()
        frame[key] = f"{frame[key]}\n{value}" if key in frame else value
    return frame


def build_frame(fields):
    lines = []
    for key, value in fields:
        if "\r" in str(value) or "\n" in str(value):
            raise PbxError("protocol", f"AMI value of {key} contains a line break")
        lines.append(f"{key}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class AmiClient:
    """A blocking AMI connection. Not thread-safe: one user at a time.

    ``events`` is sent as the Login's ``Events`` value: ``True`` ("on"),
    ``False`` ("off", for short command sessions) or a comma-separated list
    of event classes such as ``"call,cdr"`` so the PBX filters for us.
    """

    _ids = itertools.count(1)

    def __init__(self, host, port, username, secret, timeout=5.0, events=True):
        self.host = host
        self.port = int(port)
        self.username = username
        self.secret = secret
        self.timeout = timeout
        self.events_on = events
        self.version = None  # the AMI protocol version of the banner
        self._sock = None
        self._buffer = bytearray()
        self._pos = 0  # start of the unread part of the buffer
        self._scan = 0  # where to look for the end of a frame next
        self._pending = []  # events read while waiting for a response

    # -- connection ---------------------------------------------------------
    def connect(self):
        try:
            self._sock = socket.create_connection(
                (self.host, self.port), timeout=self.timeout
            )
        except ConnectionRefusedError as e:
            raise PbxError(
                "refused", f"connection refused by {self.host}:{self.port}"
            ) from e
        except TimeoutError as e:
            raise PbxError(
                "timeout", f"no answer from {self.host}:{self.port} in {self.timeout}s"
            ) from e
        except OSError as e:
            raise PbxError(
                "refused", f"cannot reach {self.host}:{self.port}: {e}"
            ) from e
        banner = self._read_line()
        if not banner.startswith(BANNER_PREFIX):
            self.close()
            raise PbxError("protocol", f"not an Asterisk manager: {banner[:80]!r}")
        self.version = banner[len(BANNER_PREFIX) :]
        response = self.action(
            "Login",
            Username=self.username,
            Secret=self.secret,
            Events=self._events_value(),
        )
        if response.get("Response") != "Success":
            self.close()
            raise PbxError(
                "auth", f"login refused: {response.get('Message', 'no reason given')}"
            )
        return self

    @classmethod
    def from_config(cls, config, events=True):
        """A client for a ``backend.PbxConfig``."""
        return cls(
            config.host,
            config.port,
            config.username,
            config.secret,
            timeout=config.connect_timeout,
            events=events,
        )

    def _events_value(self):
        if isinstance(self.events_on, str):
            return self.events_on
        return "on" if self.events_on else "off"

    def close(self):
        if self._sock:
            try:
                self._sock.close()
            finally:
                self._sock = None
                self._buffer = bytearray()
                self._pos = self._scan = 0

    def __enter__(self):
        return self.connect()

    def __exit__(self, *exc):
        if self._sock:
            try:
                self.send("Logoff")
            except (PbxError, OSError):
                _logger.debug("AMI: logoff failed", exc_info=True)
        self.close()

    # -- reading --------------------------------------------------------------
    def _recv(self, deadline, block=True):
        """Read what the socket has into the buffer. ``block=False``: only
        what is already there (returns False when nothing was)."""
        if not self._sock:
            raise PbxError("closed", "not connected")
        if block:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            self._sock.settimeout(remaining)
        else:
            self._sock.settimeout(0.0)
        try:
            chunk = self._sock.recv(65536)
        except (TimeoutError, BlockingIOError):
            if not block:
                return False
            raise TimeoutError from None
        except OSError as e:
            self.close()
            raise PbxError("closed", f"connection lost: {e}") from e
        if not chunk:
            self.close()
            raise PbxError("closed", "the PBX closed the connection")
        self._buffer += chunk
        return True

    def _read_line(self):
        deadline = time.monotonic() + self.timeout
        try:
            while b"\n" not in self._buffer:
                if len(self._buffer) > MAX_BANNER:
                    self.close()
                    raise PbxError("protocol", "not an Asterisk manager: no banner")
                self._recv(deadline)
        except TimeoutError as e:
            self.close()
            raise PbxError("timeout", "no banner from the PBX") from e
        end = self._buffer.index(b"\n")
        line = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        return line.decode(errors="replace").strip()

    def _take_frame(self):
        """The next complete frame of the buffer (bytes), or None. Scans each
        byte once; raises PbxError once a frame outgrows MAX_FRAME."""
        buffer, pos = self._buffer, self._pos
        start = max(pos, self._scan - 2)  # a separator may straddle two reads
        found = None
        for separator in _SEPARATORS:
            at = buffer.find(separator, start)
            if at >= 0 and (found is None or at < found[0]):
                found = (at, len(separator))
        if found is None:
            self._scan = len(buffer)
            if len(buffer) - pos > MAX_FRAME:
                _logger.warning(
                    "AMI: %s:%s sent %d bytes without ending a frame: dropped",
                    self.host,
                    self.port,
                    len(buffer) - pos,
                )
                self.close()
                raise PbxError("protocol", f"frame longer than {MAX_FRAME} bytes")
            return None
        at, size = found
        head = bytes(buffer[pos:at])
        self._pos = self._scan = at + size
        if self._pos > 65536:  # forget what was read, now and then
            del buffer[: self._pos]
            self._scan -= self._pos
            self._pos = 0
        return head

    def read_frame(self, timeout=None):
        """Next frame (dict), or None if nothing complete arrives in ``timeout``.
        Events that arrived while an action waited for its response come first."""
        if self._pending:
            return self._pending.pop(0)
        return self._read_wire_frame(timeout)

    def read_ready(self, limit):
        """Up to ``limit`` frames that are already here (buffered or waiting
        in the socket), without waiting: the listener applies them together."""
        frames = []
        while self._pending and len(frames) < limit:
            frames.append(self._pending.pop(0))
        polled = False
        while len(frames) < limit:
            head = self._take_frame()
            if head is None:
                if polled or not self._recv(None, block=False):
                    break
                polled = True
                continue
            frame = parse_frame(head.decode(errors="replace"))
            if frame:
                frames.append(frame)
        return frames

    def _read_wire_frame(self, timeout=None):
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            head = self._take_frame()
            if head is not None:
                frame = parse_frame(head.decode(errors="replace"))
                if frame:
                    return frame
                continue
            try:
                self._recv(deadline)
            except TimeoutError:
                return None

    # -- actions --------------------------------------------------------------
    def send(self, name, *extra, **fields):
        """Send action ``name``; return its ActionID. ``extra`` are (key, value)
        pairs for repeated keys such as Variable."""
        action_id = f"cs-{next(self._ids)}-{int(time.time() * 1000)}"
        frame = [("Action", name), ("ActionID", action_id)]
        frame += [(k, v) for k, v in fields.items() if v not in (None, "")]
        frame += list(extra)
        try:
            self._sock.sendall(build_frame(frame))
        except (OSError, AttributeError) as e:
            self.close()
            raise PbxError("closed", f"cannot send {name}: {e}") from e
        return action_id

    def wait_response(self, action_id, timeout=None):
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            remaining = deadline - time.monotonic()
            frame = self._read_wire_frame(remaining) if remaining > 0 else None
            if frame is None:
                raise PbxError("timeout", "the PBX did not answer in time")
            if "Response" in frame and frame.get("ActionID") == action_id:
                return frame
            if "Event" in frame:
                self._pending.append(frame)
            else:
                _logger.info("AMI: unrelated response ignored: %s", frame)

    def action(self, name, *extra, timeout=None, **fields):
        return self.wait_response(self.send(name, *extra, **fields), timeout)

    def ping(self):
        response = self.action("Ping")
        if response.get("Response") != "Success":
            raise PbxError("protocol", f"ping failed: {response}")

    def extension_states(self):
        """The ExtensionStatus frames of ``ExtensionStateList`` (phones with a
        hint: idle, in use, unavailable...); [] when the PBX refuses it (no
        hints configured, an old Asterisk): the live state then learns
        extension states from the calls only."""
        try:
            return self._event_list("ExtensionStateList", "ExtensionStatus")
        except PbxError as error:
            _logger.info("AMI: no extension states: %s", error)
            return []

    def core_show_channels(self):
        """Channels in progress, as the CoreShowChannel event frames."""
        return self._event_list("CoreShowChannels", "CoreShowChannel")

    def _event_list(self, action, item):
        """The ``item`` event frames an event-list ``action`` returns."""
        action_id = self.send(action)
        response = self.wait_response(action_id)
        if response.get("Response") != "Success":
            raise PbxError("protocol", f"{action} failed: {response}")
        channels, deadline = [], time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            frame = self._read_wire_frame(deadline - time.monotonic())
            if frame is None:
                break
            if frame.get("ActionID") != action_id:
                self._pending.append(frame)
            elif frame.get("Event") == item:
                channels.append(frame)
            elif frame.get("EventList") == "Complete":
                return channels
        raise PbxError("timeout", f"{action} did not complete")


@register("asterisk_ami")
class AmiBackend(PbxBackend):
    """Asterisk over AMI: each operation opens and closes its own session."""

    def _client(self):
        return AmiClient.from_config(self.config, events=False)

    def test(self):
        """``"Asterisk 22.10.1 (AMI 11.0.0)"``: the banner gives the AMI
        protocol version only; CoreSettings gives Asterisk's own."""
        with self._client() as client:
            client.ping()
            settings = client.action("CoreSettings")
        version = (
            settings.get("AsteriskVersion")
            if settings.get("Response") == "Success"
            else None
        )
        if version:
            return f"Asterisk {version} (AMI {client.version})"
        return f"Asterisk, version not reported (AMI {client.version})"

    def spy(self, extension, channel, mode, caller_id=None):
        """Ring ``extension`` (the supervisor's phone) and, once answered,
        run ``ChanSpy`` on ``channel`` (the agent's): no dialplan needed.
        ``mode``: listen (``qE``: quiet, exit with the call), whisper (``qwE``:
        only the agent hears the supervisor), barge (``qBE``: both hear)."""
        options = SPY_OPTIONS[mode]
        if not channel or "," in channel or "\n" in channel:
            raise PbxError("rejected", f"not a channel: {channel!r}")
        c = self.config
        with self._client() as client:
            action_id = client.send(
                "Originate",
                Channel=c.channel_template.format(extension=extension),
                Application="ChanSpy",
                Data=f"{channel},{options}",
                CallerID=caller_id or extension,
                Timeout=int(c.ring_timeout) * 1000,
                Async="true",
            )
            response = client.wait_response(action_id)
        if response.get("Response") != "Success":
            raise PbxError(
                "rejected", response.get("Message") or "the PBX refused the call"
            )
        return action_id

    def originate(self, extension, number, variables=None):
        c = self.config
        variables = [("Variable", f"{k}={v}") for k, v in (variables or {}).items()]
        with self._client() as client:
            action_id = client.send(
                "Originate",
                *variables,
                Channel=c.channel_template.format(extension=extension),
                Context=c.context,
                Exten=f"{c.outbound_prefix}{number}",
                Priority=1,
                CallerID=c.caller_id or extension,
                Timeout=int(c.ring_timeout) * 1000,  # AMI wants milliseconds
                Async="true",
            )
            response = client.wait_response(action_id)
        if response.get("Response") != "Success":
            raise PbxError(
                "rejected", response.get("Message") or "the PBX refused the call"
            )
        return action_id
