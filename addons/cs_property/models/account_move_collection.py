# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Civil Code Art. 188: three years, restarted by each documented reminder (Art. 195)
LIMITATION_YEARS = 3
# the warning list shows what gets time-barred within this many days
WARNING_DAYS = 90


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "cs.workflow.mixin"]

    cs_notice_ids = fields.One2many(
        "cs.collection.notice", "move_id", string="Proofs of Notice", readonly=True
    )
    cs_last_notice_date = fields.Date(
        compute="_compute_cs_limitation_date",
        store=True,
        string="Last Proven Notice",
    )
    cs_limitation_date = fields.Date(
        compute="_compute_cs_limitation_date",
        store=True,
        index="btree_not_null",
        string="Limitation Expires",
        help="3 years after the due date, restarted by each proven (delivered) "
        "reminder or notice.",
    )

    @api.model
    def _cs_workflow_fields(self):
        # computed from the proofs of notice only: a date typed by hand
        # would hide a fee about to be time-barred
        return super()._cs_workflow_fields() | {
            "cs_last_notice_date",
            "cs_limitation_date",
        }

    @api.depends(
        "cs_unit_id", "invoice_date_due", "cs_notice_ids.date", "cs_notice_ids.result"
    )
    def _compute_cs_limitation_date(self):
        for move in self:
            if not move.cs_unit_id or move.move_type != "out_invoice":
                move.cs_last_notice_date = False
                move.cs_limitation_date = False
                continue
            proven = move.cs_notice_ids.filtered(
                lambda notice: notice.result == "delivered"
            )
            last = max(proven.mapped("date"), default=False)
            start = max(filter(None, [move.invoice_date_due, last]), default=False)
            move.cs_last_notice_date = last
            move.cs_limitation_date = start and start + relativedelta(
                years=LIMITATION_YEARS
            )

    @api.model
    def _cs_limitation_domain(self, days=WARNING_DAYS):
        """The unpaid fee invoices time-barred within ``days`` (or already)."""
        limit = fields.Date.context_today(self) + relativedelta(days=days)
        return [
            ("cs_unit_id", "!=", False),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("cs_limitation_date", "<=", limit),
        ]

    @api.model
    def cs_action_limitation_warnings(self):
        """The list that warns 90 days before a fee gets time-barred."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Limitation Warnings"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref("cs_property.account_move_view_list_cs_limitation").id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": self._cs_limitation_domain(),
            "help": self.env._(
                "<p>No fee invoice gets time-barred within 90 days. A documented "
                "reminder (proof of notice) restarts the 3-year period.</p>"
            ),
        }

    def _cs_collection_exit(self):
        """Fully paid fee invoices leave the collection process at once: their
        pending credit lines are ignored and the calls about nothing but them
        are closed."""
        paid = self.filtered(
            lambda move: (
                move.cs_unit_id
                and move.move_type == "out_invoice"
                and move.currency_id.is_zero(move.amount_residual)
            )
        )
        if not paid:
            return
        # sudo: a payment (cashier, portal, bank statement) ends the dunning
        # of the invoices it settles, whoever records it.
        Line = self.env["credit.control.line"].sudo()
        pending = Line.search(
            [("invoice_id", "in", paid.ids), ("state", "in", ("draft", "to_be_sent"))]
        )
        if not pending:
            return
        tasks = pending.cs_task_id.filtered(lambda task: task.state == "open")
        pending.with_context(tracking_disable=True).write({"state": "ignored"})
        for task in tasks:
            live = task.cs_credit_line_ids.filtered(
                lambda line: line.state not in ("ignored", "sent")
            )
            if not live:
                task._cs_workflow_write(
                    {
                        "state": "done",
                        "done_date": fields.Datetime.now(),
                        "is_callable": False,
                    }
                )
