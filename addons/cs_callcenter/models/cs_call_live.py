# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time as monotonic_clock
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.modules import module as odoo_module

from ..pbx.live import CALL_STATES

CALL_STATE_LABELS = [
    ("ringing", "Ringing"),
    ("queued", "Waiting in Queue"),
    ("talking", "Talking"),
    ("hold", "On Hold"),
]
assert tuple(k for k, _l in CALL_STATE_LABELS) == CALL_STATES
# The wallboard's bus notification; sent to the Supervisors of the PBX's
# company (ir.websocket subscribes them), at most once per listener interval.
LIVE_NOTIFICATION = "cs_callcenter/live"
LIVE_SUBCHANNEL = "cs_supervision"
# The agents of a PBX, as the listener last looked them up: {(db, server id):
# (expiry, {extension: user id})}. The listener publishes every second; the
# agents of a PBX change a few times a day: looked up again after this delay.
MEMBERS_TTL = 60.0
_members_cache = {}


class CsCallLive(models.Model):
    """A call in progress as the PBX listener last saw it: the wallboard's
    snapshot table (one row per live call, upserted by the listener at most
    once per interval, never per event; rows of ended calls are deleted), so
    a board opened in any HTTP worker shows the current state at once.
    ``cs.call`` keeps the history; this table only the present."""

    _name = "cs.call.live"
    _description = "Live Call"
    _order = "state_since, id"
    _check_company_auto = True

    pbx_server_id = fields.Many2one(
        "cs.pbx.server",
        string="PBX",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    call_key = fields.Char(string="PBX Call ID", required=True, index=True)
    call_id = fields.Many2one("cs.call", ondelete="set null")
    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")], required=True
    )
    number = fields.Char()
    state = fields.Selection(CALL_STATE_LABELS, required=True)
    state_since = fields.Datetime(string="In State Since")
    start_date = fields.Datetime(string="Started")
    queue_name = fields.Char(string="Queue")
    extension = fields.Char(string="Agent Extension")
    user_id = fields.Many2one("res.users", string="Agent")
    channel = fields.Char(
        string="Agent Channel",
        groups="cs_callcenter.group_supervisor",
        help="The agent's channel at the PBX: what ChanSpy listens to.",
    )
    abandoned_in_queue = fields.Boolean()

    _sql_constraints = [
        (
            "call_key_unique",
            "unique(pbx_server_id, call_key)",
            "A live call is listed once.",
        )
    ]

    # -- publishing (the listener) -------------------------------------------------
    @api.model
    def _cs_publish_live(self, server, snapshot):
        """Store the listener's snapshot (``pbx.live.LiveState.snapshot``)
        and notify the Supervisors of what changed. Runs as superuser in the
        listener process."""
        company = server.company_id or self.env.company
        agents = self._cs_members(server, company)
        calls, removed_calls = self._cs_upsert(server, company, snapshot, agents)
        agent_rows, removed_agents = self.env["cs.agent.state"]._cs_upsert(
            server, company, snapshot, agents
        )
        if not (calls or removed_calls or agent_rows or removed_agents) and not (
            snapshot.get("ended")
        ):
            return
        payload = {
            "server_id": server.id,
            "company_id": company.id,
            "calls": calls._cs_board_values(),
            "removed_calls": removed_calls,
            "agents": agent_rows._cs_board_values(),
            "removed_agents": removed_agents,
            "figures": self._cs_today_figures(company),
        }
        self.env["bus.bus"]._sendone(
            (company, LIVE_SUBCHANNEL), LIVE_NOTIFICATION, payload
        )

    @api.model
    def _cs_members(self, server, company):
        """{extension: user} of the agents of ``server`` (cached for
        ``MEMBERS_TTL`` seconds in the listener process; not under tests,
        where users change from one test to the next)."""
        key = (self.env.cr.dbname, server.id)
        hit = None if odoo_module.current_test else _members_cache.get(key)
        if hit and hit[0] > monotonic_clock.monotonic():
            Users = self.env["res.users"]
            return {ext: Users.browse(uid) for ext, uid in hit[1].items()}
        members = self.env["cs.agent.state"]._cs_members(server, company)
        _members_cache[key] = (
            monotonic_clock.monotonic() + MEMBERS_TTL,
            {ext: user.id for ext, user in members.items()},
        )
        return members

    @api.model
    def _cs_upsert(self, server, company, snapshot, agents):
        """Rows changed (a recordset) and ids removed."""
        rows = {
            row.call_key: row
            for row in self.search([("pbx_server_id", "=", server.id)])
        }
        keys = [c["call_id"] for c in snapshot["calls"]]
        recorded = {
            call.pbx_call_id: call
            for call in self.env["cs.call"].search(
                [("pbx_server_id", "=", server.id), ("pbx_call_id", "in", keys)]
            )
        }
        changed, creates = self.browse(), []
        for item in snapshot["calls"]:
            agent = agents.get(item["extension"])
            values = {
                "call_id": recorded.get(item["call_id"], self.env["cs.call"]).id
                or False,
                "direction": item["direction"],
                "number": item["number"] or False,
                "state": item["state"],
                "state_since": item["since"],
                "start_date": item["start"],
                "queue_name": item["queue"] or False,
                "extension": item["extension"] or False,
                "user_id": agent.id if agent else False,
                "channel": item["channel"] or False,
                "abandoned_in_queue": item["abandoned_in_queue"],
            }
            row = rows.pop(item["call_id"], None)
            if row is None:
                creates.append(
                    dict(
                        values,
                        pbx_server_id=server.id,
                        company_id=company.id,
                        call_key=item["call_id"],
                    )
                )
                continue
            diff = {k: v for k, v in values.items() if row._cs_value(k) != v}
            if diff:
                row.write(diff)
                changed |= row
        if creates:
            changed |= self.create(creates)
        removed = [row.id for row in rows.values()]
        if rows:
            self.browse(removed).unlink()
        return changed, removed

    def _cs_value(self, name):
        value = self[name]
        return value.id if isinstance(value, models.BaseModel) else value

    # -- reading (the wallboard) -------------------------------------------------------
    def _cs_board_values(self):
        return [
            {
                "id": row.id,
                "call_id": row.call_id.id,
                "direction": row.direction,
                "number": row.number or "",
                "partner": row.call_id.partner_id.display_name or "",
                "state": row.state,
                "since": fields.Datetime.to_string(row.state_since),
                "start": fields.Datetime.to_string(row.start_date),
                "queue": row.queue_name or row.call_id.queue_name or "",
                "ivr": row.call_id.ivr_choice or "",
                "extension": row.extension or "",
                "agent": row.user_id.name or "",
                "agent_id": row.user_id.id,
            }
            for row in self
        ]

    @api.model
    def _cs_today_figures(self, company, tz=None):
        """Today's inbound figures (in ``tz``, else the company's): answered,
        abandoned (and of them in a queue), service level (answered within
        the threshold, in % of the answered and abandoned inbound calls),
        average wait of the answered calls."""
        zone = pytz.timezone(tz or company.partner_id.tz or "UTC")
        local_midnight = zone.localize(
            datetime.combine(datetime.now(zone).date(), time.min)
        )
        start = local_midnight.astimezone(pytz.utc).replace(tzinfo=None)
        Call = self.env["cs.call"].sudo()  # sudo: counts only, for Supervisors
        domain = [
            ("company_id", "=", company.id),
            ("direction", "=", "inbound"),
            ("ring_date", ">=", start),
            ("ring_date", "<", start + timedelta(days=1)),
            ("state", "=", "done"),
        ]
        groups = Call._read_group(
            domain,
            ["disposition"],
            [
                "__count",
                "service_level_count:sum",
                "wait_seconds:sum",
                "queue_abandoned_count:sum",
            ],
        )
        answered = abandoned = in_time = wait = in_queue = 0
        for disposition, count, level, waited, queued in groups:
            in_queue += queued or 0
            if disposition == "answered":
                answered, in_time, wait = count, level or 0, waited or 0
            elif disposition == "abandoned":
                abandoned = count
        ended = answered + abandoned
        return {
            "answered": answered,
            "abandoned": abandoned,
            "abandoned_in_queue": in_queue,
            "service_level": round(100.0 * in_time / ended, 1) if ended else False,
            "average_wait": round(wait / answered) if answered else False,
            "threshold": self.env["cs.call"]._cs_service_level_seconds(),
        }

    @api.model
    def cs_wallboard_data(self):
        """Everything the wallboard shows, for the current user's companies
        (record rules apply): the live calls, the agents' states, today's
        figures per company (summed) and the service-level threshold."""
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            return {"forbidden": True}
        # an archived PBX's last state is not the present
        live = [("pbx_server_id.active", "=", True)]
        calls = self.search(live)
        agents = self.env["cs.agent.state"].search(live)
        figures = [
            self._cs_today_figures(company, tz=self.env.user.tz)
            for company in self.env.companies
        ]
        total = {
            key: sum(f[key] for f in figures)
            for key in ("answered", "abandoned", "abandoned_in_queue")
        }
        ended = sum(f["answered"] + f["abandoned"] for f in figures) or 0
        in_time = sum(
            (f["service_level"] or 0) * (f["answered"] + f["abandoned"]) / 100.0
            for f in figures
        )
        waits = sum((f["average_wait"] or 0) * f["answered"] for f in figures)
        answered = total["answered"]
        total.update(
            service_level=round(100.0 * in_time / ended, 1) if ended else False,
            average_wait=round(waits / answered) if answered else False,
            threshold=self.env["cs.call"]._cs_service_level_seconds(),
        )
        return {
            "calls": calls._cs_board_values(),
            "agents": agents._cs_board_values(),
            "figures": total,
            "company_ids": self.env.companies.ids,
            "now": fields.Datetime.to_string(fields.Datetime.now()),
            "can_monitor": bool(self.env.user.cs_extension),
        }
