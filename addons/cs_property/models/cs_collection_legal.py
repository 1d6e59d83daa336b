# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class CsCollectionLegal(models.Model):
    """A payer and unit at the legal stage (律师函/法律程序): no automated
    level reaches them until a Manager releases the case. Its documents are
    the credit lines, the proofs of notice and the files attached."""

    _name = "cs.collection.legal"
    _description = "Legal Collection Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "cs.workflow.mixin"]
    _order = "state, date_start desc, id desc"
    _check_company_auto = True
    # the run opens a case (payer, unit, since) and a Manager releases it:
    # read-only on the form, never written by hand (cs.workflow.mixin)
    _cs_protected_fields = (
        "state",
        "release_date",
        "released_by_id",
        "unit_id",
        "partner_id",
        "date_start",
    )

    name = fields.Char(compute="_compute_name", store=True)
    unit_id = fields.Many2one(
        "cs.unit", required=True, readonly=True, index=True, check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Payer", required=True, readonly=True, index=True
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True)
    state = fields.Selection(
        [("active", "At Legal Stage"), ("released", "Released")],
        default="active",
        required=True,
        readonly=True,
        tracking=True,
    )
    date_start = fields.Date(
        string="Since", required=True, readonly=True, default=fields.Date.today
    )
    release_date = fields.Date(readonly=True, tracking=True)
    released_by_id = fields.Many2one("res.users", string="Released by", readonly=True)
    note = fields.Text(string="Notes")
    line_ids = fields.Many2many(
        "credit.control.line", compute="_compute_documents", string="Credit Lines"
    )
    notice_ids = fields.Many2many(
        "cs.collection.notice", compute="_compute_documents", string="Proofs of Notice"
    )
    amount_overdue = fields.Monetary(
        related="unit_id.overdue", string="Overdue", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        # one open case per payer and unit, whatever runs at the same time
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS cs_collection_legal_active_uniq "
                "ON cs_collection_legal (partner_id, unit_id) WHERE state = 'active'"
            )
        )

    @api.depends("unit_id.code", "partner_id.name")
    def _compute_name(self):
        for case in self:
            case.name = f"{case.unit_id.code} / {case.partner_id.name}"

    def _compute_documents(self):
        Line = self.env["credit.control.line"]
        Notice = self.env["cs.collection.notice"]
        for case in self:
            domain = [
                ("cs_unit_id", "=", case.unit_id.id),
                ("commercial_partner_id", "=", case.partner_id.id),
            ]
            case.line_ids = Line.search(domain + [("state", "!=", "ignored")])
            case.notice_ids = Notice.search(
                [
                    ("unit_id", "=", case.unit_id.id),
                    ("partner_id", "=", case.partner_id.id),
                ]
            )

    @api.model
    def _cs_open_cases(self, pairs):
        """Open a case per ``(commercial partner id, unit id)`` not at the
        legal stage yet."""
        if not pairs:
            return self.browse()
        self.flush_model(["partner_id", "unit_id", "state"])
        existing = {
            (case.partner_id.id, case.unit_id.id)
            for case in self.sudo().search(
                [
                    ("state", "=", "active"),
                    ("unit_id", "in", [unit for _p, unit in pairs]),
                ]
            )
        }
        todo = sorted(set(pairs) - existing)
        # sudo: the run (a fee officer) opens the case; releasing it is a
        # Manager's decision (action_release).
        return (
            self.sudo()
            ._cs_workflow_create(
                [{"partner_id": partner, "unit_id": unit} for partner, unit in todo]
            )
            .with_env(self.env)
        )

    def action_release(self):
        """A Manager releases the payer and unit: the automated levels resume
        with the next run."""
        if not self.env.user.has_group("cs_callcenter.group_manager"):
            raise AccessError(
                self.env._("Only a Manager releases a unit from the legal stage.")
            )
        self._cs_workflow_write(
            {
                "state": "released",
                "release_date": fields.Date.context_today(self),
                "released_by_id": self.env.uid,
            }
        )
        return True
