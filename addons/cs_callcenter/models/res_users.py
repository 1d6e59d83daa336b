# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    cs_extension = fields.Char(
        string="PBX Extension",
        help="The agent's extension on the PBX (rung first on click-to-call).",
    )
    cs_pbx_server_id = fields.Many2one(
        "cs.pbx.server",
        string="PBX",
        help="The PBX of the agent's extension; defaults to the company's first.",
    )

    _sql_constraints = [
        (
            "cs_extension_unique",
            "unique(cs_pbx_server_id, cs_extension)",
            "Another user already has this extension on this PBX.",
        )
    ]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["cs_extension", "cs_pbx_server_id"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["cs_extension", "cs_pbx_server_id"]

    def _cs_pbx_server(self):
        """The PBX to use for this user's calls."""
        self.ensure_one()
        if self.cs_pbx_server_id:
            return self.cs_pbx_server_id
        return self.env["cs.pbx.server"].search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )

    @api.model
    def _cs_by_extension(self, server, extensions):
        """{extension: user} for the agents of ``server`` among ``extensions``."""
        users = self.search(
            [
                ("cs_extension", "in", list(extensions)),
                "|",
                ("cs_pbx_server_id", "=", server.id),
                ("cs_pbx_server_id", "=", False),
            ]
        )
        return {user.cs_extension: user for user in users}
