# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import datetime, timedelta

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestComplaintRegister(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        department = cls.env["hr.department"].create({"name": "Engineering"})
        customer = cls.env["res.partner"].create(
            {"name": "Zhou Qing", "phone": "021 6123 4567"}
        )
        Ticket = cls.env["helpdesk.ticket"]
        cls.founded = Ticket.create(
            {
                "name": "Lift noise",
                "description": "<p>Every <b>night</b></p>",
                "cs_kind": "complaint",
                "partner_id": customer.id,
                "cs_department_id": department.id,
                "channel_id": cls.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
            }
        )
        cls.founded.action_cs_founded()
        cls.founded.write(
            {
                "cs_responsible_id": cls.agent.id,
                "cs_cause": "facilities",
                "cs_root_cause": "Pulley",
            }
        )
        cls.founded.action_cs_investigated()
        remedy = cls.env["cs.ticket.remedy"].create(
            {"ticket_id": cls.founded.id, "name": "Replace the pulley"}
        )
        remedy.with_user(cls.supervisor).action_approve()
        cls.founded.write(
            {
                "cs_actions_taken": "Done",
                "cs_compensation": 150.0,
                "cs_confirmation": "phone",
            }
        )
        cls.founded.action_cs_implemented()
        cls.founded.action_cs_confirmed()
        # closed a day and a half after registration
        cls.founded.closed_date = cls.founded.cs_sla_start + timedelta(hours=26.5)
        cls.unfounded = Ticket.create(
            {
                "name": "Street noise",
                "description": "<p>x</p>",
                "cs_kind": "complaint",
                "cs_unfounded_reason": "City works",
                "cs_customer_reply": "Explained",
            }
        )
        cls.unfounded.action_cs_unfounded()
        cls.tickets = cls.founded | cls.unfounded

    def _sheet(self, tickets, lang=None):
        report = (
            self.env["ir.actions.report"].with_context(lang=lang)
            if lang
            else (self.env["ir.actions.report"])
        )
        content, kind = report._render_xlsx(
            "cs_helpdesk.complaint_register_xlsx", tickets.ids, None
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).active

    def test_register_cell_by_cell(self):
        sheet = self._sheet(self.tickets)
        self.assertEqual(sheet.title, "Complaint Register")
        self.assertEqual(sheet["A1"].value, "Customer Complaint Register")
        headers = [c.value for c in sheet[4]]
        self.assertEqual(headers[:3], ["Number", "Registered on", "Customer"])
        self.assertEqual(len(headers), 15)
        self.assertEqual(sheet.freeze_panes, "A5")
        self.assertEqual(sheet.auto_filter.ref, "A4:O6")
        first = [c.value for c in sheet[5]]
        self.assertEqual(first[0], self.founded.number)
        self.assertIsInstance(first[1], datetime)  # a real date, not text
        self.assertEqual(first[2], "Zhou Qing")
        self.assertEqual(first[3], "021 6123 4567")
        self.assertEqual(first[4], "Phone")
        self.assertEqual(first[5], "Lift noise\nEvery *night*")
        # the customer's request is the description (one text on the form)
        self.assertEqual(first[6], "Every *night*")
        self.assertEqual(first[7], "Founded")
        self.assertEqual(first[8], "Engineering")
        self.assertEqual(first[9], "Facilities / Repair")
        self.assertEqual(first[10], "Replace the pulley")
        self.assertEqual(first[11], 150.0)
        self.assertEqual(first[12], "Closed")
        self.assertIsInstance(first[13], datetime)
        self.assertEqual(first[14], 26.5)
        second = [c.value for c in sheet[6]]
        self.assertEqual(second[0], self.unfounded.number)
        self.assertEqual(second[7], "Unfounded")
        self.assertIsNone(second[10])  # no remedy
        # closed as unfounded right away: resolved in (almost) no time
        self.assertIsInstance(second[13], datetime)
        self.assertAlmostEqual(second[14], 0, places=1)
        total = [c.value for c in sheet[7]]
        self.assertEqual((total[0], total[11]), ("Total: 2", 150))
        self.assertAlmostEqual(total[14], (26.5 + second[14]) / 2, places=2)
        self.assertIsNone(sheet["A8"].value)

    def test_times_in_the_readers_timezone(self):
        content, _kind = (
            self.env["ir.actions.report"]
            .with_context(tz="Asia/Shanghai")
            ._render_xlsx("cs_helpdesk.complaint_register_xlsx", self.founded.ids, None)
        )
        sheet = load_workbook(io.BytesIO(content)).active
        registered = self.founded.create_date.replace(microsecond=0)
        self.assertEqual(
            sheet["B5"].value.replace(microsecond=0), registered + timedelta(hours=8)
        )

    def test_chinese_headers_for_chinese_users(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cs_helpdesk"], ["zh_CN"])
        sheet = self._sheet(self.founded, lang="zh_CN")
        self.assertEqual(sheet["A1"].value, "顾客投诉登记表")
        self.assertEqual(sheet["I4"].value, "责任部门")
        self.assertEqual(sheet["H5"].value, "成立")

    def test_period_wizard(self):
        wizard = (
            self.env["cs.complaint.register"]
            .with_user(self.supervisor)
            .create({"date_from": "2000-01-01", "date_to": "2000-01-31"})
        )
        with self.assertRaisesRegex(UserError, "No ticket"):
            wizard.action_export()
        wizard.write(
            {
                "date_from": self.founded.create_date.date(),
                "date_to": self.founded.create_date.date(),
            }
        )
        action = wizard.action_export()
        self.assertEqual(action["report_name"], "cs_helpdesk.complaint_register_xlsx")
        self.assertEqual(set(action["context"]["active_ids"]), set(self.tickets.ids))
        wizard.date_to = "1999-01-01"
        with self.assertRaisesRegex(UserError, "ends before"):
            wizard.action_export()
