// Lightning Message Service for pictures: a page-wide publish/subscribe, so the components react to
// messages exactly as they do to the softphone's in Salesforce. window.__sbPublish feeds them.
const handlers = new Map();

export const APPLICATION_SCOPE = 'APPLICATION_SCOPE';

export class MessageContext {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }
    connect() {
        this.dataCallback({});
    }
    update() {}
    disconnect() {}
}

export function subscribe(context, channel, handler) {
    if (!handlers.has(channel)) handlers.set(channel, new Set());
    handlers.get(channel).add(handler);
    return { channel, handler };
}

export function unsubscribe(subscription) {
    if (subscription) handlers.get(subscription.channel)?.delete(subscription.handler);
}

export function publish(context, channel, message) {
    window.__sbPublished = (window.__sbPublished || []).concat([message]);
    for (const handler of handlers.get(channel) || []) handler(message);
}

window.__sbPublish = (channel, message) => {
    for (const handler of handlers.get(channel) || []) handler(message);
};
