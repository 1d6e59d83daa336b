# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "晓燕",
]


class CsEstate(models.Model):
    _inherit = "cs.estate"

    @api.model
    def _cs_demo_generate(self):
        """The demo estate: 3 buildings, 120 units (100 flats, 20 parking
        spaces), owners and tenants with Chinese names and mobiles, 物业服务费
        per m², 车位管理费 fixed, 水费 by meter (building 1), the three months
        before this one billed and partly paid. Deterministic (seeded)."""
        company = self._cs_demo_company()
        if self.env["res.lang"]._lang_get("zh_CN"):
            self.env.ref("cs_property.res_users_fee_officer_demo").lang = "zh_CN"
        return self.with_company(company)._cs_demo_estate()

    @api.model
    def _cs_demo_estate(self):
        # demo figures only: a seeded generator, not for secrets
        rng = random.Random(20260101)  # noqa: S311
        ctx = {"tracking_disable": True, "mail_create_nolog": True}
        estate = self.with_context(**ctx).create(
            {
                "name": "浦江花园",
                "code": "PJHY",
                "address": "上海市浦东新区浦江路 88 号",
                "service_phone": "021-6123 4567",
                "payment_instructions": "物业服务中心收银台（8:30-17:30）；"
                "工商银行 浦江支行 账号 1001 2345 6789 0123 456；微信/支付宝扫码缴费。",
                "manager_id": self.env.ref("base.user_admin").id,
            }
        )
        buildings = self.env["cs.building"].create(
            [
                {"estate_id": estate.id, "name": name, "floors": floors}
                for name, floors in (("1栋", 10), ("2栋", 10), ("3栋", 6))
            ]
        )
        units_vals = []
        for building, prefix, floors in zip(
            buildings, ("1", "2", "3"), (10, 10, 5), strict=True
        ):
            for floor in range(1, floors + 1):
                for number in range(1, 5):
                    units_vals.append(
                        {
                            "building_id": building.id,
                            "code": f"{prefix}-{floor:02d}{number:02d}",
                            "floor": floor,
                            "area": round(rng.uniform(68, 145), 2),
                            "inner_area": 0,
                            "handover_date": date(2019, 6, 30),
                        }
                    )
        for number in range(1, 21):
            units_vals.append(
                {
                    "building_id": buildings[2].id,
                    "code": f"P-B1-{number:03d}",
                    "floor": -1,
                    "area": 12.5,
                    "unit_type": "parking",
                }
            )
        for vals in units_vals:
            vals["inner_area"] = round(vals["area"] * 0.8, 2)
        units = self.env["cs.unit"].with_context(**ctx).create(units_vals)
        flats = units.filtered(lambda unit: unit.unit_type == "residential")
        owners = self._cs_demo_people(rng, flats, units - flats)
        items = self._cs_demo_fee_items(estate)
        months = self._cs_demo_meters(rng, items[2], flats, buildings[0])
        self._cs_demo_billing(rng, estate, owners, months)
        return estate

    @api.model
    def _cs_demo_company(self):
        """The property company of the demo, in China and in CNY.

        The run command (tools/cs_run.py) sets the main company in China in
        CNY with Odoo's Chinese chart before the suite is installed: the
        estate belongs to it. Elsewhere (a database created otherwise, e.g.
        the upstream tests with demo data), installing ``account`` has given
        the main company the generic chart in USD, which cannot change once
        entries exist: the estate then belongs to a company of its own
        (switch to it in the company menu)."""
        china = self.env.ref("base.cn")
        cny = self.env.ref("base.CNY")
        main = self.env.ref("base.main_company")
        users = self.env.ref("base.user_admin") | self.env.ref(
            "cs_property.res_users_fee_officer_demo"
        )
        for xmlid in (
            "res_users_agent_demo",
            "res_users_agent2_demo",
            "res_users_supervisor_demo",
            "res_users_manager_demo",
        ):
            user = self.env.ref(f"cs_callcenter.{xmlid}", raise_if_not_found=False)
            users |= user or users.browse()
        if main.currency_id == cny and main.chart_template:
            return main
        cny.active = True
        company = self.env["res.company"].create(
            {
                "name": "上海浦江物业服务有限公司",
                "country_id": china.id,
                "currency_id": cny.id,
                "city": "上海",
                "phone": "021-6123 4567",
            }
        )
        # Odoo's Chinese chart when l10n_cn is installed, the generic one else
        l10n_cn = self.env["ir.module.module"].search_count(
            [("name", "=", "l10n_cn"), ("state", "=", "installed")]
        )
        self.env["account.chart.template"].try_loading(
            "cn" if l10n_cn else "generic_coa", company, install_demo=False
        )
        # the generic chart sets its own currency; no entry exists yet
        company.currency_id = cny
        users.write({"company_ids": [Command.link(company.id)]})
        self.env.ref("cs_property.res_users_fee_officer_demo").company_id = company
        return company

    @api.model
    def _cs_demo_people(self, rng, flats, parking):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                    "mobile": f"+86 13{rng.randint(0, 9)}"
                    f" {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                    "country_id": self.env.ref("base.cn").id,
                    "city": "上海",
                }
                for _unit in range(len(flats) + 10)
            ]
        )
        owners, tenants = partners[: len(flats)], partners[len(flats) :]
        occupancies = []
        for index, (unit, owner) in enumerate(zip(flats, owners, strict=True)):
            rented = index % 10 == 3
            occupancies.append(
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "role": "owner",
                    "is_payer": not rented,
                    "date_from": date(2019, 7, 1),
                }
            )
            if rented:
                occupancies.append(
                    {
                        "unit_id": unit.id,
                        "partner_id": tenants[index // 10].id,
                        "role": "tenant",
                        "is_payer": True,
                        "date_from": date(2024, 3, 1),
                    }
                )
        for unit, owner in zip(parking, owners[::5], strict=False):
            occupancies.append(
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "role": "owner",
                    "is_payer": True,
                    "date_from": date(2019, 7, 1),
                }
            )
        self.env["cs.unit.occupancy"].create(occupancies)
        for index, unit in enumerate(flats):
            if index % 10 == 3:
                unit.status = "rented"
            elif index % 17 == 5:
                unit.status = "delivered_unoccupied"
            elif index == 42:
                unit.status = "renovating"
        return owners

    @api.model
    def _cs_demo_fee_items(self, estate):
        residential = self.env.ref("cs_property.cs_unit_type_residential")
        items = self.env["cs.fee.item"].create(
            [
                {
                    "name": "物业服务费",
                    "method": "area",
                    "rate": 2.8,
                    "uom_label": "m²",
                    "unit_type_ids": [Command.set(residential.ids)],
                    "vacant_policy": "discount",
                    "vacant_discount": 30,
                },
                {
                    "name": "车位管理费",
                    "method": "fixed",
                    "rate": 150,
                    "uom_label": "个",
                    "unit_type_ids": [
                        Command.set(
                            self.env.ref("cs_property.cs_unit_type_parking").ids
                        )
                    ],
                },
                {
                    "name": "水费",
                    "method": "metered",
                    "rate": 3.45,
                    "uom_label": "m³",
                    "estate_id": estate.id,
                },
            ]
        )
        return items

    @api.model
    def _cs_demo_meters(self, rng, water, flats, building):
        this_month = fields.Date.context_today(self).replace(day=1)
        months = [this_month - relativedelta(months=n) for n in (3, 2, 1)]
        meters = self.env["cs.meter"].create(
            [
                {
                    "name": f"W-{unit.code}",
                    "unit_id": unit.id,
                    "fee_item_id": water.id,
                    "rollover_at": 100000,
                    "initial_value": rng.randint(100, 900),
                    "date_installed": date(2019, 6, 30),
                }
                for unit in flats.filtered(lambda u: u.building_id == building)
            ]
        )
        readings = []
        values = {meter: meter.initial_value for meter in meters}
        for month in months:
            day = month + relativedelta(days=24)
            for meter in meters:
                values[meter] += rng.randint(4, 18)
                readings.append(
                    {"meter_id": meter.id, "date": day, "value": values[meter]}
                )
        self.env["cs.meter.reading"].create(readings)
        return months

    @api.model
    def _cs_demo_billing(self, rng, estate, owners, months):
        # a few owners paid in advance (预存)
        for owner in owners[10:14]:
            self._cs_demo_payment(owner, 1000.0, months[0] - relativedelta(days=5))
        Run = self.env["cs.billing.run"]
        for month in months:
            Run.create(
                {"period_start": month, "estate_ids": [Command.set(estate.ids)]}
            ).action_run()
        # most of the oldest month paid, fewer of the next ones
        for month, share in zip(months, (0.85, 0.6, 0.3), strict=True):
            invoices = self.env["account.move"].search(
                [
                    ("cs_estate_id", "=", estate.id),
                    ("cs_period_start", "=", month),
                    ("payment_state", "=", "not_paid"),
                ],
                order="id",
            )
            paid = invoices.browse([m.id for m in invoices if rng.random() < share])
            if paid:
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=paid.ids
                ).create(
                    {
                        "group_payment": False,
                        "payment_date": month + relativedelta(days=20),
                    }
                )._create_payments()

    @api.model
    def _cs_demo_payment(self, partner, amount, day):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "date": day,
            }
        )
        payment.action_post()
        return payment
