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


@tagged("post_install", "-at_install")
class TestOwnerPortal(HttpCase):
    def test_owner_sees_only_units_they_pay_for(self):
        env = self.env
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", env.company, install_demo=False
            )
        estate = env["cs.estate"].create({"name": "Portal Garden", "code": "PORT"})
        building = env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        mine, other = env["cs.unit"].create(
            [
                {"building_id": building.id, "code": "PORT-1", "area": 100},
                {"building_id": building.id, "code": "PORT-2", "area": 50},
            ]
        )
        owner, neighbour = env["res.partner"].create(
            [{"name": "Portal Owner"}, {"name": "Neighbour"}]
        )
        env["cs.unit.occupancy"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "is_payer": True,
                    "date_from": date(2020, 1, 1),
                }
                for unit, partner in ((mine, owner), (other, neighbour))
            ]
        )
        env["cs.fee.item"].create(
            {"name": "物业服务费", "rate": 2.5, "estate_id": estate.id}
        )
        env["cs.billing.run"].create(
            {"period_start": date(2026, 1, 1), "estate_ids": [Command.set(estate.ids)]}
        ).action_run()
        new_test_user(
            env,
            login="portal_owner",
            password="portal_owner",
            groups="base.group_portal",
            partner_id=owner.id,
        )
        notices = env["account.move"].search([("cs_estate_id", "=", estate.id)])
        my_notice = notices.filtered(lambda m: m.cs_unit_id == mine)
        other_notice = notices - my_notice
        self.authenticate("portal_owner", "portal_owner")
        page = self.url_open("/my/units")
        self.assertEqual(page.status_code, 200)
        self.assertIn("PORT-1", page.text)
        self.assertIn("250.00", page.text)
        self.assertNotIn("PORT-2", page.text)
        notice = self.url_open(f"/my/units/{mine.id}/notice/{my_notice.id}")
        self.assertEqual(notice.status_code, 200)
        self.assertIn("PORT-1", notice.text)
        for url in (
            f"/my/units/{other.id}/notice/{other_notice.id}",
            f"/my/units/{mine.id}/notice/{other_notice.id}",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)


@tagged("post_install", "-at_install")
class TestUnitGridTour(HttpCase):
    def test_agent_opens_the_unit_grid(self):
        env = self.env
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", env.company, install_demo=False
            )
        agent = new_test_user(
            env, login="cs_tour_grid_agent", groups="cs_callcenter.group_agent"
        )
        estate = env["cs.estate"].create({"name": "Grid Garden", "code": "GRID"})
        building = env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        late, _vacant = env["cs.unit"].create(
            [
                {"building_id": building.id, "code": "G-1", "area": 80, "floor": 1},
                {
                    "building_id": building.id,
                    "code": "G-2",
                    "area": 60,
                    "floor": 1,
                    "status": "vacant",
                },
            ]
        )
        owner = env["res.partner"].create({"name": "Grid Owner"})
        env["cs.unit.occupancy"].create(
            {
                "unit_id": late.id,
                "partner_id": owner.id,
                "is_payer": True,
                "date_from": date(2020, 1, 1),
            }
        )
        env["cs.fee.item"].create(
            {"name": "物业服务费", "rate": 2.5, "estate_id": estate.id}
        )
        # billed in January 2020: overdue whatever today is
        env["cs.billing.run"].create(
            {"period_start": date(2020, 1, 1), "estate_ids": [Command.set(estate.ids)]}
        ).action_run()
        self.start_tour(
            "/odoo/action-cs_property.cs_building_action",
            "cs_property_unit_grid",
            login=agent.login,
        )
