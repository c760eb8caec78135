// The softphone UI: a pure function of the core's view (plus the browser clock for running timers).
// It decides nothing about calls: every call control is shown exactly when the call's `actions` list
// names it, and every user action becomes a ui.* event for the core. The parts of the phone are drawn
// by header.js, notices.js, calls.js and dialer.js; this file keeps the UI's own small state (open
// menu and panels, typed text, focus) and redraws.
import { RUNNING_STATES, callCard, closePanel, kicker, panelAvailable } from './calls.js';
import { callName, callNumber, list, text } from './controls.js';
import { dialer, history } from './dialer.js';
import { h, patchChildren } from './dom.js';
import { closeMenu, header } from './header.js';
import { notices } from './notices.js';

// Missing or malformed parts of a view degrade to "nothing to show", never to an exception.
function normalize(view) {
  const v = view && typeof view === 'object' ? view : {};
  const obj = (value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
  return {
    ...v,
    ready: !!v.ready,
    agent: { ...obj(v.agent), choices: list(obj(v.agent).choices).filter((c) => c && typeof c === 'object') },
    line: obj(v.line),
    calls: list(v.calls)
      .filter((c) => c && typeof c === 'object' && c.id != null)
      .map((c) => ({ ...c, id: text(c.id), actions: list(c.actions) })),
    history: list(v.history).filter((e) => e && typeof e === 'object'),
    notices: list(v.notices).filter((n) => n && typeof n === 'object'),
    dispositions: list(v.dispositions).map(text),
    dialpad: v.dialpad && typeof v.dialpad === 'object' ? v.dialpad : null,
  };
}

export function createRenderer({
  root,
  post,
  clock = () => Date.now(),
  supports = () => true,
  notesDelayMs = 400,
  timers = globalThis,
} = {}) {
  if (!root || typeof post !== 'function') throw new Error('createRenderer needs {root, post}');
  const doc = root.ownerDocument;
  let view = normalize(null);
  let tree = [];
  let ticker = null;
  let renders = 0;
  const ui = {
    menuOpen: false,
    panel: null, // {call, kind: 'keypad' | 'transfer' | 'notes'}
    dialText: '',
    dialTextFromCore: null,
    transferTarget: '',
    focusId: null, // element to focus after the next draw
    announcement: '',
    announced: new Set(),
  };

  // Posting may re-render synchronously (the runtime handles the event at once); redraw only if not.
  function act(event) {
    const before = renders;
    if (event) post(event);
    if (renders === before) draw();
  }

  // Notes are sent after a pause in typing, and at once when the field loses focus or the call ends.
  const pendingNotes = new Map(); // call id → {text, timer}
  const notes = {
    pending: (callId) => pendingNotes.get(callId)?.text,
    queue(callId, value) {
      timers.clearTimeout(pendingNotes.get(callId)?.timer);
      pendingNotes.set(callId, { text: value, timer: timers.setTimeout(() => notes.flush(callId), notesDelayMs) });
    },
    flush(callId) {
      const pending = pendingNotes.get(callId);
      if (!pending) return;
      timers.clearTimeout(pending.timer);
      pendingNotes.delete(callId);
      post({ type: 'ui.notes', call: callId, text: pending.text });
    },
    flushAll() {
      for (const id of [...pendingNotes.keys()]) notes.flush(id);
    },
  };

  function announce() {
    const live = new Set(view.calls.map((c) => c.id));
    for (const id of ui.announced) if (!live.has(id)) ui.announced.delete(id);
    for (const call of view.calls) {
      if (call.state !== 'ringing' || call.outgoing || ui.announced.has(call.id)) continue;
      ui.announced.add(call.id);
      const name = callName(call);
      const number = callNumber(call);
      ui.announcement = `${kicker(call)} from ${name}${number && number !== name ? `, ${number}` : ''}`;
    }
  }

  function phone(ctx) {
    const { calls } = ctx.view;
    return h(
      'div',
      {
        class: 'sb-phone',
        on: {
          keydown: (event) => {
            if (event.key === 'Escape' && (closeMenu(ctx) || closePanel(ctx))) event.preventDefault();
          },
        },
      },
      header(ctx),
      h(
        'main',
        { class: 'sb-main' },
        notices(ctx),
        calls.map((call) => callCard(ctx, call)),
        ctx.view.can_dial || !calls.length ? dialer(ctx, calls.length > 0) : null,
        calls.length ? null : history(ctx),
        h('div', { class: 'slds-assistive-text', 'aria-live': 'assertive', id: 'sb-announce', key: 'announce' }, ui.announcement),
      ),
    );
  }

  function needsClock(now) {
    return (
      view.line.retry_at > now ||
      view.calls.some((c) => (RUNNING_STATES.has(c.state) && c.answered_at > 0) || (c.state === 'wrap_up' && c.wrap_up_until > 0))
    );
  }

  function draw() {
    const now = clock();
    // A panel closes when its call no longer offers it (the keypad of a call put on hold).
    if (ui.panel) {
      const call = view.calls.find((c) => c.id === ui.panel.call);
      if (!call || call.state === 'wrap_up' || !panelAvailable(call, ui.panel.kind)) ui.panel = null;
    }
    const focusWasInside = root.contains(doc.activeElement) && doc.activeElement !== root;
    const next = [phone({ view, now, ui, doc, post, act, draw, supports, notes })];
    patchChildren(root, tree, next);
    tree = next;
    if (ui.focusId) {
      doc.getElementById(ui.focusId)?.focus();
      ui.focusId = null;
    } else if (focusWasInside && !root.contains(doc.activeElement)) {
      // The control that had focus is gone (answered, dismissed…): keep keyboard users in the phone.
      (root.querySelector('[data-primary]') || root.querySelector('#sb-dial-input') || root.querySelector('button'))?.focus();
    }
    if (needsClock(now)) {
      ticker ||= timers.setInterval(draw, 1000);
    } else if (ticker) {
      timers.clearInterval(ticker);
      ticker = null;
    }
  }

  function render(nextView) {
    renders += 1;
    view = normalize(nextView);
    // The core's dial pad text wins when the core changes it (e.g. clears it after dialling).
    const dp = view.dialpad;
    if (dp && text(dp.text) !== ui.dialTextFromCore) {
      ui.dialTextFromCore = text(dp.text);
      ui.dialText = text(dp.text);
    }
    announce();
    draw();
  }

  return {
    render,
    view: () => view,
    flushNotes: notes.flushAll,
    destroy() {
      notes.flushAll();
      if (ticker) timers.clearInterval(ticker);
      ticker = null;
      patchChildren(root, tree, []);
      tree = [];
    },
  };
}
