/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("cs_callcenter_click_to_call", {
    steps: () => [
        {
            content: "Click the call button beside the contact's phone",
            trigger: ".o_field_widget[name=phone] .o_cs_call_button",
            run: "click",
        },
        {
            content: "The contact asked not to be called: the agent is asked first",
            trigger: ".modal-body:contains(asked not to be called)",
        },
        {
            content: "Call anyway",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The agent is told to pick up the phone",
            trigger: ".o_notification:contains(Calling Tour Customer)",
        },
    ],
});
