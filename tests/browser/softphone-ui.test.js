// The softphone UI in Chromium, rendered from fixture views (tests/browser/fixtures/softphone/*.json)
// under the adapter page's CSP: layout at 200, 300 and 400 px, accessibility (axe-core), controls that
// match each call's `actions`, the event every control posts, keyboard-only use, and hostile text.
// A PNG per state and width lands in build/screenshots/softphone/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ROOT, SCREENSHOTS, launchChromium, loadFixtures, mountFixture, posted, startServer, watchPage } from './softphone-lib.js';

const WIDTHS = [200, 300, 400];
const HEIGHT = 560;
const fixtures = loadFixtures();
const fixture = (name) => {
  const found = fixtures.find((f) => f.name === name);
  assert.ok(found, `no fixture ${name}`);
  return found;
};
const shippedClasses = new Set(JSON.parse(fs.readFileSync(path.join(ROOT, 'build/softphone-meta/slds-classes.json'), 'utf8')));

let server;
let browser;
let page;
let pageErrors;

before(async () => {
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  browser = await launchChromium({ width: 300, height: HEIGHT });
  page = await browser.context.newPage();
  pageErrors = await watchPage(page);
  await page.goto(`${server.url}/harness/render.html`);
  await page.addScriptTag({ url: `${server.url}/axe/axe.min.js` });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// The controls a card shows for a call, derived from its actions alone.
function expectedControls(kind, call, open) {
  const a = new Set(call.actions);
  const pick = (...names) => names.filter((n) => a.has(n));
  if (kind === 'incoming') return pick('answer', 'decline');
  if (kind === 'wrapup') return pick('disposition', 'notes', 'finish_wrap_up');
  const out = pick('mute', 'unmute', 'hold', 'resume', 'complete_transfer', 'cancel_transfer', 'hangup');
  if (a.has('dtmf')) out.push('dtmf');
  if (a.has('blind_transfer') || a.has('consult_transfer')) out.push('transfer');
  if (a.has('notes') || a.has('disposition')) out.push('notes');
  if (open?.call === call.id && open.panel === 'transfer') out.push(...pick('blind_transfer', 'consult_transfer'));
  if (open?.call === call.id && open.panel === 'notes') out.push(...pick('disposition'));
  return out;
}

const sorted = (list) => [...new Set(list)].sort();

async function axeViolations() {
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`).join(' | ')}`);
  });
}

async function layoutProblems() {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    for (const el of document.querySelectorAll('#softphone *')) {
      if (el.closest('.slds-assistive-text') || el.closest('datalist') || el.tagName === 'OPTION') continue;
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > width + 0.5 || r.left < -0.5)) problems.push(`${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className} spans ${r.left}–${r.right}`);
    }
    for (const svg of document.querySelectorAll('#softphone svg')) if (!svg.querySelector('path')) problems.push(`empty icon in ${svg.parentElement.className}`);
    return problems;
  });
}

test('axe-core is loaded and finds a planted problem', async () => {
  await mountFixture(page, fixture('registered-idle'));
  await page.evaluate(() => document.querySelector('.sb-main').append(document.createElement('button')));
  assert.ok((await axeViolations()).some((v) => v.startsWith('button-name')));
});

