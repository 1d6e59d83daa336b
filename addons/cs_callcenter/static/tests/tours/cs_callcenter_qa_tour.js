/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// An agent reads the quality review of their call, answers and acknowledges it.
registry.category("web_tour.tours").add("cs_callcenter_qa_acknowledge", {
    steps: () => [
        {
            content: "My review is listed",
            trigger: ".o_list_view .o_data_row td:contains(Tour Agent QA)",
            run: "click",
        },
        {
            content: "The score counts the failed fatal item's weight",
            trigger: ".o_form_view .o_field_widget[name=score]:contains(80)",
        },
        {
            content: "My answer",
            trigger: ".o_field_widget[name=agent_comment] textarea",
            run: "edit I will rephrase that.",
        },
        {
            content: "Acknowledge",
            trigger: "button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "Acknowledged",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=acknowledged]",
        },
    ],
});
