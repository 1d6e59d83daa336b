# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from ..pbx.backend import BACKENDS, PbxConfig, PbxError, get_backend

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

REASON_LABELS = {
    "refused": _lt("connection refused"),
    "timeout": _lt("timeout"),
    "auth": _lt("bad credentials"),
    "protocol": _lt("protocol error"),
    "rejected": _lt("rejected by the PBX"),
    "closed": _lt("connection closed"),
}


class CsPbxServer(models.Model):
    _name = "cs.pbx.server"
    _description = "PBX Server"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    backend = fields.Selection(
        selection=[("asterisk_ami", "Asterisk (AMI)")],
        required=True,
        default="asterisk_ami",
    )
    host = fields.Char(required=True, tracking=True)
    port = fields.Integer(required=True, default=5038, tracking=True)
    username = fields.Char(required=True, tracking=True)
    # Only administrators may read the secret: it is fetched with sudo() by
    # _cs_backend() when an operation needs it, never sent to other users.
    secret = fields.Char(groups="base.group_system", copy=False)
    originate_context = fields.Char(
        required=True,
        default="from-internal",
        help="Dialplan context in which the customer's number is dialled.",
    )
    channel_template = fields.Char(
        required=True,
        default="PJSIP/{extension}",
        help="Channel of an agent's phone; {extension} is replaced.",
    )
    inbound_contexts = fields.Char(
        default="from-external,from-trunk,from-pstn",
        help="Comma-separated contexts of calls arriving from outside.",
    )
    outbound_prefix = fields.Char(help="Dialled before every external number.")
    caller_id = fields.Char(string="Caller ID")
    ring_timeout = fields.Integer(
        default=30, help="Seconds the agent's phone rings before giving up."
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    last_test_result = fields.Char(readonly=True, copy=False)

    _sql_constraints = [
        ("port_range", "CHECK(port > 0 AND port < 65536)", "The port must be 1-65535."),
        (
            "ring_timeout_positive",
            "CHECK(ring_timeout > 0)",
            "Ring timeout must be > 0.",
        ),
    ]

    @api.constrains("channel_template")
    def _check_channel_template(self):
        for server in self:
            if "{extension}" not in (server.channel_template or ""):
                raise UserError(
                    self.env._("The channel template must contain {extension}.")
                )

    def _cs_config(self):
        self.ensure_one()
        # sudo: the secret is readable by administrators only; the connection
        # needs it on behalf of any agent, and it never leaves the server.
        secret = self.sudo().secret or ""
        contexts = tuple(
            c.strip() for c in (self.inbound_contexts or "").split(",") if c.strip()
        )
        return PbxConfig(
            host=self.host,
            port=self.port,
            username=self.username,
            secret=secret,
            context=self.originate_context,
            channel_template=self.channel_template,
            outbound_prefix=self.outbound_prefix or "",
            caller_id=self.caller_id or "",
            ring_timeout=self.ring_timeout,
            inbound_contexts=contexts,
        )

    def _cs_backend(self):
        self.ensure_one()
        if self.backend not in BACKENDS:
            raise UserError(self.env._("Unknown PBX backend %s.", self.backend))
        return get_backend(self.backend, self._cs_config())

    @api.model
    def _cs_error_message(self, error):
        return self.env._(
            "%(reason)s: %(detail)s",
            reason=str(REASON_LABELS.get(error.reason, error.reason)),
            detail=str(error),
        )

    def action_test_connection(self):
        self.ensure_one()
        try:
            description = self._cs_backend().test()
        except PbxError as error:
            message = self._cs_error_message(error)
            self.last_test_result = message
            return self._cs_notify(
                self.env._("Connection failed"), message, "danger", sticky=True
            )
        self.last_test_result = self.env._("Connected: %s", description)
        return self._cs_notify(
            self.env._("Connection succeeded"), self.last_test_result, "success"
        )

    @api.model
    def _cs_notify(self, title, message, kind, sticky=False):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": sticky,
            },
        }
