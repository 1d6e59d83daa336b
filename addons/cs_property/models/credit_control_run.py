# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# the key of the advisory lock of the runs (with the company id)
LOCK_KEY = 7_140_001
# units worked per call of the daily cron
CRON_BATCH = 2000


class CreditControlRun(models.Model):
    _inherit = "credit.control.run"

    cs_cron = fields.Boolean(
        string="Daily Cron Run",
        readonly=True,
        copy=False,
        help="Made by the daily collection cron, which works it unit by unit.",
    )
    cs_cron_unit_id = fields.Integer(readonly=True, copy=False)

    def _cs_try_lock(self):
        """One run per company at a time. Upstream locks one row of the run
        table (none when it is empty); this lock and the unique index on live
        lines are the real guarantee."""
        locked = self.env.execute_query(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                LOCK_KEY,
                self.company_id.id or self.env.company.id,
            )
        )[0][0]
        if not locked:
            raise UserError(
                self.env._(
                    "A credit control run is already running in background, "
                    "please try later."
                )
            )

    def generate_credit_lines(self):
        self._cs_try_lock()
        return super().generate_credit_lines()

    def _generate_credit_lines(self):
        # paid invoices leave first: a payment recorded while a run was
        # planned must not be reminded
        self._cs_exit_paid()
        generated = super()._generate_credit_lines()
        generated._cs_after_generation()
        return generated

    def write(self, vals):
        commands = vals.get("line_ids")
        if (
            len(self) == 1
            and not self.env.context.get("cs_upstream_baseline")
            and isinstance(commands, list | tuple)
            and len(commands) == 1
            and commands[0][0] == fields.Command.SET
            and self._cs_lines_linked(commands[0][2])
        ):
            # upstream links the generated lines (an ORM write of 200,000
            # records) that the run already carries: nothing to write
            vals = {key: value for key, value in vals.items() if key != "line_ids"}
        return super().write(vals)

    def _cs_lines_linked(self, line_ids):
        """Whether this run's lines are exactly ``line_ids`` (one query)."""
        self.ensure_one()
        self.env["credit.control.line"].flush_model(["run_id"])
        ids = list(line_ids)
        return not self.env.execute_query(
            SQL(
                """
                SELECT 1 FROM credit_control_line
                 WHERE (run_id = %(run)s OR id = ANY(%(ids)s))
                   AND (id = ANY(%(ids)s)) != (run_id IS NOT DISTINCT FROM %(run)s)
                 LIMIT 1
                """,
                run=self.id,
                ids=ids,
            )
        )

    def _cs_exit_paid(self):
        Line = self.env["credit.control.line"]
        paid = Line.search(
            [
                ("state", "in", ("draft", "to_be_sent")),
                ("move_line_id.reconciled", "=", True),
                ("cs_unit_id", "!=", False),
            ]
        )
        paid.invoice_id._cs_collection_exit()

    def _cs_run_batch(self, batch_size):
        """Generate the lines of the next ``batch_size`` units of this cron
        run (upstream's policy generation, restricted to their fee invoices).
        Returns how many units remain."""
        self.ensure_one()
        self._cs_try_lock()
        self._check_run_date(self.date)
        if not self.cs_cron_unit_id:
            self._cs_exit_paid()
        Unit = self.env["cs.unit"].with_context(active_test=False)
        domain = [("company_id", "=", self.company_id.id)]
        units = Unit.search(
            domain + [("id", ">", self.cs_cron_unit_id)], order="id", limit=batch_size
        )
        generated = self.env["credit.control.line"]
        for policy in self.policy_ids.filtered(lambda p: not p.do_nothing):
            _manual, lines, _report = policy.with_context(
                cs_unit_ids=units.ids
            )._generate_credit_lines(self, {"run_id": self.id})
            generated |= lines
        generated._cs_after_generation()
        last = units[-1:].id or self.cs_cron_unit_id
        remaining = Unit.search_count(domain + [("id", ">", last)]) if units else 0
        values = {"cs_cron_unit_id": last}
        if not remaining:
            count = self.env["credit.control.line"].search_count(
                [("run_id", "=", self.id)]
            )
            values.update(
                state="done",
                report=self.env._("%s credit control lines generated.", count),
            )
        self.write(values)
        return remaining

    @api.model
    def _cron_cs_collection_run(self, batch_size=CRON_BATCH):
        """The daily run of the property policies of each company, worked
        ``batch_size`` units per call: the cron runner commits each call and
        calls again while units remain (runs called directly never commit)."""
        Policy = self.env["credit.control.policy"]
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            policies = Policy._cs_property_policies(company)
            if not policies:
                continue
            runs = self.search(
                [
                    ("company_id", "=", company.id),
                    ("date", "=", today),
                    ("cs_cron", "=", True),
                ]
            )
            run = runs.filtered(lambda r: r.state == "draft")[:1]
            if runs and not run:
                continue  # done today
            if not run:
                run = self.with_company(company).create(
                    {
                        "date": today,
                        "company_id": company.id,
                        "policy_ids": [fields.Command.set(policies.ids)],
                        "cs_cron": True,
                    }
                )
            try:
                remaining = run._cs_run_batch(batch_size)
            except UserError as error:
                _logger.warning("Collection run of %s: %s", company.name, error)
                continue
            self.env["ir.cron"]._notify_progress(done=batch_size, remaining=remaining)
            return remaining
        self.env["ir.cron"]._notify_progress(done=0, remaining=0)
        return 0
