# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

TELEPHONY_FIELDS = ("cs_extension", "cs_pbx_server_id")
# What a PBX channel name may hold: no "/", "&" or "@" that would make the
# channel template ring another device or dial out through a trunk.
_EXTENSION = re.compile(r"^[0-9A-Za-z_.-]{1,40}$")


class ResUsers(models.Model):
    """Extensions: which phone rings for which agent.

    An extension is assigned by a Customer Service Manager (to anyone, themselves
    included), never by the user: whoever holds an extension receives its calls
    and caller cards. It is unique among the active users of a PBX, an
    extension without a PBX being on the default PBX of the user's company
    (``cs.pbx.server._cs_default_for``). Portal and Integration users never
    hold one and are never rung.
    """

    _inherit = "res.users"

    cs_extension = fields.Char(
        string="PBX Extension",
        help="The agent's extension on the PBX (rung first on click-to-call). "
        "Assigned by a Customer Service Manager.",
    )
    cs_pbx_server_id = fields.Many2one(
        "cs.pbx.server",
        string="PBX",
        help="The PBX of the agent's extension; empty: the company's default PBX.",
    )

    # Backs the Python check below for users with a PBX, race-free; archived
    # users keep their extension without blocking it for a successor.
    _sql_constraints = [
        (
            "cs_extension_unique",
            "EXCLUDE (cs_pbx_server_id WITH =, cs_extension WITH =) WHERE (active)",
            "Another active user already has this extension on this PBX.",
        )
    ]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["cs_extension", "cs_pbx_server_id"]

    # -- who may assign extensions ------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._cs_check_telephony_editor(
                    [name for name in TELEPHONY_FIELDS if vals.get(name)]
                )
        return super().create(vals_list)

    def write(self, vals):
        changed = self._cs_changed_telephony_fields(vals)
        if self.env.su or not changed:
            return super().write(vals)
        self._cs_check_telephony_editor(changed)
        self.check_access("read")
        others = {k: v for k, v in vals.items() if k not in TELEPHONY_FIELDS}
        if others:
            super().write(others)
        telephony = {k: v for k, v in vals.items() if k in TELEPHONY_FIELDS}
        # sudo: a Customer Service Manager assigns extensions without the right
        # to edit users otherwise (checked just above); only these two fields
        # are written this way, and the constraints below still apply.
        return super(ResUsers, self.sudo()).write(telephony)

    def _cs_changed_telephony_fields(self, vals):
        """The telephony fields of ``vals`` that differ from a stored value (a
        form sending back an unchanged value changes nothing)."""
        # sudo: only compares the current values, whoever asks
        users = self.sudo()
        changed = []
        if "cs_extension" in vals and any(
            (u.cs_extension or False) != (vals["cs_extension"] or False) for u in users
        ):
            changed.append("cs_extension")
        if "cs_pbx_server_id" in vals and any(
            u.cs_pbx_server_id.id != (vals["cs_pbx_server_id"] or False) for u in users
        ):
            changed.append("cs_pbx_server_id")
        return changed

    @api.model
    def _cs_check_telephony_editor(self, field_names):
        """Refuse (AccessError naming the field) unless the current user is a
        Customer Service Manager; Portal and Integration users never may."""
        if not field_names or self.env.su:
            return
        user = self.env.user
        if (
            not user.share
            and not user.has_group("cs_callcenter.group_integration")
            and user.has_group("cs_callcenter.group_manager")
        ):
            return
        labels = ", ".join(
            self._fields[name]._description_string(self.env) for name in field_names
        )
        raise AccessError(
            self.env._(
                "You may not change %s: extensions are assigned by a Customer "
                "Service Manager.",
                labels,
            )
        )

    @api.constrains("cs_extension", "cs_pbx_server_id", "active", "company_ids")
    def _check_cs_extension(self):
        # sudo: an extension must be unique among all users of a PBX, also
        # those of companies the person assigning it cannot see
        users = self.sudo().filtered("cs_extension")
        for user in users:
            if not _EXTENSION.match(user.cs_extension):
                raise ValidationError(
                    self.env._(
                        "PBX Extension: %s may hold letters, digits, '.', '-' "
                        "and '_' only.",
                        user.cs_extension,
                    )
                )
            if user.share or user.has_group("cs_callcenter.group_integration"):
                raise ValidationError(
                    self.env._(
                        "PBX Extension: %s is a portal or integration user; only "
                        "internal staff have an extension.",
                        user.name,
                    )
                )
            pbx_company = user.cs_pbx_server_id.company_id
            if pbx_company and pbx_company not in user.company_ids:
                raise ValidationError(
                    self.env._(
                        "PBX: %(pbx)s belongs to a company %(user)s does not work for.",
                        pbx=user.cs_pbx_server_id.name,
                        user=user.name,
                    )
                )
        users = users.filtered("active")
        if not users:
            return
        holders = users | self.sudo().search(
            [
                ("cs_extension", "in", users.mapped("cs_extension")),
                ("id", "not in", users.ids),
            ]
        )
        effective = holders._cs_effective_pbx()
        for user in users:
            for other in holders:
                if (
                    other != user
                    and other.cs_extension == user.cs_extension
                    and effective[other.id] == effective[user.id]
                ):
                    raise ValidationError(
                        self.env._(
                            "PBX Extension: %(extension)s is already used by "
                            "another active user on %(pbx)s (an extension "
                            "without a PBX is on the default PBX).",
                            extension=user.cs_extension,
                            pbx=effective[user.id].name
                            or self.env._("the default PBX"),
                        )
                    )

    # -- which PBX, which agent --------------------------------------------------
    def _cs_effective_pbx(self):
        """{user id: the PBX of their extension}: their own, else their
        company's default (an empty record when there is none)."""
        defaults = self.env["cs.pbx.server"]._cs_default_for(
            self.filtered(lambda u: not u.cs_pbx_server_id).company_id
        )
        return {
            user.id: user.cs_pbx_server_id or defaults[user.company_id.id]
            for user in self
        }

    def _cs_pbx_server(self):
        """The PBX to use for this user's calls."""
        self.ensure_one()
        return self._cs_effective_pbx()[self.id]

    @api.model
    def _cs_by_extension(self, server, extensions):
        """{extension: user} for the agents whose phone is one of
        ``extensions`` on ``server``: active internal agents only, never a
        Portal or Integration user."""
        if not extensions:
            return {}
        integration = self.env.ref("cs_callcenter.group_integration")
        users = self.search(
            [
                ("cs_extension", "in", list(extensions)),
                ("share", "=", False),
                ("groups_id", "in", self.env.ref("cs_callcenter.group_agent").ids),
                ("groups_id", "not in", integration.ids),
                "|",
                ("cs_pbx_server_id", "=", server.id),
                ("cs_pbx_server_id", "=", False),
            ]
        )
        effective = users._cs_effective_pbx()
        return {
            user.cs_extension: user for user in users if effective[user.id] == server
        }
