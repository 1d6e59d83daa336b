# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Test helpers shared by the suite's modules.

``CsRolesCase`` creates one user per Customer Service role and offers menu
assertions that go through the real ``ir.ui.menu`` visibility computation and
the real access rights of the action's model, as that user.
"""

from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools.safe_eval import safe_eval


class CsRolesCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="cs_agent",
            name="CS Agent",
            groups="cs_callcenter.group_agent",
        )
        cls.supervisor = new_test_user(
            cls.env,
            login="cs_supervisor",
            name="CS Supervisor",
            groups="cs_callcenter.group_supervisor",
        )
        cls.manager = new_test_user(
            cls.env,
            login="cs_manager",
            name="CS Manager",
            groups="cs_callcenter.group_manager",
        )
        # Partner systems log in as portal users with the Integration role:
        # they reach the suite only through cs.api.
        cls.integration = new_test_user(
            cls.env,
            login="cs_integration",
            name="CS Integration",
            groups="base.group_portal,cs_callcenter.group_integration",
        )
        cls.fee_officer = new_test_user(
            cls.env,
            login="cs_fee_officer",
            name="CS Fee Officer",
            groups="cs_callcenter.group_fee_officer",
        )

    @classmethod
    def _add_mailless_staff(cls, prefix, label=""):
        """``cls.mailless_agent`` and ``cls.mailless_supervisor``, without an
        e-mail address: many call-center staff have no mailbox. Logins
        ``<prefix>_agent`` and ``<prefix>_supervisor``."""
        for role in ("agent", "supervisor"):
            user = new_test_user(
                cls.env,
                login=f"{prefix}_{role}",
                name=f"{label}{role.title()} Without Mail",
                groups=f"cs_callcenter.group_{role}",
                email=False,
            )
            setattr(cls, f"mailless_{role}", user)

    def _reachable(self, user, xmlid):
        """Whether ``user`` reaches the menu: it and all its ancestors are
        visible, as the web client builds its menu tree from the root."""
        menu = self.env.ref(xmlid)
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        path = [int(part) for part in menu.parent_path.split("/") if part]
        return all(menu_id in visible for menu_id in path)

    def assertMenuVisible(self, user, xmlid):
        self.assertTrue(
            self._reachable(user, xmlid), f"{user.login} should see {xmlid}"
        )

    def assertMenuHidden(self, user, xmlid):
        self.assertFalse(
            self._reachable(user, xmlid), f"{user.login} should not see {xmlid}"
        )

    def assertCanOpen(self, user, xmlid):
        """The menu is visible and its window action loads records for ``user``."""
        self.assertMenuVisible(user, xmlid)
        action = self.env.ref(xmlid).action
        self.assertTrue(action, f"{xmlid} has no action")
        model = self.env[action.res_model].with_user(user)
        self.assertTrue(
            model.has_access("read"), f"{user.login} cannot read {model._name}"
        )
        model.search(self.action_domain(action), limit=5)

    def action_domain(self, action):
        return safe_eval(action.domain or "[]", action._get_eval_context())


def contact_by_visit(tasks):
    """Document a visit on callback ``tasks``: an outcome other than
    Unreachable needs a contact (a call attempt or a documented other
    contact); the rule itself is tested in test_callback_contact."""
    # sudo: fixture data, whoever the test acts as afterwards
    tasks.sudo().write(
        {"other_contact": "visit", "other_contact_note": "Met at the estate office"}
    )
