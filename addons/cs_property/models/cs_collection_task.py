# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# the columns an insert sets itself
MAGIC = ("create_uid", "create_date", "write_uid", "write_date")

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

    @api.model
    def _cs_insert(self, vals_list):
        """The fee-reminder tasks of ``vals_list`` (the same keys in each)
        inserted with one statement, in order — 50,000 ORM creates cost more
        than the whole run. The same values as ``_cs_workflow_create`` (the
        workflow's private path: its fields are set by the run): the missing
        fields' defaults, no stored computation (the task model has none; one
        added by another module sends the tasks back to the ORM), the
        company consistency checked by the ORM on the rows SQL suspects, the
        access checked on the rows. ``source_ref`` is written as given (the
        caller's "model,id"). Returns the tasks."""
        if not vals_list:
            return self.browse()
        names = list(vals_list[0])
        defaults = {
            name: value
            for name, value in self._add_missing_default_values(
                dict(vals_list[0])
            ).items()
            if name not in names
        }
        columns = [
            name
            for name in [*names, *defaults]
            if self._fields[name].store and self._fields[name].column_type
        ]
        unknown = any(
            field.store
            and field.column_type
            and (field.compute or field.related)
            and name not in columns
            for name, field in self._fields.items()
        )
        if self.env.context.get("cs_orm_create"):
            unknown = True  # the tests' reference path
        if (
            unknown
            or set(names) - set(columns)
            or any(value for name, value in defaults.items() if name not in columns)
        ):
            sources = [vals.pop("source_ref", None) for vals in vals_list]
            tasks = self._cs_workflow_create(vals_list)
            self.env["cs.callback.campaign"]._cs_set_sources(
                [
                    (task.id, ref)
                    for task, ref in zip(tasks, sources, strict=True)
                    if ref
                ]
            )
            return tasks
        self.env.flush_all()
        arrays = []
        for name in columns:
            field = self._fields[name]
            if name in defaults:
                value = self._cs_column_value(field, defaults[name])
                values = [value] * len(vals_list)
            else:
                values = [
                    self._cs_column_value(field, vals[name]) for vals in vals_list
                ]
            arrays.append(SQL("%s::%s[]", values, SQL(field.column_type[1])))
        uid = self.env.uid
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO %s (%s, create_uid, create_date, write_uid, write_date)
                SELECT *, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
                  FROM unnest(%s)
             RETURNING id
                """,
                SQL.identifier(self._table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
                uid,
                uid,
                SQL(", ").join(arrays),
            )
        )
        tasks = self.browse([row[0] for row in rows])
        self.env.invalidate_all()
        # the company consistency (check_company): the ORM's own check on
        # the tasks whose payer or agent may belong to another company
        suspects = self.env.execute_query(
            SQL(
                """
                SELECT t.id FROM cs_callback_task t
                  JOIN res_partner p ON p.id = t.partner_id
                 WHERE t.id = ANY(%s)
                   AND ((p.company_id IS NOT NULL AND p.company_id != t.company_id)
                        OR (t.user_id IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM res_company_users_rel r
                             WHERE r.user_id = t.user_id AND r.cid = t.company_id)))
                """,
                tasks.ids,
            )
        )
        if suspects:
            self.browse([row[0] for row in suspects])._check_company()
        tasks.check_access("create")
        return tasks

    @api.model
    def _cs_column_value(self, field, value):
        """``value`` as the ORM writes it in ``field``'s column."""
        if field.type == "boolean":
            return bool(value)
        if field.type in ("integer", "float", "monetary"):
            return value or 0
        if field.type == "many2one":
            return value.id if isinstance(value, models.BaseModel) else value or None
        if field.translate or field.type in ("json", "properties", "html"):
            return field.convert_to_column_insert(value, self)
        return value if value not in (False, None) else None

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
