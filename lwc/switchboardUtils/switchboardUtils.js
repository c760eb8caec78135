/**
 * Helpers shared by Switchboard's components: error messages, label formatting, durations and the
 * shape of Switchboard_Call__c messages (validated here, at the edge, before any component uses them).
 */

/**
 * Reduces one or more errors (Apex, UI API, JS) into a list of readable messages.
 * @param {Error|Object|Array} errors
 * @return {String[]}
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => !!error)
        .map((error) => {
            if (Array.isArray(error.body)) {
                return error.body.map((e) => e.message);
            }
            if (error.body && Array.isArray(error.body.pageErrors) && error.body.pageErrors.length) {
                return error.body.pageErrors.map((e) => e.message);
            }
            if (error.body && error.body.fieldErrors && Object.keys(error.body.fieldErrors).length) {
                return Object.values(error.body.fieldErrors)
                    .flat()
                    .map((e) => e.message);
            }
            if (error.body && typeof error.body.message === 'string') {
                return error.body.message;
            }
            if (typeof error.message === 'string') {
                return error.message;
            }
            return error.statusText || String(error);
        })
        .flat()
        .filter((message) => !!message);
}

/**
 * Fills {0}, {1}… in a custom label.
 * @param {String} label
 * @param  {...any} values
 * @return {String}
 */
export function formatLabel(label, ...values) {
    return String(label).replace(/\{(\d+)\}/g, (match, index) => (values[index] === undefined ? match : String(values[index])));
}

/**
 * 65 → "1:05", 3725 → "1:02:05"; anything not a non-negative number → "".
 * @param {Number} seconds
 * @return {String}
 */
export function formatDuration(seconds) {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        return '';
    }
    const total = Math.floor(seconds);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const CALL_STATES = ['idle', 'dialing', 'ringing', 'early_media', 'connected', 'held', 'transferring', 'wrap_up', 'ended'];
const DIRECTIONS = ['inbound', 'outbound', 'internal'];

const text = (value, max = 32000) => (typeof value === 'string' ? value.slice(0, max) : '');
const time = (value) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
function record(value) {
    if (!value || typeof value !== 'object' || typeof value.id !== 'string' || !value.id) {
        return null;
    }
    return { id: value.id, name: text(value.name, 255), type: text(value.type, 80) };
}

/**
 * Checks a Switchboard_Call__c message and returns a clean copy, or null when it is not one.
 * Shapes (docs/protocol.md): {kind: 'call', call: {…} | null, dispositions: []},
 * {kind: 'logged', callId, taskId, whoId, whatId}, {kind: 'edit', callId, notes?, disposition?}.
 * @param {Object} message
 * @return {Object|null}
 */
export function parseCallMessage(message) {
    if (!message || typeof message !== 'object') {
        return null;
    }
    switch (message.kind) {
        case 'call': {
            const dispositions = Array.isArray(message.dispositions)
                ? message.dispositions.filter((d) => typeof d === 'string' && d).map((d) => d.slice(0, 255))
                : [];
            const c = message.call;
            if (c === null || c === undefined) {
                return { kind: 'call', call: null, dispositions };
            }
            if (typeof c !== 'object' || typeof c.id !== 'string' || !c.id || !CALL_STATES.includes(c.state)) {
                return null;
            }
            return {
                kind: 'call',
                dispositions,
                call: {
                    id: c.id,
                    state: c.state,
                    direction: DIRECTIONS.includes(c.direction) ? c.direction : 'inbound',
                    number: text(c.number, 64),
                    numberDisplay: text(c.numberDisplay, 64) || text(c.number, 64),
                    label: text(c.label, 255),
                    who: record(c.who),
                    what: record(c.what),
                    startedAt: time(c.startedAt),
                    answeredAt: time(c.answeredAt),
                    endedAt: time(c.endedAt),
                    wrapUpUntil: time(c.wrapUpUntil),
                    disposition: text(c.disposition, 255),
                    notes: text(c.notes)
                }
            };
        }
        case 'logged':
            if (typeof message.callId !== 'string' || !message.callId) {
                return null;
            }
            return {
                kind: 'logged',
                callId: message.callId,
                taskId: text(message.taskId, 18),
                whoId: text(message.whoId, 18),
                whatId: text(message.whatId, 18)
            };
        case 'edit': {
            if (typeof message.callId !== 'string' || !message.callId) {
                return null;
            }
            const edit = { kind: 'edit', callId: message.callId };
            if (typeof message.notes === 'string') {
                edit.notes = text(message.notes);
            }
            if (typeof message.disposition === 'string') {
                edit.disposition = text(message.disposition, 255);
            }
            return edit;
        }
        default:
            return null;
    }
}
