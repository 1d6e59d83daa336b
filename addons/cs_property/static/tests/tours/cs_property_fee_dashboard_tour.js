/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A Fee Officer opens the Fee Dashboard: the fee card opens the arrears
// aging.
registry.category("web_tour.tours").add("cs_property_fee_dashboard", {
    steps: () => [
        {
            content: "The fee card shows the arrears",
            trigger: ".o_cs_fee_card .o_cs_fee_arrears",
        },
        {
            content: "One unit in arrears",
            trigger: ".o_cs_fee_card .small:contains(1 units)",
        },
        {
            content: "Open the arrears aging",
            trigger: ".o_cs_fee_card .card",
            run: "click",
        },
        {
            content: "The aging pivot is shown",
            trigger: ".o_pivot",
        },
    ],
});
