# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Extensions: assigned by a Customer Service Manager only, unique among the
active users of a PBX (an extension without a PBX is on the default PBX),
never held by or rung to Portal and Integration users."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CsRolesCase


@tagged("post_install", "-at_install")
class TestExtension(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Server = cls.env["cs.pbx.server"]
        # the default PBX comes first; deactivate any other of the database
        Server.search([]).active = False
        cls.default_pbx = Server.create(
            {"name": "Main", "host": "pbx1.example.com", "username": "u", "sequence": 1}
        )
        cls.other_pbx = Server.create(
            {
                "name": "Branch",
                "host": "pbx2.example.com",
                "username": "u",
                "sequence": 2,
            }
        )
        cls.colleague = new_test_user(
            cls.env,
            login="cs_ext_colleague",
            name="Colleague",
            groups="cs_callcenter.group_agent",
        )
        cls.colleague.write(
            {"cs_extension": "8001", "cs_pbx_server_id": cls.default_pbx.id}
        )
        cls.employee = new_test_user(cls.env, login="cs_ext_employee")
        cls.portal = new_test_user(
            cls.env, login="cs_ext_portal", groups="base.group_portal"
        )

    # -- who may assign ------------------------------------------------------------
    def test_nobody_sets_their_own_extension_but_a_manager(self):
        for user in (
            self.agent,
            self.supervisor,
            self.employee,
            self.fee_officer,
            self.portal,
            self.integration,
        ):
            for values in (
                {"cs_extension": "8100"},
                {"cs_pbx_server_id": self.other_pbx.id},
            ):
                with (
                    self.subTest(user=user.login, values=values),
                    self.assertRaises(AccessError) as error,
                ):
                    user.with_user(user).write(values)
                self.assertIn("Customer Service Manager", str(error.exception))
        self.assertFalse(self.agent.cs_extension)
        self.assertFalse(self.agent.cs_pbx_server_id)
        # their preferences still save, and show the extension
        self.agent.with_user(self.agent).write({"tz": "Asia/Shanghai"})
        self.manager.with_user(self.manager).write({"cs_extension": "8200"})
        self.assertEqual(self.manager.cs_extension, "8200")

    def test_only_a_manager_sets_a_colleagues_extension(self):
        for user in (self.agent, self.supervisor, self.employee, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.colleague.with_user(user).write({"cs_pbx_server_id": False})
        self.assertEqual(self.colleague.cs_pbx_server_id, self.default_pbx)
        self.colleague.with_user(self.manager).write(
            {"cs_extension": "8101", "cs_pbx_server_id": self.other_pbx.id}
        )
        self.assertEqual(self.colleague.cs_extension, "8101")
        # a user created with an extension: by a manager only (here an
        # administrator of users who is not a Customer Service Manager)
        user_admin = new_test_user(
            self.env, login="cs_ext_user_admin", groups="base.group_erp_manager"
        )
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(user_admin).create(
                {"name": "New", "login": "cs_ext_new", "cs_extension": "8102"}
            )

    def test_a_manager_cannot_reach_users_of_other_companies(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        stranger = new_test_user(
            self.env,
            login="cs_ext_stranger",
            groups="cs_callcenter.group_agent",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        with self.assertRaises(AccessError):
            stranger.with_user(self.manager).write({"cs_extension": "8300"})
        self.assertFalse(stranger.cs_extension)

    # -- unique per PBX ------------------------------------------------------------
    def test_unique_among_active_users_of_a_pbx(self):
        manager = self.env["res.users"].with_user(self.manager)
        agent = manager.browse(self.agent.id)
        with self.assertRaises(ValidationError):
            agent.write(
                {"cs_extension": "8001", "cs_pbx_server_id": self.default_pbx.id}
            )
        # the attack of today: the same extension with the PBX field cleared
        # is on the default PBX, that is the colleague's
        with self.assertRaises(ValidationError) as error:
            agent.write({"cs_extension": "8001", "cs_pbx_server_id": False})
        self.assertIn("8001", str(error.exception))
        # ...also the other way round, and for the superuser
        with self.assertRaises(ValidationError):
            self.colleague.write({"cs_pbx_server_id": False})
            self.agent.write(
                {"cs_extension": "8001", "cs_pbx_server_id": self.default_pbx.id}
            )
        # another PBX: another phone
        agent.write({"cs_extension": "8001", "cs_pbx_server_id": self.other_pbx.id})
        with self.assertRaises(ValidationError):
            agent.write({"cs_pbx_server_id": False})
        # an archived colleague's extension can go to their successor
        self.colleague.active = False
        agent.write({"cs_pbx_server_id": self.default_pbx.id})
        with self.assertRaises(ValidationError):
            self.colleague.active = True

    def test_extension_format(self):
        manager = self.env["res.users"].with_user(self.manager)
        for bad in ("8001&PJSIP/9000", "trunk/0085221234567", "8001@trunk", " 8001"):
            with self.subTest(extension=bad), self.assertRaises(ValidationError):
                manager.browse(self.agent.id).cs_extension = bad

    def test_portal_and_integration_users_hold_no_extension(self):
        for user in (self.portal, self.integration):
            with self.subTest(user=user.login), self.assertRaises(ValidationError):
                user.cs_extension = "8400"  # not even by the superuser

    def test_pbx_of_another_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.other_pbx.company_id = other
        with self.assertRaises(ValidationError):
            self.agent.write(
                {"cs_extension": "8500", "cs_pbx_server_id": self.other_pbx.id}
            )

    # -- who is rung ---------------------------------------------------------------
    def test_calls_ring_only_agents_on_their_pbx(self):
        Users = self.env["res.users"]
        self.agent.write({"cs_extension": "8002"})  # no PBX: the default one
        self.supervisor.write(
            {"cs_extension": "8003", "cs_pbx_server_id": self.other_pbx.id}
        )
        self.employee.write({"cs_extension": "8004"})  # not an agent
        found = Users._cs_by_extension(
            self.default_pbx, {"8001", "8002", "8003", "8004"}
        )
        self.assertEqual(found, {"8001": self.colleague, "8002": self.agent})
        found = Users._cs_by_extension(self.other_pbx, {"8001", "8002", "8003"})
        self.assertEqual(found, {"8003": self.supervisor})
        self.assertEqual(self.agent._cs_pbx_server(), self.default_pbx)
        # an agent made portal, or given the Integration role, is never rung
        self.agent.groups_id = [Command.set(self.env.ref("base.group_portal").ids)]
        self.colleague.groups_id = [
            Command.link(self.env.ref("cs_callcenter.group_integration").id)
        ]
        self.assertEqual(Users._cs_by_extension(self.default_pbx, {"8001", "8002"}), {})
