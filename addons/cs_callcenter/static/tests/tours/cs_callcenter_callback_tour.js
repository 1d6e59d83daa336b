/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// An agent opens their callback queue, reads the script, records what the
// customer said and how they were reached (WeChat) and finishes the callback
// as satisfied.
registry.category("web_tour.tours").add("cs_callcenter_callback", {
    steps: () => [
        {
            content: "The customer waits in my queue",
            trigger: ".o_list_view .o_data_row td:contains(Tour Owner)",
            run: "click",
        },
        {
            content: "The campaign's script is on the form",
            trigger: ".o_field_widget[name=script]:contains(Are you satisfied)",
        },
        {
            content: "Satisfied: 4 out of 5",
            trigger: ".o_field_widget[name=satisfaction] input[data-value='4']",
            run: "click",
        },
        {
            content: "Their suggestion",
            trigger: ".o_field_widget[name=suggestion] textarea",
            run: "edit Light the stairs at night",
        },
        {
            content: "Reached on WeChat, not by a call from here",
            trigger: ".o_field_widget[name=other_contact] select",
            run: 'select "wechat"',
        },
        {
            content: "What happened: a contact needs its record",
            trigger: ".o_field_widget[name=other_contact_note] textarea",
            run: "edit Replied to our WeChat message at 10:20",
        },
        {
            content: "Finish as satisfied",
            trigger: "button[name=action_satisfied]",
            run: "click",
        },
        {
            content: "The callback is finished",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=done]",
        },
    ],
});
