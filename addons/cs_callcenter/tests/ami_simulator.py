"""An Asterisk Manager Interface simulator for the suite tests.

It stands in for the PBX, which cannot be installed here, and speaks the
protocol as Asterisk 22.10.1 does (asterisk main/manager.c): the banner
``Asterisk Call Manager/11.0.0`` (the AMI protocol version, not Asterisk's:
``CoreSettings`` tells ``AsteriskVersion``), CRLF ``Key: Value`` frames ended
by a blank line, ``ActionID`` echoed in responses, Login (a failure answers
after a pause and hangs up; ``FullyBooted`` follows a success only when the
session asked for events), Ping, CoreSettings, async Originate with the agent
leg's events and a later ``OriginateResponse`` (see
``ami_transcripts.originate_frames``), CoreShowChannels (an event list),
Hangup and Logoff. Tests push event transcripts to the connected clients,
drop connections, make a login succeed and then fail, and read the actions
received. It has its own frame parser on purpose: it must not share the
client's bugs.
"""

import contextlib
import itertools
import socket
import threading
import time

from .ami_live_transcripts import spy_frames
from .ami_transcripts import originate_frames

CRLF = "\r\n"


def encode(frame):
    return (CRLF.join(f"{k}: {v}" for k, v in frame) + CRLF + CRLF).encode()


def decode(raw):
    frame = {}
    for line in raw.split(CRLF):
        key, sep, value = line.partition(": ")
        if sep:
            frame.setdefault(key, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in frame.items()}


class Session(threading.Thread):
    def __init__(self, sim, sock):
        super().__init__(daemon=True)
        self.sim, self.sock = sim, sock
        self.logged_in = False
        self.events = True
        self.lock = threading.Lock()

    def send(self, frame):
        with self.lock:
            try:
                self.sock.sendall(encode(frame) if isinstance(frame, list) else frame)
            except OSError:
                self.close()

    def close(self):
        self.logged_in = False
        with contextlib.suppress(OSError):  # already closed by the peer
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()

    def run(self):
        if self.sim.silent:  # accepts, never speaks: a timeout for the client
            time.sleep(self.sim.silent)
            self.close()
            return
        self.send(f"Asterisk Call Manager/{self.sim.version}{CRLF}".encode())
        buffer = ""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk.decode()
            while CRLF + CRLF in buffer:
                raw, buffer = buffer.split(CRLF + CRLF, 1)
                action = decode(raw)
                self.sim.received.append(action)
                if not self.handle(action):
                    self.close()
                    return
        self.close()

    def handle(self, action):
        name = (action.get("Action") or "").lower()
        aid = [("ActionID", action["ActionID"])] if "ActionID" in action else []
        if name == "login":
            if (action.get("Username"), action.get("Secret")) != self.sim.credentials:
                time.sleep(0.2)  # Asterisk pauses ~1 s before refusing
                self.send(
                    [("Response", "Error"), *aid, ("Message", "Authentication failed")]
                )
                return False
            self.logged_in = True
            self.events = action.get("Events", "on") != "off"
            self.send(
                [("Response", "Success"), *aid, ("Message", "Authentication accepted")]
            )
            if self.sim.drop_after_login:
                self.sim.drop_after_login -= 1
                return False  # a login that succeeds, then the link fails
            if self.events:  # Asterisk 22 sends it only to sessions with events
                self.send(
                    [
                        ("Event", "FullyBooted"),
                        ("Privilege", "system,all"),
                        ("Uptime", "1234"),
                        ("LastReload", "1234"),
                        ("Status", "Fully Booted"),
                    ]
                )
            return True
        if not self.logged_in:
            self.send([("Response", "Error"), *aid, ("Message", "Permission denied")])
            return True
        if name == "ping":
            self.send(
                [
                    ("Response", "Success"),
                    *aid,
                    ("Ping", "Pong"),
                    ("Timestamp", f"{time.time():.6f}"),
                ]
            )
        elif name == "coresettings":
            self.send(
                [
                    ("Response", "Success"),
                    *aid,
                    ("AMIversion", self.sim.version),
                    ("AsteriskVersion", self.sim.asterisk_version),
                    ("SystemName", ""),
                    ("CoreMaxCalls", "0"),
                    ("CoreMaxLoadAvg", "0.000000"),
                    ("CoreRunUser", "asterisk"),
                    ("CoreRunGroup", "asterisk"),
                    ("CoreMaxFilehandles", "0"),
                    ("CoreRealTimeEnabled", "No"),
                    ("CoreCDRenabled", "Yes"),
                    ("CoreHTTPenabled", "No"),
                    ("SoundsSearchCustomDir", "No"),
                ]
            )
        elif name == "logoff":
            self.send(
                [("Response", "Goodbye"), *aid, ("Message", "Thanks for all the fish.")]
            )
            return False
        elif name == "originate":
            if self.sim.originate_refused:
                self.send(
                    [
                        ("Response", "Error"),
                        *aid,
                        ("Message", self.sim.originate_refused),
                    ]
                )
            else:
                self.send(
                    [
                        ("Response", "Success"),
                        *aid,
                        ("Message", "Originate successfully queued"),
                    ]
                )
                self.sim.originate_later(action)
        elif name == "coreshowchannels":
            self.send(
                [
                    ("Response", "Success"),
                    *aid,
                    ("EventList", "start"),
                    ("Message", "Channels will follow"),
                ]
            )
            for channel in self.sim.active_channels:
                self.send([("Event", "CoreShowChannel"), *aid, *channel.items()])
            self.send(
                [
                    ("Event", "CoreShowChannelsComplete"),
                    *aid,
                    ("EventList", "Complete"),
                    ("ListItems", str(len(self.sim.active_channels))),
                ]
            )
        elif name == "extensionstatelist":
            self.send(
                [
                    ("Response", "Success"),
                    *aid,
                    ("EventList", "start"),
                    ("Message", "Extension Statuses will follow"),
                ]
            )
            for status in self.sim.extension_states:
                self.send([*status[:1], *aid, *status[1:]])
            self.send(
                [
                    ("Event", "ExtensionStateListComplete"),
                    *aid,
                    ("EventList", "Complete"),
                    ("ListItems", str(len(self.sim.extension_states))),
                ]
            )
        elif name == "hangup":
            self.send([("Response", "Success"), *aid, ("Message", "Channel Hungup")])
        else:
            self.send(
                [("Response", "Error"), *aid, ("Message", "Invalid/unknown command")]
            )
        return True


