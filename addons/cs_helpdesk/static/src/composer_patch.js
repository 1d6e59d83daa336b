/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Composer} from "@mail/core/common/composer";
import {patch} from "@web/core/utils/patch";

/**
 * A refused post keeps the composer usable.
 *
 * The composer turns read-only while it posts and only turns back when the
 * post succeeds: when the server refuses the message (a forbidden phrase in
 * a reply to the customer, cs_helpdesk's message_post), the error dialog is
 * shown and the composer stayed read-only with the text in it, so the agent
 * could neither correct nor send it. Here it turns back to editable as soon
 * as the post fails, keeping the text; the error goes on to the dialog.
 */
patch(Composer.prototype, {
    async processMessage(cb) {
        return super.processMessage(async (value) => {
            try {
                return await cb(value);
            } catch (error) {
                this.state.active = true;
                throw error;
            }
        });
    },
});
