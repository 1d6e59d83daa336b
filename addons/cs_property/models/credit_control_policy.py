# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CreditControlPolicy(models.Model):
    """The property collection policy (催缴) on account_credit_control: it
    covers the fee invoices (those with a unit), of one estate or of every
    estate without a policy of its own, and leaves out the invoices the
    collection rules hold back (dispute, promise to pay, legal stage)."""

    _inherit = "credit.control.policy"

    cs_property = fields.Boolean(
        string="Property Fees",
        help="Covers the fee invoices of the units (of the estate below, or of "
        "every estate without a policy of its own) whatever the company's "
        "default policy; other policies then leave those invoices alone.",
    )
    cs_estate_id = fields.Many2one(
        "cs.estate",
        string="Estate",
        index="btree_not_null",
        help="Only the fee invoices of this estate. Empty: every estate "
        "without a property policy of its own.",
    )

    def _cs_receivable_accounts(self, company):
        """A property policy without accounts covers the company's
        receivable accounts (the data policy is loaded before any chart)."""
        self.ensure_one()
        if self.account_ids:
            return self.account_ids
        return self.env["account.account"].search(
            [
                ("account_type", "=", "asset_receivable"),
                ("company_ids", "in", company.ids),
            ]
        )

    def _move_lines_domain(self, credit_control_run):
        domain = super()._move_lines_domain(credit_control_run)
        if not self.cs_property:
            if self._cs_property_policies(credit_control_run.company_id):
                # the fee invoices are the property policy's, never dunned twice
                domain.append(("move_id.cs_unit_id", "=", False))
            return domain
        accounts = self._cs_receivable_accounts(credit_control_run.company_id)
        domain = [
            term
            for term in domain
            if not (isinstance(term, tuple | list) and term[0] == "account_id")
        ]
        domain += [
            ("account_id", "in", accounts.ids),
            ("move_id.cs_unit_id", "!=", False),
            ("move_id.move_type", "=", "out_invoice"),
        ]
        if "cs_unit_ids" in self.env.context:
            # the daily cron works the units batch by batch
            domain.append(("move_id.cs_unit_id", "in", self.env.context["cs_unit_ids"]))
        if self.cs_estate_id:
            domain.append(("move_id.cs_estate_id", "=", self.cs_estate_id.id))
        else:
            others = self._cs_property_policies(credit_control_run.company_id)
            estates = others.cs_estate_id
            if estates:
                domain.append(("move_id.cs_estate_id", "not in", estates.ids))
        return domain

    def _cs_property_policies(self, company):
        return self.search(
            [
                ("cs_property", "=", True),
                ("do_nothing", "=", False),
                ("company_id", "in", [False, company.id]),
            ]
        )

    def _due_move_lines(self, credit_control_run):
        if not self.cs_property:
            return super()._due_move_lines(credit_control_run)
        # not only when it is the company's default policy (upstream's rule)
        return self.env["account.move.line"].search(
            self._move_lines_domain(credit_control_run)
        )

    def _get_move_lines_to_process(self, credit_control_run):
        lines = super()._get_move_lines_to_process(credit_control_run)
        if not self.cs_property or not lines:
            return lines
        held = self._cs_held_move_lines(lines, credit_control_run.date)
        return lines - lines.browse(held)

    def _cs_held_move_lines(self, lines, day):
        """Ids of ``lines`` no level may reach on ``day``, in one query:
        - the payer has an open billing-dispute ticket on the unit (§4);
        - the payer and unit are at the legal stage (§3);
        - the payer promised to pay by a date not past (§2).
        """
        self.env["credit.control.line"].flush_model()
        self.env["cs.collection.legal"].flush_model()
        self.env["helpdesk.ticket"].flush_model(
            ["cs_billing_dispute", "cs_unit_id", "partner_id", "stage_id"]
        )
        query = SQL(
            """
            SELECT aml.id
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              JOIN res_partner p ON p.id = aml.partner_id
             WHERE aml.id IN %(ids)s
               AND (
                   EXISTS (
                       SELECT 1
                         FROM helpdesk_ticket t
                         LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                         JOIN res_partner tp ON tp.id = t.partner_id
                        WHERE t.cs_billing_dispute
                          AND NOT coalesce(s.closed, false)
                          AND t.cs_unit_id = am.cs_unit_id
                          AND tp.commercial_partner_id = p.commercial_partner_id)
                OR EXISTS (
                       SELECT 1
                         FROM cs_collection_legal lg
                        WHERE lg.state = 'active'
                          AND lg.unit_id = am.cs_unit_id
                          AND lg.partner_id = p.commercial_partner_id)
                OR EXISTS (
                       SELECT 1
                         FROM credit_control_line cl
                        WHERE cl.move_line_id = aml.id
                          AND cl.state != 'ignored'
                          AND cl.cs_promise_date >= %(day)s)
               )
            """,
            ids=tuple(lines.ids),
            day=day,
        )
        return [row[0] for row in self.env.execute_query(query)]
