import { formatDuration, formatLabel, parseCallMessage, reduceErrors } from 'c/switchboardUtils';

describe('c-switchboard-utils', () => {
    describe('reduceErrors', () => {
        it('reads Apex, UI API and JavaScript errors alike', () => {
            expect(
                reduceErrors([
                    { body: { message: 'Apex said no' } },
                    { body: [{ message: 'first' }, { message: 'second' }] },
                    { body: { pageErrors: [{ message: 'page error' }] } },
                    { body: { fieldErrors: { Name: [{ message: 'name missing' }] } } },
                    new Error('script error'),
                    { statusText: 'Server Error' },
                    null
                ])
            ).toEqual(['Apex said no', 'first', 'second', 'page error', 'name missing', 'script error', 'Server Error']);
        });

        it('accepts a single error', () => {
            expect(reduceErrors(new Error('one'))).toEqual(['one']);
        });
    });

    it('formatLabel fills numbered placeholders and leaves unknown ones', () => {
        expect(formatLabel('{0} of {1} agents ({2})', 2, 5)).toBe('2 of 5 agents ({2})');
    });

    it('formatDuration writes m:ss and h:mm:ss', () => {
        expect(formatDuration(0)).toBe('0:00');
        expect(formatDuration(65)).toBe('1:05');
        expect(formatDuration(3725.9)).toBe('1:02:05');
        expect(formatDuration(-1)).toBe('');
        expect(formatDuration('65')).toBe('');
        expect(formatDuration(undefined)).toBe('');
    });

    describe('parseCallMessage', () => {
        const call = {
            id: 'c1',
            state: 'connected',
            direction: 'outbound',
            number: '+14155550100',
            numberDisplay: '(415) 555-0100',
            label: 'Ada Lovelace',
            who: { id: '003000000000001', name: 'Ada Lovelace', type: 'Contact' },
            what: null,
            startedAt: 1000,
            answeredAt: 2000,
            endedAt: 0,
            wrapUpUntil: 0,
            disposition: '',
            notes: 'hello'
        };

        it('keeps a well-formed call message', () => {
            expect(parseCallMessage({ kind: 'call', call, dispositions: ['Resolved', 3, ''] })).toEqual({
                kind: 'call',
                call,
                dispositions: ['Resolved']
            });
        });

        it('accepts call: null (no current call)', () => {
            expect(parseCallMessage({ kind: 'call', call: null })).toEqual({ kind: 'call', call: null, dispositions: [] });
        });

        it('refuses calls without an id or with an unknown state', () => {
            expect(parseCallMessage({ kind: 'call', call: { ...call, id: '' } })).toBeNull();
            expect(parseCallMessage({ kind: 'call', call: { ...call, state: 'exploded' } })).toBeNull();
            expect(parseCallMessage({ kind: 'call', call: 'c1' })).toBeNull();
        });

        it('cleans fields of the wrong type instead of passing them on', () => {
            const parsed = parseCallMessage({
                kind: 'call',
                call: { ...call, direction: 'sideways', who: { name: 'no id' }, notes: 42, startedAt: 'soon' }
            });
            expect(parsed.call.direction).toBe('inbound');
            expect(parsed.call.who).toBeNull();
            expect(parsed.call.notes).toBe('');
            expect(parsed.call.startedAt).toBe(0);
        });

        it('reads logged and edit messages', () => {
            expect(parseCallMessage({ kind: 'logged', callId: 'c1', taskId: '00T000000000001', whoId: 5 })).toEqual({
                kind: 'logged',
                callId: 'c1',
                taskId: '00T000000000001',
                whoId: '',
                whatId: ''
            });
            expect(parseCallMessage({ kind: 'edit', callId: 'c1', notes: 'n' })).toEqual({ kind: 'edit', callId: 'c1', notes: 'n' });
            expect(parseCallMessage({ kind: 'edit', notes: 'n' })).toBeNull();
        });

        it('ignores anything else', () => {
            expect(parseCallMessage(undefined)).toBeNull();
            expect(parseCallMessage('call')).toBeNull();
            expect(parseCallMessage({ kind: 'dance' })).toBeNull();
        });
    });
});
