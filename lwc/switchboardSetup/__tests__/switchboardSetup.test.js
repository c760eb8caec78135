import { createElement } from 'lwc';
import SwitchboardSetup, { validationMessage } from 'c/switchboardSetup';
import { navigations, resetNavigation } from 'lightning/navigation';
import getSetupState from '@salesforce/apex/SwitchboardSetupController.getSetupState';
import saveSettings from '@salesforce/apex/SwitchboardSetupController.saveSettings';
import generateSharedSecret from '@salesforce/apex/SwitchboardSetupController.generateSharedSecret';
import setSharedSecret from '@salesforce/apex/SwitchboardSetupController.setSharedSecret';
import saveCredentialLifetime from '@salesforce/apex/SwitchboardSetupController.saveCredentialLifetime';
import setSipPassword from '@salesforce/apex/SwitchboardSetupController.setSipPassword';
import { SETTINGS } from '../settingsSchema';
import { SETUP_URLS } from '../setupProblems';

import READY from './data/readyState.json';
import FRESH from './data/freshState.json';

jest.mock('@salesforce/apex/SwitchboardSetupController.getSetupState', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SwitchboardSetupController.saveSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SwitchboardSetupController.generateSharedSecret', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SwitchboardSetupController.setSharedSecret', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SwitchboardSetupController.saveCredentialLifetime', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SwitchboardSetupController.setSipPassword', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.Switchboard_Invalid_WebsocketUrl', () => ({ default: 'Enter a wss:// address.' }), { virtual: true });
jest.mock('@salesforce/label/c.Switchboard_Invalid_Integer', () => ({ default: 'Enter a whole number from {0} to {1}.' }), { virtual: true });
jest.mock('@salesforce/label/c.Switchboard_Setup_LoadError', () => ({ default: 'Setup could not load: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Switchboard_Setup_SaveError', () => ({ default: 'Not saved: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Switchboard_Setup_SecretTooShort', () => ({ default: 'Use at least {0} characters.' }), { virtual: true });

const clone = (value) => JSON.parse(JSON.stringify(value));
// Lets Apex promises settle and the component re-render.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

async function mount(state) {
    getSetupState.mockResolvedValue(clone(state));
    const element = createElement('c-switchboard-setup', { is: SwitchboardSetup });
    const toasts = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    document.body.appendChild(element);
    await flush();
    validAll(element);
    return { element, toasts };
}

// Base components are stubs under jest: give every field the validity API a browser has.
function validAll(element) {
    for (const field of $$(element, '[data-name]')) {
        field.setCustomValidity = jest.fn();
        field.reportValidity = jest.fn(() => true);
    }
}

function input(element, name) {
    return $(element, `[data-name="${name}"]`);
}

function change(target, value) {
    if (!jest.isMockFunction(target.setCustomValidity)) {
        target.setCustomValidity = jest.fn();
        target.reportValidity = jest.fn(() => true);
    }
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    return target;
}

describe('c-switchboard-setup', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        resetNavigation();
    });

    it('after install, lists what keeps agents from taking calls and where to fix it', async () => {
        const { element } = await mount(FRESH);
        const codes = $$(element, '.problem').map((li) => li.dataset.code);
        expect(codes).toEqual(['CALL_CENTER_MISSING', 'PBX_URL_MISSING', 'SIP_DOMAIN_MISSING', 'SECRET_MISSING', 'NO_AGENTS']);
        $(element, '.problem lightning-button').click();
        expect(navigations[0].pageReference).toEqual({ type: 'standard__webPage', attributes: { url: SETUP_URLS.callCenters } });
        expect($(element, '.agents-empty')).not.toBeNull();
    });

    it('says the org is ready when nothing is missing', async () => {
        const { element } = await mount(READY);
        expect($$(element, '.problem')).toHaveLength(0);
        expect($(element, '.ready')).not.toBeNull();
    });

    it('shows one field per connector setting, in the call center order, with help and the saved value', async () => {
        const { element } = await mount(READY);
        const fields = $$(element, '[data-name]');
        expect(fields.map((f) => f.dataset.name)).toEqual(SETTINGS.map((s) => s.name));
        const pbx = input(element, 'pbxWebSocketUrl');
        expect(pbx.value).toBe('wss://pbx.example.com:8089/ws');
        expect(pbx.fieldLevelHelp).toBe('c.Switchboard_Setting_PbxWebSocketUrl_Help');
        expect(pbx.required).toBe(true);
        const mode = input(element, 'credentialMode');
        expect(mode.options.map((o) => o.value)).toEqual(['', 'ephemeral', 'static']);
        expect(input(element, 'dispositionRequired').options.map((o) => o.value)).toEqual(['', 'true', 'false']);
        expect(input(element, 'acwSeconds').type).toBe('number');
    });

    it('refuses a value the softphone cannot use, naming the problem on the field, and does not save', async () => {
        const { element, toasts } = await mount(READY);
        const pbx = change(input(element, 'pbxWebSocketUrl'), 'ws://pbx.example.com/ws');
        expect(pbx.setCustomValidity).toHaveBeenLastCalledWith('Enter a wss:// address.');

        pbx.reportValidity = jest.fn(() => false);
        await flush();
        $(element, '.save').click();
        await flush();
        expect(saveSettings).not.toHaveBeenCalled();
        expect(toasts.map((t) => t.variant)).toEqual(['error']);
    });

    it('validates exactly like the call center validator', () => {
        const acw = SETTINGS.find((s) => s.name === 'acwSeconds');
        expect(validationMessage(acw, '3601')).toBe('Enter a whole number from 0 to 3600.');
        expect(validationMessage(acw, '45')).toBe('');
        expect(validationMessage(acw, '')).toBe('');
    });

    it('saves every setting and shows the state the server returns', async () => {
        const { element, toasts } = await mount(READY);
        change(input(element, 'acwSeconds'), '45');
        change(input(element, 'sipDomain'), '  sip.example.com ');
        await flush();
        const saved = clone(READY);
        saved.settings.acwSeconds = '45';
        saved.settings.sipDomain = 'sip.example.com';
        saveSettings.mockResolvedValue(saved);

        $(element, '.save').click();
        await flush();
        expect(saveSettings).toHaveBeenCalledTimes(1);
        const sent = saveSettings.mock.calls[0][0].settings;
        expect(Object.keys(sent)).toEqual(SETTINGS.map((s) => s.name));
        expect(sent.acwSeconds).toBe('45');
        expect(sent.sipDomain).toBe('sip.example.com');
        expect(toasts.map((t) => t.variant)).toEqual(['success']);
        expect($(element, '.save').disabled).toBe(true);
    });

    it('keeps the admin’s values and says why when the server refuses them', async () => {
        const { element, toasts } = await mount(READY);
        change(input(element, 'acwSeconds'), '45');
        await flush();
        saveSettings.mockRejectedValue({ body: { message: 'acwSeconds: must be a whole number from 0 to 3600' } });
        $(element, '.save').click();
        await flush();
        expect(toasts.map((t) => t.title)).toEqual(['Not saved: acwSeconds: must be a whole number from 0 to 3600']);
        expect(input(element, 'acwSeconds').value).toBe('45');
    });

    it('cancel puts the saved values back', async () => {
        const { element } = await mount(READY);
        change(input(element, 'acwSeconds'), '45');
        await flush();
        $(element, '.settings lightning-button').click();
        await flush();
        expect(input(element, 'acwSeconds').value).toBe('30');
    });

    it('generates a shared secret and shows it once', async () => {
        const { element } = await mount(FRESH);
        generateSharedSecret.mockResolvedValue('c2VjcmV0LXNoYXJlZC13aXRoLXRoZS1wYng=');
        const after = clone(FRESH);
        after.secret.hasSharedSecret = true;
        getSetupState.mockResolvedValue(after);

        $(element, '.generate-secret').click();
        await flush();
        expect(generateSharedSecret).toHaveBeenCalledTimes(1);
        expect($(element, '.secret-value').textContent).toBe('c2VjcmV0LXNoYXJlZC13aXRoLXRoZS1wYng=');
        expect($(element, '[data-id="secret-status"]').textContent).toBe('c.Switchboard_Setup_SecretSet');
        expect($$(element, '.problem').map((li) => li.dataset.code)).not.toContain('SECRET_MISSING');
    });

    it('stores a secret the admin enters, refusing short ones', async () => {
        const { element } = await mount(FRESH);
        const secret = change($(element, '[data-id="secret"]'), 'short');
        await flush();
        $(element, '.save-secret').click();
        await flush();
        expect(secret.setCustomValidity).toHaveBeenLastCalledWith('Use at least 16 characters.');
        expect(setSharedSecret).not.toHaveBeenCalled();

        change(secret, 'a-long-enough-shared-secret');
        await flush();
        setSharedSecret.mockResolvedValue(undefined);
        $(element, '.save-secret').click();
        await flush();
        expect(setSharedSecret).toHaveBeenCalledWith({ secret: 'a-long-enough-shared-secret' });
        expect(getSetupState).toHaveBeenCalledTimes(2);
    });

    it('saves the credential lifetime when it changed, not on every blur', async () => {
        const { element } = await mount(READY);
        const lifetime = $(element, '[data-id="lifetime"]');
        lifetime.reportValidity = jest.fn(() => true);
        lifetime.dispatchEvent(new CustomEvent('blur'));
        await flush();
        expect(saveCredentialLifetime).not.toHaveBeenCalled();

        change(lifetime, '8');
        saveCredentialLifetime.mockResolvedValue(undefined);
        lifetime.dispatchEvent(new CustomEvent('blur'));
        await flush();
        expect(saveCredentialLifetime).toHaveBeenCalledWith({ hours: 8 });
    });

    it('lists agents and, with static credentials, sets an agent’s SIP password', async () => {
        const state = clone(READY);
        state.settings.credentialMode = 'static';
        const { element } = await mount(state);
        const table = $(element, 'lightning-datatable');
        expect(table.data.map((r) => r.sipUser)).toEqual(['1001', '1002']);
        expect(table.columns.map((c) => c.fieldName).filter(Boolean)).toEqual([
            'userName',
            'sipUser',
            'enabled',
            'inCallCenter',
            'hasPermissionSet',
            'hasSipPassword'
        ]);

        table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'password' }, row: table.data[1] } }));
        await flush();
        const password = $(element, '.sip-password lightning-input');
        expect(password.label).toBe('c.Switchboard_Setup_PasswordFor');
        change(password, 'pbx-password-1002');
        await flush();
        setSipPassword.mockResolvedValue(undefined);
        $(element, '.save-password').click();
        await flush();
        expect(setSipPassword).toHaveBeenCalledWith({ agentId: 'a01000000000002AAA', password: 'pbx-password-1002' });
        expect($(element, '.sip-password')).toBeNull();
    });

    it('opens an agent record for editing and a new agent form', async () => {
        const { element } = await mount(READY);
        const table = $(element, 'lightning-datatable');
        table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'edit' }, row: table.data[0] } }));
        $(element, '.new-agent').click();
        expect(navigations.map((n) => n.pageReference)).toEqual([
            {
                type: 'standard__recordPage',
                attributes: { recordId: 'a01000000000001AAA', objectApiName: 'Switchboard_Agent__c', actionName: 'edit' }
            },
            { type: 'standard__webPage', attributes: { url: SETUP_URLS.newAgent } }
        ]);
    });

    it('is read-only for users without the Switchboard admin permission', async () => {
        const state = clone(READY);
        state.canEdit = false;
        const { element } = await mount(state);
        expect($(element, '.read-only')).not.toBeNull();
        expect(input(element, 'pbxWebSocketUrl').disabled).toBe(true);
        expect($(element, '.save').disabled).toBe(true);
    });

    it('shows why the page could not load', async () => {
        getSetupState.mockRejectedValue({ body: { message: 'You do not have access to the Apex class named SwitchboardSetupController.' } });
        const element = createElement('c-switchboard-setup', { is: SwitchboardSetup });
        document.body.appendChild(element);
        await flush();
        expect($(element, '.load-error').textContent).toBe(
            'Setup could not load: You do not have access to the Apex class named SwitchboardSetupController.'
        );
    });
});
