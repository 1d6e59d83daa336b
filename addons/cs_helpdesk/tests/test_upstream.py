# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""helpdesk_mgmt's own tests, run again with cs_helpdesk installed (its
record rules, its write guard, its /ticket/close): what cs_helpdesk changes
must not break the helpdesk it extends. Only the modules are imported, so
that the upstream classes are not collected here a second time; Odoo's
loader runs inherited test methods where ``allow_inherited_tests_method``
says so."""

from odoo.tests import tagged

from odoo.addons.helpdesk_mgmt.tests import (
    test_helpdesk_portal,
    test_helpdesk_ticket,
    test_helpdesk_ticket_team,
    test_res_partner,
)


@tagged("post_install", "-at_install")
class TestUpstreamTicket(test_helpdesk_ticket.TestHelpdeskTicket):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestUpstreamTicketTeam(test_helpdesk_ticket_team.TestHelpdeskTicketTeam):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestUpstreamPartner(test_res_partner.TestPartner):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestUpstreamPortal(test_helpdesk_portal.TestHelpdeskPortal):
    allow_inherited_tests_method = True
    # these two submit to helpdesk_mgmt's demo category, absent without demo
    # data; the closing, listing and access tests run
    test_submit_ticket_01 = None
    test_submit_ticket_02 = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # closing mails the customer: give the database a sender, as any
        # real server has (else mail_mail logs an error)
        cls.env.company.alias_domain_id = cls.env["mail.alias.domain"].create(
            {"name": "example.com", "default_from": "notifications"}
        )
