/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A Fee Officer opens the January billing run of the estate, runs it, sees
// the invoices made and prints the fee notices (收费通知单) of the run.
registry.category("web_tour.tours").add("cs_property_billing", {
    steps: () => [
        {
            content: "The prepared run of January",
            trigger: ".o_list_view .o_data_row td:contains(2026-01 Tour Garden)",
            run: "click",
        },
        {
            content: "Run the period now",
            trigger: "button[name=action_run]",
            run: "click",
        },
        {
            content: "The run is done",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=done]",
        },
        {
            content: "It made one invoice per unit",
            trigger: "button[name=action_open_invoices] .o_stat_value:contains(3)",
        },
        {
            content: "The notices can be printed as one PDF",
            trigger: "button[name=action_print_notices]",
        },
        {
            content: "Show the fee notices of the run",
            trigger: "button[name=action_preview_notices]",
            run: "click",
        },
        {
            content: "The notices of the three units, with the amount in words",
            trigger: ":iframe .page:contains(T-2) .o_cs_total_words:contains(贰佰零伍元整)",
        },
        {
            content: "Print them",
            trigger: ".o_control_panel button:contains(Print)",
        },
    ],
});
