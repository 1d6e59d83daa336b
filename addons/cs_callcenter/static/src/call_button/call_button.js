/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component, onWillStart} from "@odoo/owl";
import {ConfirmationDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {useService} from "@web/core/utils/hooks";
import {user} from "@web/core/user";

/**
 * Click-to-call button shown beside phone fields to agents: asks the PBX to
 * ring the agent's extension, then dial the number. The server answers with
 * a notification (or a confirmation request for do-not-call contacts).
 */
export class CsCallButton extends Component {
    static template = "cs_callcenter.CsCallButton";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.dialog = useService("dialog");
        onWillStart(async () => {
            this.isAgent = await user.hasGroup("cs_callcenter.group_agent");
        });
    }

    get number() {
        return this.props.record.data[this.props.name] || "";
    }

    async onClick(ev) {
        ev.stopPropagation();
        const record = this.props.record;
        if (record.isDirty && !record.isNew) {
            await record.save();
        }
        await this.placeCall(false);
    }

    async placeCall(force) {
        const record = this.props.record;
        const result = await this.orm.call("cs.call", "cs_click_to_call", [this.number], {
            res_model: record.resModel,
            res_id: record.resId || false,
            force,
        });
        if (result.confirm) {
            this.dialog.add(ConfirmationDialog, {
                body: result.confirm,
                confirm: () => this.placeCall(true),
                cancel: () => {},
            });
            return;
        }
        this.notification.add(result.message, {
            title: result.title,
            type: result.type,
            sticky: result.type === "danger",
        });
    }
}
