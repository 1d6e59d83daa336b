/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

// The knowledge articles of the caller card (``knowledge_articles``: the public
// approved articles best matching the caller's open tickets), one button each:
// the agent opens the answer while the customer is still on the line.
registry
    .category("cs_caller_card_buttons")
    .add("cs_helpdesk.knowledge_articles", (card, env) =>
        (card.knowledge_articles || []).map((article) => ({
            name: _t("Article: %s", article.title),
            onClick: () =>
                env.services.action.doAction({
                    type: "ir.actions.act_window",
                    res_model: "document.page",
                    res_id: article.id,
                    views: [[false, "form"]],
                    target: "current",
                }),
        }))
    );