class AmiSimulator:
    def __init__(
        self,
        username="odoo",
        secret="s3cret",
        version="11.0.0",
        asterisk_version="22.10.1",
    ):
        self.credentials = (username, secret)
        self.version = version  # AMI protocol version (the banner)
        self.asterisk_version = asterisk_version
        self.received = []
        self.sessions = []
        self.active_channels = []
        self.extension_states = []  # ExtensionStatus frames (lists of pairs)
        self.originate_refused = None
        # AST_CONTROL_* reason of the OriginateResponse: 4 the agent answered
        # (then the customer is dialled and talks 3 s), 3 no answer, 5 busy...
        self.originate_reason = "4"
        self.originate_delay = 0.05
        self.drop_after_login = 0  # logins to accept and then drop at once
        self.silent = 0
        self._seq = itertools.count(1)
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self.port = self._sock.getsockname()[1]
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self._stopped:
            try:
                sock, _addr = self._sock.accept()
            except OSError:
                return
            session = Session(self, sock)
            self.sessions.append(session)
            session.start()

    def listeners(self):
        return [s for s in self.sessions if s.logged_in and s.events]

    def wait_listener(self, count=1, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if len(self.listeners()) >= count:
                return True
            time.sleep(0.02)
        return False

    def push(self, transcript):
        """Send a transcript (frames separated by blank lines) to every
        logged-in client that asked for events, on the wire as CRLF."""
        wire = transcript.strip("\n").replace("\n", CRLF) + CRLF + CRLF
        for session in self.listeners():
            session.send(wire.encode())

    def push_raw(self, data):
        for session in self.listeners():
            session.send(data)

    def push_frames(self, frames):
        """Send frames (lists of (key, value)) to every listening client."""
        wire = b"".join(encode(frame) for frame in frames)
        for session in self.listeners():
            session.send(wire)

    def originate_later(self, action):
        """Answer an accepted Originate as Asterisk 22 does: the agent leg's
        events, the OriginateResponse and, when answered, the customer leg."""
        channel = action.get("Channel") or ""
        extension = channel.split("/", 1)[-1]
        if action.get("Application"):  # e.g. ChanSpy: no dialplan, no customer
            frames = spy_frames(
                action.get("ActionID"),
                next(self._seq) + 7000,
                time.time(),
                extension=extension,
                reason=self.originate_reason,
            )
            threading.Timer(self.originate_delay, self.push_frames, [frames]).start()
            return
        frames = originate_frames(
            action.get("ActionID"),
            next(self._seq) + 5000,
            time.time(),
            extension=extension,
            number=action.get("Exten") or "",
            context=action.get("Context") or "from-internal",
            reason=self.originate_reason,
        )

        def respond():
            time.sleep(self.originate_delay)
            self.push_frames(frames)

        threading.Thread(target=respond, daemon=True).start()

    def actions(self, name):
        return [a for a in self.received if (a.get("Action") or "").lower() == name]

    def drop_connections(self):
        for session in list(self.sessions):
            session.close()
        self.sessions.clear()

    def stop(self):
        self._stopped = True
        self.drop_connections()
        self._sock.close()
