# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import heapq
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.cs_callcenter.tools.windows import is_open, window_at

_logger = logging.getLogger(__name__)


def _fee_script(env):
    return Markup("<p>%s</p><ol><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ol>") % (
        env._(
            "Fee reminder (电话催缴): be courteous, never threaten, never "
            "mention cutting water, power, heat or gas (Civil Code Art. 944)."
        ),
        env._("Introduce yourself and the service centre of the estate."),
        env._("Read the amount overdue and the oldest month from the statement."),
        env._("Ask when the payer will pay: record a promise with its date."),
        env._(
            "If the payer disputes the bill, record a dispute: a billing-dispute "
            "ticket pauses the reminders until it is settled."
        ),
    )


class CsCallbackCampaign(models.Model):
    _inherit = "cs.callback.campaign"

    cs_estate_id = fields.Many2one(
        "cs.estate",
        string="Estate",
        index="btree_not_null",
        check_company=True,
        help="Fee reminders: the estate whose phone-level credit lines become "
        "this campaign's tasks.",
    )

    def _cs_fee_campaign(self, estate):
        """The running fee-reminder campaign of ``estate``, created when
        missing with the estate's Fee Officers as its agents."""
        # sudo: a fee officer's credit control run opens the estate's campaign;
        # campaigns are created by supervisors only.
        Campaign = self.sudo()
        campaign = Campaign.search(
            [
                ("purpose", "=", "fee_reminder"),
                ("cs_estate_id", "=", estate.id),
                ("state", "!=", "done"),
            ],
            order="id",
            limit=1,
        )
        if campaign:
            return campaign
        return Campaign._cs_workflow_create(
            [
                {
                    "name": self.env._("Fee Reminders %s", estate.name),
                    "purpose": "fee_reminder",
                    "cs_estate_id": estate.id,
                    "company_id": estate.company_id.id,
                    "agent_ids": [fields.Command.set(estate.cs_fee_officer_ids.ids)],
                    "user_id": estate.manager_id.id or False,
                    "script": _fee_script(self.env),
                    "partner_domain": "[('id', '=', 0)]",
                    "state": "running",
                }
            ]
        )

    def _cs_open_fee_tasks(self):
        """``{(commercial partner id, unit id): task id}`` of the open tasks
        of these campaigns, from their credit lines."""
        if not self:
            return {}
        self.env["credit.control.line"].flush_model(["cs_task_id", "cs_unit_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (p.commercial_partner_id, cl.cs_unit_id)
                       p.commercial_partner_id, cl.cs_unit_id, t.id
                  FROM cs_callback_task t
                  JOIN credit_control_line cl ON cl.cs_task_id = t.id
                  JOIN res_partner p ON p.id = cl.partner_id
                 WHERE t.campaign_id IN %s AND t.state = 'open'
                 ORDER BY p.commercial_partner_id, cl.cs_unit_id, t.id
                """,
                tuple(self.ids),
            )
        )
        return {(partner, unit): task for partner, unit, task in rows}

    def _cs_add_fee_tasks(self, groups):
        """One task per ``(partner, unit, lines)`` of ``groups``: the first
        line is its source, all of them are linked to it. Each task goes to
        the agent with the fewest open tasks; a campaign without agents gets
        unassigned tasks (listed for its Supervisor), never an error.
        Returns ``{line id: task id}``."""
        self.ensure_one()
        Task = self.env["cs.callback.task"].sudo()
        Task.flush_model(["campaign_id", "user_id", "state"])
        # sudo (as ``Task``): the loads count every agent's open tasks
        heap = self.sudo()._cs_agent_heap()
        windows = self._cs_windows()
        now = fields.Datetime.now()
        due = now + timedelta(days=self.due_days)
        planned = {}
        vals_list, task_lines = [], []
        for partner, unit, lines in groups:
            if partner.cs_do_not_call:
                _logger.info(
                    "Fee reminder call skipped: %s asked not to be called", partner.id
                )
                continue
            phone = (partner.mobile_e164 and partner.mobile) or (
                partner.phone_e164 and partner.phone
            )
            if not phone:
                _logger.info(
                    "Fee reminder call skipped: no number to dial for partner %s "
                    "(unit %s); its credit lines stay to be handled",
                    partner.id,
                    unit.code,
                )
                continue
            uid = False
            if heap:
                load, uid = heapq.heappop(heap)
                heapq.heappush(heap, (load + 1, uid))
            tz = partner.tz or self.tz
            if tz not in planned:
                planned[tz] = window_at(now, tz, windows)
            call_from, call_until = planned[tz]
            source = lines[0]
            task_lines.append(lines)
            vals_list.append(
                {
                    "campaign_id": self.id,
                    "company_id": self.company_id.id,
                    "state": "open",
                    "satisfaction_value": 0,
                    "called_in_time": False,
                    "reached_in_time": False,
                    "partner_id": partner.id,
                    "phone": phone,
                    "tz": tz,
                    "target_key": Task._cs_target_key(partner, source),
                    "user_id": uid,
                    "due_date": due,
                    "call_from": call_from,
                    "call_until": call_until,
                    "is_callable": is_open(call_from, call_until, now),
                    "cs_unit_id": unit.id,
                    "source_ref": f"{source._name},{source.id}",
                }
            )
        links = {}
        tasks = Task._cs_insert(vals_list)
        for task, lines in zip(tasks.ids, task_lines, strict=True):
            links.update(dict.fromkeys(lines.ids, task))
        return links

    def _cs_set_sources(self, sources):
        """``[(task id, "model,id")]``: the tasks' source written in one
        statement (the ORM validates a reference against the list of models,
        one ir.model search per value: 10 s for 5,000 tasks)."""
        if not sources:
            return
        Task = self.env["cs.callback.task"]
        Task.flush_model(["source_ref"])
        values = SQL(", ").join(SQL("(%s, %s)", task, ref) for task, ref in sources)
        self.env.cr.execute(
            SQL(
                "UPDATE cs_callback_task t SET source_ref = v.ref "
                "FROM (VALUES %s) AS v(id, ref) WHERE t.id = v.id",
                values,
            )
        )
        Task.invalidate_model(["source_ref"])
