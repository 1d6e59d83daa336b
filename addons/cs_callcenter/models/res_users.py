# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.modules import module as odoo_module

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

    # Backs the check of _cs_check_extensions_unique for users with a PBX,
    # race-free; archived users keep their extension without blocking it.
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
        self._cs_check_extensions_unique(
            [
                (
                    None,
                    vals["cs_extension"],
                    vals.get("cs_pbx_server_id") or False,
                    vals.get("company_id") or self.env.company.id,
                )
                for vals in vals_list
                if vals.get("cs_extension") and vals.get("active", True)
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        changed = self._cs_changed_telephony_fields(vals)
        if changed and not self.env.su:
            # who may, before anything about the extensions is told
            self._cs_check_telephony_editor(changed)
            # internal users are visible across companies: a manager assigns
            # extensions to the users of their own companies only
            if self.sudo().filtered(
                lambda u: not u.company_ids & self.env.user.company_ids
            ):
                raise AccessError(
                    self.env._(
                        "You may only assign extensions to users of your companies."
                    )
                )
            self.check_access("read")
        elif "active" in vals and not self.env.su:
            self.check_access("write")
        if {"cs_extension", "cs_pbx_server_id", "active"} & vals.keys():
            # sudo: the planned values of the users written, whoever writes
            self._cs_check_extensions_unique(
                [
                    (
                        user.id,
                        vals.get("cs_extension", user.cs_extension),
                        vals.get("cs_pbx_server_id", user.cs_pbx_server_id.id),
                        user.company_id.id,
                    )
                    for user in self.sudo()
                    if vals.get("active", user.active)
                    and vals.get("cs_extension", user.cs_extension)
                ]
            )
        if self.env.su or not changed:
            return super().write(vals)
        others = {k: v for k, v in vals.items() if k not in TELEPHONY_FIELDS}
        if others:
            super().write(others)
        telephony = {k: v for k, v in vals.items() if k in TELEPHONY_FIELDS}
        # sudo: a Customer Service Manager assigns extensions without the right
        # to edit users otherwise (checked above); only these two fields are
        # written this way, and the constraints still apply.
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

    @api.constrains("cs_extension", "cs_pbx_server_id", "company_ids")
    def _check_cs_extension(self):
        # sudo: checks the users written, whoever writes them
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

    @api.model
    def _cs_check_extensions_unique(self, planned):
        """Refuse (ValidationError) extensions that another active user holds
        on the same PBX. ``planned``: ``[(user id or None, extension, PBX id
        or False, company id)]``, the values about to be written, checked
        before anything is written."""
        if not planned:
            return
        ids = [user_id for user_id, *_rest in planned if user_id]
        # sudo: an extension is unique among all users of a PBX, also those
        # of companies the person assigning it cannot see
        holders = self.sudo().search(
            [
                ("cs_extension", "in", list({p[1] for p in planned})),
                ("id", "not in", ids),
            ]
        )
        effective = holders._cs_effective_pbx()
        Server = self.env["cs.pbx.server"].sudo()
        defaults = Server._cs_default_for(
            self.env["res.company"].browse({p[3] for p in planned if not p[2]})
        )
        taken = {(h.cs_extension, effective[h.id].id) for h in holders}
        for _user_id, extension, pbx_id, company_id in planned:
            pbx = Server.browse(pbx_id) if pbx_id else defaults[company_id]
            if (extension, pbx.id) in taken:
                raise ValidationError(
                    self.env._(
                        "PBX Extension: %(extension)s is already used by another "
                        "active user on %(pbx)s (an extension without a PBX is on "
                        "the default PBX).",
                        extension=extension,
                        pbx=pbx.name or self.env._("the default PBX"),
                    )
                )
            taken.add((extension, pbx.id))

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

    # -- home ----------------------------------------------------------------
    def _cs_is_service_staff(self):
        self.ensure_one()
        return not self.share and (
            self.has_group("cs_callcenter.group_agent")
            or self.has_group("cs_callcenter.group_fee_officer")
        )

    @api.model
    def _cs_home_action(self):
        """The screen the current user lands on in the Customer Service app:
        an agent's (or fee officer's) queue. Modules give other roles their
        own home with super() (the dashboard for supervisors)."""
        return self.env["ir.actions.actions"]._for_xml_id(
            "cs_callcenter.cs_agent_home_action"
        )

    # -- progress of long runs -----------------------------------------------------
    def _cs_notify_progress(self, key, title, done, total):
        """Tell this user's browser how far a long run is (the progress
        notification of ``cs_progress_service``): ``done`` of ``total``.

        A bus notification leaves when its transaction commits, and a long
        run is one transaction: the progress is sent in a short transaction
        of its own, so it arrives while the run goes on. Tests run in one
        transaction that is never committed: there it is sent in theirs."""
        self.ensure_one()
        payload = {"key": key, "title": title, "done": done, "total": total}
        # While modules install (demo data starting a campaign) the install's
        # transaction holds locks (new columns of res_users...) that a second
        # cursor would wait for forever: it is sent in the same transaction.
        if (
            odoo_module.current_test
            or self.env.registry.in_test_mode()
            or not self.env.registry.ready
        ):
            self.partner_id._bus_send("cs_callcenter/progress", payload)
            return
        with self.env.registry.cursor() as cr:
            self.partner_id.with_env(self.env(cr=cr))._bus_send(
                "cs_callcenter/progress", payload
            )
