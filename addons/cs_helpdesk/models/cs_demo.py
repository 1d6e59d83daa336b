# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Chinese demo, helpdesk part (demo data only): complaints at every
step of the loop with on-track, at-risk and breached SLAs, and a month of
inquiries, suggestions and praise, dated relative to today."""

from datetime import timedelta

from pytz import utc

from odoo import api, fields, models
from odoo.tools import SQL

# (step reached, working hours since registered, subject, description, cause)
COMPLAINTS = [
    ("register", 1, "电梯异响", "3 栋电梯运行时有明显异响，老人小孩不敢乘坐。", None),
    ("register", 20, "地下车库漏水", "B1 层 P-B1-012 车位上方漏水，车辆被淋。", None),
    ("register", 40, "保安态度差", "门岗保安对访客语气生硬，要求道歉。", None),
    (
        "investigate",
        3,
        "垃圾清运不及时",
        "2 栋垃圾房连续两天未清运，异味严重。",
        "process",
    ),
    (
        "investigate",
        21,
        "绿化修剪噪音",
        "周末早上 7 点修剪草坪，影响休息。",
        "attitude",
    ),
    (
        "investigate",
        30,
        "物业费多收",
        "本月物业费按 135 平方米计费，实际 128 平方米。",
        "billing",
    ),
    ("remedy", 4, "楼道灯长期不亮", "1 栋 12 层楼道灯坏了一周无人维修。", "facilities"),
    ("remedy", 22, "快递丢失", "物业代收的快递找不到了。", "process"),
    ("implement", 6, "水压不足", "高层住户早晚用水高峰水压很低。", "facilities"),
    ("implement", 26, "停车收费标准不清", "临时停车收费与公示不一致。", "billing"),
    ("confirm", 8, "门禁卡失效", "新办门禁卡刷不开单元门。", "facilities"),
    ("closed", 16, "维修人员未按约上门", "约好上午维修，下午才到。", "attitude"),
    ("closed", 60, "小区路灯损坏", "东门路灯不亮，夜间出行不便。", "facilities"),
    ("unfounded", 5, "邻居装修噪音", "邻居周日装修，噪音大。", None),
    ("reviewed", 12, "电梯困人", "电梯困人 20 分钟才有人处理。", "facilities"),
    ("reviewed", 70, "绿化带积水", "暴雨后绿化带积水，蚊虫多。", "facilities"),
]
# what the agent wrote after calling the customer (demo content, not a term)
FIRST_REPLY = "已致电客户说明受理情况。"
STEP_ORDER = ["register", "investigate", "remedy", "implement", "confirm", "closed"]
# (kind, subject) of the everyday requests
REQUESTS = [
    ("inquiry", "物业费缴费方式咨询"),
    ("inquiry", "装修申请流程咨询"),
    ("inquiry", "车位月卡办理"),
    ("suggestion", "建议增设电动车充电桩"),
    ("suggestion", "建议延长游泳池开放时间"),
    ("praise", "表扬保洁阿姨认真负责"),
    ("inquiry", "门禁卡补办"),
    ("inquiry", "宠物登记咨询"),
]


class CsDemo(models.AbstractModel):
    _inherit = "cs.demo"

    @api.model
    def _cs_demo_helpdesk(self):
        """Complaints at every step and a month of requests (cs_helpdesk)."""
        customers = self._cs_demo_customer_records()
        self._cs_demo_complaints(customers)
        self._cs_demo_requests(customers)
        return True

    @api.model
    def _cs_demo_customer_records(self):
        customers = self.env["res.partner"].search(
            [("email", "=like", "%@pujiang-yezhu.example.cn")], order="id"
        )
        return customers or self._cs_demo_customers()

    @api.model
    def _cs_demo_start(self, hours):
        """The moment ``hours`` working hours ago in the company's calendar
        (wall-clock hours without one)."""
        now = fields.Datetime.now()
        calendar = self.env.company.resource_calendar_id
        if not calendar:
            return now - timedelta(hours=hours)
        moment = calendar.plan_hours(-hours, now.replace(tzinfo=utc))
        return moment.astimezone(utc).replace(tzinfo=None)

    @api.model
    def _cs_demo_after(self, start, hours):
        """The moment ``hours`` working hours after ``start``, at most now."""
        calendar = self.env.company.resource_calendar_id
        if calendar:
            moment = calendar.plan_hours(hours, start.replace(tzinfo=utc))
            moment = moment.astimezone(utc).replace(tzinfo=None)
        else:
            moment = start + timedelta(hours=hours)
        return min(moment, fields.Datetime.now())

    @api.model
    def _cs_demo_backdate(self, tickets, moments):
        """Registered at ``moments``: the dashboard counts tickets by their
        registration date, which the ORM sets to now (demo only)."""
        tickets.flush_recordset()
        for ticket, moment in zip(tickets, moments, strict=True):
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                    moment,
                    ticket.id,
                )
            )
        tickets.invalidate_recordset(["create_date"])

    @api.model
    def _cs_demo_complaints(self, customers):
        env = self.env
        supervisor = env.ref("cs_callcenter.res_users_supervisor_demo")
        agents = env.ref("cs_callcenter.res_users_agent_demo") | env.ref(
            "cs_callcenter.res_users_agent2_demo"
        )
        team = env.ref("cs_helpdesk.helpdesk_ticket_team_hotline_demo")
        departments = {
            "facilities": env.ref("cs_helpdesk.hr_department_engineering_demo"),
            "attitude": env.ref("cs_helpdesk.hr_department_security_demo"),
            "process": env.ref("cs_helpdesk.hr_department_cleaning_demo"),
            "billing": env.ref("cs_helpdesk.hr_department_finance_demo"),
            None: env.ref("cs_helpdesk.hr_department_service_demo"),
        }
        phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        now = fields.Datetime.now()
        starts = [self._cs_demo_start(row[1]) for row in COMPLAINTS]
        tickets = env["helpdesk.ticket"].create(
            [
                {
                    "name": subject,
                    "description": f"<p>{text}</p>",
                    "cs_kind": "complaint",
                    "partner_id": customers[n % len(customers)].id,
                    "team_id": team.id,
                    "user_id": agents[n % 2].id,
                    "channel_id": phone.id,
                    "cs_sla_start": start,
                    "cs_department_id": departments[cause].id,
                }
                for n, ((_step, _h, subject, text, cause), start) in enumerate(
                    zip(COMPLAINTS, starts, strict=True)
                )
            ]
        )
        self._cs_demo_backdate(tickets, starts)
        for n, (ticket, row, start) in enumerate(
            zip(tickets, COMPLAINTS, starts, strict=True)
        ):
            step, hours, _subject, _text, cause = row
            # answered within the 2-hour target, except one in three of the
            # old ones (the response SLA breached)
            late = hours >= 30 and n % 3 == 0
            ticket.cs_first_response_date = min(
                start + timedelta(hours=3 if late else 0, minutes=25), now
            )
            ticket.message_post(
                body=FIRST_REPLY,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            if step == "register":
                continue
            if step == "unfounded":
                ticket.write(
                    {
                        "cs_unfounded_reason": "经核实邻居在规定时间内施工。",
                        "cs_customer_reply": "已向您说明装修管理规定的施工时间。",
                    }
                )
                ticket.action_cs_unfounded()
                self._cs_demo_close_at(ticket, start + timedelta(hours=4))
                continue
            self._cs_demo_walk(ticket, step, cause, supervisor, start, hours)
        return tickets

    @api.model
    def _cs_demo_walk(self, ticket, step, cause, supervisor, start, hours):
        """Move a founded complaint through the loop up to ``step``."""
        reached = "closed" if step == "reviewed" else step
        ticket.action_cs_founded()
        if STEP_ORDER.index(reached) <= STEP_ORDER.index("investigate"):
            return
        ticket.write(
            {
                "cs_responsible_id": supervisor.id,
                "cs_cause": cause,
                "cs_root_cause": "巡检计划未落实到位，已纳入整改。",
            }
        )
        ticket.action_cs_investigated()
        remedy = self.env["cs.ticket.remedy"].create(
            {
                "ticket_id": ticket.id,
                "name": "上门致歉并在 48 小时内完成维修",
                "amount": 200 if cause == "billing" else 0,
            }
        )
        if reached == "remedy":
            return
        remedy.with_user(supervisor).action_approve()
        if reached == "implement":
            return
        ticket.cs_actions_taken = "已安排工程部维修完毕，客服回访确认。"
        ticket.action_cs_implemented()
        if reached == "confirm":
            return
        ticket.cs_confirmation = "phone"
        ticket.action_cs_confirmed()
        # closed within the 24 working hours of the target, but the oldest
        # one after 30 (resolution SLA breached)
        worked = 30 if hours > 65 else min(hours // 2, 10)
        self._cs_demo_close_at(ticket, self._cs_demo_after(start, worked))
        if step == "reviewed":
            ticket.cs_review_summary = "加强日常巡检，维修响应纳入考核。"
            ticket.with_user(supervisor).action_cs_review()

    @api.model
    def _cs_demo_close_at(self, ticket, moment):
        """Closed at ``moment`` (the workflow closes now): resolution time
        and SLA judged at that moment."""
        ticket.closed_date = min(moment, fields.Datetime.now())
        ticket._cs_sla_judge(fields.Datetime.now())

    @api.model
    def _cs_demo_requests(self, customers, days=30):
        """Everyday requests of the last ``days`` days, most answered and
        closed the same working day, the recent ones still open."""
        env = self.env
        agents = env.ref("cs_callcenter.res_users_agent_demo") | env.ref(
            "cs_callcenter.res_users_agent2_demo"
        )
        team = env.ref("cs_helpdesk.helpdesk_ticket_team_hotline_demo")
        channels = [
            env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone"),
            env.ref("cs_helpdesk.helpdesk_ticket_channel_wechat"),
            env.ref("cs_helpdesk.helpdesk_ticket_channel_walk_in"),
        ]
        done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        in_progress = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        now = fields.Datetime.now()
        starts = [now - timedelta(days=days * n / 24, hours=2) for n in range(24)]
        tickets = env["helpdesk.ticket"].create(
            [
                {
                    "name": REQUESTS[n % len(REQUESTS)][1],
                    "description": f"<p>{REQUESTS[n % len(REQUESTS)][1]}。</p>",
                    "cs_kind": REQUESTS[n % len(REQUESTS)][0],
                    "partner_id": customers[(n * 7) % len(customers)].id,
                    "team_id": team.id,
                    "user_id": agents[n % 2].id,
                    "channel_id": channels[n % 3].id,
                    "cs_sla_start": start,
                }
                for n, start in enumerate(starts)
            ]
        )
        self._cs_demo_backdate(tickets, starts)
        for n, (ticket, start) in enumerate(zip(tickets, starts, strict=True)):
            ticket.cs_first_response_date = start + timedelta(minutes=10 + 7 * (n % 6))
            if n < 4:
                continue  # the most recent ones are still open
            ticket.stage_id = done
            if n % 9 == 5:
                # the customer called again: reopened, then closed for good
                ticket.stage_id = in_progress
                ticket.stage_id = done
            self._cs_demo_close_at(ticket, self._cs_demo_after(start, 2 + n % 5))
        return tickets
