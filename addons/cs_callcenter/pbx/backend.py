# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The interface of a PBX backend and its errors."""

import abc
from dataclasses import dataclass, field


class PbxError(Exception):
    """A PBX operation failed. ``reason`` is one of REASONS; ``str()`` explains."""

    REASONS = ("refused", "timeout", "auth", "protocol", "rejected", "closed")

    def __init__(self, reason, message):
        assert reason in self.REASONS, reason
        super().__init__(message)
        self.reason = reason


@dataclass
class PbxConfig:
    host: str
    port: int
    username: str
    secret: str = field(repr=False)  # never in a log line or traceback
    context: str = "from-internal"
    channel_template: str = "PJSIP/{extension}"
    outbound_prefix: str = ""
    caller_id: str = ""
    ring_timeout: int = 30  # seconds
    connect_timeout: float = 5.0
    inbound_contexts: tuple = field(
        default=("from-external", "from-trunk", "from-pstn")
    )


class PbxBackend(abc.ABC):
    """What the suite asks of a PBX. One instance per short operation."""

    def __init__(self, config):
        self.config = config

    @abc.abstractmethod
    def test(self):
        """Connect and authenticate; return a description of the PBX."""

    @abc.abstractmethod
    def originate(self, extension, number, variables=None):
        """Ring ``extension`` and, once answered, dial ``number``.

        Returns the reference of the request (correlates the later result:
        for Asterisk the ActionID its OriginateResponse carries).
        Raises PbxError when the PBX refuses or cannot be reached.
        """

    def spy(self, extension, channel, mode, caller_id=None):
        """Ring ``extension`` and connect it to ``channel`` to listen,
        whisper or barge (``mode``); returns the request's reference. A
        backend that cannot monitor says so."""
        raise PbxError("unsupported", "this PBX cannot monitor calls")


BACKENDS = {}


def register(name):
    def decorator(cls):
        BACKENDS[name] = cls
        return cls

    return decorator


def get_backend(name, config):
    try:
        return BACKENDS[name](config)
    except KeyError:
        raise PbxError("protocol", f"unknown PBX backend {name!r}") from None
