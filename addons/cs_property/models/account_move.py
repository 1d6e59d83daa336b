# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, fields, models

from ..tools.amount_words import amount_to_chinese


class AccountMove(models.Model):
    _inherit = "account.move"

    cs_unit_id = fields.Many2one(
        "cs.unit", string="Unit", index="btree_not_null", readonly=True, copy=True
    )
    cs_estate_id = fields.Many2one(
        related="cs_unit_id.estate_id", string="Estate", store=True
    )
    cs_period_start = fields.Date(string="Billed Month", readonly=True)
    cs_billing_run_id = fields.Many2one(
        "cs.billing.run",
        string="Billing Run",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # the offset reconciles through Odoo's own synchronisation, even when
        # the invoices were posted without it (_cs_post_generated)
        posted.filtered(
            lambda move: move.move_type == "out_invoice" and move.cs_unit_id
        ).with_context(skip_invoice_sync=False)._cs_apply_prepayments()
        return posted

    def _cs_post_generated(self):
        """``action_post()`` for invoices that a billing run has just created
        in draft, synchronised and unchanged since: the same posting, with
        two per-invoice costs taken out of Odoo's loop.

        - The customer is subscribed to all the invoices at once, as
          ``_post()`` would one by one (it then finds them subscribed).
        - Posting runs with ``skip_invoice_sync``, as Odoo's own Point of Sale
          posts its invoices: posting changes no line of an invoice whose
          lines are synchronised, except when it has to date the invoice
          (no invoice date) or move it out of a locked period, or when a
          foreign currency's rate could change with the date; those invoices
          are posted the ordinary way."""
        if not self:
            return
        self._cs_subscribe_partners()
        ordinary = self.filtered(
            lambda move: (
                not move.invoice_date
                or move.currency_id != move.company_currency_id
                or move._get_violated_lock_dates(move.date, move._affect_tax_report())
            )
        )
        batch = self._cs_plain_numbering()
        (self - ordinary).with_context(
            skip_invoice_sync=True, cs_sequence_batch=batch
        ).action_post()
        ordinary.with_context(cs_sequence_batch=batch).action_post()

    # how account finds the format of the next number; a module overriding
    # one of these (a localisation numbering by document type, for instance)
    # may number two invoices of one journal and date differently
    _CS_NUMBERING_METHODS = (
        "_get_last_sequence_domain",
        "_get_last_sequence",
        "_get_starting_sequence",
        "_get_sequence_format_param",
        "_get_sequence_date_range",
        "_deduce_sequence_number_reset",
    )

    def _cs_plain_numbering(self):
        """True when invoices are numbered by account's own rules only (no
        installed module overrides them): the format of the next number then
        depends on the journal, the date and the kind of move alone."""
        for name in self._CS_NUMBERING_METHODS:
            owner = next(cls for cls in type(self).__mro__ if name in vars(cls))
            if not owner.__module__.startswith("odoo.addons.account."):
                return False
        return True

    def _get_next_sequence_format(self):
        """Under ``cs_sequence_batch`` (a billing run posting a batch, with
        account's own numbering rules): the format of the next number is
        looked up once per journal, date and kind of move, not once per
        invoice (two or three queries each).

        Only while Odoo's own transactional sequence cache holds that
        sequence: the transaction has then locked it and takes the next
        number from that cache, whatever the format's last number says, so
        the number given is the one Odoo would give."""
        if not self.env.context.get("cs_sequence_batch"):
            return super()._get_next_sequence_format()
        key = (
            self.journal_id.id,
            self.date,
            self.move_type,
            bool(self.origin_payment_id or self.env.context.get("is_payment")),
        )
        formats = self.env.cr.precommit.data.setdefault(
            "cs_property.sequence_formats", {}
        )
        if key in formats:
            format_string, format_values = formats[key]
            fixed = {name: value for name, value in format_values.items()}
            fixed.pop("seq")
            cache_key = (
                format_string.format(**fixed, seq=0),
                self[self._sequence_index] if self._sequence_index else False,
            )
            if cache_key in self._get_sequence_cache():
                return format_string, dict(format_values)
        format_string, format_values = super()._get_next_sequence_format()
        formats[key] = (format_string, dict(format_values))
        return format_string, format_values

    def _cs_subscribe_partners(self):
        """Subscribe each invoice's customer, as ``_post()`` does invoice by
        invoice (``message_subscribe``: active partners only, with the default
        subtypes, the external ones for a partner without internal user), in
        one creation for all the invoices."""
        moves = self.filtered("partner_id")
        if not moves:
            return
        moves.check_access("write")
        # sudo: followers and archived partners are read as message_subscribe
        # reads them (sudo), after the access check above
        partners = moves.partner_id.sudo().with_context(active_test=False)
        active = partners.filtered("active")
        shares = set(active.filtered("partner_share").ids)
        existing = {
            (follower.res_id, follower.partner_id.id)
            for follower in self.env["mail.followers"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", moves.ids)])
        }
        subtypes, _internal, external = self.env[
            "mail.message.subtype"
        ].default_subtypes(self._name)
        vals_list = [
            {
                "res_model": self._name,
                "res_id": move.id,
                "partner_id": move.partner_id.id,
                "subtype_ids": [
                    Command.set(
                        (external if move.partner_id.id in shares else subtypes).ids
                    )
                ],
            }
            for move in moves
            if move.partner_id in active
            and (move.id, move.partner_id.id) not in existing
        ]
        # sudo: as _insert_followers creates them
        self.env["mail.followers"].sudo().with_context(default_partner_id=False).create(
            vals_list
        )

    def _cs_apply_prepayments(self):
        """Offset the payers' outstanding customer payments (预存) against
        these fee invoices, oldest payment first and oldest invoice first,
        through Odoo's own reconciliation."""
        if not self:
            return
        partners = self.commercial_partner_id
        credits = self.env["account.move.line"].search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "in", self.company_id.ids),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("payment_id", "!=", False),
                ("amount_residual", "<", 0),
            ],
            order="date, id",
        )
        if not credits:
            return
        by_partner = defaultdict(list)
        for line in credits:
            by_partner[line.partner_id.commercial_partner_id].append(line)
        for invoice in self.sorted(lambda move: (move.invoice_date, move.id)):
            lines = by_partner.get(invoice.commercial_partner_id)
            while lines and not invoice.currency_id.is_zero(invoice.amount_residual):
                line = lines[0]
                if (
                    line.account_id
                    != invoice.line_ids.filtered(
                        lambda move_line: move_line.display_type == "payment_term"
                    )[:1].account_id
                ):
                    lines.pop(0)
                    continue
                invoice.js_assign_outstanding_line(line.id)
                if line.reconciled or line.currency_id.is_zero(line.amount_residual):
                    lines.pop(0)

    # -- fee notice -------------------------------------------------------------
    def _cs_amount_words(self, amount=None):
        """The amount in Chinese capital words (大写)."""
        self.ensure_one()
        return amount_to_chinese(self.amount_total if amount is None else amount)

    def _cs_previous_arrears(self):
        """What the unit still owed on other posted fee invoices dated
        before this one (arrears brought forward)."""
        self.ensure_one()
        if not self.cs_unit_id:
            return 0.0
        older = self.search(
            [
                ("cs_unit_id", "=", self.cs_unit_id.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("id", "!=", self.id),
                ("invoice_date", "<", self.invoice_date),
            ]
        )
        return sum(older.mapped("amount_residual_signed"))

    def _cs_prepayment_used(self):
        """Payments that settled this invoice without being made for it
        after the notice: those dated on or before the invoice date."""
        self.ensure_one()
        total = 0.0
        receivable = self.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )
        for partial in receivable.matched_credit_ids:
            credit = partial.credit_move_id
            if credit.payment_id and credit.date <= self.invoice_date:
                total += partial.amount
        return total

    def _cs_notice_lines(self):
        """The fee lines of the notice: item, method, quantity, unit
        price and amount (明码标价)."""
        self.ensure_one()
        methods = dict(
            self.env["cs.fee.item"]._fields["method"]._description_selection(self.env)
        )
        return [
            {
                "name": line.name,
                "method": methods.get(line.cs_fee_item_id.method, ""),
                "uom": line.cs_fee_item_id.uom_label or "",
                "quantity": line.quantity,
                "price_unit": line.price_unit,
                "amount": line.price_total,
            }
            for line in self.invoice_line_ids.filtered(
                lambda line: line.display_type == "product"
            )
        ]


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    cs_unit_id = fields.Many2one("cs.unit", string="Unit", index="btree_not_null")
    cs_fee_item_id = fields.Many2one(
        "cs.fee.item", string="Fee Item", index="btree_not_null"
    )
    cs_period_start = fields.Date(string="Billed Period")
