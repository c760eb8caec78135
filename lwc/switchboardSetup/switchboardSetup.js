import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getSetupState from '@salesforce/apex/SwitchboardSetupController.getSetupState';
import saveSettings from '@salesforce/apex/SwitchboardSetupController.saveSettings';
import generateSharedSecret from '@salesforce/apex/SwitchboardSetupController.generateSharedSecret';
import setSharedSecret from '@salesforce/apex/SwitchboardSetupController.setSharedSecret';
import saveCredentialLifetime from '@salesforce/apex/SwitchboardSetupController.saveCredentialLifetime';
import setSipPassword from '@salesforce/apex/SwitchboardSetupController.setSipPassword';
import { formatLabel, reduceErrors } from 'c/switchboardUtils';
import { SETTINGS, settingProblem } from './settingsSchema';
import { SETUP_URLS, setupProblems } from './setupProblems';

import titleLabel from '@salesforce/label/c.Switchboard_Setup_Title';
import subtitleLabel from '@salesforce/label/c.Switchboard_Setup_Subtitle';
import loadingLabel from '@salesforce/label/c.Switchboard_Setup_Loading';
import loadErrorLabel from '@salesforce/label/c.Switchboard_Setup_LoadError';
import readyLabel from '@salesforce/label/c.Switchboard_Setup_Ready';
import readyDetailLabel from '@salesforce/label/c.Switchboard_Setup_ReadyDetail';
import attentionLabel from '@salesforce/label/c.Switchboard_Setup_Attention';
import checklistLabel from '@salesforce/label/c.Switchboard_Setup_Checklist';
import settingsTitleLabel from '@salesforce/label/c.Switchboard_Setup_SettingsTitle';
import settingsIntroLabel from '@salesforce/label/c.Switchboard_Setup_SettingsIntro';
import useDefaultLabel from '@salesforce/label/c.Switchboard_Setup_UseDefault';
import yesLabel from '@salesforce/label/c.Switchboard_Setup_Yes';
import noLabel from '@salesforce/label/c.Switchboard_Setup_No';
import saveLabel from '@salesforce/label/c.Switchboard_Setup_Save';
import cancelLabel from '@salesforce/label/c.Switchboard_Setup_Cancel';
import savedLabel from '@salesforce/label/c.Switchboard_Setup_Saved';
import saveErrorLabel from '@salesforce/label/c.Switchboard_Setup_SaveError';
import fixFieldsLabel from '@salesforce/label/c.Switchboard_Setup_FixFields';
import readOnlyLabel from '@salesforce/label/c.Switchboard_Setup_ReadOnly';
import credentialsTitleLabel from '@salesforce/label/c.Switchboard_Setup_CredentialsTitle';
import ephemeralIntroLabel from '@salesforce/label/c.Switchboard_Setup_EphemeralIntro';
import staticIntroLabel from '@salesforce/label/c.Switchboard_Setup_StaticIntro';
import secretSetLabel from '@salesforce/label/c.Switchboard_Setup_SecretSet';
import secretNotSetLabel from '@salesforce/label/c.Switchboard_Setup_SecretNotSet';
import generateSecretLabel from '@salesforce/label/c.Switchboard_Setup_GenerateSecret';
import newSecretLabel from '@salesforce/label/c.Switchboard_Setup_NewSecret';
import newSecretHintLabel from '@salesforce/label/c.Switchboard_Setup_NewSecretHint';
import enterSecretLabel from '@salesforce/label/c.Switchboard_Setup_EnterSecret';
import saveSecretLabel from '@salesforce/label/c.Switchboard_Setup_SaveSecret';
import secretTooShortLabel from '@salesforce/label/c.Switchboard_Setup_SecretTooShort';
import lifetimeLabel from '@salesforce/label/c.Switchboard_Setup_Lifetime';
import lifetimeHelpLabel from '@salesforce/label/c.Switchboard_Setup_LifetimeHelp';
import agentsTitleLabel from '@salesforce/label/c.Switchboard_Setup_AgentsTitle';
import agentsEmptyLabel from '@salesforce/label/c.Switchboard_Setup_AgentsEmpty';
import colUserLabel from '@salesforce/label/c.Switchboard_Setup_ColUser';
import colSipUserLabel from '@salesforce/label/c.Switchboard_Setup_ColSipUser';
import colEnabledLabel from '@salesforce/label/c.Switchboard_Setup_ColEnabled';
import colCallCenterLabel from '@salesforce/label/c.Switchboard_Setup_ColCallCenter';
import colPermissionSetLabel from '@salesforce/label/c.Switchboard_Setup_ColPermissionSet';
import colPasswordLabel from '@salesforce/label/c.Switchboard_Setup_ColPassword';
import editAgentLabel from '@salesforce/label/c.Switchboard_Setup_EditAgent';
import setPasswordLabel from '@salesforce/label/c.Switchboard_Setup_SetPassword';
import passwordForLabel from '@salesforce/label/c.Switchboard_Setup_PasswordFor';
import newAgentLabel from '@salesforce/label/c.Switchboard_Action_NewAgent';
import invalidWebsocketUrlLabel from '@salesforce/label/c.Switchboard_Invalid_WebsocketUrl';
import invalidHostnameLabel from '@salesforce/label/c.Switchboard_Invalid_Hostname';
import invalidChoiceLabel from '@salesforce/label/c.Switchboard_Invalid_Choice';
import invalidBooleanLabel from '@salesforce/label/c.Switchboard_Invalid_Boolean';
import invalidIntegerLabel from '@salesforce/label/c.Switchboard_Invalid_Integer';
import invalidCountryCodeLabel from '@salesforce/label/c.Switchboard_Invalid_CountryCode';
import invalidListLabel from '@salesforce/label/c.Switchboard_Invalid_List';
import invalidApiNameLabel from '@salesforce/label/c.Switchboard_Invalid_ApiName';
import invalidRelativeUrlLabel from '@salesforce/label/c.Switchboard_Invalid_RelativeUrl';

