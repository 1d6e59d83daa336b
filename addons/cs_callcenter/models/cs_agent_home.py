# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# rows shown per section of the home screen; the section's button opens all
HOME_ROWS = 15


class CsAgentHome(models.AbstractModel):
    """What a member of staff sees first in the Customer Service app: their
    queue (callbacks here; tickets from cs_helpdesk), read with their own
    access rights. Modules add sections through ``_cs_home_sections``."""

    _name = "cs.agent.home"
    _description = "Customer Service Home"

    @api.model
    def get_data(self):
        sections = [s for s in self._cs_home_sections() if s]
        sections.sort(key=lambda s: s["sequence"])
        return {"user": self.env.user.name, "sections": sections}

    @api.model
    def _cs_home_sections(self):
        """The sections of the home screen, each
        ``{"key", "sequence", "title", "count", "overdue", "rows", "action"}``
        with rows ``{"id", "model", "title", "subtitle", "date", "late",
        "badge", "badge_class"}``; ``action`` is the xml id of what the
        section's button opens. Extend with super()."""
        return [self._cs_home_callbacks()]

    @api.model
    def _cs_home_callbacks(self):
        Task = self.env["cs.callback.task"]
        if not Task.has_access("read"):
            return None
        tasks = Task._cs_my_open_tasks()
        now = fields.Datetime.now()
        rows = [
            {
                "id": task.id,
                "model": Task._name,
                "title": task.partner_id.display_name,
                "subtitle": task.campaign_id.name,
                "date": fields.Datetime.to_string(task.due_date),
                "late": task.due_date < now,
                "badge": self.env._("Callable now") if task.is_callable else "",
                "badge_class": "text-bg-success",
            }
            for task in tasks[:HOME_ROWS]
        ]
        return {
            "key": "callbacks",
            "sequence": 20,
            "title": self.env._("My Callbacks"),
            "count": len(tasks),
            "overdue": len(tasks.filtered(lambda t: t.due_date < now)),
            "rows": rows,
            "action": "cs_callcenter.cs_callback_task_server_action_my",
        }
