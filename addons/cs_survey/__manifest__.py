# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Service Surveys",
    "summary": "Satisfaction surveys (CSAT, NPS, CES) with a closed loop",
    "version": "18.0.1.2.0",
    "license": "AGPL-3",
    "author": "Customer Service Suite contributors",
    "website": "https://github.com/cs-suite/odoo-customer-service",
    "category": "Customer Service",
    "depends": ["cs_helpdesk", "survey"],
    "data": [
        "security/cs_survey_security.xml",
        "security/ir.model.access.csv",
        "data/survey_survey_data.xml",
        "data/cs_survey_data.xml",
        "views/cs_survey_invitation_views.xml",
        "views/cs_survey_report_views.xml",
        "views/survey_views.xml",
        "views/cs_survey_menus.xml",
        "report/cs_survey_reports.xml",
        "wizards/cs_survey_statistics_export_views.xml",
        "views/cs_quiz_views.xml",
    ],
    "demo": ["demo/cs_survey_demo.xml", "demo/cs_survey_quiz_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "cs_survey/static/src/**/*",
        ],
        "web.assets_tests": [
            "cs_survey/static/tests/tours/*.js",
        ],
    },
}
