# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

CALL_OUTCOMES = [
    ("promise", "Promise to Pay"),
    ("dispute", "Disputed"),
    ("refused", "Refused"),
    ("unreachable", "Unreachable"),
]
# a line still in the process: upstream replaces a draft by a new one and
# marks the old one ignored, the rest is history
LIVE_DOMAIN = [("state", "!=", "ignored")]
# the credit line states that say a reminder or notice left the desk, and
# the delivery result they stand for (proof of notice, §6)
SENT_RESULTS = {"sent": "delivered", "email_error": "failed", "error": "failed"}
# lines created per ORM create (the run writes 200,000 at once)
CREATE_BATCH = 5000


class CreditControlLine(models.Model):
    _inherit = "credit.control.line"

    cs_unit_id = fields.Many2one(
        related="invoice_id.cs_unit_id", string="Unit", store=True, index=True
    )
    cs_estate_id = fields.Many2one(
        related="invoice_id.cs_estate_id", string="Estate", store=True
    )
    cs_stage = fields.Selection(related="policy_level_id.cs_stage", store=True)
    cs_task_id = fields.Many2one(
        "cs.callback.task",
        string="Callback Task",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    cs_call_outcome = fields.Selection(
        CALL_OUTCOMES, string="Call Outcome", readonly=True, copy=False
    )
    cs_promise_date = fields.Date(
        string="Promised Payment Date",
        readonly=True,
        copy=False,
        help="The payer promised to pay by this date: the next level waits.",
    )
    cs_notice_ids = fields.One2many(
        "cs.collection.notice", "line_id", string="Proof of Notice", readonly=True
    )
    cs_paused = fields.Boolean(
        compute="_compute_cs_paused",
        string="Paused (Dispute)",
        help="The payer has an open billing dispute on the unit: no new level "
        "until it is closed.",
    )

    def init(self):
        res = super().init()
        # §9: concurrent runs get a real guarantee, not only upstream's lock on
        # one run row: one live line per move line and level.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS credit_control_line_cs_live_uniq "
                "ON credit_control_line (move_line_id, policy_level_id) "
                "WHERE state != 'ignored'"
            )
        )
        return res

    def _compute_cs_paused(self):
        disputed = self.cs_unit_id._cs_disputed_pairs()
        for line in self:
            line.cs_paused = (
                line.cs_unit_id.id,
                line.partner_id.commercial_partner_id.id,
            ) in disputed

    @api.model
    def create_or_update_from_mv_lines(
        self,
        lines,
        level,
        controlling_date,
        company,
        check_tolerance=True,
        default_lines_vals=None,
    ):
        """Upstream's behaviour, set-based, for every policy: the tolerance
        (converted as upstream does), the draft lines replaced — marked
        ignored *before* the new ones are inserted, so that the unique index
        on live lines holds —, the new lines created in batches, and what a
        replaced line carried over to its successor (the callback task). The
        property policy's lines are created without chatter tracking (a run
        writes 200,000 of them)."""
        if self.env.context.get("cs_upstream_baseline"):
            # bench/bench_dunning.py only: account_credit_control's own code
            # for the comparison (it inserts before it ignores: not for reruns)
            return super().create_or_update_from_mv_lines(
                lines,
                level,
                controlling_date,
                company,
                check_tolerance=check_tolerance,
                default_lines_vals=default_lines_vals,
            )
        if not lines:
            return self.browse()
        currency = company.currency_id
        tolerance_base = company.credit_control_tolerance
        tolerances = {}
        day = controlling_date or fields.Date.today()
        lines = lines.with_context(prefetch_fields=False)
        lines.fetch(
            [
                "partner_id",
                "move_id",
                "date_maturity",
                "amount_currency",
                "debit",
                "credit",
                "amount_residual",
                "amount_residual_currency",
                "currency_id",
            ]
        )
        self.flush_model()
        previous = self.search(
            [
                ("move_line_id", "in", lines.ids),
                ("policy_level_id", "=", level.id),
                ("state", "in", ["draft", "to_be_sent"]),
            ]
        )
        carried = {line.move_line_id.id: line.cs_task_id.id for line in previous}
        vals_list = []
        keep = set()  # ids: a recordset union per line is quadratic
        for move_line in lines:
            ml_currency = move_line.currency_id
            if ml_currency and ml_currency != currency:
                open_amount = move_line.amount_residual_currency
            else:
                open_amount = move_line.amount_residual
            cur_tolerance = tolerance_base
            if ml_currency:
                if ml_currency not in tolerances:
                    # upstream's conversion, kept as it is
                    tolerances[ml_currency] = ml_currency._convert(
                        tolerance_base, currency, company, day
                    )
                cur_tolerance = tolerances[ml_currency]
            if check_tolerance and open_amount < cur_tolerance:
                continue
            keep.add(move_line.id)
            vals = self._prepare_from_move_line(
                move_line,
                level,
                controlling_date,
                open_amount,
                default_lines_vals or {},
            )
            if carried.get(move_line.id):
                vals["cs_task_id"] = carried[move_line.id]
            vals_list.append(vals)
        quiet = self
        if level.policy_id.cs_property:
            quiet = self.with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
        previous = previous.filtered(lambda line: line.move_line_id.id in keep)
        previous.with_env(quiet.env).write({"state": "ignored"})
        # before the insert: the unique index on live lines checks it
        previous.flush_recordset(["state"])
        created = self.browse()
        for start in range(0, len(vals_list), CREATE_BATCH):
            created |= quiet.create(vals_list[start : start + CREATE_BATCH])
        return created.with_env(self.env)

    def _prepare_from_move_line(
        self, move_line, level, controlling_date, open_amount, default_lines_vals
    ):
        vals = super()._prepare_from_move_line(
            move_line, level, controlling_date, open_amount, default_lines_vals
        )
        if level.policy_id.cs_property and level._cs_is_phone():
            # a phone level is worked by hand, whatever the contact's email
            vals["channel"] = "phone"
        return vals

    def write(self, vals):
        result = SENT_RESULTS.get(vals.get("state"))
        if result:
            # a call's outcome says itself whether the payer was reached
            result = self.env.context.get("cs_notice_result", result)
            todo = self.filtered(lambda line: line.state != vals["state"])
        res = super().write(vals)
        if result and todo:
            todo._cs_record_notices(
                result, content=self.env.context.get("cs_notice_content")
            )
        return res

    def _cs_record_notices(self, result, channel=None, content=None, day=None):
        """Keep the proof of each reminder or notice sent: channel, date,
        content and delivery result (§6), on the line and the payer."""
        Notice = self.env["cs.collection.notice"]
        vals_list = []
        for line in self.filtered("cs_unit_id"):
            text = content
            if text is None:
                level = line.policy_level_id
                text = (
                    level.custom_text
                    if line.channel != "email"
                    else level.custom_mail_text
                )
            vals_list.append(
                {
                    "line_id": line.id,
                    "channel": channel or line.channel,
                    "date": day or line.date_sent or fields.Date.context_today(self),
                    "content": text or "",
                    "result": result,
                }
            )
        # sudo: the proof is written by whoever sends (a fee officer, the mail
        # queue, an agent's call outcome); nobody edits it afterwards.
        return Notice.sudo().create(vals_list)

    def action_cs_open_task(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "cs.callback.task",
            "res_id": self.cs_task_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _cs_after_generation(self):
        """What the property policy adds to upstream's generation: the phone
        level's callback tasks and the legal stage's cases."""
        lines = self.filtered(lambda line: line.policy_id.cs_property)
        if not lines:
            return
        phone = lines.filtered(
            lambda line: not line.cs_task_id and line.policy_level_id._cs_is_phone()
        )
        if phone:
            phone._cs_create_phone_tasks()
        legal = lines.filtered(lambda line: line.cs_stage == "legal")
        if legal:
            self.env["cs.collection.legal"]._cs_open_cases(
                {
                    (line.commercial_partner_id.id, line.cs_unit_id.id)
                    for line in legal
                    if line.cs_unit_id
                }
            )

    def _cs_create_phone_tasks(self):
        """One callback task per payer and unit in the estate's fee-reminder
        campaign; an open one is reused (never a second call for the same
        arrears)."""
        Campaign = self.env["cs.callback.campaign"]
        links = {}
        by_estate = {}
        for line in self.filtered("cs_unit_id"):
            by_estate.setdefault(line.cs_estate_id, []).append(line)
        for estate, estate_lines in by_estate.items():
            campaign = Campaign._cs_fee_campaign(estate)
            open_tasks = campaign._cs_open_fee_tasks()
            groups = {}
            for line in estate_lines:
                key = (line.commercial_partner_id.id, line.cs_unit_id.id)
                if key in open_tasks:
                    links[line.id] = open_tasks[key]
                else:
                    groups.setdefault(key, self.browse())
                    groups[key] |= line
            links.update(
                campaign._cs_add_fee_tasks(
                    [
                        (lines.commercial_partner_id, lines.cs_unit_id, lines)
                        for lines in groups.values()
                    ]
                )
            )
        self._cs_link_tasks(links)

    def _cs_link_tasks(self, links):
        """``{line id: task id}`` written in one statement."""
        if not links:
            return
        self.flush_model(["cs_task_id"])
        values = SQL(", ").join(
            SQL("(%s, %s)", line, task) for line, task in links.items()
        )
        self.env.cr.execute(
            SQL(
                "UPDATE credit_control_line l SET cs_task_id = v.task "
                "FROM (VALUES %s) AS v(line, task) WHERE l.id = v.line",
                values,
            )
        )
        self.invalidate_model(["cs_task_id"])
        self.env["cs.callback.task"].invalidate_model(["cs_credit_line_ids"])
