# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

MONITOR_MODES = [
    ("listen", "Listen"),
    ("whisper", "Whisper"),
    ("barge", "Barge"),
]


class CsCallMonitor(models.Model):
    """One intervention of a Supervisor in an agent's call (实时监控): the
    PBX rings the Supervisor's phone and connects it to the agent's channel
    with ChanSpy (``cs.call.action_cs_monitor``). Written by the server only:
    Supervisors and Managers read them (quality control); agents never see
    them."""

    _name = "cs.call.monitor"
    _description = "Call Monitoring"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    call_id = fields.Many2one(
        "cs.call",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Supervisor", required=True, index=True
    )
    agent_id = fields.Many2one(
        related="call_id.user_id", string="Agent", store=True, index=True
    )
    company_id = fields.Many2one(
        related="call_id.company_id", store=True, index=True, precompute=True
    )
    mode = fields.Selection(MONITOR_MODES, required=True)
    state = fields.Selection(
        [
            ("ringing", "Ringing"),
            ("active", "Active"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        required=True,
        default="ringing",
    )
    date_start = fields.Datetime(
        string="Start", required=True, default=fields.Datetime.now
    )
    date_end = fields.Datetime(string="End")
    extension = fields.Char(string="Supervisor Extension")
    pbx_action_id = fields.Char(string="PBX Request", index=True, copy=False)
    pbx_leg_id = fields.Char(
        string="PBX Monitoring Leg",
        index=True,
        copy=False,
        help="Linkedid of the Supervisor's own leg: never recorded as a call.",
    )
    failure_reason = fields.Char(readonly=True)

    @api.depends("mode", "user_id")
    def _compute_display_name(self):
        modes = dict(self._fields["mode"]._description_selection(self.env))
        for monitor in self:
            monitor.display_name = (
                f"{modes.get(monitor.mode, '')} · {monitor.user_id.name or ''}"
            )

    # -- PBX updates -------------------------------------------------------------
    @api.model
    def _cs_pending_extensions(self, server):
        """Extensions whose monitoring leg rings and is not linked yet: their
        new channel is that leg, never a click-to-call to adopt."""
        return set(
            self.search(
                [
                    ("call_id.pbx_server_id", "=", server.id),
                    ("state", "=", "ringing"),
                    ("pbx_leg_id", "=", False),
                ]
            ).mapped("extension")
        )

    @api.model
    def _cs_apply_originates(self, server, updates):
        """The OriginateResponse of monitoring requests: the leg is linked
        (its events are then ignored as calls) or the monitoring failed.
        Returns the updates that are not about monitoring."""
        monitors = {
            m.pbx_action_id: m
            for m in self.search(
                [
                    ("call_id.pbx_server_id", "=", server.id),
                    ("pbx_action_id", "in", [u.action_id for u in updates]),
                ]
            )
        }
        others = []
        for update in updates:
            monitor = monitors.get(update.action_id)
            if not monitor:
                others.append(update)
                continue
            if monitor.state != "ringing":
                continue  # replayed
            if update.success:
                monitor.write({"state": "active", "pbx_leg_id": update.call_id})
            else:
                monitor.write(
                    {
                        "state": "failed",
                        "date_end": update.time,
                        "failure_reason": self.env[
                            "cs.call"
                        ]._cs_originate_reason_label(update.reason),
                    }
                )
        return others

    @api.model
    def _cs_legs(self, server, call_ids):
        """The monitors whose leg is one of ``call_ids`` (Linkedids)."""
        if not call_ids:
            return self.browse()
        return self.search(
            [
                ("call_id.pbx_server_id", "=", server.id),
                ("pbx_leg_id", "in", list(call_ids)),
            ]
        )

    def _cs_end(self, when):
        """The monitoring leg hung up, or the monitored call ended."""
        for monitor in self.filtered(lambda m: m.state in ("ringing", "active")):
            monitor.write({"state": "done", "date_end": max(when, monitor.date_start)})
