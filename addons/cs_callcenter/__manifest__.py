# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Service Call Center",
    "summary": "Customer service center: staff roles, contact history, telephony",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "Customer Service Suite contributors",
    "website": "https://github.com/cs-suite/odoo-customer-service",
    "category": "Customer Service",
    "depends": [
        "base",
        "mail",
        "contacts",
        "phone_validation",
        "resource",
        "report_xlsx",
    ],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/cs_callcenter_security.xml",
        "security/ir.model.access.csv",
        "data/cs_call_data.xml",
        "data/cs_callback_data.xml",
        "data/cs_qa_data.xml",
        "report/cs_callcenter_reports.xml",
        "views/cs_callback_campaign_views.xml",
        "views/cs_callback_task_views.xml",
        "views/cs_qa_views.xml",
        "views/cs_callcenter_menus.xml",
        "views/cs_call_views.xml",
        "views/cs_call_agent_report_views.xml",
        "views/cs_pbx_server_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
    ],
    "demo": ["demo/cs_callcenter_demo.xml", "demo/cs_callcenter_cn_demo.xml"],
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_backend": [
            "cs_callcenter/static/src/**/*",
        ],
        "web.assets_tests": [
            "cs_callcenter/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
