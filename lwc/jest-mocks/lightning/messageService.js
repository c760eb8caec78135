// A working Lightning Message Service for tests: subscribe registers a handler, publish delivers to
// every handler of the channel, so a test drives a component exactly as the softphone would.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export const MessageContext = createTestWireAdapter(jest.fn());

const handlers = new Map();

export const publish = jest.fn((context, channel, message) => {
    for (const handler of handlers.get(channel) || []) {
        handler(message);
    }
});
export const subscribe = jest.fn((context, channel, handler) => {
    if (!handlers.has(channel)) {
        handlers.set(channel, new Set());
    }
    handlers.get(channel).add(handler);
    return { channel, handler };
});
export const unsubscribe = jest.fn((subscription) => {
    handlers.get(subscription?.channel)?.delete(subscription.handler);
});
export const releaseMessageContext = jest.fn();
export const createMessageContext = jest.fn();

// Test helper: delivers a message as if another component (the softphone) published it.
export function deliver(channel, message) {
    for (const handler of handlers.get(channel) || []) {
        handler(message);
    }
}

export function subscriberCount(channel) {
    return (handlers.get(channel) || new Set()).size;
}

export function resetMessageService() {
    handlers.clear();
    publish.mockClear();
    subscribe.mockClear();
    unsubscribe.mockClear();
}
