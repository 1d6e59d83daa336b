"""PBX connectors in plain Python: no ORM, no Odoo import.

``backend`` defines the small interface every PBX backend implements and the
errors it raises; ``ami`` is the Asterisk Manager Interface client and backend;
``events`` turns AMI events into typed call updates; ``cdr`` reads Asterisk's
CDR table for calls AMI could not show; ``listener`` keeps a connection
open, reconnects and hands updates to a sink (the Odoo side lives in
``cli/pbx_listener.py`` and ``models/cs_call.py``).
"""

from . import backend, ami, events, cdr, listener
