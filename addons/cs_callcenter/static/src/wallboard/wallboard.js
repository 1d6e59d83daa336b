/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component, onMounted, onPatched, onWillStart, onWillUnmount, useRef, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {deserializeDateTime} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const {DateTime} = luxon;

/** "m:ss" or "h:mm:ss" of a number of seconds. */
export function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const ss = String(s % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

const AGENT_ORDER = ["talking", "hold", "ringing", "wrapup", "idle", "offline"];

/** A row with its times parsed once (milliseconds), not at every tick. */
function withTimes(row) {
    row.sinceMs = row.since ? deserializeDateTime(row.since).toMillis() : null;
    row.startMs = row.start ? deserializeDateTime(row.start).toMillis() : null;
    return row;
}

/**
 * The wallboard (实时监控): calls waiting (longest first, red past the
 * service-level threshold), calls in progress per agent with Listen /
 * Whisper / Barge, agents by state, today's figures. Loaded from
 * ``cs.call.live.cs_wallboard_data`` (the snapshot tables the PBX listener
 * upserts), then kept up to date by the listener's rate-limited bus
 * notifications ``cs_callcenter/live`` (only what changed). A one-second
 * clock ticks the durations locally: no request per second.
 */
export class CsWallboard extends Component {
    static template = "cs_callcenter.Wallboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.busService = useService("bus_service");
        this.root = useRef("root");
        this.state = useState({
            loaded: false,
            forbidden: false,
            calls: {},
            agents: {},
            figures: {},
            canMonitor: false,
            fullscreen: false,
            now: Date.now(),
            liveUpdates: 0,
            renderMs: 0,
        });
        this.companyIds = new Set();
        this.onLive = this.onLive.bind(this);
        this.onFullscreenChange = () => {
            this.state.fullscreen = Boolean(document.fullscreenElement);
        };
        onWillStart(() => this.load());
        onMounted(() => {
            this.busService.subscribe("cs_callcenter/live", this.onLive);
            this.timer = setInterval(() => {
                this.state.now = Date.now() + (this.offset || 0);
            }, 1000);
            document.addEventListener("fullscreenchange", this.onFullscreenChange);
        });
        onPatched(() => {
            if (this.receivedAt) {
                this.state.renderMs = Math.round(performance.now() - this.receivedAt);
                this.receivedAt = null;
            }
        });
        onWillUnmount(() => {
            this.busService.unsubscribe("cs_callcenter/live", this.onLive);
            clearInterval(this.timer);
            document.removeEventListener("fullscreenchange", this.onFullscreenChange);
        });
    }

    async load() {
        const data = await this.orm.call("cs.call.live", "cs_wallboard_data", []);
        if (data.forbidden) {
            this.state.forbidden = true;
            this.state.loaded = true;
            return;
        }
        // the server's clock decides how long a caller has waited
        this.offset = deserializeDateTime(data.now).diff(DateTime.now()).as("milliseconds");
        this.companyIds = new Set(data.company_ids);
        this.state.calls = Object.fromEntries(data.calls.map((c) => [c.id, withTimes(c)]));
        this.state.agents = Object.fromEntries(data.agents.map((a) => [a.id, withTimes(a)]));
        this.state.figures = data.figures;
        this.state.canMonitor = data.can_monitor;
        this.state.now = Date.now() + this.offset;
        this.state.loaded = true;
    }

    /** A listener notification: apply what changed. */
    onLive(payload) {
        if (!this.companyIds.has(payload.company_id)) {
            return;
        }
        this.receivedAt = performance.now();
        const calls = {...this.state.calls};
        for (const id of payload.removed_calls) {
            delete calls[id];
        }
        for (const call of payload.calls) {
            calls[call.id] = withTimes(call);
        }
        const agents = {...this.state.agents};
        for (const id of payload.removed_agents) {
            delete agents[id];
        }
        for (const agent of payload.agents) {
            agents[agent.id] = withTimes(agent);
        }
        this.state.calls = calls;
        this.state.agents = agents;
        if (this.companyIds.size === 1) {
            // several companies: their figures come summed from the server only
            this.state.figures = payload.figures;
        }
        this.state.liveUpdates++;
    }

    seconds(ms) {
        return ms ? (this.state.now - ms) / 1000 : 0;
    }

    elapsed(ms) {
        return ms ? clock(this.seconds(ms)) : "";
    }

    get waiting() {
        return Object.values(this.state.calls)
            .filter((c) => c.direction === "inbound" && ["queued", "ringing"].includes(c.state))
            .sort((a, b) => (a.start || "").localeCompare(b.start || ""));
    }

    get inProgress() {
        return Object.values(this.state.calls)
            .filter((c) => ["talking", "hold"].includes(c.state))
            .sort((a, b) => (a.agent || a.extension).localeCompare(b.agent || b.extension));
    }

    get agentGroups() {
        const groups = Object.fromEntries(AGENT_ORDER.map((s) => [s, []]));
        for (const agent of Object.values(this.state.agents)) {
            (groups[agent.state] || groups.idle).push(agent);
        }
        return AGENT_ORDER.map((state) => ({
            state,
            label: this.agentStateLabel(state),
            agents: groups[state].sort((a, b) => (a.since || "").localeCompare(b.since || "")),
        }));
    }

    get longestWait() {
        const first = this.waiting[0];
        return first ? this.elapsed(first.startMs) : "-";
    }

    isLate(call) {
        return this.seconds(call.startMs) > (this.state.figures.threshold || 15);
    }

    agentStateLabel(state) {
        return {
            idle: _t("Idle"),
            ringing: _t("Ringing"),
            talking: _t("Talking"),
            hold: _t("On Hold"),
            wrapup: _t("Wrap-up"),
            offline: _t("Offline"),
        }[state];
    }

    callStateLabel(state) {
        return {
            ringing: _t("Ringing"),
            queued: _t("Waiting in Queue"),
            talking: _t("Talking"),
            hold: _t("On Hold"),
        }[state];
    }

    async monitor(call, mode) {
        const result = await this.orm.call("cs.call", "action_cs_monitor", [[call.call_id], mode]);
        if (result) {
            await this.action.doAction(result);
        }
    }

    openCall(call) {
        if (call.call_id) {
            this.action.doAction({
                type: "ir.actions.act_window",
                res_model: "cs.call",
                res_id: call.call_id,
                views: [[false, "form"]],
                target: "current",
            });
        }
    }

    toggleFullscreen() {
        if (document.fullscreenElement) {
            document.exitFullscreen();
        } else if (this.root.el.requestFullscreen) {
            this.root.el.requestFullscreen().catch(() => {
                // refused (no user gesture, iframe): fill the window instead
                this.state.fullscreen = !this.state.fullscreen;
            });
        } else {
            this.state.fullscreen = !this.state.fullscreen;
        }
    }
}

registry.category("actions").add("cs_callcenter.wallboard", CsWallboard);
