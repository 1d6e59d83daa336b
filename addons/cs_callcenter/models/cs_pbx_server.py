# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from ..pbx.backend import BACKENDS, PbxConfig, PbxError, get_backend
from ..tools.dial_policy import destination_refusal, parse_allow_list

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
# Where the PBX is and what it dials: changed by system administrators only
# (a Customer Service Manager who could point the PBX at their own host and
# press "Test connection" would receive its secret; one who could change the
# dialplan context, channel or allow-list could open the PBX to toll fraud).
ADMIN_FIELDS = (
    "backend",
    "host",
    "port",
    "username",
    "secret",
    "originate_context",
    "channel_template",
    "outbound_prefix",
    "allowed_destinations",
)
# The secret is sent only to the endpoint it was entered for.
ENDPOINT_FIELDS = ("host", "port", "username")


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
    # Write-only, like res.users.password: the value lives in the column
    # "secret" that the ORM never reads (see init()); reading the field gives
    # False to everyone, administrators included, so it appears in no read,
    # export or log. _cs_secret() fetches it when a connection needs it.
    secret = fields.Char(
        compute="_compute_secret",
        inverse="_inverse_secret",
        groups="base.group_system",
        copy=False,
        help="The AMI user's secret. It is never shown again once saved; type "
        "a new one to replace it.",
    )
    secret_set = fields.Boolean(string="Secret Stored", compute="_compute_secret_set")
    # "host:port:username" the stored secret was entered for; a secret is never
    # sent to another endpoint (changed since) until it is entered again.
    secret_endpoint = fields.Char(
        string="Secret Entered For",
        readonly=True,
        copy=False,
        groups="base.group_system",
    )
    allowed_destinations = fields.Text(
        help="Click-to-call dials national numbers of the PBX company's country "
        "only. List here, separated by commas or new lines, the prefixes of "
        "other numbers it may dial: +852 (a country), +86168 (a premium-rate "
        "range), 95588 (a short code).",
    )
    cs_can_edit_connection = fields.Boolean(
        string="May Change the Connection", compute="_compute_cs_can_edit_connection"
    )
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

    def init(self):
        # The secret's own column, created here as the field is not stored
        # (on databases from before, the column of the stored field is kept).
        self.env.cr.execute(
            SQL("ALTER TABLE cs_pbx_server ADD COLUMN IF NOT EXISTS secret varchar")
        )

    def _compute_secret(self):
        self.secret = False

    def _compute_secret_set(self):
        ids = tuple(self._origin.ids)
        stored = set()
        if ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM cs_pbx_server"
                    " WHERE id IN %s AND COALESCE(secret, '') != ''",
                    ids,
                )
            )
            stored = {row[0] for row in self.env.cr.fetchall()}
        for server in self:
            server.secret_set = server._origin.id in stored

    def _inverse_secret(self):
        for server in self:
            self.env.cr.execute(
                SQL(
                    "UPDATE cs_pbx_server SET secret = %s WHERE id = %s",
                    server.secret or None,
                    server.id,
                )
            )
            # sudo: the endpoint is readable by administrators only; whoever
            # may set the secret (an administrator) binds it to the endpoint.
            server.sudo().secret_endpoint = (
                server._cs_endpoint() if server.secret else False
            )
        # the value written must not stay readable from the cache
        self.invalidate_recordset(["secret", "secret_set"])

    def _cs_endpoint(self):
        self.ensure_one()
        return f"{self.host}:{self.port}:{self.username}"

    def _cs_secret(self):
        """The stored secret if it was entered for the current endpoint, else
        False (also when none is stored)."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT secret FROM cs_pbx_server WHERE id = %s", self.id)
        )
        row = self.env.cr.fetchone()
        secret = row and row[0]
        # sudo: the endpoint the secret was entered for is an administrator's field
        if not secret or self.sudo().secret_endpoint != self._cs_endpoint():
            return False
        return secret

    def _cs_secret_moved(self):
        """A secret is stored, but for another host, port or username."""
        self.ensure_one()
        return bool(self.sudo().secret_set and not self._cs_secret())

    def _compute_cs_can_edit_connection(self):
        can_edit = self.env.is_system()
        for server in self:
            server.cs_can_edit_connection = can_edit

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cs_check_admin_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._cs_check_admin_fields(vals)
        if any(name in vals for name in ENDPOINT_FIELDS) and "secret" not in vals:
            # A secret saved before endpoints were tracked: bind it to the
            # endpoint it was used with until now, before that changes.
            for server in self.sudo().filtered(
                lambda s: s.secret_set and not s.secret_endpoint
            ):
                server.secret_endpoint = server._cs_endpoint()
        return super().write(vals)

    @api.model
    def _cs_check_admin_fields(self, vals):
        if self.env.su or self.env.is_system():
            return
        # an unchanged value (a form or an import sending it again) passes;
        # the secret cannot be compared: sending one is changing it
        changed = [
            name
            for name in ADMIN_FIELDS
            if name in vals
            and (
                name == "secret"
                or not self
                or any(
                    (server[name] or False) != (vals[name] or False) for server in self
                )
            )
        ]
        if changed:
            labels = ", ".join(
                self._fields[name]._description_string(self.env) for name in changed
            )
            raise AccessError(
                self.env._(
                    "Only system administrators may set the connection and "
                    "dialling fields of a PBX (%s).",
                    labels,
                )
            )

    @api.constrains("allowed_destinations")
    def _check_allowed_destinations(self):
        for server in self:
            try:
                parse_allow_list(server.allowed_destinations)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Allowed destinations: %(entry)s is not a prefix such as "
                        "+852, +86168 or 95588.",
                        entry=str(error),
                    )
                ) from None

    @api.constrains("channel_template")
    def _check_channel_template(self):
        for server in self:
            if "{extension}" not in (server.channel_template or ""):
                raise UserError(
                    self.env._("The channel template must contain {extension}.")
                )

    def _cs_config(self):
        self.ensure_one()
        # The connection needs the secret on behalf of any agent; it goes to
        # the endpoint it was entered for only, and is never returned.
        secret = self._cs_secret() or ""
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
        if self._cs_secret_moved():
            raise PbxError(
                "auth",
                self.env._(
                    "the secret was entered for another host, port or user: "
                    "an administrator must enter it again"
                ),
            )
        return get_backend(self.backend, self._cs_config())

    @api.model
    def _cs_default_for(self, companies):
        """{company id: its default PBX}: the first active PBX (by sequence)
        of the company or shared by all companies; an empty record if none.
        An agent's extension without a PBX is on their company's default."""
        # sudo: which PBX an extension is on does not depend on who asks
        servers = self.sudo().search([("company_id", "in", [False, *companies.ids])])
        return {
            company.id: next(
                (s for s in servers if s.company_id.id in (False, company.id)),
                servers.browse(),
            ).with_env(self.env)
            for company in companies
        }

    def _cs_dial_region(self):
        """The country whose numbers are national for this PBX: the suite's
        one default-region rule (``res.partner._cs_default_region``)."""
        self.ensure_one()
        return self.env["res.partner"]._cs_default_region(server=self)

    def _cs_check_destination(self, phone):
        """Refuse (UserError) to dial ``phone`` (a ``tools.phone.Phone``)
        outside the allowed-destination policy of this PBX: national numbers
        of its country, and the prefixes of ``allowed_destinations``."""
        self.ensure_one()
        refusal = destination_refusal(
            phone.key,
            phone.kind,
            self._cs_dial_region(),
            parse_allow_list(self.allowed_destinations),
        )
        if not refusal:
            return
        if refusal == "invalid":
            raise UserError(self.env._("%s is not a valid phone number.", phone.raw))
        args = {"number": phone.raw, "pbx": self.name}
        if refusal == "short":
            message = self.env._(
                "%(number)s is a short code: the PBX %(pbx)s dials short codes "
                "only when its allowed destinations list them.",
                **args,
            )
        elif refusal == "premium":
            message = self.env._(
                "%(number)s is a premium-rate number: the PBX %(pbx)s dials "
                "premium-rate numbers only when its allowed destinations list them.",
                **args,
            )
        else:
            message = self.env._(
                "%(number)s is not a national number: the PBX %(pbx)s dials "
                "other countries only when its allowed destinations list their "
                "prefix.",
                **args,
            )
        raise UserError(message)

    @api.model
    def _cs_error_message(self, error):
        return self.env._(
            "%(reason)s: %(detail)s",
            reason=str(REASON_LABELS.get(error.reason, error.reason)),
            detail=str(error),
        )

    def action_test_connection(self):
        """Connect, log in and report what the backend's ``test()`` says (for
        Asterisk: its version)."""
        self.ensure_one()
        # Only who may change the PBX may make it connect (agents only read it).
        self.check_access("write")
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
