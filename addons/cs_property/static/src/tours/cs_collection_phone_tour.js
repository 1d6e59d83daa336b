/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// An agent of the estate's fee-reminder campaign opens their phone-level
// task (电话催缴), reads the statement to the payer and records a promise to
// pay with its date.
registry.category("web_tour.tours").add("cs_collection_phone", {
    steps: () => [
        {
            content: "The fee call of the payer",
            trigger: ".o_list_view .o_data_row td:contains(Tour Payer)",
            run: "click",
        },
        {
            content: "The statement of the unit is on the task",
            trigger: ".o_cs_task_statement td:contains(2026-01)",
        },
        {
            content: "The call script says never to cut utilities",
            trigger: ".o_field_widget[name=script]:contains(944)",
        },
        {
            content: "The payer promises to pay by a date",
            trigger: ".o_field_widget[name=cs_promise_date] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Record the promise",
            trigger: "button[name=action_cs_promise]",
            run: "click",
        },
        {
            content: "The call is finished",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=done]",
        },
    ],
});
