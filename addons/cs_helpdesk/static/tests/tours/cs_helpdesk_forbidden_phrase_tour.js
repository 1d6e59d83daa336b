/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// An agent's reply with a forbidden phrase is refused; the agent corrects
// the text in the same composer and sends it.
registry.category("web_tour.tours").add("cs_helpdesk_forbidden_phrase_reply", {
    steps: () => [
        {
            content: "Reply to the customer",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit Sorry TOUR-FORBIDDEN now",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The server refuses the phrase",
            trigger: ".modal:contains(forbidden phrase)",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The composer is editable again, with the text kept",
            trigger: ".o-mail-Composer-input:not([readonly]):value(Sorry TOUR-FORBIDDEN now)",
            run: "edit What we can do for you is TOUR-FIXED",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The corrected reply is sent",
            trigger: ".o-mail-Message-body:contains(TOUR-FIXED)",
        },
    ],
});