const MIN_SECRET_LENGTH = 16;
const TEXT_TYPES = ['websocketUrl', 'hostname', 'countryCode', 'list', 'apiName', 'relativeUrl'];

const INVALID = {
    websocketUrl: () => invalidWebsocketUrlLabel,
    hostname: () => invalidHostnameLabel,
    choice: (spec) => formatLabel(invalidChoiceLabel, spec.choices.join(', ')),
    boolean: () => invalidBooleanLabel,
    integer: (spec) => formatLabel(invalidIntegerLabel, spec.min, spec.max),
    countryCode: () => invalidCountryCodeLabel,
    list: () => invalidListLabel,
    apiName: () => invalidApiNameLabel,
    relativeUrl: () => invalidRelativeUrlLabel,
    unknownType: () => invalidListLabel
};

/** Message for a value the softphone could not use, or '' when the value is fine. */
export function validationMessage(spec, value) {
    const problem = settingProblem(spec, value);
    return problem ? INVALID[problem](spec) : '';
}

/**
 * The admin's setup page: connector settings (validated exactly as the call center validator does),
 * credentials, agents, and a checklist of what still keeps agents from taking calls.
 */
export default class SwitchboardSetup extends NavigationMixin(LightningElement) {
    labels = {
        title: titleLabel,
        subtitle: subtitleLabel,
        loading: loadingLabel,
        attention: attentionLabel,
        checklist: checklistLabel,
        ready: readyLabel,
        settingsTitle: settingsTitleLabel,
        settingsIntro: settingsIntroLabel,
        save: saveLabel,
        cancel: cancelLabel,
        readOnly: readOnlyLabel,
        credentialsTitle: credentialsTitleLabel,
        generateSecret: generateSecretLabel,
        newSecret: newSecretLabel,
        newSecretHint: newSecretHintLabel,
        enterSecret: enterSecretLabel,
        saveSecret: saveSecretLabel,
        lifetime: lifetimeLabel,
        lifetimeHelp: lifetimeHelpLabel,
        agentsEmpty: agentsEmptyLabel,
        newAgent: newAgentLabel
    };

