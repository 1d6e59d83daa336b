# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Service Helpdesk",
    "summary": "Complaint workflow, dispatch, SLA and KPIs on helpdesk tickets",
    "version": "18.0.1.2.0",
    "license": "AGPL-3",
    "author": "Customer Service Suite contributors",
    "website": "https://github.com/cs-suite/odoo-customer-service",
    "category": "Customer Service",
    "depends": ["cs_callcenter", "helpdesk_mgmt", "hr", "report_xlsx", "document_page"],
    "data": [
        "security/cs_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_ticket_channel_data.xml",
        "data/cs_forbidden_phrase_data.xml",
        "data/cs_sla_data.xml",
        "wizards/cs_ticket_dispatch_views.xml",
        "report/cs_helpdesk_reports.xml",
        "wizards/cs_complaint_register_views.xml",
        "views/cs_sla_policy_views.xml",
        "views/cs_helpdesk_menus.xml",
        "views/helpdesk_ticket_views.xml",
        "views/cs_forbidden_phrase_views.xml",
        "views/helpdesk_ticket_kpi_views.xml",
        "views/helpdesk_ticket_portal_templates.xml",
        "views/cs_callback_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/document_page_views.xml",
        "views/cs_knowledge_briefing_views.xml",
        "report/cs_knowledge_reports.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "demo": ["demo/cs_knowledge_demo.xml", "demo/cs_helpdesk_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "cs_helpdesk/static/src/**/*",
        ],
        "web.assets_tests": [
            "cs_helpdesk/static/tests/tours/*.js",
        ],
    },
}
