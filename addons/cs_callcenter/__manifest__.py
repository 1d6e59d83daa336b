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
    "depends": ["base", "mail", "contacts", "phone_validation", "resource"],
    "data": [
        "security/cs_callcenter_security.xml",
        "views/cs_callcenter_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "cs_callcenter/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