describe('every fixture state at 200, 300 and 400 px', () => {
  for (const f of fixtures) {
    test(`${f.name}: fits, passes axe-core, shows exactly the controls its actions allow`, async () => {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT });
        await mountFixture(page, f);
        assert.deepEqual(await layoutProblems(), [], `${f.name} at ${width} px`);
        assert.deepEqual(await axeViolations(), [], `${f.name} at ${width} px`);
        await page.mouse.move(width - 1, HEIGHT - 1);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${f.name}-${width}.png`), fullPage: true });
      }
      const cards = await page.$$eval('[data-call]', (list) =>
        list.map((card) => ({
          id: card.dataset.call,
          kind: card.className.match(/sb-call_(incoming|active|wrapup)/)[1],
          controls: [...card.querySelectorAll('[data-action]')].map((e) => e.dataset.action),
        })),
      );
      assert.equal(cards.length, f.view.calls.length, 'one card per call');
      for (const card of cards) {
        const call = f.view.calls.find((c) => c.id === card.id);
        assert.deepEqual(sorted(card.controls), sorted(expectedControls(card.kind, call, f.open)), `${f.name}: call ${card.id}`);
      }
      const unshipped = await page.$$eval('#softphone [class]', (els) =>
        [...new Set(els.flatMap((e) => [...e.classList]).filter((c) => c.startsWith('slds-')))],
      );
      assert.deepEqual(unshipped.filter((c) => !shippedClasses.has(c)), [], 'every SLDS class in the page is in the extracted stylesheet');
      assert.deepEqual(pageErrors, []);
    });
  }
});

// [fixture, what the agent does, the events the UI must post]
const INTERACTIONS = [
  ['incoming', (p) => p.click('[data-action=answer]'), [{ type: 'ui.answer', call: 'c1' }]],
  ['incoming', (p) => p.click('[data-action=decline]'), [{ type: 'ui.decline', call: 'c1' }]],
  ['connected', (p) => p.click('[data-action=mute]'), [{ type: 'ui.mute', call: 'c1' }]],
  ['connected', (p) => p.click('[data-action=hold]'), [{ type: 'ui.hold', call: 'c1' }]],
  ['connected', (p) => p.click('[data-action=hangup]'), [{ type: 'ui.hangup', call: 'c1' }]],
  ['muted', (p) => p.click('[data-action=unmute]'), [{ type: 'ui.unmute', call: 'c1' }]],
  ['held', (p) => p.click('[data-action=resume]'), [{ type: 'ui.resume', call: 'c1' }]],
  [
    'keypad-open',
    async (p) => {
      for (const key of ['#sb-c1-key-5', '#sb-c1-key-star', '#sb-c1-key-0', '#sb-c1-key-pound']) await p.click(key);
    },
    ['5', '*', '0', '#'].map((digits) => ({ type: 'ui.dtmf', call: 'c1', digits })),
  ],
  ['transfer-form', (p) => p.click('[data-action=blind_transfer]'), [{ type: 'ui.transfer', call: 'c1', target: '1002', mode: 'blind' }]],
  ['transfer-form', (p) => p.click('[data-action=consult_transfer]'), [{ type: 'ui.transfer', call: 'c1', target: '1002', mode: 'consult' }]],
  [
    'notes-open',
    async (p) => {
      await p.selectOption('[data-call=c1] select', 'Left voicemail');
      await p.fill('[data-call=c1] textarea', 'Asked about the March invoice. Sent a copy.');
      await p.waitForTimeout(400); // notes are sent after a pause in typing
    },
    [
      { type: 'ui.disposition', call: 'c1', value: 'Left voicemail' },
      { type: 'ui.notes', call: 'c1', text: 'Asked about the March invoice. Sent a copy.' },
    ],
  ],
  ['consulting', (p) => p.click('[data-call=c1] [data-action=complete_transfer]'), [{ type: 'ui.transfer.complete', call: 'c1' }]],
  ['consulting', (p) => p.click('[data-call=c1] [data-action=cancel_transfer]'), [{ type: 'ui.transfer.cancel', call: 'c1' }]],
  ['consulting', (p) => p.click('[data-call=c2] [data-action=hangup]'), [{ type: 'ui.hangup', call: 'c2' }]],
  ['consulting', (p) => p.click('[data-call=c2] [data-action=hold]'), [{ type: 'ui.hold', call: 'c2' }]],
  ['transferring', (p) => p.click('[data-action=mute]'), [{ type: 'ui.mute', call: 'c1' }]],
  [
    'wrap-up',
    async (p) => {
      await p.selectOption('[data-call=c1] select', 'Resolved');
      await p.fill('[data-call=c1] textarea', 'Callback booked');
      await p.click('[data-action=finish_wrap_up]'); // sends the notes first, without waiting
    },
    [
      { type: 'ui.disposition', call: 'c1', value: 'Resolved' },
      { type: 'ui.notes', call: 'c1', text: 'Callback booked' },
      { type: 'ui.wrapup.done', call: 'c1' },
    ],
  ],
  [
    'registered-idle',
    async (p) => {
      for (const key of ['#sb-dial-4', '#sb-dial-1', '#sb-dial-5']) await p.click(key);
      await p.click('#sb-dial-back');
      await p.click('#sb-dial-call');
    },
    [
      { type: 'ui.dialpad', text: '4' },
      { type: 'ui.dialpad', text: '41' },
      { type: 'ui.dialpad', text: '415' },
      { type: 'ui.dialpad', text: '41' },
      { type: 'ui.dial', number: '41' },
    ],
  ],
  [
    'registered-idle',
    async (p) => {
      await p.focus('#sb-dial-input');
      await p.evaluate(() => {
        const input = document.getElementById('sb-dial-input');
        const data = new DataTransfer();
        data.setData('text/plain', '+1 (415) 555-0100');
        // What a paste does: the browser inserts the text and fires input.
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
        input.value = '+1 (415) 555-0100';
        input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
      });
      await p.keyboard.press('Enter');
    },
    [
      { type: 'ui.dialpad', text: '+1 (415) 555-0100' },
      { type: 'ui.dial', number: '+1 (415) 555-0100' },
    ],
  ],
  ['dial-preview', (p) => p.click('#sb-dial-call'), [{ type: 'ui.dial', number: '4155550100' }]],
  ['status-menu', (p) => p.click('text=Away – Lunch'), [{ type: 'ui.status', status: 'away', reason: 'Lunch' }]],
  ['status-menu', (p) => p.click('[role=menuitemradio] >> text=Offline'), [{ type: 'ui.status', status: 'offline' }]],
  ['history', (p) => p.click('.sb-history__item >> nth=0 >> button'), [{ type: 'ui.dial', number: '+14155550100' }]],
  ['hostile', (p) => p.click('[data-notice="5"] button'), [{ type: 'ui.notice.dismiss', id: 5 }]],
  ['registration-failed', (p) => p.click('[data-notice="1"] button'), [{ type: 'ui.notice.dismiss', id: 1 }]],
];

describe('every control posts its event', () => {
  for (const [name, act, expected] of INTERACTIONS) {
    test(`${name}: ${expected.map((e) => e.type).join(', ')}`, async () => {
      await page.setViewportSize({ width: 300, height: HEIGHT });
      await mountFixture(page, fixture(name));
      await act(page);
      assert.deepEqual(await posted(page), expected);
    });
  }

  test('a disabled Call button and an invalid number post nothing', async () => {
    await mountFixture(page, fixture('dial-error'));
    assert.equal(await page.getAttribute('#sb-dial-input', 'aria-invalid'), 'true');
    assert.equal(await page.textContent('#sb-dial-help'), 'Use digits, +, * and # only.');
    assert.ok(await page.isDisabled('#sb-dial-call'));
    await page.press('#sb-dial-input', 'Enter');
    assert.deepEqual(await posted(page), []);
  });

  test("the core's preview of the typed number is shown, and only for the text it was made for", async () => {
    await mountFixture(page, fixture('dial-preview'));
    assert.equal(await page.textContent('#sb-dial-help'), '(415) 555-0100');
    await page.fill('#sb-dial-input', '41555501009');
    assert.equal(await page.textContent('#sb-dial-help'), '', 'a stale preview is not shown');
  });

  test('without the core preview (older core) the dial pad still works', async () => {
    await mountFixture(page, fixture('registered-idle'));
    await page.fill('#sb-dial-input', '1002');
    assert.equal(await page.inputValue('#sb-dial-input'), '1002');
    assert.ok(await page.isEnabled('#sb-dial-call'));
    await page.click('#sb-dial-call');
    assert.deepEqual((await posted(page)).at(-1), { type: 'ui.dial', number: '1002' });
  });
});

describe('keyboard only', () => {
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  const outline = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    });
  const fresh = async (name) => {
    await page.setViewportSize({ width: 300, height: HEIGHT });
    await mountFixture(page, fixture(name));
    await page.evaluate(() => document.activeElement?.blur());
  };

  test('status menu: Tab, Enter, arrows, Enter choose; Escape closes and returns focus', async () => {
    await fresh('registered-idle');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'sb-status-button');
    assert.ok(await outline(), 'focus is visible on the status button');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#sb-status-button', 'aria-expanded'), 'true');
    assert.equal(await focused(), 'sb-status-0', 'focus moves to the chosen status');
    assert.ok(await outline(), 'focus is visible on menu items');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.deepEqual(await posted(page), [{ type: 'ui.status', status: 'away', reason: 'Lunch' }]);
    assert.equal(await focused(), 'sb-status-button');
    assert.equal(await page.getAttribute('#sb-status-button', 'aria-expanded'), 'false');
    await page.keyboard.press('Space');
    await page.keyboard.press('End');
    assert.equal(await page.textContent(`#${await focused()}`), 'Offline');
    await page.keyboard.press('Escape');
    assert.equal(await focused(), 'sb-status-button');
    assert.equal(await page.$('#sb-status-menu'), null);
    assert.deepEqual(await posted(page), []);
  });

  test('dial: Tab to the number, type, Enter calls', async () => {
    await fresh('registered-idle');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'sb-dial-input');
    assert.ok(await outline(), 'focus is visible on the number field');
    await page.keyboard.type('1002');
    await page.keyboard.press('Enter');
    const events = await posted(page);
    assert.deepEqual(events.at(-1), { type: 'ui.dial', number: '1002' });
    assert.equal(events.filter((e) => e.type === 'ui.dialpad').length, 4);
  });

  test('incoming: Enter answers, Space declines; focus moves to the new call controls', async () => {
    await fresh('incoming');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'sb-c1-answer');
    assert.ok(await outline(), 'focus is visible on Answer');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    assert.deepEqual(await posted(page), [
      { type: 'ui.answer', call: 'c1' },
      { type: 'ui.decline', call: 'c1' },
    ]);
    // The core answers: the Answer button is gone, focus must not fall out of the phone.
    await page.focus('#sb-c1-answer');
    await page.evaluate((view) => window.__renderer.render(view), fixture('connected').view);
    assert.equal(await focused(), 'sb-c1-hangup');
  });

  test('mute keeps focus on the same button when the core flips it to Unmute', async () => {
    await fresh('connected');
    await page.focus('#sb-c1-mute');
    await page.keyboard.press('Enter');
    await page.evaluate((view) => window.__renderer.render(view), fixture('muted').view);
    assert.equal(await focused(), 'sb-c1-unmute');
    assert.deepEqual(await posted(page), [{ type: 'ui.mute', call: 'c1' }]);
  });

  test('keypad: Space opens it, digits typed or pressed send DTMF, Escape closes it', async () => {
    await fresh('connected');
    await page.focus('#sb-c1-keypad-toggle');
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('#sb-c1-keypad-toggle', 'aria-expanded'), 'true');
    assert.equal(await focused(), 'sb-c1-key-1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('9');
    await page.keyboard.press('#');
    await page.keyboard.press('Escape');
    assert.equal(await focused(), 'sb-c1-keypad-toggle');
    assert.equal(await page.$('#sb-c1-keypad-panel'), null);
    assert.deepEqual(
      await posted(page),
      ['1', '9', '#'].map((digits) => ({ type: 'ui.dtmf', call: 'c1', digits })),
    );
  });

  test('transfer: Enter opens the form, typing a target and Enter consults; Escape cancels', async () => {
    await fresh('connected');
    await page.focus('#sb-c1-transfer-toggle');
    await page.keyboard.press('Enter');
    assert.equal(await focused(), 'sb-c1-target');
    await page.keyboard.type('1002');
    await page.keyboard.press('Enter');
    assert.deepEqual(await posted(page), [{ type: 'ui.transfer', call: 'c1', target: '1002', mode: 'consult' }]);
    await page.focus('#sb-c1-transfer-toggle');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1003');
    await page.keyboard.press('Escape');
    assert.equal(await focused(), 'sb-c1-transfer-toggle');
    assert.deepEqual(await posted(page), []);
  });

  test('wrap-up: disposition with arrows, notes, Done with Space', async () => {
    await fresh('wrap-up');
    await page.focus('#sb-c1-disposition');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'sb-c1-notes');
    await page.keyboard.type(' OK');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'sb-c1-finish_wrap_up');
    assert.ok(await outline(), 'focus is visible on Done');
    await page.keyboard.press('Space');
    assert.deepEqual(await posted(page), [
      { type: 'ui.disposition', call: 'c1', value: 'Left voicemail' },
      { type: 'ui.notes', call: 'c1', text: 'Wants a callback on Tuesday about the invoice. OK' },
      { type: 'ui.wrapup.done', call: 'c1' },
    ]);
  });

  test('notices: the dismiss button is reachable and works with Enter', async () => {
    await fresh('registration-failed');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-notice]')?.dataset.notice), '1');
    await page.keyboard.press('Enter');
    assert.deepEqual(await posted(page), [{ type: 'ui.notice.dismiss', id: 1 }]);
  });
});

