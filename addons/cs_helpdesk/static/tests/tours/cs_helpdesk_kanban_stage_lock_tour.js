/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// On the ticket board grouped by stage, a complaint's card is not draggable
// (its stage follows its step); an inquiry's card is.
registry.category("web_tour.tours").add("cs_helpdesk_kanban_stage_lock", {
    steps: () => [
        {
            content: "The board is grouped by stage",
            trigger: ".o_kanban_renderer .o_kanban_group",
        },
        {
            content: "The inquiry's card can be dragged",
            trigger: ".o_kanban_record.o_draggable:contains(Tour inquiry about parking)",
        },
        {
            content: "The complaint's card cannot",
            trigger:
                ".o_kanban_record.o_cs_stage_locked:not(.o_draggable):contains(Tour complaint about the lift)",
        },
    ],
});
