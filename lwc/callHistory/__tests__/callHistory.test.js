import { createElement } from 'lwc';
import CallHistory from 'c/callHistory';
import CALL_CHANNEL from '@salesforce/messageChannel/Switchboard_Call__c';
import { refreshApex } from '@salesforce/apex';
import getCallTasks from '@salesforce/apex/SwitchboardCallHistoryController.getCallTasks';
import { deliver, subscriberCount, resetMessageService } from 'lightning/messageService';
import { navigations, resetNavigation } from 'lightning/navigation';

import TASKS from './data/callTasks.json';

jest.mock(
    '@salesforce/apex/SwitchboardCallHistoryController.getCallTasks',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/label/c.Switchboard_CallHistory_TitleCount', () => ({ default: 'Calls ({0})' }), { virtual: true });
jest.mock('@salesforce/label/c.Switchboard_CallHistory_Error', () => ({ default: 'Calls could not be loaded: {0}' }), { virtual: true });

const RECORD_ID = '003000000000001AAA';

function mount() {
    const element = createElement('c-call-history', { is: CallHistory });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const flush = () => Promise.resolve();

describe('c-call-history', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        resetMessageService();
        resetNavigation();
        refreshApex.mockClear();
        jest.useRealTimers();
    });

    it('asks for the calls of its record', async () => {
        mount();
        await flush();
        expect(getCallTasks.getLastConfig()).toEqual({ recordId: RECORD_ID, maxRows: 10 });
    });

    it('lists each call with type, time, duration, disposition and notes', async () => {
        const element = mount();
        getCallTasks.emit(TASKS);
        await flush();

        expect($(element, 'lightning-card').title).toBe('Calls (3)');
        const calls = $$(element, '.call');
        expect(calls).toHaveLength(3);
        const first = calls[0];
        expect(first.querySelector('.call-subject').textContent).toBe('Call from (415) 555-0100');
        expect(first.querySelector('.call-type').textContent).toBe('c.Switchboard_Direction_Inbound');
        expect(first.querySelector('.call-duration').textContent).toBe('4:05');
        expect(first.querySelector('.slds-badge').textContent).toBe('Resolved');
        expect(first.querySelector('.call-notes').textContent).toBe('Asked about the invoice from October; sent a copy.');
        expect(first.querySelector('.call-when').value).toBe('2024-11-25T15:04:00.000Z');
        expect(first.querySelector('lightning-icon').iconName).toBe('utility:incoming_call');

        expect(calls[1].querySelector('.call-duration').textContent).toBe('0:00');
        expect(calls[1].querySelector('.call-notes')).toBeNull();
        expect(calls[1].querySelector('lightning-icon').iconName).toBe('utility:outbound_call');

        // A call without subject, duration or disposition still reads well.
        expect(calls[2].querySelector('.call-subject').textContent).toBe('c.Switchboard_Direction_Internal');
        expect(calls[2].querySelector('.call-duration')).toBeNull();
        expect(calls[2].querySelector('.slds-badge').textContent).toBe('c.Switchboard_CallHistory_NoDisposition');
    });

    it('says so when the record has no calls', async () => {
        const element = mount();
        getCallTasks.emit([]);
        await flush();
        expect($(element, '.empty').textContent).toBe('c.Switchboard_CallHistory_Empty');
        expect($$(element, '.call')).toHaveLength(0);
    });

    it('shows a readable error when the calls cannot be loaded', async () => {
        const element = mount();
        getCallTasks.error({ message: 'Insufficient access to Task' });
        await flush();
        expect($(element, '.error').textContent).toBe('Calls could not be loaded: Insufficient access to Task');
    });

    it('refreshes when the softphone reports a logged call', async () => {
        mount();
        getCallTasks.emit(TASKS);
        await flush();
        deliver(CALL_CHANNEL, { kind: 'logged', callId: 'c1', taskId: '00T000000000004AAA', whoId: RECORD_ID });
        expect(refreshApex).toHaveBeenCalledTimes(1);
    });

    it('refreshes shortly after a call ends, once however many updates arrive', async () => {
        jest.useFakeTimers();
        mount();
        getCallTasks.emit(TASKS);
        await flush();
        const ended = { kind: 'call', call: { id: 'c1', state: 'ended' }, dispositions: [] };
        deliver(CALL_CHANNEL, { kind: 'call', call: { id: 'c1', state: 'connected' } });
        deliver(CALL_CHANNEL, ended);
        deliver(CALL_CHANNEL, ended);
        expect(refreshApex).not.toHaveBeenCalled();
        jest.advanceTimersByTime(1500);
        expect(refreshApex).toHaveBeenCalledTimes(1);
    });

    it('ignores messages that are not Switchboard call messages', async () => {
        mount();
        getCallTasks.emit(TASKS);
        await flush();
        deliver(CALL_CHANNEL, { kind: 'logged' });
        deliver(CALL_CHANNEL, null);
        expect(refreshApex).not.toHaveBeenCalled();
    });

    it('refreshes on demand and opens a call Task', async () => {
        const element = mount();
        getCallTasks.emit(TASKS);
        await flush();
        $(element, 'lightning-button-icon').click();
        expect(refreshApex).toHaveBeenCalledTimes(1);
        $(element, '.call-subject').click();
        expect(navigations[0].pageReference).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: '00T000000000003AAA', actionName: 'view' }
        });
    });

    it('stops listening when removed from the page', () => {
        const element = mount();
        expect(subscriberCount(CALL_CHANNEL)).toBe(1);
        document.body.removeChild(element);
        expect(subscriberCount(CALL_CHANNEL)).toBe(0);
    });
});
