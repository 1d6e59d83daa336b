/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const SUGGESTED = ".o_field_widget[name=cs_suggested_article_ids]";

// An agent on the phone finds the answer from the ticket form: the suggested
// article, its answer and script, then "This answered it".
registry.category("web_tour.tours").add("cs_helpdesk_knowledge_answer", {
    steps: () => [
        {
            content: "Open the knowledge page of the ticket",
            trigger: "a[name=cs_knowledge]",
            run: "click",
        },
        {
            content: "The article on parking fees is suggested first",
            trigger: `${SUGGESTED} .o_data_row:first-child:contains(停车费缴纳方式)`,
        },
        {
            content: "Show its answer and script",
            trigger: `${SUGGESTED} .o_data_row:contains(停车费缴纳方式) button[name=action_cs_show]`,
            run: "click",
        },
        {
            content: "The answer",
            trigger: ".modal .o_cs_article_answer:contains(业主APP)",
        },
        {
            content: "The script to read",
            trigger: ".modal .o_cs_article_script:contains(扫码就能付)",
        },
        {
            content: "This answered it",
            trigger: ".modal button[name=action_cs_answered_it]",
            run: "click",
        },
        {
            content: "The article is linked to the ticket",
            trigger: ".o_field_widget[name=cs_article_ids] .o_data_row:contains(停车费缴纳方式)",
        },
    ],
});
