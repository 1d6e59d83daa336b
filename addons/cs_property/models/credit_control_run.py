# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models, modules
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# the key of the advisory lock of the runs (with the company id)
LOCK_KEY = 7_140_001


class CreditControlRun(models.Model):
    _inherit = "credit.control.run"

    def _cs_try_lock(self, session=False):
        """One run per company at a time. Upstream locks one row of the run
        table (none when it is empty); this lock and the unique index on live
        lines are the real guarantee. ``session``: held across the commits of
        the cron path, released by ``_cs_unlock``."""
        function = "pg_try_advisory_lock" if session else "pg_try_advisory_xact_lock"
        locked = self.env.execute_query(
            SQL(
                "SELECT %s(%s, %s)",
                SQL(function),
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

    def _cs_unlock(self):
        self.env.execute_query(
            SQL(
                "SELECT pg_advisory_unlock(%s, %s)",
                LOCK_KEY,
                self.company_id.id or self.env.company.id,
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

    @api.model
    def _cs_commit(self):
        """Commit on the cron path only (the run carries the context key);
        runs called directly (tests, scripts, the button) never commit."""
        if modules.module.current_test:
            return
        if self.env.context.get("cs_collection_commit"):
            self.env.cr.commit()

    @api.model
    def _cron_cs_collection_run(self):
        """The daily run of the property policies of each company, committed
        in batches (lines, then tasks)."""
        Policy = self.env["credit.control.policy"]
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            policies = Policy._cs_property_policies(company)
            if not policies:
                continue
            run = self.with_company(company).create(
                {
                    "date": today,
                    "company_id": company.id,
                    "policy_ids": [fields.Command.set(policies.ids)],
                }
            )
            run = run.with_context(cs_collection_commit=True)
            run._cs_try_lock(session=True)
            try:
                run._generate_credit_lines()
                run._cs_commit()
            except UserError as error:
                _logger.warning("Collection run of %s: %s", company.name, error)
                self.env.cr.rollback()
            finally:
                run._cs_unlock()
