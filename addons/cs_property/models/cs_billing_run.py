# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.fees import charge_amount, period_bounds
from .cs_unit import VACANT_STATUSES

_logger = logging.getLogger(__name__)

STATES = [("draft", "Draft"), ("running", "Running"), ("done", "Done")]
MAX_ERROR_LINES = 200


class CsBillingRun(models.Model):
    """A billing run: one customer invoice per payer, unit and period, one
    line per fee item, and one row of the register of charges per line.

    ``action_run()`` bills synchronously in the caller's transaction and
    never commits. ``action_start()`` hands the run to the cron, which works
    in batches of units: each batch is one transaction (committed by the
    cron between calls) and reports its progress; a crashed run resumes after
    its last committed batch. Whatever the path, the register's unique index
    guarantees that a unit is never billed twice for an item and period."""

    _name = "cs.billing.run"
    _description = "Billing Run"
    _inherit = ["mail.thread", "cs.workflow.mixin"]
    # the progress and results are the run's to write; what it bills is typed
    # while it is a draft (read-only on the form afterwards)
    _cs_protected_fields = (
        "state",
        "unit_count",
        "units_done",
        "last_unit_id",
        "invoice_count",
        "charge_count",
        "skipped_count",
        "error_count",
        "error_log",
    )
    _cs_draft_fields = (
        "period_start",
        "estate_ids",
        "fee_item_ids",
        "post_invoices",
        "invoice_date",
        "due_days",
        "batch_size",
        "company_id",
    )
    _order = "period_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_start = fields.Date(
        string="Billed Month",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="First day of the billed month.",
    )
    estate_ids = fields.Many2many("cs.estate", required=True, check_company=True)
    fee_item_ids = fields.Many2many(
        "cs.fee.item",
        check_company=True,
        help="Empty: every active fee item of the estates.",
    )
    post_invoices = fields.Boolean(
        default=True,
        help="Untick to leave the invoices in draft (statements count posted "
        "invoices only).",
    )
    invoice_date = fields.Date(help="Default: the first day of the billed month.")
    due_days = fields.Integer(string="Due After (days)", default=30)
    batch_size = fields.Integer(default=200)
    state = fields.Selection(STATES, default="draft", required=True, tracking=True)
    unit_count = fields.Integer(string="Units", readonly=True)
    units_done = fields.Integer(string="Units Processed", readonly=True)
    last_unit_id = fields.Integer(readonly=True, help="Resume after this unit.")
    progress = fields.Float(compute="_compute_progress")
    invoice_count = fields.Integer(string="Invoices", readonly=True)
    charge_count = fields.Integer(string="Charges", readonly=True)
    skipped_count = fields.Integer(
        string="Already Billed", readonly=True, help="Charges found billed already."
    )
    error_count = fields.Integer(string="Errors", readonly=True)
    error_log = fields.Text(string="Errors Found", readonly=True)
    charge_ids = fields.One2many("cs.charge", "run_id")

    @api.depends("period_start", "estate_ids")
    def _compute_name(self):
        for run in self:
            estates = ", ".join(run.estate_ids.mapped("name"))
            period = run.period_start and run.period_start.strftime("%Y-%m") or ""
            run.name = f"{period} {estates}".strip()

    @api.depends("unit_count", "units_done")
    def _compute_progress(self):
        for run in self:
            run.progress = (
                100.0 * run.units_done / run.unit_count if run.unit_count else 0.0
            )

    @api.constrains("period_start")
    def _check_period_start(self):
        for run in self:
            if run.period_start.day != 1:
                raise ValidationError(
                    self.env._("The billed month starts on its first day.")
                )

    @api.constrains("batch_size")
    def _check_batch_size(self):
        if any(run.batch_size < 1 for run in self):
            raise ValidationError(self.env._("The batch size must be positive."))

    # -- starting -----------------------------------------------------------
    def _cs_unit_domain(self):
        self.ensure_one()
        return [
            ("estate_id", "in", self.estate_ids.ids),
            ("company_id", "=", self.company_id.id),
            ("id", ">", self.last_unit_id),
        ]

    def _cs_start(self):
        for run in self:
            if run.state == "done":
                raise UserError(
                    self.env._("Billing run %(run)s is done already.", run=run.name)
                )
            if run.state == "draft":
                run._cs_workflow_write(
                    {
                        "state": "running",
                        "unit_count": self.env["cs.unit"].search_count(
                            run._cs_unit_domain()
                        ),
                    }
                )

    def action_run(self):
        """Bill the period now, in the caller's transaction (no commit)."""
        self._cs_start()
        for run in self:
            while run._cs_run_batch():
                pass
        return True

    def action_start(self):
        """Bill the period in the background: the cron processes batches."""
        self._cs_start()
        # sudo: Fee Officers may not read crons; this only asks the billing
        # cron to run now.
        self.env.ref("cs_property.ir_cron_billing_run").sudo()._trigger()
        return True

    @api.model
    def _cron_process(self):
        """One batch of the oldest running run per call; the cron commits
        after each call and calls again while work remains."""
        runs = self.search([("state", "=", "running")], order="id")
        if not runs:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        run = runs[0]
        before = run.units_done
        run._cs_run_batch()
        remaining = sum(max(r.unit_count - r.units_done, 0) for r in runs)
        if run.state == "done" and len(runs) > 1:
            remaining = max(remaining, 1)
        self.env["ir.cron"]._notify_progress(
            done=run.units_done - before, remaining=remaining
        )

    # -- batches ------------------------------------------------------------
    def _cs_run_batch(self):
        """Bill the next batch of units; False when the run is done."""
        self.ensure_one()
        self._cs_skip_billed_units()
        units = self.env["cs.unit"].search(
            self._cs_unit_domain(), order="id", limit=self.batch_size
        )
        if not units:
            self._cs_workflow_write({"state": "done"})
            return False
        try:
            with self.env.cr.savepoint():
                result = self._cs_bill_units(units)
        except (
            psycopg2.errors.UniqueViolation,
            psycopg2.errors.SerializationFailure,
        ) as error:
            raise UserError(
                self.env._(
                    "Another billing run is billing the same units for %(period)s "
                    "at this moment; try again when it has finished (nothing was "
                    "billed twice).",
                    period=self.period_start.strftime("%Y-%m"),
                )
            ) from error
        errors = result["errors"]
        log = self.error_log or ""
        if errors and log.count("\n") < MAX_ERROR_LINES:
            log += "".join(f"{line}\n" for line in errors)
        self._cs_workflow_write(
            {
                "last_unit_id": units[-1].id,
                "units_done": self.units_done + len(units),
                "invoice_count": self.invoice_count + result["invoices"],
                "charge_count": self.charge_count + result["charges"],
                "skipped_count": self.skipped_count + result["skipped"],
                "error_count": self.error_count + len(errors),
                "error_log": log,
            }
        )
        return True

    def _cs_skip_billed_units(self):
        """Pass over the next units that have nothing left to bill: every
        fee item that applies to them (by estate and unit type) is billed
        for its period already. Two queries for any number of units, so
        that a rerun of a billed period reads the register once instead of
        batch by batch; counted as the batches count them (units processed,
        charges found billed). Units with an item left (even one that they
        will not be billed for: excluded, vacant, no reading, no payer) are
        left to the batches."""
        self.ensure_one()
        items = self._cs_fee_items()
        if not items:
            return
        Unit = self.env["cs.unit"]
        item_rows = SQL(", ").join(
            SQL(
                "(%s::int, %s::date, %s::int, %s::varchar[])",
                item.id,
                start,
                item.estate_id.id or None,
                item.unit_type_ids.mapped("code") or None,
            )
            for item, (start, _end) in items.items()
        )
        applies = SQL(
            "(i.estate_id IS NULL OR i.estate_id = cs_unit.estate_id) "
            "AND (i.types IS NULL OR cs_unit.unit_type = ANY(i.types))"
        )
        # per unit: the items that apply, and those billed (correlated
        # counts: an index lookup per unit, which stops at the first unit
        # with an item left when the period is not billed yet)
        applicable = SQL("(SELECT count(*) FROM items i WHERE %s)", applies)
        billed = SQL(
            "(SELECT count(*) FROM items i JOIN cs_charge c "
            "ON c.unit_id = cs_unit.id AND c.fee_item_id = i.item_id "
            "AND c.period_start = i.period AND c.state != 'cancelled' WHERE %s)",
            applies,
        )
        self.env["cs.charge"].flush_model(
            ["unit_id", "fee_item_id", "period_start", "state"]
        )
        Unit.flush_model(["estate_id", "unit_type"])
        # the first unit with an applicable item not billed yet
        query = Unit._search(self._cs_unit_domain())
        query.add_where(SQL("%s > %s", applicable, billed))
        query.order = SQL("cs_unit.id")
        query.limit = 1
        rows = self.env.execute_query(
            SQL(
                "WITH items(item_id, period, estate_id, types) AS (VALUES %s) %s",
                item_rows,
                query.select(SQL("cs_unit.id")),
            )
        )
        first = rows[0][0] if rows else None
        # the units before it: all billed
        domain = self._cs_unit_domain()
        if first:
            domain.append(("id", "<", first))
        query = Unit._search(domain)
        per_unit = query.select(SQL("cs_unit.id"), SQL("%s AS billed", billed))
        [(count, last, skipped)] = self.env.execute_query(
            SQL(
                "WITH items(item_id, period, estate_id, types) AS (VALUES %s) "
                "SELECT count(*), max(t.id), coalesce(sum(t.billed), 0) "
                "FROM (%s) t",
                item_rows,
                per_unit,
            )
        )
        if count:
            self.write(
                {
                    "last_unit_id": last,
                    "units_done": self.units_done + count,
                    "skipped_count": self.skipped_count + skipped,
                }
            )

    def _cs_fee_items(self):
        """Fee items billed this month with their billing period."""
        self.ensure_one()
        items = self.fee_item_ids or self.env["cs.fee.item"].search(
            [
                ("company_id", "=", self.company_id.id),
                "|",
                ("estate_id", "=", False),
                ("estate_id", "in", self.estate_ids.ids),
            ]
        )
        due = {}
        for item in items:
            bounds = period_bounds(self.period_start, item.frequency)
            if bounds and item._cs_valid_on(bounds[0]):
                due[item] = bounds
        return due

    def _cs_bill_units(self, units):
        """Create the invoices and charges of ``units``: returns counts and
        error lines. Reads everything it needs in a few queries."""
        self.ensure_one()
        items = self._cs_fee_items()
        result = {"invoices": 0, "charges": 0, "skipped": 0, "errors": []}
        if not items:
            return result
        item_records = self.env["cs.fee.item"].union(*items)
        day = self.period_start
        billed = self.env["cs.charge"]._cs_live_keys(
            units, item_records, {bounds[0] for bounds in items.values()}
        )
        overrides = self._cs_overrides(units, item_records, day)
        metered = item_records.filtered(lambda item: item.method == "metered")
        used = {}
        for item in metered:
            start, end = items[item]
            used.update(
                self.env["cs.meter.reading"]._cs_consumption(units, item, start, end)
            )
        context = {
            "specs": self._cs_item_specs(items),
            "billed": billed,
            "overrides": overrides,
            "used": used,
            "currency": self.company_id.currency_id,
        }
        invoice_vals = []
        line_keys = []
        to_bill = []
        unit_values = self._cs_unit_values(units)
        if len(billed) < len(unit_values) * len(items):
            # something may be billed (a rerun has nothing to bill)
            context["no_analytic"] = self._cs_no_analytic_model()
        for unit in unit_values:
            lines, keys, skipped = self._cs_unit_lines(unit, context)
            result["skipped"] += skipped
            if lines:
                to_bill.append((units.browse(unit["id"]), lines, keys))
        # payers only of the units with something to bill (a rerun has none)
        payers = self.env["cs.unit.occupancy"]._cs_payers(
            self.env["cs.unit"].union(*(unit for unit, _l, _k in to_bill)), day
        )
        Move = self.env["account.move"]
        if to_bill:
            # the journal Odoo picks for each new customer invoice of the
            # company, picked once (a search per invoice otherwise)
            journal = (
                Move.with_company(self.company_id)
                .new({"move_type": "out_invoice", "company_id": self.company_id.id})
                ._search_default_journal()
            )
        for unit, lines, keys in to_bill:
            payer = payers.get(unit.id)
            if not payer:
                result["errors"].append(
                    self.env._(
                        "%(unit)s: no payer on %(date)s.", unit=unit.code, date=day
                    )
                )
                continue
            invoice_date = self.invoice_date or day
            invoice_vals.append(
                {
                    "move_type": "out_invoice",
                    "company_id": self.company_id.id,
                    "journal_id": journal.id,
                    "partner_id": payer.id,
                    "invoice_date": invoice_date,
                    "invoice_date_due": invoice_date
                    + relativedelta(days=self.due_days),
                    "cs_unit_id": unit.id,
                    "cs_period_start": day,
                    "cs_billing_run_id": self.id,
                    "invoice_line_ids": [fields.Command.create(v) for v in lines],
                }
            )
            line_keys.append(keys)
        if not invoice_vals:
            return result
        moves = (
            Move.with_company(self.company_id)
            # no chatter entries for thousands of generated invoices: the run
            # is their record (the payer is still subscribed when posted)
            .with_context(
                default_move_type="out_invoice",
                tracking_disable=True,
                mail_create_nolog=True,
            )
            .create(invoice_vals)
        )
        charge_vals = []
        for move, keys in zip(moves, line_keys, strict=True):
            product_lines = move.invoice_line_ids.filtered(
                lambda line: line.display_type == "product"
            )
            for line, key in zip(product_lines, keys, strict=True):
                charge_vals.append(
                    {
                        "unit_id": key[0],
                        "fee_item_id": key[1],
                        "period_start": key[2],
                        "move_line_id": line.id,
                        "partner_id": move.partner_id.id,
                        "run_id": self.id,
                        "quantity": line.quantity,
                        "price_unit": line.price_unit,
                        "amount": line.price_total,
                    }
                )
        self.env["cs.charge"].create(charge_vals)
        # The index is checked here, before posting anything.
        self.env.flush_all()
        if self.post_invoices:
            moves._cs_post_generated()
        result["invoices"] = len(moves)
        result["charges"] = len(charge_vals)
        return result

    def _cs_no_analytic_model(self):
        """True when no analytic distribution model can apply to the
        company's invoice lines. Odoo's computation of a new line's analytic
        distribution (a search per line and payer) then finds nothing, and
        the line has no origin (sale or purchase line) to take one from: the
        run gives that empty distribution instead. With a model, Odoo
        computes it."""
        return not self.env["account.analytic.distribution.model"].search_count(
            [("company_id", "in", [False, self.company_id.id])], limit=1
        )

    def _cs_unit_values(self, units):
        """What billing needs of ``units`` (found with the user's rights), as
        plain dicts. SQL: bench/bench_billing.py's rerun (50,000 units,
        nothing to bill) spent most of its time reading these through the
        ORM."""
        if not units:
            return []
        units.flush_model(["estate_id", "building_id", "unit_type", "status", "area"])
        self.env.cr.execute(
            SQL(
                "SELECT id, estate_id, building_id, unit_type, status, area "
                "FROM cs_unit WHERE id IN %s ORDER BY id",
                tuple(units.ids),
            )
        )
        rows = self.env.cr.dictfetchall()
        for row in rows:
            row["area"] = float(row["area"] or 0.0)  # numeric column: Decimal
        return rows

    def _cs_item_specs(self, items):
        """The fee items' values as plain data, read once per batch."""
        specs = []
        for item, (start, end) in items.items():
            period = f"{start:%Y-%m}"
            if end.month != start.month:
                period += f" ~ {end:%Y-%m}"
            specs.append(
                {
                    "id": item.id,
                    "start": start,
                    "estate_id": item.estate_id.id,
                    "types": set(item.unit_type_ids.mapped("code")),
                    "method": item.method,
                    "rate": item.rate,
                    "vacant_policy": item.vacant_policy,
                    "vacant_discount": item.vacant_discount,
                    "label": f"{item.name} {period}",
                    "product_id": item.product_id.id,
                    "tax_ids": item.tax_ids.ids,
                }
            )
        return specs

    def _cs_unit_lines(self, unit, context):
        """Invoice line values of one unit (a dict of its values), their
        register keys and the number of charges found billed already."""
        lines, keys, skipped = [], [], 0
        overrides = context["overrides"]
        for item in context["specs"]:
            if item["estate_id"] and item["estate_id"] != unit["estate_id"]:
                continue
            if item["types"] and unit["unit_type"] not in item["types"]:
                continue
            key = (unit["id"], item["id"], item["start"])
            if key in context["billed"]:
                skipped += 1
                continue
            override = overrides.get((unit["id"], item["id"])) or overrides.get(
                (unit["building_id"], item["id"], "building")
            )
            if override and override.exclude:
                continue
            factor = 1.0
            if unit["status"] in VACANT_STATUSES:
                if item["vacant_policy"] == "skip":
                    continue
                if item["vacant_policy"] == "discount":
                    factor = 1 - item["vacant_discount"] / 100.0
            if item["method"] == "metered" and key[:2] not in context["used"]:
                continue
            quantity, price = charge_amount(
                item["method"],
                override.rate if override else item["rate"],
                area=unit["area"],
                quantity=context["used"].get(key[:2], 0.0),
                factor=factor,
            )
            if context["currency"].is_zero(quantity * price):
                continue
            line = {
                "product_id": item["product_id"],
                "name": item["label"],
                "quantity": quantity,
                "price_unit": price,
                "tax_ids": [fields.Command.set(item["tax_ids"])],
                "cs_unit_id": unit["id"],
                "cs_fee_item_id": item["id"],
                "cs_period_start": item["start"],
            }
            if context.get("no_analytic"):
                line["analytic_distribution"] = False
            if not item["tax_ids"]:
                # The amounts of an untaxed line (a credit of the rounded
                # subtotal): Odoo's tax synchronisation recomputes them for
                # every line of a new invoice and writes, line by line, only
                # those that differ; given right, it writes none.
                amount = -context["currency"].round(quantity * price)
                line["amount_currency"] = line["balance"] = amount
            lines.append(line)
            keys.append(key)
        return lines, keys, skipped

    def _cs_overrides(self, units, items, day):
        """Overrides valid on ``day``: keyed (unit id, item id) and
        (building id, item id, "building"); the latest start wins."""
        rows = self.env["cs.fee.override"].search(
            [
                ("fee_item_id", "in", items.ids),
                "|",
                ("unit_id", "in", units.ids),
                ("building_id", "in", units.building_id.ids),
            ],
            order="date_from desc, id desc",
        )
        found = {}
        for row in rows:
            if not row._cs_valid_on(day):
                continue
            if row.unit_id:
                found.setdefault((row.unit_id.id, row.fee_item_id.id), row)
            else:
                found.setdefault(
                    (row.building_id.id, row.fee_item_id.id, "building"), row
                )
        return found

    # -- views --------------------------------------------------------------
    def action_open_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("cs_billing_run_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

    def _cs_posted_invoices(self):
        self.ensure_one()
        moves = self.env["account.move"].search(
            [("cs_billing_run_id", "=", self.id), ("state", "=", "posted")],
            order="name",
        )
        if not moves:
            raise UserError(self.env._("This run has no posted invoice to print."))
        return moves

    def action_print_notices(self):
        """All fee notices of the run as one PDF."""
        return self.env.ref("cs_property.report_fee_notice").report_action(
            self._cs_posted_invoices()
        )

    def action_preview_notices(self):
        """All fee notices of the run on screen."""
        return self.env.ref("cs_property.report_fee_notice_html").report_action(
            self._cs_posted_invoices()
        )
