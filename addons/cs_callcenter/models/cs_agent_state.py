# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..pbx.live import AGENT_STATES

AGENT_STATE_LABELS = [
    ("idle", "Idle"),
    ("ringing", "Ringing"),
    ("talking", "Talking"),
    ("hold", "On Hold"),
    ("wrapup", "Wrap-up"),
    ("offline", "Offline"),
]
assert tuple(k for k, _l in AGENT_STATE_LABELS) == AGENT_STATES


class CsAgentState(models.Model):
    """The state of an agent's extension (坐席状态) as the PBX listener last saw
    it: one row per agent extension of a PBX, upserted with the live calls
    (``cs.call.live._cs_publish_live``). An agent whose phone did nothing
    since the listener started is idle; offline is what the PBX reports for
    an unregistered phone (with hints: ``ExtensionStatus``)."""

    _name = "cs.agent.state"
    _description = "Agent State"
    _order = "state, state_since, id"
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
    extension = fields.Char(required=True)
    user_id = fields.Many2one("res.users", string="Agent", ondelete="cascade")
    state = fields.Selection(AGENT_STATE_LABELS, required=True, default="idle")
    state_since = fields.Datetime(string="In State Since")
    call_key = fields.Char(string="PBX Call ID")

    _sql_constraints = [
        (
            "extension_unique",
            "unique(pbx_server_id, extension)",
            "An extension is listed once per PBX.",
        )
    ]

    @api.model
    def _cs_members(self, server, company):
        """{extension: user} of the agents whose phone is on ``server`` and
        who may take calls of ``company``."""
        integration = self.env.ref("cs_callcenter.group_integration")
        users = self.env["res.users"].search(
            [
                ("cs_extension", "!=", False),
                ("share", "=", False),
                ("company_ids", "in", company.ids),
                ("groups_id", "in", self.env.ref("cs_callcenter.group_agent").ids),
                ("groups_id", "not in", integration.ids),
                "|",
                ("cs_pbx_server_id", "=", server.id),
                ("cs_pbx_server_id", "=", False),
            ]
        )
        effective = users._cs_effective_pbx()
        return {u.cs_extension: u for u in users if effective[u.id] == server}

    @api.model
    def _cs_upsert(self, server, company, snapshot, members):
        """One row per agent of the PBX (``members``: {extension: user});
        an agent the snapshot does not mention is idle. Returns (changed
        rows, removed ids)."""
        seen = {a["extension"]: a for a in snapshot["agents"]}
        rows = {
            row.extension: row
            for row in self.search([("pbx_server_id", "=", server.id)])
        }
        changed, creates = self.browse(), []
        for extension, user in members.items():
            item = seen.get(extension)
            row = rows.pop(extension, None)
            values = {
                "user_id": user.id,
                "state": item["state"] if item else "idle",
                "call_key": (item and item["call_id"]) or False,
            }
            if item:
                values["state_since"] = item["since"]
            elif not row or row.state != "idle":
                values["state_since"] = fields.Datetime.now()
            if row is None:
                creates.append(
                    dict(
                        values,
                        pbx_server_id=server.id,
                        company_id=company.id,
                        extension=extension,
                    )
                )
                continue
            diff = {
                k: v
                for k, v in values.items()
                if (row[k].id if k == "user_id" else row[k]) != v
            }
            if diff:
                row.write(diff)
                changed |= row
        if creates:
            changed |= self.create(creates)
        removed = [row.id for row in rows.values()]
        if rows:
            self.browse(removed).unlink()
        return changed, removed

    def _cs_board_values(self):
        return [
            {
                "id": row.id,
                "extension": row.extension,
                "agent": row.user_id.name or row.extension,
                "agent_id": row.user_id.id,
                "state": row.state,
                "since": fields.Datetime.to_string(row.state_since),
                "call_key": row.call_key or "",
            }
            for row in self
        ]
