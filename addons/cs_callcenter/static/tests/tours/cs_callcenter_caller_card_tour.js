/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// The card is fed the real lookup_caller result, as the bus would deliver it
// (TestCursor drops the post-commit hook that pushes bus messages).
async function ring(number) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const card = await env.services.orm.call("cs.api", "lookup_caller", [number]);
    const [call] = await env.services.orm.searchRead("cs.call", [["number", "=", number]], ["id"]);
    card.call_id = call.id;
    env.services.cs_caller_card.show(card);
}

registry.category("web_tour.tours").add("cs_callcenter_caller_card", {
    url: "/odoo",
    steps: () => [
        {
            content: "A known customer calls",
            trigger: ".o_main_navbar",
            run: () => ring("13812345678"),
        },
        {
            content: "The card names the caller and the last call",
            trigger: ".o_cs_caller_card:contains(Card Customer):contains(inbound)",
        },
        {
            content: "Open the contact from the card",
            trigger: ".o_cs_caller_card button:contains(Open contact)",
            run: "click",
        },
        {
            content: "The caller's contact is open",
            trigger: ".o_form_view .o_breadcrumb .active:contains(Card Customer)",
        },
        {
            content: "An unknown number calls",
            trigger: ".o_main_navbar",
            run: () => ring("13900000000"),
        },
        {
            trigger: ".o_cs_caller_card:contains(Unknown number)",
        },
        {
            content: "Create the contact from the card",
            trigger: ".o_cs_caller_card button:contains(Create contact)",
            run: "click",
        },
        {
            content: "The number is filled in (Odoo formats it internationally)",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run() {
                if (!this.anchor.value.replace(/\D/g, "").endsWith("13900000000")) {
                    throw new Error(`phone is ${this.anchor.value}`);
                }
            },
        },
    ],
});
