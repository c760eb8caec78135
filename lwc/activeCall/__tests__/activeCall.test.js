import { createElement } from 'lwc';
import ActiveCall from 'c/activeCall';
import CALL_CHANNEL from '@salesforce/messageChannel/Switchboard_Call__c';
import { publish, subscribe, unsubscribe, deliver, subscriberCount, resetMessageService } from 'lightning/messageService';
import { navigations, resetNavigation } from 'lightning/navigation';

import CONNECTED from './data/connectedCall.json';

jest.mock('@salesforce/label/c.Switchboard_ActiveCall_WrapUp', () => ({ default: 'Wrap-up: {0} left' }), { virtual: true });

const ANSWERED_AT = CONNECTED.call.answeredAt;

function callMessage(changes = {}) {
    return { ...CONNECTED, call: { ...CONNECTED.call, ...changes } };
}

function mount() {
    const element = createElement('c-active-call', { is: ActiveCall });
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const flush = () => Promise.resolve();
const editsPublished = () => publish.mock.calls.map(([, channel, message]) => ({ channel, message }));

describe('c-active-call', () => {
    beforeEach(() => {
        jest.useFakeTimers();
        jest.setSystemTime(ANSWERED_AT + 65000);
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        resetMessageService();
        resetNavigation();
        jest.useRealTimers();
    });

    it('subscribes to Switchboard_Call__c in application scope and shows that there is no call', () => {
        const element = mount();
        expect(subscribe).toHaveBeenCalledTimes(1);
        expect(subscribe.mock.calls[0][1]).toBe(CALL_CHANNEL);
        expect(subscribe.mock.calls[0][3].scope).toBeDefined();
        expect($(element, '.no-call').textContent).toContain('c.Switchboard_ActiveCall_NoCall');
        expect($(element, '.notes')).toBeNull();
    });

    it('shows the call the softphone publishes, with a timer that keeps running', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();

        expect($(element, '.call-title').textContent).toBe('Ada Lovelace');
        expect($(element, '.call-number').textContent).toBe('(415) 555-0100');
        expect($(element, '.call-direction').textContent).toBe('c.Switchboard_Direction_Inbound');
        expect($(element, '[data-id="state"]').textContent).toBe('c.Switchboard_State_Connected');
        expect($(element, '[data-id="state"]').className).toContain('slds-theme_success');
        expect($(element, 'lightning-icon').iconName).toBe('utility:incoming_call');
        expect($(element, '.call-elapsed').textContent).toBe('1:05');

        jest.advanceTimersByTime(3000);
        await flush();
        expect($(element, '.call-elapsed').textContent).toBe('1:08');
    });

    it('offers the dispositions the softphone sends and publishes the one the agent picks', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();
        const combobox = $(element, '.disposition');
        expect(combobox.options.map((o) => o.value)).toEqual(CONNECTED.dispositions);

        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Resolved' } }));
        expect(editsPublished()).toEqual([{ channel: CALL_CHANNEL, message: { kind: 'edit', callId: 'c1', disposition: 'Resolved' } }]);
    });

    it('publishes notes once the agent pauses typing, not on every key', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();
        const notes = $(element, '.notes');
        notes.dispatchEvent(new CustomEvent('focus'));
        notes.dispatchEvent(new CustomEvent('change', { detail: { value: 'Wants' } }));
        notes.dispatchEvent(new CustomEvent('change', { detail: { value: 'Wants a callback' } }));
        expect(publish).not.toHaveBeenCalled();

        jest.advanceTimersByTime(600);
        expect(editsPublished()).toEqual([{ channel: CALL_CHANNEL, message: { kind: 'edit', callId: 'c1', notes: 'Wants a callback' } }]);

        // Leaving the field with nothing new to say publishes nothing more.
        notes.dispatchEvent(new CustomEvent('blur'));
        expect(publish).toHaveBeenCalledTimes(1);
    });

    it('publishes pending notes at once when the agent leaves the field', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();
        const notes = $(element, '.notes');
        notes.dispatchEvent(new CustomEvent('focus'));
        notes.dispatchEvent(new CustomEvent('change', { detail: { value: 'Billing question' } }));
        notes.dispatchEvent(new CustomEvent('blur'));
        expect(editsPublished().map((e) => e.message)).toEqual([{ kind: 'edit', callId: 'c1', notes: 'Billing question' }]);
    });

    it('keeps what the agent is typing when the softphone sends an older copy, and says when notes are saved', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();
        const notes = $(element, '.notes');
        notes.dispatchEvent(new CustomEvent('focus'));
        notes.dispatchEvent(new CustomEvent('change', { detail: { value: 'Billing question' } }));

        deliver(CALL_CHANNEL, callMessage({ state: 'held' }));
        await flush();
        expect(notes.value).toBe('Billing question');
        expect($(element, '[data-id="state"]').textContent).toBe('c.Switchboard_State_Held');

        jest.advanceTimersByTime(600);
        deliver(CALL_CHANNEL, callMessage({ notes: 'Billing question' }));
        await flush();
        expect($(element, '.notes-saved')).not.toBeNull();
    });

    it('takes the notes from the softphone when the agent is not editing', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, callMessage({ notes: 'Typed in the softphone', disposition: 'Left voicemail' }));
        await flush();
        expect($(element, '.notes').value).toBe('Typed in the softphone');
        expect($(element, '.disposition').value).toBe('Left voicemail');
    });

    it('follows edits another Switchboard component makes to the same call', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();
        deliver(CALL_CHANNEL, { kind: 'edit', callId: 'c1', notes: 'From the record page', disposition: 'Resolved' });
        deliver(CALL_CHANNEL, { kind: 'edit', callId: 'other', notes: 'Not this call' });
        await flush();
        expect($(element, '.notes').value).toBe('From the record page');
        expect($(element, '.disposition').value).toBe('Resolved');
    });

    it('counts down after-call work', async () => {
        const element = mount();
        const endedAt = ANSWERED_AT + 60000;
        deliver(CALL_CHANNEL, callMessage({ state: 'wrap_up', endedAt, wrapUpUntil: endedAt + 30000 }));
        await flush();
        expect($(element, '.wrap-up').textContent).toBe('Wrap-up: 0:25 left');
        expect($(element, '.call-elapsed').textContent).toBe('1:00');
        jest.advanceTimersByTime(5000);
        await flush();
        expect($(element, '.wrap-up').textContent).toBe('Wrap-up: 0:20 left');
    });

    it('opens the related contact and account', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();
        const links = element.shadowRoot.querySelectorAll('.related-record');
        expect([...links].map((l) => l.label)).toEqual(['Ada Lovelace', 'Analytical Engines Ltd']);
        links[1].click();
        expect(navigations[0].pageReference).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: '001000000000001AAA', actionName: 'view' }
        });
    });

    it('shows that the call was logged and opens the Task, also after the call is gone', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        deliver(CALL_CHANNEL, { kind: 'call', call: null });
        deliver(CALL_CHANNEL, { kind: 'logged', callId: 'c1', taskId: '00T000000000001AAA', whoId: '003000000000001AAA' });
        await flush();
        expect($(element, '.no-call')).not.toBeNull();
        const footer = $(element, '.logged');
        expect(footer.textContent).toContain('c.Switchboard_ActiveCall_Logged');
        footer.querySelector('lightning-button').click();
        expect(navigations[0].pageReference.attributes.recordId).toBe('00T000000000001AAA');

        // The next call starts clean.
        deliver(CALL_CHANNEL, callMessage({ id: 'c2' }));
        await flush();
        expect($(element, '.logged')).toBeNull();
    });

    it('ignores messages that are not Switchboard call messages', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, { kind: 'call', call: { id: 'c9', state: 'exploded' } });
        deliver(CALL_CHANNEL, 'hello');
        deliver(CALL_CHANNEL, { callId: 'c1' });
        await flush();
        expect($(element, '.no-call')).not.toBeNull();
    });

    it('stops listening and publishes unsaved notes when removed from the page', async () => {
        const element = mount();
        deliver(CALL_CHANNEL, CONNECTED);
        await flush();
        $(element, '.notes').dispatchEvent(new CustomEvent('change', { detail: { value: 'last words' } }));
        document.body.removeChild(element);
        expect(unsubscribe).toHaveBeenCalledTimes(1);
        expect(subscriberCount(CALL_CHANNEL)).toBe(0);
        expect(editsPublished().map((e) => e.message)).toEqual([{ kind: 'edit', callId: 'c1', notes: 'last words' }]);
    });
});
