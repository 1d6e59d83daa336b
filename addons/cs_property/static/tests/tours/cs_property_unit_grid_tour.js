/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// An agent opens a building's unit grid: floors in rows, a tile per unit,
// the unit with overdue fees framed in red; a tile opens the unit.
registry.category("web_tour.tours").add("cs_property_unit_grid", {
    steps: () => [
        {
            content: "Open the building",
            trigger: ".o_list_view .o_data_row:contains(Grid Garden) td[name=name]",
            run: "click",
        },
        {
            content: "Open its unit grid",
            trigger: "button[name=action_unit_grid]",
            run: "click",
        },
        {
            content: "The unit with arrears is framed in red",
            trigger: ".o_kanban_record .border-danger:contains(G-1)",
        },
        {
            content: "The vacant unit is not",
            trigger: ".o_kanban_record .bg-light:not(.border-danger):contains(G-2)",
        },
        {
            content: "Open the unit",
            trigger: ".o_kanban_record:contains(G-1)",
            run: "click",
        },
        {
            content: "Its form shows the overdue amount",
            trigger: ".o_field_widget[name=overdue]:contains(200.00)",
        },
    ],
});
