/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";

/**
 * The wallboard updating live: once the board is open, the test (Python side)
 * lets the PBX listener's code publish a simulated call waiting in a queue.
 * Its bus message is stored in bus_bus; TestCursor drops the post-commit
 * NOTIFY, so the tour asks the websocket to subscribe again, which delivers
 * the stored messages through the real bus.
 */
async function callArrives() {
    const env = odoo.__WOWL_DEBUG__.root.env;
    await env.services.orm.write("res.users", [user.userId], {
        signature: "<p>cs-wallboard-ready</p>",
    });
    for (let i = 0; i < 60; i++) {
        if (document.querySelector(".o_cs_wb_call")) {
            return;
        }
        env.services.bus_service.forceUpdateChannels();
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

registry.category("web_tour.tours").add("cs_callcenter_wallboard", {
    steps: () => [
        {
            content: "The board is open, nobody waits",
            trigger: ".o_cs_wallboard .o_cs_wb_empty",
        },
        {
            content: "The agent is idle",
            trigger: ".o_cs_wb_state_idle .o_cs_wb_agent:contains(Board Agent)",
        },
        {
            content: "A call arrives in the support queue",
            trigger: ".o_cs_wallboard",
            run: callArrives,
        },
        {
            content: "The board shows the caller waiting, from the bus",
            trigger:
                ".o_cs_wallboard:not([data-live-updates='0']) .o_cs_wb_call:contains(13812345678):contains(support)",
        },
        {
            content: "The waiting count follows",
            trigger: ".o_cs_wb_waiting_count .o_cs_wb_value:contains(1)",
        },
        {
            content: "Full screen for the wall",
            trigger: ".o_cs_wb_fullscreen",
            run: "click",
        },
        {
            trigger: ".o_cs_wallboard.o_cs_wallboard_fullscreen, .o_cs_wallboard:fullscreen",
        },
    ],
});