    state;
    loadError;
    values = {};
    saving = false;
    generatedSecret = '';
    secretDraft = '';
    lifetimeDraft = '';
    passwordAgent = null;
    passwordDraft = '';

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            this.apply(await getSetupState());
            this.loadError = undefined;
        } catch (error) {
            this.loadError = formatLabel(loadErrorLabel, reduceErrors(error).join(' '));
        }
    }

    apply(state) {
        this.state = state;
        this.values = { ...(state.settings || {}) };
        this.lifetimeDraft = state.secret && state.secret.credentialTtlHours ? String(state.secret.credentialTtlHours) : '';
    }

    // ------------------------------------------------------------------ checklist

    get loading() {
        return !this.state && !this.loadError;
    }

    get problems() {
        return setupProblems(this.state).map((p, index) => ({
            ...p,
            key: `${p.code}-${index}`,
            icon: p.severity === 'error' ? 'utility:error' : 'utility:warning',
            iconVariant: p.severity === 'error' ? 'error' : 'warning'
        }));
    }

    get hasProblems() {
        return this.problems.length > 0;
    }

    get attentionText() {
        return formatLabel(attentionLabel, this.problems.length);
    }

    get readyText() {
        const agents = (this.state.agents || []).filter((a) => a.enabled).length;
        return formatLabel(readyDetailLabel, agents);
    }

    get canEdit() {
        return !!(this.state && this.state.canEdit);
    }

    get readOnly() {
        return !this.canEdit;
    }

    handleProblemAction(event) {
        this.openUrl(event.currentTarget.dataset.url);
    }

    openUrl(url) {
        this[NavigationMixin.Navigate]({ type: 'standard__webPage', attributes: { url } });
    }

    // ------------------------------------------------------------------ connector settings

    get settingFields() {
        return SETTINGS.map((spec) => {
            const value = this.values[spec.name] === undefined || this.values[spec.name] === null ? '' : String(this.values[spec.name]);
            const shownDefault = spec.type === 'boolean' ? (spec.defaultValue === 'true' ? yesLabel : noLabel) : spec.defaultValue;
            const defaultText = formatLabel(useDefaultLabel, shownDefault || '—');
            const field = {
                ...spec,
                key: spec.name,
                value,
                placeholder: defaultText,
                isText: TEXT_TYPES.includes(spec.type),
                isNumber: spec.type === 'integer',
                isChoice: spec.type === 'choice' || spec.type === 'boolean'
            };
            if (field.isChoice) {
                const choices = spec.type === 'boolean' ? [['true', yesLabel], ['false', noLabel]] : spec.choices.map((c) => [c, c]);
                field.options = [{ label: defaultText, value: '' }, ...choices.map(([v, label]) => ({ label, value: v }))];
            }
            return field;
        });
    }

    get dirty() {
        const saved = (this.state && this.state.settings) || {};
        return SETTINGS.some((spec) => (this.values[spec.name] || '') !== (saved[spec.name] || ''));
    }

    get saveDisabled() {
        return this.saving || !this.dirty || !this.canEdit;
    }

    handleSettingChange(event) {
        const name = event.target.dataset.name;
        const spec = SETTINGS.find((s) => s.name === name);
        const value = event.detail.value === undefined || event.detail.value === null ? '' : String(event.detail.value).trim();
        this.values = { ...this.values, [name]: value };
        event.target.setCustomValidity(validationMessage(spec, value));
        event.target.reportValidity();
    }

    handleCancel() {
        this.values = { ...(this.state.settings || {}) };
        for (const input of this.template.querySelectorAll('[data-name]')) {
            input.setCustomValidity('');
            input.reportValidity();
        }
    }

    async handleSave() {
        let valid = true;
        for (const input of this.template.querySelectorAll('[data-name]')) {
            const spec = SETTINGS.find((s) => s.name === input.dataset.name);
            input.setCustomValidity(validationMessage(spec, this.values[spec.name] || ''));
            valid = input.reportValidity() && valid;
        }
        if (!valid) {
            this.toast(fixFieldsLabel, 'error');
            return;
        }
        const settings = {};
        for (const spec of SETTINGS) {
            settings[spec.name] = this.values[spec.name] || '';
        }
        await this.save(async () => {
            this.apply(await saveSettings({ settings }));
        });
    }

    // Runs one save with the page's buttons disabled; a toast says it worked or what went wrong.
    async save(action, { confirm = true } = {}) {
        this.saving = true;
        try {
            await action();
            if (confirm) {
                this.toast(savedLabel, 'success');
            }
        } catch (error) {
            this.toast(formatLabel(saveErrorLabel, reduceErrors(error).join(' ')), 'error');
        } finally {
            this.saving = false;
        }
    }

    // ------------------------------------------------------------------ credentials

    get credentialMode() {
        return (this.state && this.state.settings && this.state.settings.credentialMode) || 'ephemeral';
    }

    get isEphemeral() {
        return this.credentialMode === 'ephemeral';
    }

    get credentialsIntro() {
        return this.isEphemeral ? ephemeralIntroLabel : staticIntroLabel;
    }

    get hasSecret() {
        return !!(this.state && this.state.secret && this.state.secret.hasSharedSecret);
    }

    get secretStatus() {
        return this.hasSecret ? secretSetLabel : secretNotSetLabel;
    }

    get secretStatusClass() {
        return this.hasSecret ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_error';
    }

    get saveSecretDisabled() {
        return this.saving || !this.canEdit || !this.secretDraft;
    }

    async handleGenerateSecret() {
        await this.save(
            async () => {
                this.generatedSecret = await generateSharedSecret();
                await this.load();
            },
            { confirm: false }
        );
    }

    handleSecretDraft(event) {
        this.secretDraft = event.detail.value || '';
        event.target.setCustomValidity('');
    }

    async handleSaveSecret() {
        const input = this.template.querySelector('[data-id="secret"]');
        if (this.secretDraft.length < MIN_SECRET_LENGTH) {
            input.setCustomValidity(formatLabel(secretTooShortLabel, MIN_SECRET_LENGTH));
            input.reportValidity();
            return;
        }
        await this.save(async () => {
            await setSharedSecret({ secret: this.secretDraft });
            this.secretDraft = '';
            this.generatedSecret = '';
            await this.load();
        });
    }

    handleLifetimeChange(event) {
        this.lifetimeDraft = event.detail.value || '';
    }

    async handleLifetimeSave() {
        const input = this.template.querySelector('[data-id="lifetime"]');
        const saved = this.state.secret && this.state.secret.credentialTtlHours ? String(this.state.secret.credentialTtlHours) : '';
        if (this.lifetimeDraft === saved || !this.lifetimeDraft || !input.reportValidity()) {
            return;
        }
        await this.save(async () => {
            await saveCredentialLifetime({ hours: Number(this.lifetimeDraft) });
            await this.load();
        });
    }

    // ------------------------------------------------------------------ agents

    get agentsTitle() {
        return formatLabel(agentsTitleLabel, (this.state && this.state.agents && this.state.agents.length) || 0);
    }

    get hasAgents() {
        return !!(this.state && this.state.agents && this.state.agents.length);
    }

    get agentRows() {
        return (this.state.agents || []).map((agent) => ({ ...agent }));
    }

    get agentColumns() {
        const columns = [
            { label: colUserLabel, fieldName: 'userName', type: 'text' },
            { label: colSipUserLabel, fieldName: 'sipUser', type: 'text' },
            { label: colEnabledLabel, fieldName: 'enabled', type: 'boolean', initialWidth: 100 },
            { label: colCallCenterLabel, fieldName: 'inCallCenter', type: 'boolean', initialWidth: 130 },
            { label: colPermissionSetLabel, fieldName: 'hasPermissionSet', type: 'boolean', initialWidth: 130 }
        ];
        const actions = [{ label: editAgentLabel, name: 'edit' }];
        if (!this.isEphemeral) {
            columns.push({ label: colPasswordLabel, fieldName: 'hasSipPassword', type: 'boolean', initialWidth: 120 });
            actions.push({ label: setPasswordLabel, name: 'password' });
        }
        columns.push({ type: 'action', typeAttributes: { rowActions: actions } });
        return columns;
    }

    handleNewAgent() {
        this.openUrl(SETUP_URLS.newAgent);
    }

    handleRowAction(event) {
        const { action, row } = event.detail;
        if (action.name === 'edit') {
            this[NavigationMixin.Navigate]({
                type: 'standard__recordPage',
                attributes: { recordId: row.id, objectApiName: 'Switchboard_Agent__c', actionName: 'edit' }
            });
        } else if (action.name === 'password') {
            this.passwordAgent = row;
            this.passwordDraft = '';
        }
    }

    get passwordTitle() {
        return this.passwordAgent ? formatLabel(passwordForLabel, this.passwordAgent.userName) : '';
    }

    handlePasswordDraft(event) {
        this.passwordDraft = event.detail.value || '';
    }

    handlePasswordCancel() {
        this.passwordAgent = null;
        this.passwordDraft = '';
    }

    async handlePasswordSave() {
        if (!this.passwordDraft) {
            return;
        }
        await this.save(async () => {
            await setSipPassword({ agentId: this.passwordAgent.id, password: this.passwordDraft });
            this.passwordAgent = null;
            this.passwordDraft = '';
            await this.load();
        });
    }

    toast(message, variant) {
        this.dispatchEvent(new ShowToastEvent({ title: message, variant }));
    }
}
