# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsLateFeePolicy(models.Model):
    """The late fee (滞纳金) agreed in an estate's service contract.

    民法典 Art. 585: a late fee is owed only as agreed and a court reduces
    it when excessive, hence simple interest only and a cap. The fee of an
    invoice is computed by ``account.move._cs_late_fee_accrued`` (never
    stored before a Fee Officer charges it)."""

    _name = "cs.late.fee.policy"
    _description = "Late Fee Policy"
    _inherit = ["mail.thread"]
    _order = "estate_id"
    _rec_name = "estate_id"
    _check_company_auto = True

    estate_id = fields.Many2one(
        "cs.estate", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, precompute=True, index=True
    )
    daily_rate = fields.Float(
        digits=(12, 6),
        required=True,
        tracking=True,
        help="Share of the unpaid principal per day late, as a fraction: "
        "0.0003 is 0.03% a day.",
    )
    grace_days = fields.Integer(
        default=0,
        tracking=True,
        help="Days after the due date without a fee. Once they are over, the "
        "fee runs for every day past the grace days.",
    )
    cap_percent = fields.Float(
        string="Cap (%)",
        default=30.0,
        required=True,
        tracking=True,
        help="The fee of an invoice never exceeds this share of its principal: "
        "30.0 is 30%.",
    )
    note = fields.Text(string="Contract Clause")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "estate_uniq",
            "unique(estate_id)",
            "An estate has one late fee policy.",
        ),
        (
            "daily_rate_range",
            "CHECK(daily_rate >= 0 AND daily_rate < 1)",
            "The daily rate is a fraction between 0 and 1 (0.0003 is 0.03% a day).",
        ),
        ("grace_positive", "CHECK(grace_days >= 0)", "Grace days cannot be negative."),
        (
            "cap_range",
            "CHECK(cap_percent >= 0 AND cap_percent <= 100)",
            "The cap is a percentage of the principal between 0 and 100.",
        ),
    ]
