# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import clean_context

from odoo.addons.cs_callcenter.tools.phone import normalize

from .helpdesk_ticket import KINDS

# create_ticket's channel codes -> helpdesk.ticket.channel records
CHANNELS = {
    "phone": "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "email": "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "portal": "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "walk_in": "cs_helpdesk.helpdesk_ticket_channel_walk_in",
    "letter": "cs_helpdesk.helpdesk_ticket_channel_letter",
    "wechat": "cs_helpdesk.helpdesk_ticket_channel_wechat",
    "api": "cs_helpdesk.helpdesk_ticket_channel_api",
}
TICKET_KEYS = {
    "kind",
    "subject",
    "description",
    "channel",
    "partner_id",
    "phone",
    "partner_name",
}


class CsApi(models.AbstractModel):
    _inherit = "cs.api"

    @api.model
    def create_ticket(self, values):
        """Register a ticket for a partner system.

        :param dict values: ``kind`` (inquiry, complaint, repair, suggestion,
            praise), ``subject``, ``description``, ``channel`` (phone, email,
            portal, walk_in, letter, wechat, api), and either ``partner_id``
            or ``phone`` (+ optional ``partner_name``: an unknown phone
            creates the contact)
        :returns: ``{"id": int, "number": str}``
        """
        self._cs_check_caller()
        if not isinstance(values, dict):
            raise ValidationError(self.env._("values must be a dict."))
        unknown = sorted(set(values) - TICKET_KEYS)
        if unknown:
            raise ValidationError(
                self.env._("Unknown key(s): %s.", ", ".join(map(str, unknown)))
            )
        kind = self._cs_require_choice(values.get("kind"), "kind", dict(KINDS))
        channel_code = self._cs_require_choice(
            values.get("channel"), "channel", CHANNELS
        )
        subject = self._cs_require_string(values.get("subject"), "subject", 200)
        description = self._cs_require_string(
            values.get("description"), "description", 20000
        )
        partner = self._cs_ticket_partner(values)
        # helpdesk_mgmt's auto-assignment would make a partner system's
        # (portal) user the agent of the ticket
        assignee = {"user_id": False} if self.env.user.share else {}
        # sudo: integration users create tickets only through this method;
        # the ticket keeps them as creator (create_uid) for ticket_status. Not
        # as follower: helpdesk_mgmt's portal rule would then let them read
        # the ticket outside the API. No default_* key of the caller's
        # context reaches the ticket (clean_context): its values are these.
        ticket = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(clean_context(self.env.context), mail_create_nosubscribe=True)
            .create(
                {
                    "cs_kind": kind,
                    "name": subject,
                    "description": description,
                    "channel_id": self.env.ref(CHANNELS[channel_code]).id,
                    "partner_id": partner.id,
                    **assignee,
                }
            )
        )
        return {"id": ticket.id, "number": ticket.number}

    @api.model
    def _cs_require_choice(self, value, name, choices):
        """``value`` if it is one of the string keys of ``choices``."""
        if not isinstance(value, str) or value not in choices:
            raise ValidationError(
                self.env._(
                    "%(name)s must be one of %(choices)s.",
                    name=name,
                    choices=", ".join(choices),
                )
            )
        return value

    @api.model
    def _cs_partner_visible(self, partners):
        """The contacts the caller's companies may see: shared ones and
        those of the caller's companies (``partners`` read with sudo)."""
        companies = self.env.companies
        return partners.filtered(
            lambda p: not p.company_id or p.company_id in companies
        )

    @api.model
    def _cs_ticket_partner(self, values):
        partner_id, phone = values.get("partner_id"), values.get("phone")
        if partner_id is not None and partner_id is not False:
            if (
                not isinstance(partner_id, int)
                or isinstance(partner_id, bool)
                or not 0 < partner_id < 2**31
            ):
                raise ValidationError(
                    self.env._("partner_id must be a positive integer.")
                )
            # sudo: integration users cannot read contacts themselves; only
            # a contact their companies may see is used.
            partner = self._cs_partner_visible(
                self.env["res.partner"].sudo().browse(partner_id).exists()
            )
            if not partner or not partner.active:
                raise UserError(
                    self.env._("No contact with partner_id %s.", partner_id)
                )
            return partner
        if phone is None or phone is False:
            raise ValidationError(self.env._("Give partner_id or phone."))
        phone = self._cs_require_string(phone, "phone")
        Partner = self.env["res.partner"]
        # sudo: integration users cannot read contacts themselves.
        partner = Partner.sudo()._cs_find_by_phone(
            phone, companies=self.env.user.company_ids
        )[:1]
        if partner:
            return partner
        if not normalize(phone, Partner._cs_default_region()).valid:
            raise ValidationError(self.env._("phone %s is not a valid number.", phone))
        name = values.get("partner_name")
        name = self._cs_require_string(name, "partner_name", 128) if name else phone
        # sudo: the caller is new; integration users may not create contacts.
        # No default_* key of the caller's context reaches it.
        return (
            self.env["res.partner"]
            .sudo()
            .with_context(clean_context(self.env.context))
            .create({"name": name, "phone": phone})
        )

    @api.model
    def ticket_status(self, number):
        """Where a ticket stands.

        :param str number: the ticket number (e.g. ``HT00042``)
        :returns: ``{"number", "kind", "step", "stage", "sla_status",
            "deadline", "closed"}``: ``step`` is the complaint step (False for
            other kinds); ``sla_status`` one of on_track, at_risk, breached, met
            (False without SLA); ``deadline`` the resolution deadline, UTC
            ``YYYY-MM-DD HH:MM:SS`` or False. Integration users see only the
            tickets they created.
        """
        self._cs_check_caller()
        number = self._cs_require_string(number, "number", 32)
        Ticket = self.env["helpdesk.ticket"]
        domain = [("number", "=", number)]
        if self.env.user.has_group("cs_callcenter.group_integration"):
            # sudo: integration users reach their own tickets through the API only.
            Ticket = Ticket.sudo()
            domain.append(("create_uid", "=", self.env.uid))
        ticket = Ticket.search(domain, limit=1)
        if not ticket:
            raise UserError(self.env._("No ticket %s.", number))
        return {
            "number": ticket.number,
            "kind": ticket.cs_kind,
            "step": ticket.cs_step if ticket.cs_kind == "complaint" else False,
            "stage": ticket.stage_id.name or False,
            "sla_status": ticket.cs_sla_status or False,
            "deadline": fields.Datetime.to_string(ticket.cs_sla_deadline) or False,
            "closed": bool(ticket.stage_id.closed),
        }
