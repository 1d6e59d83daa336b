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
# the columns ``_cs_sql_create_or_update`` writes or leaves empty as the ORM
# create does: a stored field with a default or a computation that is not
# here (another module's) sends the run back to the ORM create
SQL_COLUMNS = {
    "id", "date", "date_due", "date_entry", "date_sent", "state", "channel",
    "invoice_id", "partner_id", "commercial_partner_id", "communication_id",
    "amount_due", "balance_due", "move_line_id", "account_id", "currency_id",
    "company_id", "policy_level_id", "policy_id", "level", "manually_overridden",
    "run_id", "manual_followup", "partner_user_id", "create_uid", "create_date",
    "write_uid", "write_date", "cs_unit_id", "cs_estate_id", "cs_stage",
    "cs_task_id", "cs_call_outcome", "cs_promise_date",
    "message_main_attachment_id",
}  # fmt: skip


class CreditControlLine(models.Model):
    _name = "credit.control.line"
    _inherit = ["credit.control.line", "cs.workflow.mixin"]
    # Read-only on the line's form: written by the run (the callback task),
    # by the call's outcome (promise, dispute, refusal) and by the proof of
    # notice only, never by hand (cs.workflow.mixin); the fee desk changes a
    # line's state (upstream), not these.
    _cs_protected_fields = (
        "cs_task_id",
        "cs_call_outcome",
        "cs_promise_date",
        "cs_notice_ids",
        "cs_stage",
        "cs_paused",
    )

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
        if self._cs_sql_create_ok(level, default_lines_vals):
            return self._cs_sql_create_or_update(
                lines,
                level,
                controlling_date,
                company,
                check_tolerance,
                default_lines_vals or {},
            )
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
        # the carried callback task (cs_task_id) is the run's to write
        quiet = self._cs_workflow_env()
        if level.policy_id.cs_property:
            quiet = quiet.with_context(
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

    def _cs_sql_create_ok(self, level, default_lines_vals):
        """Whether the property policy's lines of ``level`` may be written by
        ``_cs_sql_create_or_update``: a property policy, no other default
        than the run, no line preparation but upstream's and ours, and no
        stored column that module adds with a default or a computation."""
        if self.env.context.get("cs_orm_create") or not level.policy_id.cs_property:
            return False
        if set(default_lines_vals or {}) - {"run_id"}:
            return False
        owners = {
            cls.__module__.split(".")[2]
            for cls in type(self).__mro__
            if "_prepare_from_move_line" in vars(cls)
            and cls.__module__.startswith("odoo.addons.")
        }
        if owners - {"account_credit_control", "cs_property"}:
            return False
        for name, field in self._fields.items():
            if name in SQL_COLUMNS or not (field.store and field.column_type):
                continue
            if field.compute or field.related or field.default is not None:
                return False
        return True

    def _cs_sql_create_or_update(
        self, lines, level, controlling_date, company, check_tolerance, defaults
    ):
        """``create_or_update_from_mv_lines`` of a property policy in a few
        set-based statements instead of an ORM create of 200,000 records: the
        same tolerance, the drafts of the level ignored first (the unique
        index on live lines), the new lines' ids drawn, a phone level's
        callback tasks created for them (``_cs_phone_tasks``), then the lines
        inserted with every stored related and computed column as the ORM
        computes it (``_prepare_from_move_line``'s values, upstream's related
        fields, ``partner_user_id``, our unit, estate and stage) and their
        task (carried over from the replaced draft, or the new one); the
        cache is invalidated afterwards.

        Mail: the property lines were already created with tracking disabled
        (no creation message, no follower); the insert does the same. A line
        needs no creation message: the run's report and the proofs of notice
        are its history, and its chatter starts with the first change of
        state. Access rights and record rules are checked on the lines
        written, as the ORM does."""
        self.env.flush_all()
        ids = list(lines.ids)
        currency = company.currency_id
        tolerance_base = company.credit_control_tolerance
        day = controlling_date or fields.Date.today()
        tolerances = []
        if check_tolerance:
            rows = self.env.execute_query(
                SQL(
                    "SELECT DISTINCT currency_id FROM account_move_line "
                    "WHERE id = ANY(%s) AND currency_id IS NOT NULL",
                    ids,
                )
            )
            for ml_currency in self.env["res.currency"].browse([r[0] for r in rows]):
                # upstream's conversion, kept as it is
                tolerances.append(
                    SQL(
                        "(%s, %s::float8)",
                        ml_currency.id,
                        ml_currency._convert(tolerance_base, currency, company, day),
                    )
                )
        open_amount = SQL(
            "(CASE WHEN aml.currency_id IS NOT NULL AND aml.currency_id != %s "
            "THEN aml.amount_residual_currency ELSE aml.amount_residual END)",
            currency.id,
        )
        tolerance_join = SQL("")
        keep = SQL("TRUE")
        if check_tolerance:
            if tolerances:
                tolerance_join = SQL(
                    "LEFT JOIN (VALUES %s) AS tol(currency_id, amount) "
                    "ON tol.currency_id = aml.currency_id",
                    SQL(", ").join(tolerances),
                )
                keep = SQL(
                    "%s::float8 >= COALESCE(tol.amount, %s::float8)",
                    open_amount,
                    tolerance_base,
                )
            else:
                keep = SQL("%s::float8 >= %s::float8", open_amount, tolerance_base)
        kept = [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    """
                    SELECT aml.id
                      FROM unnest(%s::int[]) WITH ORDINALITY AS k(id, n)
                      JOIN account_move_line aml ON aml.id = k.id
                      %s
                     WHERE %s
                     ORDER BY k.n
                    """,
                    ids,
                    tolerance_join,
                    keep,
                )
            )
        ]
        if not kept:
            return self.browse()
        uid = self.env.uid
        # the drafts left of this level: ignored before the insert (the
        # unique index on live lines checks it), their task carried over
        replaced = self.env.execute_query(
            SQL(
                """
                UPDATE credit_control_line
                   SET state = 'ignored', write_uid = %s,
                       write_date = now() at time zone 'UTC'
                 WHERE move_line_id = ANY(%s) AND policy_level_id = %s
                   AND state IN ('draft', 'to_be_sent')
             RETURNING id, move_line_id, cs_task_id
                """,
                uid,
                kept,
                level.id,
            )
        )
        self.browse([row[0] for row in replaced]).check_access("write")
        carried = {row[1]: row[2] for row in replaced if row[2]}
        # a phone level's lines: their ids drawn first, their callback tasks
        # created before them (a task's source is its line) and the lines
        # inserted with their task, not updated afterwards
        new_ids = []
        if level._cs_is_phone():
            new_ids = [
                row[0]
                for row in self.env.execute_query(
                    SQL(
                        "SELECT nextval(pg_get_serial_sequence("
                        "'credit_control_line', 'id')) FROM generate_series(1, %s)",
                        len(kept),
                    )
                )
            ]
            line_of = dict(zip(new_ids, kept, strict=True))
            links = self._cs_phone_tasks(
                self._cs_new_phone_groups(kept, new_ids, list(carried))
            )
            carried.update({line_of[line]: task for line, task in links.items()})
        if level._cs_is_phone():
            channel = SQL("'phone'")
        elif level.channel == "email":
            # upstream's fallback to a letter for a partner without email
            channel = SQL(
                "CASE WHEN COALESCE(p.email, '') = '' THEN 'letter' ELSE 'email' END"
            )
        else:
            channel = SQL("%s", level.channel)
        created = self.env.execute_query(
            SQL(
                """
                INSERT INTO credit_control_line (
                    id, date, date_due, date_entry, state, channel, invoice_id,
                    partner_id, commercial_partner_id, amount_due, balance_due,
                    move_line_id, account_id, currency_id, company_id,
                    policy_level_id, policy_id, level, run_id, manual_followup,
                    partner_user_id, cs_unit_id, cs_estate_id, cs_stage,
                    cs_task_id, create_uid, create_date, write_uid, write_date)
                SELECT COALESCE(k.line_id, nextval(pg_get_serial_sequence(
                           'credit_control_line', 'id'))),
                       %(date)s, aml.date_maturity, aml.date, 'draft',
                       %(channel)s, aml.move_id, aml.partner_id,
                       p.commercial_partner_id,
                       COALESCE(NULLIF(aml.amount_currency, 0),
                                NULLIF(aml.debit, 0), aml.credit, 0),
                       %(open_amount)s, aml.id, aml.account_id, aml.currency_id,
                       aml.company_id, %(level)s, %(policy)s, %(number)s,
                       %(run)s, COALESCE(p.manual_followup, FALSE), p.user_id,
                       am.cs_unit_id, am.cs_estate_id, %(stage)s, c.task,
                       %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM unnest(%(kept)s::int[], %(ids)s::int[])
                       WITH ORDINALITY AS k(id, line_id, n)
                  JOIN account_move_line aml ON aml.id = k.id
                  LEFT JOIN account_move am ON am.id = aml.move_id
                  LEFT JOIN res_partner p ON p.id = aml.partner_id
                  LEFT JOIN unnest(%(lines)s::int[], %(tasks)s::int[])
                       AS c(move_line_id, task) ON c.move_line_id = aml.id
                 ORDER BY k.n
             RETURNING id
                """,
                date=controlling_date,
                channel=channel,
                open_amount=open_amount,
                level=level.id,
                policy=level.policy_id.id,
                number=level.level,
                run=defaults.get("run_id") or None,
                stage=level.cs_stage or None,
                uid=uid,
                kept=kept,
                ids=new_ids,
                lines=list(carried),
                tasks=list(carried.values()),
            )
        )
        self.env.invalidate_all()
        new_lines = self.browse([row[0] for row in created])
        new_lines.check_access("create")
        return new_lines

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
        level's callback tasks and the legal stage's cases. Both found with
        one query each (a run generates 200,000 lines)."""
        if not self:
            return
        self._cs_create_phone_tasks()
        self.flush_model()
        pairs = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT cl.commercial_partner_id, cl.cs_unit_id
                  FROM credit_control_line cl
                  JOIN credit_control_policy pol ON pol.id = cl.policy_id
                 WHERE cl.id = ANY(%s) AND pol.cs_property
                   AND cl.cs_stage = 'legal' AND cl.cs_unit_id IS NOT NULL
                """,
                list(self.ids),
            )
        )
        if pairs:
            self.env["cs.collection.legal"]._cs_open_cases(
                {(partner, unit) for partner, unit in pairs}
            )

    def _cs_phone_groups(self):
        """``[(estate id, commercial partner id, unit id, [line ids])]``: the
        property policy's lines of these at a phone level (any level worked
        by a call) without a task, per payer and unit, in the order of their
        first line."""
        self.flush_model()
        return self.env.execute_query(
            SQL(
                """
                SELECT cl.cs_estate_id, cl.commercial_partner_id, cl.cs_unit_id,
                       array_agg(cl.id ORDER BY cl.id)
                  FROM credit_control_line cl
                  JOIN credit_control_policy pol ON pol.id = cl.policy_id
                  JOIN credit_control_policy_level lv ON lv.id = cl.policy_level_id
                 WHERE cl.id = ANY(%s) AND pol.cs_property
                   AND cl.cs_task_id IS NULL AND cl.cs_unit_id IS NOT NULL
                   AND (lv.channel = 'phone' OR lv.cs_stage = 'phone')
                 GROUP BY cl.cs_estate_id, cl.commercial_partner_id, cl.cs_unit_id
                 ORDER BY min(cl.id)
                """,
                list(self.ids),
            )
        )

    @api.model
    def _cs_new_phone_groups(self, move_line_ids, line_ids, skip):
        """``_cs_phone_groups`` of lines about to be inserted: ``line_ids``
        (drawn ids) for ``move_line_ids``, but those of ``skip`` (which
        carry their task over)."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT am.cs_estate_id, p.commercial_partner_id, am.cs_unit_id,
                       k.line_id
                  FROM unnest(%s::int[], %s::int[]) WITH ORDINALITY
                       AS k(move_line_id, line_id, n)
                  JOIN account_move_line aml ON aml.id = k.move_line_id
                  JOIN account_move am ON am.id = aml.move_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  LEFT JOIN unnest(%s::int[]) AS s(move_line_id)
                       ON s.move_line_id = k.move_line_id
                 WHERE am.cs_unit_id IS NOT NULL AND s.move_line_id IS NULL
                 ORDER BY k.n
                """,
                move_line_ids,
                line_ids,
                skip,
            )
        )
        groups = {}
        for estate, partner, unit, line in rows:
            groups.setdefault((estate, partner, unit), []).append(line)
        return [(*key, lines) for key, lines in groups.items()]

    def _cs_create_phone_tasks(self):
        """One callback task per payer and unit in the estate's fee-reminder
        campaign; an open one is reused (never a second call for the same
        arrears)."""
        self._cs_link_tasks(self._cs_phone_tasks(self._cs_phone_groups()))

    @api.model
    def _cs_phone_tasks(self, phone_groups):
        """``{line id: task id}``: the task of each group of
        ``_cs_phone_groups`` (the open one of the payer and unit, or a new
        one). The lines are only named by their id (they may not be
        inserted yet)."""
        Campaign = self.env["cs.callback.campaign"]
        Partner = self.env["res.partner"]
        Unit = self.env["cs.unit"]
        Estate = self.env["cs.estate"]
        links = {}
        by_estate = {}
        for estate, partner, unit, line_ids in phone_groups:
            by_estate.setdefault(estate, []).append((partner, unit, line_ids))
        for estate_id, groups in by_estate.items():
            campaign = Campaign._cs_fee_campaign(Estate.browse(estate_id))
            open_tasks = campaign._cs_open_fee_tasks()
            new = []
            for partner, unit, line_ids in groups:
                task = open_tasks.get((partner, unit))
                if task:
                    links.update(dict.fromkeys(line_ids, task))
                else:
                    new.append((partner, unit, line_ids))
            # one prefetch for the payers and units of the new tasks
            partners = Partner.browse([group[0] for group in new])
            units = Unit.browse([group[1] for group in new])
            links.update(
                campaign._cs_add_fee_tasks(
                    [
                        (partner, unit, self.browse(group[2]))
                        for partner, unit, group in zip(
                            partners, units, new, strict=True
                        )
                    ]
                )
            )
        return links

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
