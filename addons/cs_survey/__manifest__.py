# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Service Surveys",
    "summary": "Satisfaction surveys (CSAT, NPS, CES) with a closed loop",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "Customer Service Suite contributors",
    "website": "https://github.com/cs-suite/odoo-customer-service",
    "category": "Customer Service",
    "depends": ["cs_helpdesk", "survey"],
    "data": ["security/cs_survey_security.xml", "views/cs_survey_menus.xml"],
}
