/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A supervisor reads the dashboard, changes the period and opens the
// breached tickets from their tile.
registry.category("web_tour.tours").add("cs_helpdesk_dashboard", {
    steps: () => [
        {
            content: "One breached ticket is counted",
            trigger: ".o_cs_kpi_breached .fs-2:contains(1)",
        },
        {
            content: "The team of the fixture is listed",
            trigger: ".o_cs_kpi_teams td:contains(Tour Desk)",
        },
        {
            content: "Look at the last 7 days",
            trigger: ".o_cs_dashboard_periods button:contains(7)",
            run: "click",
        },
        {
            trigger: ".o_cs_dashboard_periods button.btn-primary:contains(7)",
        },
        {
            content: "Open the breached tickets",
            trigger: ".o_cs_kpi_breached",
            run: "click",
        },
        {
            content: "The list shows the breached ticket only",
            trigger: ".o_list_view:not(:has(td:contains(Tour fine))) .o_data_row td:contains(Tour breach)",
        },
    ],
});
