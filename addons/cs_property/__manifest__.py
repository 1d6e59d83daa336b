# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Service Property",
    "summary": "Estates, units, occupants, property-fee billing and dunning",
    "version": "18.0.2.0.0",
    "license": "AGPL-3",
    "author": "Customer Service Suite contributors",
    "website": "https://github.com/cs-suite/odoo-customer-service",
    "category": "Customer Service",
    "depends": ["cs_survey", "account", "account_credit_control", "sms"],
    "data": [
        "security/cs_property_security.xml",
        "security/ir.model.access.csv",
        "data/cs_property_data.xml",
        "views/cs_estate_views.xml",
        "views/cs_unit_views.xml",
        "views/cs_fee_item_views.xml",
        "views/cs_billing_run_views.xml",
        "views/cs_property_menus.xml",
        "views/cs_property_portal_templates.xml",
        "report/cs_fee_notice_report.xml",
        "security/cs_collection_security.xml",
        "data/cs_collection_policy_data.xml",
        "views/cs_collection_views.xml",
        "views/cs_collection_menus.xml",
        "report/cs_credit_notice_report.xml",
        # late fees and fee reports (issue 14 §5, §8)
        "security/cs_late_fee_security.xml",
        "data/cs_late_fee_data.xml",
        "views/cs_late_fee_views.xml",
        "views/cs_arrears_report_views.xml",
        "report/cs_fee_xlsx_reports.xml",
        "report/cs_fee_notice_late_fee.xml",
        "views/cs_late_fee_portal_templates.xml",
    ],
    "demo": ["demo/cs_property_demo.xml", "demo/cs_collection_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "cs_property/static/src/**/*",
            # tours are test assets only
            ("remove", "cs_property/static/src/tours/**/*"),
        ],
        "web.assets_tests": [
            "cs_property/static/tests/tours/*.js",
            "cs_property/static/src/tours/*.js",
        ],
    },
}
