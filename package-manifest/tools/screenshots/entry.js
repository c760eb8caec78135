// Renders one Switchboard component with LWC OSS (synthetic shadow, as in Salesforce) and the
// Lightning base components package, for the admin guide's pictures. window.__sbScenario says
// which component, with which properties, Apex answers and channel messages.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import SwitchboardSetup from 'c/switchboardSetup';
import CallHistory from 'c/callHistory';
import ActiveCall from 'c/activeCall';

const COMPONENTS = { 'c-switchboard-setup': SwitchboardSetup, 'c-call-history': CallHistory, 'c-active-call': ActiveCall };

const scenario = window.__sbScenario;
const host = document.getElementById('stage');
for (const { tag, props = {}, width } of scenario.components) {
    const frame = document.createElement('div');
    frame.className = 'frame';
    if (width) frame.style.width = `${width}px`;
    const element = createElement(tag, { is: COMPONENTS[tag] });
    Object.assign(element, props);
    frame.appendChild(element);
    host.appendChild(frame);
}
for (const message of scenario.messages || []) window.__sbPublish('Switchboard_Call__c', message);
window.__sbRendered = true;
