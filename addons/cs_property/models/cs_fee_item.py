# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

METHODS = [("area", "Floor Area × Rate"), ("metered", "Metered"), ("fixed", "Fixed")]
FREQUENCIES = [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("yearly", "Yearly")]
VACANT_POLICIES = [
    ("bill", "Bill the Owner"),
    ("discount", "Vacancy Discount"),
    ("skip", "Skip"),
]


class CsFeeItem(models.Model):
    """A fee item (收费项目) and its standard (收费标准): how a unit's charge
    for one billing period is computed."""

    _name = "cs.fee.item"
    _description = "Fee Item"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    method = fields.Selection(
        METHODS, string="Billing Method", required=True, default="area", tracking=True
    )
    rate = fields.Float(
        string="Unit Price", digits="Product Price", required=True, tracking=True
    )
    uom_label = fields.Char(
        string="Unit of Measure",
        help="Shown on the fee notice, e.g. m², m³, kWh, space.",
    )
    estate_id = fields.Many2one(
        "cs.estate", check_company=True, help="Empty: every estate."
    )
    unit_type_ids = fields.Many2many(
        "cs.unit.type", string="Unit Types", help="Empty: every unit type."
    )
    product_id = fields.Many2one(
        "product.product",
        string="Invoice Product",
        check_company=True,
        help="Created from the item when left empty.",
    )
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        domain=[("type_tax_use", "=", "sale")],
        check_company=True,
    )
    frequency = fields.Selection(
        FREQUENCIES, string="Billing Frequency", required=True, default="monthly"
    )
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    vacant_policy = fields.Selection(
        VACANT_POLICIES, string="Vacant Units", required=True, default="bill"
    )
    vacant_discount = fields.Float(
        string="Vacancy Discount (%)",
        help="Share of the price waived for vacant units.",
    )
    override_ids = fields.One2many("cs.fee.override", "fee_item_id")
    meter_ids = fields.One2many("cs.meter", "fee_item_id")
    late_fee_applies = fields.Boolean(
        string="Late Fees",
        default=True,
        tracking=True,
        help="Unpaid amounts of this item bear the estate's late fee (滞纳金) "
        "when the estate has a late fee policy.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("rate_positive", "CHECK(rate >= 0)", "The unit price cannot be negative."),
        (
            "discount_range",
            "CHECK(vacant_discount >= 0 AND vacant_discount <= 100)",
            "The vacancy discount is a percentage between 0 and 100.",
        ),
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
            "A fee item cannot end before it starts.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.filtered(lambda item: not item.product_id)._cs_create_products()
        return items

    def _cs_create_products(self):
        # sudo: Fee Officers may not create products in general; this is the
        # item's own service product, made from the item's values only.
        products = self.env["product.product"].sudo()
        for item in self:
            item.product_id = products.create(
                {
                    "name": item.name,
                    "type": "service",
                    "sale_ok": True,
                    "purchase_ok": False,
                    "list_price": item.rate,
                    "taxes_id": [fields.Command.set(item.tax_ids.ids)],
                    "company_id": item.company_id.id,
                }
            )

    @api.constrains("method", "meter_ids")
    def _check_meters(self):
        for item in self:
            if item.meter_ids and item.method != "metered":
                raise ValidationError(
                    self.env._(
                        "Fee item %(item)s has meters: its method must be Metered.",
                        item=item.name,
                    )
                )

    def _cs_valid_on(self, day):
        self.ensure_one()
        return (not self.date_from or self.date_from <= day) and (
            not self.date_to or self.date_to >= day
        )


class CsFeeOverride(models.Model):
    """A building's or a unit's own rate for a fee item, or its exclusion,
    for a validity period. A unit override wins over a building override."""

    _name = "cs.fee.override"
    _description = "Fee Override"
    _order = "fee_item_id, date_from desc, id desc"
    _check_company_auto = True

    fee_item_id = fields.Many2one(
        "cs.fee.item", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="fee_item_id.company_id", store=True, precompute=True
    )
    building_id = fields.Many2one("cs.building", index=True, check_company=True)
    unit_id = fields.Many2one("cs.unit", index=True, check_company=True)
    exclude = fields.Boolean(string="Not Billed")
    rate = fields.Float(string="Unit Price", digits="Product Price")
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    note = fields.Char()

    _sql_constraints = [
        (
            "one_target",
            "CHECK((building_id IS NULL) <> (unit_id IS NULL))",
            "An override is for one building or for one unit.",
        ),
        ("rate_positive", "CHECK(rate >= 0)", "The unit price cannot be negative."),
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
            "An override cannot end before it starts.",
        ),
    ]

    def _cs_valid_on(self, day):
        self.ensure_one()
        return (not self.date_from or self.date_from <= day) and (
            not self.date_to or self.date_to >= day
        )
