# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta
from xmlrpc.client import Fault

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCollectionPhoneTour(HttpCase):
    def _phone_level(self):
        """An estate billed in January 2026, its payer at the phone level, the
        call given to an agent."""
        env = self.env
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", env.company, install_demo=False
            )
        agent = new_test_user(
            env,
            login="cs_tour_fee_agent",
            groups="cs_callcenter.group_agent",
            tz="Asia/Shanghai",
        )
        estate = env["cs.estate"].create({"name": "Tour Garden", "code": "TOURC"})
        estate.cs_fee_officer_ids = agent
        building = env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        unit = env["cs.unit"].create(
            {"building_id": building.id, "code": "TC-1", "area": 100}
        )
        payer = env["res.partner"].create(
            {"name": "Tour Payer", "mobile": "+86 138 0000 1111"}
        )
        env["cs.unit.occupancy"].create(
            {
                "unit_id": unit.id,
                "partner_id": payer.id,
                "is_payer": True,
                "date_from": date(2020, 1, 1),
            }
        )
        env["cs.fee.item"].create(
            {"name": "物业服务费", "rate": 2.5, "estate_id": estate.id}
        )
        env["cs.billing.run"].create(
            {"period_start": date(2026, 1, 1), "estate_ids": [Command.set(estate.ids)]}
        ).action_run()
        policy = env.ref("cs_property.cs_collection_policy")
        Line = env["credit.control.line"]
        start = fields.Date.today() - timedelta(days=70)
        for offset in (0, 20, 35):
            day = start + timedelta(days=offset)
            env["credit.control.run"].create(
                {"date": day, "policy_ids": [Command.set(policy.ids)]}
            ).generate_credit_lines()
            if offset < 35:
                Line.search(
                    [("state", "=", "draft"), ("cs_unit_id", "=", unit.id)]
                ).write({"state": "sent", "date_sent": day})
        return agent, unit, payer

    def test_agent_works_a_phone_level_task(self):
        env = self.env
        Line = env["credit.control.line"]
        agent, unit, payer = self._phone_level()
        task = env["cs.callback.task"].search([("cs_unit_id", "=", unit.id)])
        self.assertEqual(task.user_id, agent)
        # whatever time the tour runs, the payer may be called now
        task.sudo().write(
            {
                "call_from": fields.Datetime.now() - timedelta(hours=1),
                "call_until": fields.Datetime.now() + timedelta(hours=2),
                "is_callable": True,
            }
        )
        # the agent called the payer from the task (click-to-call through
        # the PBX, not part of this tour): an outcome needs that attempt
        env["cs.call"].create(
            {
                "direction": "outbound",
                "state": "done",
                "disposition": "answered",
                "number": payer.mobile or payer.phone or "1",
                "user_id": agent.id,
                "res_reference": f"cs.callback.task,{task.id}",
            }
        )
        self.start_tour(
            "/odoo/action-cs_property.cs_callback_task_action_fee",
            "cs_collection_phone",
            login=agent.login,
        )
        self.assertEqual(task.state, "done")
        self.assertEqual(task.outcome, "promise")
        line = Line.search([("cs_task_id", "=", task.id), ("state", "!=", "ignored")])
        self.assertEqual(line.cs_call_outcome, "promise")
        self.assertEqual(line.cs_promise_date, date(2099, 12, 31))
        self.assertEqual(line.cs_notice_ids.channel, "phone")

    def test_record_rules_over_xmlrpc(self):
        """The rules as each role meets them from outside: a Fee Officer reads
        every credit line, an agent those of their calls, a portal owner none."""
        env = self.env
        agent, unit, payer = self._phone_level()
        officer = new_test_user(
            env, login="cs_rpc_fee_officer", groups="cs_callcenter.group_fee_officer"
        )
        new_test_user(
            env,
            login="cs_rpc_other_agent",
            groups="cs_callcenter.group_agent",
        )
        portal = new_test_user(
            env, login="cs_rpc_portal", groups="base.group_portal", partner_id=payer.id
        )
        lines = env["credit.control.line"].search([("cs_unit_id", "=", unit.id)])
        db = env.cr.dbname

        def search(login, model="credit.control.line"):
            field = "unit_id" if model == "cs.collection.notice" else "cs_unit_id"
            uid = self.xmlrpc_common.authenticate(db, login, login, {})
            return self.xmlrpc_object.execute_kw(
                db, uid, login, model, "search", [[(field, "=", unit.id)]]
            )

        self.assertEqual(sorted(search(officer.login)), sorted(lines.ids))
        mine = env["credit.control.line"].search(
            [("cs_task_id.user_id", "=", agent.id)]
        )
        self.assertTrue(mine)
        self.assertEqual(sorted(search(agent.login)), sorted(mine.ids))
        self.assertEqual(search("cs_rpc_other_agent"), [])
        self.assertTrue(search(officer.login, "cs.collection.notice"))
        for model in ("credit.control.line", "cs.collection.notice"):
            with self.assertRaises(Fault):
                search(portal.login, model)
