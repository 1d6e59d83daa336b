# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SMS reminders (短信催缴提醒, issue 14 §1): the channel ``sms`` of a credit
control level sends the level's text (``custom_text``) to the payer's mobile
through Odoo's community ``sms`` module.

- one text per payer and level, like upstream's emails: the lines are grouped
  into upstream's ``credit.control.communication`` records, and each one posts
  its text with ``_message_sms`` (an ``sms.sms`` queued for the SMS cron and a
  ``mail.notification`` on the communication's chatter);
- the payer's mobile must be a valid mobile number (a landline cannot receive
  a text): without one, the lines go to ``error``, the communication's chatter
  and the server log say why, and the proof of notice records the failure;
- every line sent keeps its proof of notice (channel ``sms``, the text sent).

The SMS leave through the provider configured for the ``sms`` module (Odoo
IAP by default); until the cron sends them they are ``outgoing`` ``sms.sms``
records. The delivery result written on the proof is the hand-over to that
queue, not the operator's delivery report.
"""

import logging

from odoo import fields, models
from odoo.tools.misc import formatLang

from odoo.addons.cs_callcenter.tools.phone import normalize

from .credit_control_policy_level import SMS_ONDELETE

_logger = logging.getLogger(__name__)


class CreditControlLine(models.Model):
    _inherit = "credit.control.line"

    channel = fields.Selection(selection_add=[("sms", "SMS")], ondelete=SMS_ONDELETE)

    def _cs_send_sms(self):
        """Send the SMS reminders of these lines (channel ``sms``, to be sent)
        and return the ``sms.sms`` queued. See the module docstring."""
        lines = self.filtered(
            lambda line: line.channel == "sms" and line.state == "to_be_sent"
        )
        if not lines:
            return self.env["sms.sms"]
        comms = self.env[
            "credit.control.communication"
        ]._generate_comm_from_credit_lines(lines)
        messages = self.env["mail.message"]
        today = fields.Date.context_today(self)
        for comm in comms:
            comm_lines = comm.credit_control_line_ids & lines
            partner = comm.partner_id
            body = comm._cs_sms_body()
            number = partner._cs_sms_mobile()
            if not number:
                reason = self.env._(
                    "SMS reminder not sent: %(payer)s has no valid mobile number "
                    "(%(number)s).",
                    payer=partner.display_name,
                    number=partner.mobile or self.env._("none"),
                )
                _logger.warning(
                    "credit control: no SMS for partner %s (lines %s): no valid "
                    "mobile number",
                    partner.id,
                    comm_lines.ids,
                )
                comm.message_post(body=reason)
                comm_lines.with_context(cs_notice_content=f"{reason}\n{body}").write(
                    {"state": "error"}
                )
                continue
            messages |= comm._message_sms(
                body,
                partner_ids=partner.ids,
                sms_pid_to_number={partner.id: number},
                # the text as composed (the chatter's copy is HTML)
                sms_content=body,
                # the SMS cron sends them: no network call in the run
                put_in_queue=True,
            )
            comm_lines.with_context(cs_notice_content=body).write(
                {"state": "sent", "date_sent": today}
            )
        # sudo: sms.sms is readable by administrators only; the texts just
        # queued are returned to the caller (tests, scripts)
        return (
            self.env["sms.sms"].sudo().search([("mail_message_id", "in", messages.ids)])
        )


class CreditControlCommunication(models.Model):
    _inherit = "credit.control.communication"

    def _cs_sms_body(self):
        """The text of the SMS: the level's text in the payer's language,
        then the amount overdue and the units it is for."""
        self.ensure_one()
        level = self.policy_level_id.with_context(lang=self.partner_id.lang)
        text = (level.custom_text or "").strip()
        lines = self.credit_control_line_ids
        amount = formatLang(
            self.env, sum(lines.mapped("balance_due")), currency_obj=self.currency_id
        )
        units = ", ".join(sorted(set(lines.cs_unit_id.mapped("code"))))
        if units:
            summary = self.env._(
                "Overdue: %(amount)s (unit %(units)s).", amount=amount, units=units
            )
        else:
            summary = self.env._("Overdue: %(amount)s.", amount=amount)
        return f"{text}\n{summary}" if text else summary


class CreditControlRun(models.Model):
    _inherit = "credit.control.run"

    def run_channel_action(self):
        """Upstream sends the emails and prints the letters of the lines to
        be sent; the SMS lines are sent first."""
        self.ensure_one()
        self.line_ids._cs_send_sms()
        return super().run_channel_action()


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _cs_sms_mobile(self):
        """The partner's mobile in E.164 when it is a valid mobile number
        (read in the partner's country, else the company's, else China),
        else False."""
        self.ensure_one()
        region = self.country_id.code or self.env.company.country_id.code or "CN"
        phone = normalize(self.mobile or "", region)
        return phone.key if phone.kind == "mobile" else False
