# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Chinese demo of the suite (demo data only, called from demo/*.xml).

Everything is dated relative to today, so that the dashboards, pivots and
Excel reports of a demo database show figures of the last weeks whenever it
is created. Deterministic: a seeded generator, no randomness between runs."""

import random
from datetime import date, datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models

SHANGHAI = "Asia/Shanghai"
# 国务院办公厅 2026 年部分节假日安排: (name, first day off, last day off)
HOLIDAYS_2026 = [
    ("元旦", date(2026, 1, 1), date(2026, 1, 3)),
    ("春节", date(2026, 2, 15), date(2026, 2, 23)),
    ("清明节", date(2026, 4, 4), date(2026, 4, 6)),
    ("劳动节", date(2026, 5, 1), date(2026, 5, 5)),
    ("端午节", date(2026, 6, 19), date(2026, 6, 21)),
    ("中秋节", date(2026, 9, 25), date(2026, 9, 27)),
    ("国庆节", date(2026, 10, 1), date(2026, 10, 7)),
]
# 调休: the weekend days worked in exchange for the bridges above
WORKING_WEEKENDS_2026 = [
    date(2026, 1, 4),
    date(2026, 2, 14),
    date(2026, 2, 28),
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
]
# the desk's day: 08:30-12:00 and 13:00-17:30 (8 hours)
DAY_PERIODS = [("morning", 8.5, 12.0), ("afternoon", 13.0, 17.5)]

CUSTOMERS = [
    ("张伟", "+86 138 1234 5678"),
    ("王秀英", "+86 139 2233 4455"),
    ("李强", "+86 137 0101 2323"),
    ("刘芳", "+86 136 8888 1212"),
    ("陈杰", "+86 135 6666 7878"),
    ("杨丽", "+86 158 2020 3030"),
    ("黄建华", "+86 159 1717 2828"),
    ("赵敏", "+86 186 5151 6262"),
    ("吴涛", "+86 187 3434 4545"),
    ("周晓燕", "+86 188 9090 1010"),
    ("徐磊", "+86 150 7070 8080"),
    ("孙桂英", "+86 151 1313 2424"),
    ("马超", "+86 152 4646 5757"),
    ("朱娟", "+86 153 9797 8686"),
    ("胡明", "+86 155 3131 4242"),
    ("郭霞", "+86 156 5353 6464"),
    ("何勇", "+86 157 7575 8686"),
    ("高艳", "+86 177 2929 3838"),
    ("林平", "+86 178 4747 5656"),
    ("罗刚", "+86 180 6565 7474"),
]
CALL_NOTES = [
    "咨询物业费缴费方式，已告知微信缴费流程。",
    "反映楼道灯不亮，已转工程部。",
    "询问装修申请所需材料。",
    "投诉夜间噪音，已登记。",
    "车位月卡续费咨询。",
    "快递代收问题，已解释规定。",
]


def local_moment(day, hour):
    """The naive UTC moment of ``hour`` (decimal) on ``day`` in Shanghai."""
    local = datetime.combine(day, time()) + timedelta(hours=hour)
    return (
        pytz.timezone(SHANGHAI)
        .localize(local)
        .astimezone(pytz.utc)
        .replace(tzinfo=None)
    )


class CsDemo(models.AbstractModel):
    """Builders of the Chinese demo; each module adds its part."""

    _name = "cs.demo"
    _description = "Customer Service Demo Data"

    # -- company, calendar, users -------------------------------------------------
    @api.model
    def _cs_demo_callcenter(self):
        """Calendar and users of the desk, customers, a month of calls, QA
        reviews and a callback campaign half done (cs_callcenter's demo)."""
        self._cs_demo_calendar(self.env.ref("base.main_company"))
        self._cs_demo_users()
        customers = self._cs_demo_customers()
        agents = self._cs_demo_agents()
        calls = self._cs_demo_calls(customers, agents)
        self._cs_demo_qa(calls)
        self._cs_demo_callbacks(customers, agents)
        return True

    @api.model
    def _cs_demo_calendar(self, company):
        """The desk's working hours with the 2026 public holidays (leaves of
        the calendar) and the 调休 weekend days worked (attendances valid on
        that day only), set as the company's calendar: the SLA counts in it."""
        attendances = [
            Command.create(
                {
                    "name": f"{weekday_name} {label}",
                    "dayofweek": str(weekday),
                    "day_period": period,
                    "hour_from": start,
                    "hour_to": end,
                }
            )
            for weekday, weekday_name in enumerate(
                ["周一", "周二", "周三", "周四", "周五"]
            )
            for (period, start, end), label in zip(
                DAY_PERIODS, ["上午", "下午"], strict=True
            )
        ]
        attendances += [
            Command.create(
                {
                    "name": f"调休上班 {day.isoformat()} {label}",
                    "dayofweek": str(day.weekday()),
                    "day_period": period,
                    "hour_from": start,
                    "hour_to": end,
                    "date_from": day,
                    "date_to": day,
                }
            )
            for day in WORKING_WEEKENDS_2026
            for (period, start, end), label in zip(
                DAY_PERIODS, ["上午", "下午"], strict=True
            )
        ]
        calendar = self.env["resource.calendar"].create(
            {
                "name": "客服中心工作时间（含 2026 年法定节假日）",
                "company_id": company.id,
                "tz": SHANGHAI,
                "hours_per_day": 8.0,
                "attendance_ids": [Command.clear(), *attendances],
            }
        )
        self.env["resource.calendar.leaves"].create(
            [
                {
                    "name": name,
                    "calendar_id": calendar.id,
                    "company_id": company.id,
                    "date_from": local_moment(first, 0),
                    "date_to": local_moment(last, 24) - timedelta(seconds=1),
                    "time_type": "leave",
                }
                for name, first, last in HOLIDAYS_2026
            ]
        )
        company.resource_calendar_id = calendar
        return calendar

    @api.model
    def _cs_demo_users(self):
        """The demo users read Chinese when 简体中文 is installed (the run
        command installs it; a database without it keeps its language)."""
        users = self.env.ref("base.user_admin")
        for xmlid in (
            "res_users_agent_demo",
            "res_users_agent2_demo",
            "res_users_supervisor_demo",
            "res_users_manager_demo",
            "res_users_integration_demo",
        ):
            users |= self.env.ref(f"cs_callcenter.{xmlid}")
        if self.env["res.lang"]._lang_get("zh_CN"):
            users.write({"lang": "zh_CN"})
        return users

    @api.model
    def _cs_demo_agents(self):
        return (
            self.env.ref("cs_callcenter.res_users_agent_demo")
            | self.env.ref("cs_callcenter.res_users_agent2_demo")
            | self.env.ref("cs_callcenter.res_users_supervisor_demo")
        )

    @api.model
    def _cs_demo_customers(self):
        china = self.env.ref("base.cn")
        return self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "mobile": mobile,
                    "email": f"customer{n + 1:02d}@pujiang-yezhu.example.cn",
                    "country_id": china.id,
                    "city": "上海",
                    "tz": SHANGHAI,
                }
                for n, (name, mobile) in enumerate(CUSTOMERS)
            ]
        )

    # -- calls and quality --------------------------------------------------------
    @api.model
    def _cs_demo_calls(self, customers, agents, days=30):
        """Calls of the last ``days`` days: working days busier than
        weekends, most answered within 20 s, some abandoned, some outbound."""
        # demo figures only: a seeded generator, not for secrets
        rng = random.Random(20260401)  # noqa: S311
        server = self.env.ref("cs_callcenter.cs_pbx_server_demo")
        today = fields.Date.context_today(self)
        vals_list = []
        for back in range(days, -1, -1):
            day = today - timedelta(days=back)
            count = 8 if day.weekday() < 5 else 3
            for n in range(count):
                hour = 8.5 + rng.random() * 9
                ring = local_moment(day, hour)
                if ring >= fields.Datetime.now():
                    continue
                customer = customers[rng.randrange(len(customers))]
                agent = agents[rng.randrange(len(agents))]
                outbound = n % 5 == 4
                abandoned = not outbound and rng.random() < 0.12
                wait = rng.choice([3, 5, 8, 12, 15, 18, 25, 40])
                talk = rng.randint(60, 540)
                vals = {
                    "direction": "outbound" if outbound else "inbound",
                    "number": customer.mobile.replace(" ", "").replace("+86", ""),
                    "partner_id": customer.id,
                    "pbx_server_id": server.id,
                    "pbx_call_id": f"demo.{day.isoformat()}.{n}",
                    "state": "done",
                    "ring_date": ring,
                }
                if abandoned:
                    vals.update(
                        disposition="abandoned",
                        end_date=ring + timedelta(seconds=wait + 20),
                    )
                else:
                    answer = ring + timedelta(seconds=wait)
                    vals.update(
                        disposition="answered",
                        user_id=agent.id,
                        extension=agent.cs_extension,
                        answer_date=answer,
                        end_date=answer + timedelta(seconds=talk),
                        note=f"<p>{rng.choice(CALL_NOTES)}</p>",
                    )
                vals_list.append(vals)
        return self.env["cs.call"].create(vals_list)

    @api.model
    def _cs_demo_qa(self, calls):
        """Quality reviews (录音抽检) of answered calls: acknowledged by the
        agent, submitted, and a few drafts left to the supervisor."""
        # demo figures only: a seeded generator, not for secrets
        rng = random.Random(20260402)  # noqa: S311
        supervisor = self.env.ref("cs_callcenter.res_users_supervisor_demo")
        scorecard = self.env.ref("cs_callcenter.cs_qa_scorecard_call")
        answered = calls.filtered(
            lambda c: (
                c.disposition == "answered"
                and c.user_id != supervisor
                and c.direction == "inbound"
            )
        )
        sample = answered[:: max(1, len(answered) // 12)][:12]
        Review = self.env["cs.qa.review"].with_user(supervisor)
        reviews = Review.create(
            [
                {
                    "call_id": call.id,
                    "agent_id": call.user_id.id,
                    "reviewer_id": supervisor.id,
                    "scorecard_id": scorecard.id,
                    "date": call.ring_date.date(),
                }
                for call in sample
            ]
        )
        for n, review in enumerate(reviews):
            if n % 6 == 5:
                continue  # still a draft
            for line in review.line_ids:
                line.result = rng.choices(
                    ["pass", "partial", "fail"], weights=[8, 2, 1 if n % 4 else 0]
                )[0]
            review.comment = (
                "整体规范，注意结束语。" if n % 2 else "应答及时，表达清楚。"
            )
            review.action_done()
            if n % 3 != 2:
                agent_review = review.with_user(review.agent_id)
                agent_review.agent_comment = "收到，会改进。"
                agent_review.action_acknowledge()
        return reviews

    # -- callbacks ----------------------------------------------------------------
    @api.model
    def _cs_demo_callbacks(self, customers, agents):
        """A satisfaction campaign (回访计划) over the customers: half of the
        callbacks done (with their call), the rest due, two overdue."""
        supervisor = self.env.ref("cs_callcenter.res_users_supervisor_demo")
        campaign = self.env["cs.callback.campaign"].create(
            {
                "name": "季度业主满意度回访",
                "purpose": "satisfaction",
                "user_id": supervisor.id,
                "partner_domain": str([("id", "in", customers.ids)]),
                "agent_ids": [Command.set(agents.ids)],
            }
        )
        campaign.action_start()
        tasks = campaign.task_ids.sorted("id")
        outcomes = ["satisfied", "satisfied", "neutral", "unsatisfied", "unreachable"]
        server = self.env.ref("cs_callcenter.cs_pbx_server_demo")
        now = fields.Datetime.now()
        for n, task in enumerate(tasks[: len(tasks) // 2]):
            outcome = outcomes[n % len(outcomes)]
            # the attempt itself: an answered (or unanswered) outbound call
            start = now - timedelta(hours=n + 1)
            self.env["cs.call"].create(
                {
                    "direction": "outbound",
                    "number": task.phone,
                    "partner_id": task.partner_id.id,
                    "user_id": task.user_id.id,
                    "extension": task.user_id.cs_extension,
                    "pbx_server_id": server.id,
                    "pbx_call_id": f"demo.callback.{task.id}",
                    "state": "done",
                    "disposition": "no_answer"
                    if outcome == "unreachable"
                    else "answered",
                    "ring_date": start,
                    "answer_date": False
                    if outcome == "unreachable"
                    else start + timedelta(seconds=9),
                    "end_date": start + timedelta(seconds=30 if n % 5 == 4 else 150),
                    "res_reference": f"{task._name},{task.id}",
                }
            )
            if outcome != "unreachable":
                task.write(
                    {
                        "satisfaction": {"satisfied": "5", "neutral": "3"}.get(
                            outcome, "2"
                        ),
                        "comment": "对维修速度满意。"
                        if outcome == "satisfied"
                        else "希望加强小区保洁。",
                    }
                )
            getattr(task.with_user(task.user_id), f"action_{outcome}")()
        open_tasks = tasks.filtered(lambda t: t.state == "open")
        # two callbacks were due yesterday and nobody called: overdue
        open_tasks[-2:]._cs_workflow_write({"due_date": now - timedelta(days=1)})
        return campaign
