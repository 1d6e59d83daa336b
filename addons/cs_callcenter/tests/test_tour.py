# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .ami_simulator import AmiSimulator


@tagged("post_install", "-at_install")
class TestAgentTour(HttpCase):
    def test_agent_opens_customer_service_app(self):
        new_test_user(
            self.env,
            login="cs_tour_agent",
            name="Tour Agent",
            groups="cs_callcenter.group_agent",
        )
        self.start_tour("/odoo", "cs_callcenter_agent_opens_app", login="cs_tour_agent")

    def test_agent_clicks_the_call_button_on_a_contact(self):
        sim = AmiSimulator()
        self.addCleanup(sim.stop)
        self.env.company.country_id = self.env.ref("base.cn")
        server = self.env["cs.pbx.server"].create(
            {
                "name": "Simulated Asterisk",
                "host": "127.0.0.1",
                "port": sim.port,
                "username": "odoo",
                "secret": "s3cret",
            }
        )
        agent = new_test_user(
            self.env,
            login="cs_tour_caller",
            name="Tour Caller",
            # only a supervisor may call a contact who asked not to be called
            groups="cs_callcenter.group_supervisor",
        )
        agent.write({"cs_extension": "8001", "cs_pbx_server_id": server.id})
        partner = self.env["res.partner"].create(
            {"name": "Tour Customer", "phone": "021 6123 4567", "cs_do_not_call": True}
        )
        self.start_tour(
            f"/odoo/res.partner/{partner.id}",
            "cs_callcenter_click_to_call",
            login="cs_tour_caller",
        )
        (originate,) = sim.actions("originate")
        self.assertEqual(originate["Channel"], "PJSIP/8001")
        self.assertEqual(originate["Exten"], "02161234567")
        call = self.env["cs.call"].search([("partner_id", "=", partner.id)])
        self.assertRecordValues(
            call,
            [{"direction": "outbound", "state": "dialing", "user_id": agent.id}],
        )
        self.assertEqual(originate["Variable"], f"CS_CALL_ID={call.id}")

    def test_caller_card(self):
        self.env.company.country_id = self.env.ref("base.cn")
        agent = new_test_user(
            self.env,
            login="cs_tour_card",
            name="Card Agent",
            groups="cs_callcenter.group_agent",
        )
        customer = self.env["res.partner"].create(
            {"name": "Card Customer", "mobile": "+86 138 1234 5678"}
        )
        self.env["cs.call"].create(
            [
                {
                    "number": "13812345678",
                    "partner_id": customer.id,
                    "user_id": agent.id,
                    "direction": "inbound",
                },
                {"number": "13900000000", "user_id": agent.id, "direction": "inbound"},
            ]
        )
        self.start_tour("/odoo", "cs_callcenter_caller_card", login="cs_tour_card")


@tagged("post_install", "-at_install")
class TestCallbackTour(HttpCase):
    def test_agent_completes_a_callback(self):
        agent = new_test_user(
            self.env,
            login="cs_tour_callback",
            name="Callback Agent",
            groups="cs_callcenter.group_agent",
        )
        owner = self.env["res.partner"].create(
            {"name": "Tour Owner", "mobile": "+86 139 0000 7000"}
        )
        campaign = self.env["cs.callback.campaign"].create(
            {
                "name": "Tour campaign",
                "partner_domain": f"[('id', '=', {owner.id})]",
                "agent_ids": [(6, 0, agent.ids)],
            }
        )
        campaign.action_start()
        self.start_tour(
            "/odoo/action-cs_callcenter.cs_callback_task_server_action_my",
            "cs_callcenter_callback",
            login=agent.login,
        )
        task = campaign.task_ids
        self.assertEqual((task.state, task.outcome), ("done", "satisfied"))
        self.assertEqual(task.satisfaction, "4")
        self.assertEqual(task.suggestion, "Light the stairs at night")
        self.assertEqual(task.attempt_count, 1)
        self.assertEqual(task.other_contact, "wechat")
        self.assertTrue(task.contacted)


@tagged("post_install", "-at_install")
class TestQualityTour(HttpCase):
    def test_agent_acknowledges_a_review(self):
        agent = new_test_user(
            self.env,
            login="cs_tour_qa_agent",
            name="Tour Agent QA",
            groups="cs_callcenter.group_agent",
        )
        call = self.env["cs.call"].create(
            {"direction": "inbound", "number": "13800000001", "user_id": agent.id}
        )
        review = self.env["cs.qa.review"].create(
            {
                "call_id": call.id,
                "scorecard_id": self.env.ref("cs_callcenter.cs_qa_scorecard_call").id,
            }
        )
        for line in review.line_ids:
            line.result = "fail" if line.fatal else "pass"
        review.action_done()
        self.start_tour(
            "/odoo/action-cs_callcenter.cs_qa_review_action",
            "cs_callcenter_qa_acknowledge",
            login=agent.login,
        )
        self.assertEqual(review.state, "acknowledged")
        self.assertEqual(review.agent_comment, "I will rephrase that.")
        self.assertTrue(review.failed)


@tagged("post_install", "-at_install")
class TestCampaignTour(HttpCase):
    def _campaign(self):
        owner = self.env["res.partner"].create(
            {"name": "Tour Lift Owner", "mobile": "+86 139 0000 7100"}
        )
        agent = new_test_user(
            self.env,
            login="cs_tour_campaign_agent",
            name="Campaign Agent",
            groups="cs_callcenter.group_agent",
        )
        campaign = self.env["cs.callback.campaign"].create(
            {
                "name": "Tour Lift Repairs",
                "partner_domain": f"[('id', '=', {owner.id})]",
                "agent_ids": [(6, 0, agent.ids)],
            }
        )
        campaign.action_generate()
        return campaign

    def test_supervisor_opens_campaigns_and_prints_both_registers(self):
        self._campaign()
        new_test_user(
            self.env,
            login="cs_tour_campaign_sup",
            name="Campaign Supervisor",
            groups="cs_callcenter.group_supervisor",
            email=False,
        )
        self.start_tour(
            "/odoo", "cs_callcenter_campaign_reports", login="cs_tour_campaign_sup"
        )

    def test_administrator_exports_excel_without_the_layout_dialog(self):
        """The first Excel export of a fresh session of an administrator whose
        company has no document layout yet (which is what Odoo offers to set
        up before the first PDF)."""
        self._campaign()
        self.env.company.external_report_layout_id = False
        self.start_tour("/odoo", "cs_callcenter_first_xlsx_export", login="admin")
