# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

# the outcome of a fee-reminder call as written back to its credit lines
FEE_OUTCOMES = {
    "promise": "promise",
    "dispute": "dispute",
    "refused": "refused",
    "unreachable": "unreachable",
    "wrong_number": "unreachable",
}
# the payer was reached: the call is a proven reminder (催告)
FEE_REACHED = ("promise", "dispute", "refused")


class CsCallbackTask(models.Model):
    """A fee-reminder call (电话催缴): a phone-level credit line worked by an
    agent of the estate's fee-reminder campaign."""

    _inherit = "cs.callback.task"

    outcome = fields.Selection(
        selection_add=[("promise", "Promise to Pay"), ("dispute", "Disputed")],
        ondelete={"promise": "set null", "dispute": "set null"},
    )
    cs_unit_id = fields.Many2one(
        "cs.unit", string="Unit", readonly=True, index="btree_not_null"
    )
    cs_credit_line_ids = fields.One2many(
        "credit.control.line", "cs_task_id", string="Overdue Invoices", readonly=True
    )
    cs_is_fee_reminder = fields.Boolean(compute="_compute_cs_is_fee_reminder")
    cs_overdue = fields.Monetary(
        related="cs_unit_id.overdue", string="Overdue on the Unit"
    )
    cs_balance = fields.Monetary(related="cs_unit_id.balance", string="Unit Balance")
    currency_id = fields.Many2one(related="company_id.currency_id")
    cs_promise_date = fields.Date(
        string="Promised Payment Date",
        help="The date the payer promised to pay by: the next collection level "
        "waits until then.",
    )

    cs_statement = fields.Html(
        compute="_compute_cs_statement",
        string="Statement",
        sanitize=False,
        help="The unit's unpaid fee notices today, read out to the payer.",
    )

    @api.depends("cs_unit_id")
    def _compute_cs_statement(self):
        today = fields.Date.context_today(self)
        for task in self:
            if not task.cs_unit_id:
                task.cs_statement = False
                continue
            # sudo: the agent reads the statement of the unit they call about,
            # not the invoices themselves (cs.api.unit_statement's rule).
            statement = task.cs_unit_id.sudo()._cs_statement(today)
            rows = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td>%s</td><td>%s</td>"
                    "<td class='text-end'>%.2f</td><td class='text-end'>%.2f</td></tr>"
                )
                % (
                    invoice["period"],
                    invoice["number"],
                    invoice["due_date"],
                    invoice["amount"],
                    invoice["residual"],
                )
                for invoice in statement["invoices"]
                if invoice["state"] != "paid"
            )
            task.cs_statement = Markup(
                "<table class='table table-sm o_cs_task_statement'><thead><tr>"
                "<th>%s</th><th>%s</th><th>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody>"
                "<tfoot><tr><td colspan='4'><strong>%s</strong></td>"
                "<td class='text-end'><strong>%.2f</strong></td></tr></tfoot></table>"
            ) % (
                escape(self.env._("Month")),
                escape(self.env._("Fee Notice")),
                escape(self.env._("Due Date")),
                escape(self.env._("Amount")),
                escape(self.env._("Unpaid")),
                rows,
                escape(self.env._("Balance Due")),
                statement["balance"],
            )

    @api.depends("campaign_id.purpose")
    def _compute_cs_is_fee_reminder(self):
        for task in self:
            task.cs_is_fee_reminder = task.campaign_id.purpose == "fee_reminder"

    def _cs_check_typed(self, vals):
        # the promised date is typed by the agent like the other answers
        typed = {key: value for key, value in vals.items() if key != "cs_promise_date"}
        if "cs_promise_date" in vals and self.filtered(lambda t: t.state != "open"):
            raise UserError(
                self.env._("This callback is finished, its result stays as recorded.")
            )
        return super()._cs_check_typed(typed)

    def _cs_check_outcome(self, outcome):
        super()._cs_check_outcome(outcome)
        if outcome != "promise":
            return
        today = fields.Date.context_today(self)
        for task in self:
            if not task.cs_promise_date or task.cs_promise_date < today:
                raise UserError(
                    self.env._(
                        "%s: record the date the payer promised to pay by (not "
                        "a past date) first.",
                        task.display_name,
                    )
                )

    def _cs_record_outcome(self, outcome):
        res = super()._cs_record_outcome(outcome)
        self.filtered("cs_is_fee_reminder")._cs_write_back(outcome)
        return res

    def _cs_write_back(self, outcome):
        """The call's outcome on the task's live credit lines: a promise with
        its date (holding the next level), a dispute (a billing-dispute ticket
        pausing the unit), a refusal; a finished call closes the phone level
        and is kept as proof of notice (delivered when the payer was reached)."""
        value = FEE_OUTCOMES.get(outcome)
        if not value:
            return
        today = fields.Date.context_today(self)
        label = dict(self._fields["outcome"]._description_selection(self.env))
        for task in self:
            # sudo: the agent records the result of their call; the credit
            # lines are the fee desk's, which agents only read.
            lines = task.cs_credit_line_ids.sudo().filtered(
                lambda line: line.state != "ignored"
            )
            vals = {"cs_call_outcome": value}
            if outcome == "promise":
                vals["cs_promise_date"] = task.cs_promise_date
            lines.write(vals)
            if task.state == "done":
                result = "delivered" if outcome in FEE_REACHED else "failed"
                content = label.get(outcome, outcome)
                if task.comment:
                    content = f"{content}: {task.comment}"
                lines.filtered(lambda line: line.state != "sent").with_context(
                    cs_notice_result=result, cs_notice_content=content
                ).write({"state": "sent", "date_sent": today})
            if outcome == "dispute":
                task._cs_open_dispute()

    def _cs_open_dispute(self):
        """A payer disputing the bill on the phone gets a billing-dispute
        ticket on the unit: it pauses the reminders until it is closed."""
        self.ensure_one()
        if not self.cs_unit_id:
            return
        # sudo: the agent's call opens the ticket the fee desk settles.
        self.env["helpdesk.ticket"].sudo().create(
            {
                "name": self.env._("Billing dispute: %s", self.cs_unit_id.code),
                "description": self.comment or self.env._("Disputed on a fee call."),
                "partner_id": self.partner_id.id,
                "cs_unit_id": self.cs_unit_id.id,
                "cs_billing_dispute": True,
                "company_id": self.company_id.id,
            }
        )

    def action_cs_promise(self):
        return self._cs_record_outcome("promise")

    def action_cs_dispute(self):
        return self._cs_record_outcome("dispute")
