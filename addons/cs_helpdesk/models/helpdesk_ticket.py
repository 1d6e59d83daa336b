# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""helpdesk.ticket: what every ticket has (kind, originating call, the
customer's request) and the only ``create``/``write``/``message_post``
overrides of the suite on tickets.

Each concern lives in its own file and plugs into these overrides through
hooks, in this order:

- ``helpdesk_ticket_complaint.py``: the complaint loop (steps, remedies);
- ``helpdesk_ticket_dispatch.py``: dispatch to departments (派单);
- ``helpdesk_ticket_sla.py``: SLA deadlines, pauses, statuses, escalation;
- ``helpdesk_ticket_kpi.py``: first response, reopens, FCR and the other KPIs.

The write guard (``cs.workflow.mixin``) runs first: the workflow
fields each concern declares in ``_cs_workflow_fields`` are written only by
its methods."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext, plaintext2html

KINDS = [
    ("inquiry", "Inquiry"),
    ("complaint", "Complaint"),
    ("repair", "Repair"),
    ("suggestion", "Suggestion"),
    ("praise", "Praise"),
]


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "cs.workflow.mixin"]

    cs_kind = fields.Selection(
        KINDS,
        string="Kind",
        required=True,
        default="inquiry",
        index=True,
        tracking=True,
    )
    cs_call_id = fields.Many2one(
        "cs.call",
        string="Originating Call",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        groups="base.group_user",
        help="The call during which the ticket was registered.",
    )
    # The customer's request is the ticket's description (one text on the
    # form). This plain-text copy stays for the API, exports and the search of
    # the knowledge base; writing it adds the text to the description.
    cs_request = fields.Text(
        string="Customer's Request",
        compute="_compute_cs_request",
        inverse="_inverse_cs_request",
        store=True,
        help="The description of the ticket as plain text.",
    )

    @api.depends("description")
    def _compute_cs_request(self):
        for ticket in self:
            ticket.cs_request = html2plaintext(ticket.description or "") or False

    def _inverse_cs_request(self):
        for ticket in self:
            request = (ticket.cs_request or "").strip()
            current = html2plaintext(ticket.description or "").strip()
            if not request or request in current:
                continue
            # nothing is lost: the request is added below what was described
            ticket.description = (
                ticket.description + plaintext2html(request)
                if current
                else plaintext2html(request)
            )

    @api.depends("number", "name")
    def _compute_display_name(self):
        """A ticket not saved yet is "New" (not "/ - False"); a ticket is
        its number and subject."""
        for ticket in self:
            number = ticket.number if ticket.number and ticket.number != "/" else ""
            name = ticket.name or ""
            ticket.display_name = " - ".join(
                filter(None, [number, name])
            ) or self.env._("New")

    # -- ORM: the one create/write of the suite on tickets ----------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._cs_check_workflow_create(vals_list)
        for vals in vals_list:
            # a request sent alone (API, import) is the description
            if vals.get("cs_request") and not vals.get("description"):
                vals["description"] = plaintext2html(vals.pop("cs_request"))
        now = fields.Datetime.now()
        self._cs_prepare_from_call(vals_list, now)
        self._cs_sla_prepare_create(vals_list, now)
        # What was prepared above sets workflow fields (SLA plan, first
        # response): the values the user sent were checked, the rest is ours.
        tickets = (
            super(HelpdeskTicket, self._cs_workflow_env())
            .create(vals_list)
            .with_env(self.env)
        )
        tickets._cs_link_call()
        tickets._cs_sla_after_create(now)
        return tickets

    def write(self, vals):
        self._cs_check_workflow_fields(vals)
        if "cs_call_id" in vals and self._cs_guard_applies():
            # set when the ticket is registered from the call (a create, the
            # caller card's context default); read-only on the form after
            raise AccessError(
                self.env._(
                    "The originating call (cs_call_id) of a ticket is set when "
                    "the ticket is registered from the call, not written afterwards."
                )
            )
        if "stage_id" in vals:
            self._cs_check_stage_write()
        reopened = self._cs_reopening(vals)
        sla_before = self._cs_sla_before_write(vals)
        result = super().write(vals)
        reopened._cs_count_reopen()
        self._cs_sla_after_write(vals, sla_before)
        return result

    def message_post(self, **kwargs):
        # The rule is for staff writing to customers: customers writing from
        # the portal (share users) may say what they like.
        staff_reply = bool(
            self and not self.env.user.share and self._cs_customer_visible(kwargs)
        )
        hits = self._cs_check_reply(kwargs) if staff_reply else None
        message = super().message_post(**kwargs)
        if staff_reply:
            self._cs_count_response()
        if hits:
            self._message_log(
                body=self.env._(
                    "Sent by a supervisor despite the forbidden phrase(s) %s.",
                    hits._cs_describe(),
                )
            )
        return message

    # -- the originating call ----------------------------------------------------
    @api.model
    def _cs_prepare_from_call(self, vals_list, now):
        """A ticket started from a call is a phone ticket of the caller, and
        the call was the first response (the agent was talking to them).
        The caller card passes the call as a context default, which the ORM
        only adds later: look at both."""
        default_call = self.env.context.get("default_cs_call_id")
        call_ids = [vals.get("cs_call_id", default_call) for vals in vals_list]
        calls = self.env["cs.call"].browse([cid for cid in call_ids if cid])
        phone = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_phone", raise_if_not_found=False
        )
        for vals, call_id in zip(vals_list, call_ids, strict=True):
            call = calls.browse(call_id)
            if not call:
                continue
            if phone and not vals.get("channel_id"):
                vals["channel_id"] = phone.id
            if call.partner_id and not vals.get("partner_id"):
                vals["partner_id"] = call.partner_id.id
            vals.setdefault("cs_first_response_date", now)
            vals.setdefault("cs_response_count", 1)

    def _cs_link_call(self):
        for ticket in self.filtered("cs_call_id"):
            if not ticket.cs_call_id.res_reference:
                # sudo: the call concerns the ticket; the ticket's creator's
                # rights were checked by the create, the call may be someone
                # else's.
                ticket.cs_call_id.sudo().res_reference = f"{ticket._name},{ticket.id}"

    # -- replies to the customer ---------------------------------------------------
    def _cs_customer_visible(self, kwargs):
        """Whether message_post(**kwargs) sends a message to the customer
        (a comment with the Discussions subtype), not an internal note."""
        if kwargs.get("message_type", "notification") != "comment":
            return False
        if kwargs.get("subtype_xmlid"):
            return kwargs["subtype_xmlid"] == "mail.mt_comment"
        subtype_id = kwargs.get("subtype_id")
        return bool(subtype_id) and subtype_id == self.env.ref("mail.mt_comment").id

    def _cs_check_reply(self, kwargs):
        """Refuse a staff reply with a forbidden phrase (docs/DOMAIN.md §3);
        a Supervisor may send it, and it is logged. Returns the phrases."""
        hits = self.env["cs.forbidden.phrase"]._cs_find(kwargs.get("body"))
        if hits and not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise UserError(
                self.env._(
                    "This reply contains a forbidden phrase: %s. Please rephrase.",
                    hits._cs_describe(),
                )
            )
        return hits
