# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBillingTour(HttpCase):
    def test_fee_officer_runs_a_period_and_prints_notices(self):
        env = self.env
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", env.company, install_demo=False
            )
        officer = new_test_user(
            env,
            login="cs_tour_fee_officer",
            groups="cs_callcenter.group_fee_officer",
        )
        estate = env["cs.estate"].create({"name": "Tour Garden", "code": "TOUR"})
        building = env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        units = env["cs.unit"].create(
            [
                {"building_id": building.id, "code": f"T-{n}", "area": 80 + n}
                for n in range(3)
            ]
        )
        owner = env["res.partner"].create({"name": "Tour Owner"})
        env["cs.unit.occupancy"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "is_payer": True,
                    "date_from": date(2020, 1, 1),
                }
                for unit in units
            ]
        )
        env["cs.fee.item"].create(
            {"name": "物业服务费", "rate": 2.5, "estate_id": estate.id}
        )
        run = env["cs.billing.run"].create(
            {
                "period_start": date(2026, 1, 1),
                "estate_ids": [Command.set(estate.ids)],
            }
        )
        self.start_tour(
            "/odoo/action-cs_property.cs_billing_run_action",
            "cs_property_billing",
            login=officer.login,
        )
        self.assertEqual(run.state, "done")
        invoices = env["account.move"].search([("cs_billing_run_id", "=", run.id)])
        self.assertEqual(len(invoices), 3)
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