describe('what the agent is told', () => {
  test('caller-controlled text is shown as text, never run as HTML', async () => {
    for (const name of ['hostile', 'hostile-history']) {
      await page.evaluate(() => {
        window.__alerted = false;
        window.alert = () => {
          window.__alerted = true;
        };
      });
      await mountFixture(page, fixture(name));
      await page.waitForTimeout(50);
      const found = await page.evaluate(() => ({
        elements: document.querySelectorAll('#softphone img, #softphone script, #softphone b').length,
        text: document.getElementById('softphone').textContent,
        alerted: window.__alerted,
      }));
      assert.equal(found.elements, 0, name);
      assert.equal(found.alerted, false, name);
      assert.ok(found.text.includes('<img src=x onerror=alert('), name);
    }
    const text = await page.textContent('#softphone');
    assert.ok(text.includes('<img src=x onerror=alert(1)>' + 'W'.repeat(60)));
  });

  test('errors are alerts, warnings and notes are status messages', async () => {
    await mountFixture(page, fixture('hostile'));
    const roles = await page.$$eval('[data-notice]', (list) => list.map((n) => [n.dataset.notice, n.getAttribute('role')]));
    assert.deepEqual(roles, [['4', 'alert'], ['5', 'status'], ['6', 'status']]);
  });

  test('an incoming call is announced once to screen readers', async () => {
    await mountFixture(page, fixture('registered-idle'));
    assert.equal(await page.textContent('#sb-announce'), '');
    await page.evaluate((view) => window.__renderer.render(view), fixture('incoming').view);
    assert.equal(await page.textContent('#sb-announce'), 'Incoming call from Ada Lovelace, (415) 555-0100');
    assert.equal(await page.getAttribute('#sb-announce', 'aria-live'), 'assertive');
  });

  test('talk time and the wrap-up countdown follow the clock', async () => {
    const connected = fixture('connected');
    await mountFixture(page, connected);
    await page.evaluate((now) => {
      window.__now = now;
      window.__renderer.destroy();
      window.__renderer = window.SwitchboardSoftphone.createRenderer({
        root: document.getElementById('softphone'),
        post: (e) => window.__posted.push(e),
        clock: () => window.__now,
      });
    }, connected.now);
    await page.evaluate((view) => window.__renderer.render(view), connected.view);
    assert.equal(await page.textContent('[data-call=c1] [role=timer]'), '2:15');
    await page.evaluate(() => {
      window.__now += 60_000;
    });
    await page.waitForFunction(() => document.querySelector('[data-call=c1] [role=timer]').textContent === '3:15', null, { timeout: 3000 });
    const wrapUp = fixture('wrap-up');
    await page.evaluate((now) => {
      window.__now = now;
    }, wrapUp.now);
    await page.evaluate((view) => window.__renderer.render(view), wrapUp.view);
    assert.equal(await page.textContent('.sb-wrapup__timer'), 'Ends in 0:25');
    await page.evaluate(() => {
      window.__now += 10_000;
    });
    await page.waitForFunction(() => document.querySelector('.sb-wrapup__timer').textContent === 'Ends in 0:15', null, { timeout: 3000 });
    await page.evaluate(() => {
      window.__now += 60_000;
    });
    await page.waitForFunction(() => document.querySelector('.sb-wrapup__timer').textContent === 'Ending…', null, { timeout: 3000 });
  });

  test('the line and status read as plain language', async () => {
    const read = async (name) => {
      await mountFixture(page, fixture(name));
      return [await page.textContent('#sb-status-button'), await page.textContent('#sb-line')];
    };
    assert.deepEqual(await read('offline'), ['Status: Offline', 'Phone line: Line off · 1001']);
    assert.deepEqual(await read('registering'), ['Status: Available', 'Phone line: Connecting… · 1001']);
    assert.deepEqual(await read('registration-failed'), ['Status: Available', 'Phone line: Line failed · 1001']);
    assert.deepEqual(await read('next-status'), ['Status: On a call, next: Away – Lunch', 'Phone line: Line ready · 1001']);
    assert.equal(await page.textContent('.sb-status__next'), 'Next: Away – Lunch');
    assert.deepEqual(await read('wrap-up'), ['Status: After-call work', 'Phone line: Line ready · 1001']);
  });

  test('a malformed view renders what it can and never throws', async () => {
    await mountFixture(page, fixture('registered-idle'));
    for (const view of [null, 42, {}, { calls: 'x', agent: 7 }, { calls: [null, { id: 3, actions: 'answer' }, { state: 'ringing' }], notices: [{ id: 1 }], history: [{}] }]) {
      await page.evaluate((v) => window.__renderer.render(v), view);
      assert.ok(await page.$('#sb-status-button'));
    }
    assert.deepEqual(pageErrors, []);
  });
});
