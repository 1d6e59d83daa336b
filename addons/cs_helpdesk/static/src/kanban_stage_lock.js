/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {KanbanRecord} from "@web/views/kanban/kanban_record";
import {patch} from "@web/core/utils/patch";

/**
 * A complaint's card cannot be dragged to another stage.
 *
 * The stage of a complaint follows its step (cs_stage_follows_step): the
 * server refuses a stage written by hand (helpdesk.ticket
 * _cs_check_stage_write), so on a ticket kanban grouped by stage the card of
 * such a ticket is not draggable — the board no longer offers a move that
 * ends in an error. Other tickets, and every ticket on a board grouped by
 * anything else, move as before. Needs cs_stage_follows_step in the kanban
 * arch (cs_helpdesk.helpdesk_ticket_view_kanban).
 */
patch(KanbanRecord.prototype, {
    getRecordClasses() {
        const classes = super.getRecordClasses();
        const {list, record} = this.props;
        const locked =
            record.resModel === "helpdesk.ticket" &&
            record.data.cs_stage_follows_step &&
            list.isGrouped &&
            list.groupByField?.name === "stage_id";
        if (!locked) {
            return classes;
        }
        const kept = classes.split(" ").filter((name) => name !== "o_draggable");
        return [...kept, "o_cs_stage_locked"].join(" ");
    },
});
