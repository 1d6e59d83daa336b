/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// The card is fed the real lookup_caller result, as the bus would deliver it
// (TestCursor drops the post-commit hook that pushes bus messages).
registry.category("web_tour.tours").add("cs_helpdesk_caller_card_knowledge", {
    url: "/odoo",
    steps: () => [
        {
            content: "A customer with an open ticket about parking calls",
            trigger: ".o_main_navbar",
            run: async () => {
                const env = odoo.__WOWL_DEBUG__.root.env;
                const card = await env.services.orm.call("cs.api", "lookup_caller", [
                    "13912345671",
                ]);
                const [call] = await env.services.orm.searchRead(
                    "cs.call",
                    [["number", "=", "13912345671"]],
                    ["id"]
                );
                card.call_id = call.id;
                env.services.cs_caller_card.show(card);
            },
        },
        {
            content: "The card offers the matching approved article",
            trigger: ".o_cs_caller_card button:contains(停车费缴纳方式)",
            run: "click",
        },
        {
            content: "The article opens with its script",
            trigger: ".o_form_view:contains(临时停车出口扫码就能付)",
        },
    ],
});
