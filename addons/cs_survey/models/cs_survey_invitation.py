# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The single gate for asking a customer's opinion (DOMAIN.md §6).

Rules decide when (``cs.survey.rule``), the throttle decides whether: one
invitation per identity per period across all triggers, the others recorded
as skipped with the reason, never queued. A reopened ticket cancels its
invitation, unanswered ones expire, and a batched cron sends what is due."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.cs_callcenter.tools.phone import normalize
from odoo.addons.cs_helpdesk.models.helpdesk_ticket import KINDS

from ..tools.survey_math import identity, throttle
from .cs_survey_rule import TRIGGERS
from .survey_user_input import CHANNELS

STATES = [
    ("scheduled", "Scheduled"),
    ("sent", "Sent"),
    ("answered", "Answered"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
    ("skipped", "Skipped"),
]
# invitations that count as "asked" for the throttle
ASKED = ("scheduled", "sent", "answered", "expired")
BATCH = 500
TICKET_FIELDS = [
    "cs_survey_response_id",
    "company_id",
    "team_id",
    "cs_kind",
    "stage_id",
    "partner_id",
    "partner_email",
    "closed_date",
    "cs_reopen_count",
    "cs_call_id",
    "user_id",
    "cs_department_id",
    "category_id",
]
PARTNER_FIELDS = ["cs_do_not_survey", "email", "mobile", "phone", "name"]
DEFAULT_THROTTLE_DAYS = 30  # Delighted / Qualtrics' default contact frequency


class CsSurveyInvitation(models.Model):
    _name = "cs.survey.invitation"
    _description = "Survey Invitation"
    _order = "scheduled_date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    key = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        help="What the invitation is for (one per resolved ticket, callback, "
        "periodic run and customer): the same trigger never invites twice.",
    )
    rule_id = fields.Many2one("cs.survey.rule", readonly=True, index="btree_not_null")
    trigger = fields.Selection(TRIGGERS, readonly=True)
    survey_id = fields.Many2one("survey.survey", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True, index="btree_not_null"
    )
    phone = fields.Char(readonly=True)
    email = fields.Char(string="E-mail", readonly=True)
    identity = fields.Char(
        readonly=True,
        index=True,
        help="Whom the throttle counts: contact, phone or e-mail.",
    )
    channel = fields.Selection(CHANNELS, required=True, readonly=True, default="email")
    state = fields.Selection(
        STATES, default="scheduled", required=True, readonly=True, index=True
    )
    skip_reason = fields.Char(readonly=True)
    scheduled_date = fields.Datetime(required=True, readonly=True, index=True)
    sent_date = fields.Datetime(readonly=True)
    expiry_date = fields.Datetime(string="Expires on", readonly=True, index=True)
    answer_date = fields.Datetime(readonly=True)
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Response",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    survey_url = fields.Char(
        string="Survey Link",
        compute="_compute_survey_url",
        help="Send it by SMS or WeChat, or read it to the customer.",
    )
    periodic_run_id = fields.Many2one(
        "cs.survey.periodic.run",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    # -- what it is about (copied to the response) -------------------------------
    cs_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", readonly=True, index="btree_not_null"
    )
    cs_callback_task_id = fields.Many2one(
        "cs.callback.task", string="Callback", readonly=True, index="btree_not_null"
    )
    cs_call_id = fields.Many2one("cs.call", string="Call", readonly=True)
    cs_agent_id = fields.Many2one("res.users", string="Rated Agent", readonly=True)
    cs_team_id = fields.Many2one("helpdesk.ticket.team", string="Team", readonly=True)
    cs_department_id = fields.Many2one(
        "hr.department", string="Department", readonly=True
    )
    cs_category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Ticket Category", readonly=True
    )
    cs_ticket_kind = fields.Selection(KINDS, string="Ticket Kind", readonly=True)

    _sql_constraints = [
        ("key_unique", "unique(key)", "This survey invitation exists already.")
    ]

    def _compute_survey_url(self):
        for invitation in self:
            answer = invitation.user_input_id
            invitation.survey_url = (
                answer.get_base_url() + answer.get_start_url() if answer else False
            )

    # -- what a response is about: the one hook ----------------------------------
    @api.model
    def _cs_about_fields(self):
        """Fields copied from the invitation to the response. Other modules
        (cs_property: unit, estate) add theirs here and fill them in
        ``_cs_about_values``."""
        return [
            "cs_ticket_id",
            "cs_callback_task_id",
            "cs_call_id",
            "cs_agent_id",
            "cs_team_id",
            "cs_department_id",
            "cs_category_id",
            "cs_ticket_kind",
        ]

    @api.model
    def _cs_about_values(self, record):
        """The ``_cs_about_fields`` values for what a survey is about: a
        ticket, a callback task (and the ticket it follows) or a call."""
        if not record:
            return {}
        if record._name == "helpdesk.ticket":
            return {
                "cs_ticket_id": record.id,
                "cs_call_id": record.cs_call_id.id,
                "cs_agent_id": record.user_id.id,
                "cs_team_id": record.team_id.id,
                "cs_department_id": record.cs_department_id.id,
                "cs_category_id": record.category_id.id,
                "cs_ticket_kind": record.cs_kind,
            }
        if record._name == "cs.callback.task":
            source = record.source_ref
            values = self._cs_about_values(source) if source else {}
            values.update(cs_callback_task_id=record.id, cs_agent_id=record.user_id.id)
            return values
        if record._name == "cs.call":
            return {"cs_call_id": record.id, "cs_agent_id": record.user_id.id}
        return {}

    # -- creating invitations ----------------------------------------------------
    @api.model
    def _cs_identity(self, partner, phone, email, region):
        if partner:
            return identity(partner_id=partner.id)
        key = normalize(phone, region).key if phone else False
        return identity(phone_key=key, email=email)

    @api.model
    def _cs_schedule(self, specs):
        """Create the invitations of ``specs`` (dicts: key, rule, survey,
        partner, phone, email, channel, scheduled_date, about, throttle_days,
        and optionally periodic_run_id, trigger), throttled. Keys already
        invited are left alone. Returns the created invitations."""
        if not specs:
            return self.browse()
        existing = set(
            self.with_context(active_test=False)
            .search([("key", "in", [s["key"] for s in specs])])
            .mapped("key")
        )
        specs = [s for s in specs if s["key"] not in existing]
        if not specs:
            return self.browse()
        region = self.env.company.country_id.code or None
        for spec in specs:
            spec["identity"] = self._cs_identity(
                spec.get("partner"), spec.get("phone"), spec.get("email"), region
            )
            spec["reason"] = self._cs_unwanted_reason(spec)
        history = self._cs_history([s for s in specs if s["identity"]])
        decisions = throttle(
            [
                (
                    s["key"],
                    s["identity"],
                    s["scheduled_date"],
                    s.get("throttle_days"),
                )
                for s in specs
                if s["identity"] and not s["reason"]
            ],
            history,
            DEFAULT_THROTTLE_DAYS,
        )
        vals_list = []
        for spec in specs:
            vals = self._cs_spec_values(spec)
            reason = spec["reason"]
            if not reason and not spec["identity"]:
                reason = self.env._("no phone or e-mail to ask")
            blocking = decisions.get(spec["key"])
            if not reason and blocking:
                reason = self.env._(
                    "surveyed on %s", fields.Date.to_string(blocking.date())
                )
            if reason:
                vals.update(state="skipped", skip_reason=reason)
            vals_list.append(vals)
        return self._cs_insert(vals_list)

    @api.model
    def _cs_insert(self, vals_list):
        """Create invitations with one INSERT ... SELECT FROM unnest(): one
        array per column, whatever the number of rows. The ORM's ``create``
        spent two thirds of the time of closing 100,000 tickets on
        per-record defaults and conversions (bench/bench_surveys.py);
        invitations have no computed stored field, no tracking and no Python
        constraint, and every value is prepared above, so a plain insert
        stores the same rows (the unique key still guards against
        doubles)."""
        if not vals_list:
            return self.browse()
        now = self.env.cr.now()
        defaults = {"state": "scheduled", "channel": "email"}
        names = sorted({name for vals in vals_list for name in vals} | set(defaults))
        arrays = []
        for name in names:
            field = self._fields[name]
            default = defaults.get(name)
            convert = field.convert_to_column
            arrays.append(
                SQL(
                    "%s::%s[]",
                    [convert(vals.get(name, default), self) for vals in vals_list],
                    SQL(field.column_type[1]),
                )
            )
        columns = [*names, "create_uid", "create_date", "write_uid", "write_date"]
        self.env.flush_all()
        ids = [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "INSERT INTO %s (%s) SELECT *, %s, %s, %s, %s FROM unnest(%s) "
                    "RETURNING id",
                    SQL.identifier(self._table),
                    SQL(", ").join(SQL.identifier(c) for c in columns),
                    self.env.uid,
                    now,
                    self.env.uid,
                    now,
                    SQL(", ").join(arrays),
                )
            )
        ]
        # the new rows are in no cache yet: the one2many fields and the
        # figures computed from them are read again
        self.env.invalidate_all()
        return self.browse(ids)

    @api.model
    def _cs_unwanted_reason(self, spec):
        if spec.get("rated"):
            return self.env._("asked by the helpdesk rating e-mail")
        partner = spec.get("partner")
        if partner and partner.cs_do_not_survey:
            return self.env._("do not survey")
        if spec.get("channel") == "email" and not (
            spec.get("email") or (partner and partner.email)
        ):
            return self.env._("no e-mail address")
        return False

    @api.model
    def _cs_history(self, specs):
        """{identity: [moments asked]} around the moments of ``specs``."""
        if not specs:
            return {}
        longest = timedelta(
            days=max(
                DEFAULT_THROTTLE_DAYS
                if s.get("throttle_days") is None
                else s["throttle_days"]
                for s in specs
            )
        )
        moments = [s["scheduled_date"] for s in specs]
        rows = self.search_fetch(
            [
                ("identity", "in", list({s["identity"] for s in specs})),
                ("state", "in", ASKED),
                ("scheduled_date", ">", min(moments) - longest),
                ("scheduled_date", "<", max(moments) + longest),
            ],
            ["identity", "scheduled_date"],
        )
        history = defaultdict(list)
        for row in rows:
            history[row.identity].append(row.scheduled_date)
        return history

    @api.model
    def _cs_spec_values(self, spec):
        partner = spec.get("partner")
        rule = spec.get("rule")
        vals = {
            "key": spec["key"],
            "rule_id": rule.id if rule else False,
            "trigger": spec.get("trigger") or (rule.trigger if rule else False),
            "survey_id": spec["survey"].id,
            "partner_id": partner.id if partner else False,
            "phone": spec.get("phone")
            or (partner and (partner.mobile or partner.phone))
            or False,
            "email": spec.get("email") or (partner and partner.email) or False,
            "identity": spec["identity"],
            "channel": spec["channel"],
            "scheduled_date": spec["scheduled_date"],
            "periodic_run_id": spec.get("periodic_run_id") or False,
            "company_id": spec.get("company_id") or self.env.company.id,
        }
        vals.update(self._cs_about_values(spec.get("about")))
        return vals

    @api.model
    def _cs_invite_tickets(self, tickets):
        """Invitations for tickets just closed, by the most specific
        ticket-closed rule. Follow-up tickets of survey answers are never
        surveyed themselves."""
        # the fields used below, not every column of the tickets
        tickets.fetch(TICKET_FIELDS)
        tickets = tickets.filtered(lambda t: not t.cs_survey_response_id)
        # and of the customers: not every column of res.partner
        tickets.partner_id.fetch(PARTNER_FIELDS)
        rules = self.env["cs.survey.rule"]._cs_pick("ticket_closed", tickets)
        rated = self._cs_rating_stages(tickets.stage_id)
        now = fields.Datetime.now()
        specs = []
        for ticket in tickets:
            rule = rules.get(ticket.id)
            if not rule:
                continue
            closed = ticket.closed_date or now
            specs.append(
                {
                    "key": f"ticket:{ticket.id}:{ticket.cs_reopen_count}",
                    "rule": rule,
                    "survey": rule.survey_id,
                    "partner": ticket.partner_id,
                    "email": ticket.partner_email,
                    "channel": rule.channel,
                    "scheduled_date": closed + timedelta(hours=rule.delay_hours),
                    "throttle_days": rule.throttle_days,
                    "about": ticket,
                    "company_id": ticket.company_id.id,
                    "rated": ticket.stage_id in rated,
                }
            )
        return self._cs_schedule(specs)

    @api.model
    def _cs_rating_stages(self, stages):
        """The stages among ``stages`` that send OCA helpdesk_mgmt_rating's
        rating e-mail when a ticket reaches them: there that e-mail asks,
        and the survey is not sent too (one of the two asks, never both)."""
        rated = stages.browse()
        for stage in stages:
            template = (
                stage["rating_mail_template_id"]
                if "rating_mail_template_id" in stage._fields
                else stage.mail_template_id
            )
            xmlid = template.get_external_id().get(template.id, "") if template else ""
            if template and (
                "rating_mail_template_id" in stage._fields
                or xmlid.startswith("helpdesk_mgmt_rating.")
            ):
                rated |= stage
        return rated

    @api.model
    def _cs_invite_callbacks(self, tasks):
        """Invitations for callback tasks just finished, by rule."""
        rules = self.env["cs.survey.rule"]._cs_pick("callback_done", tasks)
        now = fields.Datetime.now()
        specs = []
        for task in tasks:
            rule = rules.get(task.id)
            if not rule:
                continue
            specs.append(
                {
                    "key": f"callback:{task.id}",
                    "rule": rule,
                    "survey": rule.survey_id,
                    "partner": task.partner_id,
                    "phone": task.phone,
                    "channel": rule.channel,
                    "scheduled_date": (task.done_date or now)
                    + timedelta(hours=rule.delay_hours),
                    "throttle_days": rule.throttle_days,
                    "about": task,
                    "company_id": task.company_id.id,
                }
            )
        return self._cs_schedule(specs)

    def _cs_cancel(self, reason):
        """Cancel invitations not answered yet; their links stop working."""
        todo = self.filtered(lambda i: i.state in ("scheduled", "sent"))
        now = fields.Datetime.now()
        todo.write({"state": "cancelled", "skip_reason": reason})
        todo.user_input_id.filtered(lambda a: a.state != "done").write(
            {"deadline": now}
        )
        return todo

    def _cs_mark_answered(self):
        for invitation in self.filtered(lambda i: i.state != "answered"):
            invitation.write(
                {
                    "state": "answered",
                    "answer_date": invitation.user_input_id.end_datetime
                    or fields.Datetime.now(),
                }
            )

    # -- sending --------------------------------------------------------------------
    def _cs_response_values(self):
        self.ensure_one()
        partner = self.partner_id
        values = {
            "survey_id": self.survey_id.id,
            "partner_id": partner.id or False,
            "email": self.email or False,
            "nickname": partner.name or self.email or self.phone or False,
            "deadline": self.expiry_date,
            "cs_invitation_id": self.id,
            "cs_company_id": self.company_id.id,
            "cs_sent_date": self.sent_date,
            "cs_channel": self.channel,
        }
        for fname in self._cs_about_fields():
            value = self[fname]
            values[fname] = value.id if isinstance(value, models.BaseModel) else value
        return values

    def _cs_send(self):
        """Create the responses (tokenised links) and e-mail them; SMS and
        WeChat links are shown on the invitation for the agents to send."""
        now = fields.Datetime.now()
        todo = self.filtered(lambda i: i.state == "scheduled")
        for invitation in todo:
            # a periodic run may shorten or lengthen its rule's expiry
            days = (
                invitation.periodic_run_id.expiry_days
                or invitation.rule_id.expiry_days
                or 7
            )
            invitation.write(
                {
                    "state": "sent",
                    "sent_date": now,
                    "expiry_date": now + timedelta(days=days),
                }
            )
        answers = self.env["survey.user_input"].create(
            [invitation._cs_response_values() for invitation in todo]
        )
        for invitation, answer in zip(todo, answers, strict=True):
            invitation.user_input_id = answer
        template = self.env.ref("cs_survey.mail_template_survey_invitation")
        for answer in answers.filtered(lambda a: a.cs_channel == "email"):
            template.send_mail(
                answer.id, email_layout_xmlid="mail.mail_notification_light"
            )
        return todo

    @api.model
    def _cron_cs_survey(self, batch_size=BATCH, now=None):
        """Send the invitations that are due, expire the unanswered ones.
        Idempotent: each step moves invitations out of the state it reads."""
        now = now or fields.Datetime.now()
        expired = self.search(
            [
                "|",
                "&",
                ("state", "=", "sent"),
                ("expiry_date", "<", now),
                "&",
                ("state", "=", "scheduled"),
                ("scheduled_date", "<", now - timedelta(days=30)),
            ]
        )
        expired.write({"state": "expired"})
        due_domain = [("state", "=", "scheduled"), ("scheduled_date", "<=", now)]
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            due = self.search(due_domain, limit=batch_size, order="scheduled_date, id")
            if not due:
                break
            due._cs_send()
            remaining = self.search_count(due_domain)
            self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
            if in_cron:
                # one batch per run: Odoo runs the cron again at once while
                # work remains, each batch in its own transaction
                break
        return True

    def action_send_now(self):
        """Send a scheduled invitation now (e.g. an SMS link to read out)."""
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise UserError(self.env._("Only a supervisor sends invitations early."))
        # sudo: sending creates the response and its e-mail, which
        # supervisors may only read; the invitations are theirs to send
        self.sudo()._cs_send()
        return True

    def action_cancel(self):
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise UserError(self.env._("Only a supervisor cancels invitations."))
        # sudo: cancelling closes the response's link (a survey field)
        self.sudo()._cs_cancel(self.env._("cancelled by %s", self.env.user.name))
        return True

    # -- demo ----------------------------------------------------------------------
    @api.model
    def _cs_demo_answers(self, teams, agents, days=35):
        """Demo data only (demo/cs_survey_demo.xml): tickets closed over the
        last ``days`` days, surveyed through the rules and answered, so the
        dashboard and the reports show real figures."""
        now = fields.Datetime.now()
        surveys = [
            self.env.ref(f"cs_survey.survey_{m}") for m in ("csat", "nps", "ces")
        ]
        comments = [
            "师傅很专业，修得很快。",
            "等了两天才有人来。",
            "电话一直占线。",
            False,
            "服务态度很好，谢谢！",
            False,
        ]
        scores = {
            "csat": [5, 4, 4, 2, 5, 3, 4, 1, 5, 4],
            "nps": [10, 9, 7, 3, 8, 9, 10, 6, 9, 5],
            "ces": [6, 7, 5, 2, 6, 4, 7, 3, 6, 5],
        }
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"{surname}{given}",
                    "email": f"owner{n + 1:02d}@yezhu.example.cn",
                }
                for n, (surname, given) in enumerate(
                    (s, g)
                    for s in "赵钱孙李周吴郑王冯陈"
                    for g in ("先生", "女士", "阿姨")
                )
            ]
        )
        for n, partner in enumerate(partners):
            team = teams[n % len(teams)]
            closed = now - timedelta(days=days * (n + 1) / len(partners), hours=3)
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": f"报修 #{n + 1}",
                    "description": "<p>业主来电报修/咨询，已处理完毕。</p>",
                    "partner_id": partner.id,
                    "team_id": team.id,
                    "user_id": agents[n % len(agents)].id,
                    "cs_kind": "repair" if n % 2 else "inquiry",
                }
            )
            ticket.write({"stage_id": done.id})
            invitation = ticket.cs_survey_invitation_ids[:1]
            survey = surveys[n % 3]
            invitation.write(
                {
                    "survey_id": survey.id,
                    "scheduled_date": closed + timedelta(hours=24),
                }
            )
            invitation._cs_send()
            if n % 7 == 6:
                continue  # not answered (yet)
            answer = invitation.user_input_id
            score = scores[survey.cs_metric][n % 10]
            answer._save_lines(survey._cs_scored_question(), str(score))
            comment = comments[n % len(comments)]
            if comment:
                question = survey.question_ids.filtered(
                    lambda q: q.question_type == "text_box"
                )[:1]
                answer._save_lines(question, comment)
            answer._mark_done()
            answer.end_datetime = closed + timedelta(hours=30)
        return True
