/**
 * What still keeps agents from taking calls, derived from the org's setup state (as returned by
 * SwitchboardSetupController.getSetupState). Pure: the same state always gives the same list.
 * Each problem: {code, severity: 'error' | 'warning', message, action?: {label, url}}.
 */
import { formatLabel } from 'c/switchboardUtils';

import callCenterMissingLabel from '@salesforce/label/c.Switchboard_Problem_CallCenterMissing';
import adapterUrlLabel from '@salesforce/label/c.Switchboard_Problem_AdapterUrl';
import pbxUrlMissingLabel from '@salesforce/label/c.Switchboard_Problem_PbxUrlMissing';
import sipDomainMissingLabel from '@salesforce/label/c.Switchboard_Problem_SipDomainMissing';
import secretMissingLabel from '@salesforce/label/c.Switchboard_Problem_SecretMissing';
import noAgentsLabel from '@salesforce/label/c.Switchboard_Problem_NoAgents';
import notInCallCenterLabel from '@salesforce/label/c.Switchboard_Problem_NotInCallCenter';
import permissionSetLabel from '@salesforce/label/c.Switchboard_Problem_PermissionSet';
import noAgentSettingsLabel from '@salesforce/label/c.Switchboard_Problem_NoAgentSettings';
import duplicateAgentLabel from '@salesforce/label/c.Switchboard_Problem_DuplicateAgent';
import sipPasswordLabel from '@salesforce/label/c.Switchboard_Problem_SipPassword';
import trustedUrlMissingLabel from '@salesforce/label/c.Switchboard_Problem_TrustedUrlMissing';
import trustedUrlIncompleteLabel from '@salesforce/label/c.Switchboard_Problem_TrustedUrlIncomplete';
import openCallCentersLabel from '@salesforce/label/c.Switchboard_Action_OpenCallCenters';
import openPermissionSetsLabel from '@salesforce/label/c.Switchboard_Action_OpenPermissionSets';
import openTrustedUrlsLabel from '@salesforce/label/c.Switchboard_Action_OpenTrustedUrls';
import newAgentLabel from '@salesforce/label/c.Switchboard_Action_NewAgent';

export const SETUP_URLS = {
    callCenters: '/lightning/setup/CallCenters/home',
    permissionSets: '/lightning/setup/PermSets/home',
    trustedUrls: '/lightning/setup/SecurityCspTrustedSite/home',
    newAgent: '/lightning/o/Switchboard_Agent__c/new'
};

const MAX_NAMES = 3;

// "Ada, Grace, Alan (+2)": names enough to act on, and how many more there are.
function names(list) {
    const shown = list.slice(0, MAX_NAMES).join(', ');
    return list.length > MAX_NAMES ? `${shown} (+${list.length - MAX_NAMES})` : shown;
}

function effective(state, name, fallback) {
    const value = state.settings && state.settings[name];
    return value === undefined || value === null || value === '' ? fallback : value;
}

export function setupProblems(state) {
    if (!state) {
        return [];
    }
    const problems = [];
    const add = (code, severity, message, action) => problems.push({ code, severity, message, action });
    const callCenter = state.callCenter || {};
    const agents = (state.agents || []).filter((a) => a.enabled);

    if (!callCenter.found) {
        add('CALL_CENTER_MISSING', 'error', callCenterMissingLabel, { label: openCallCentersLabel, url: SETUP_URLS.callCenters });
    } else if (callCenter.adapterUrl && callCenter.expectedAdapterUrl && !callCenter.adapterUrl.endsWith(callCenter.expectedAdapterUrl)) {
        add('ADAPTER_URL', 'error', formatLabel(adapterUrlLabel, callCenter.adapterUrl, callCenter.expectedAdapterUrl), {
            label: openCallCentersLabel,
            url: SETUP_URLS.callCenters
        });
    }
    if (!effective(state, 'pbxWebSocketUrl', '')) {
        add('PBX_URL_MISSING', 'warning', pbxUrlMissingLabel);
    }
    if (!effective(state, 'sipDomain', '')) {
        add('SIP_DOMAIN_MISSING', 'warning', sipDomainMissingLabel);
    }
    const mode = effective(state, 'credentialMode', 'ephemeral');
    if (mode === 'ephemeral' && !(state.secret && state.secret.hasSharedSecret)) {
        add('SECRET_MISSING', 'error', secretMissingLabel);
    }
    if (!agents.length) {
        add('NO_AGENTS', 'error', noAgentsLabel, { label: newAgentLabel, url: SETUP_URLS.newAgent });
    }
    const notInCallCenter = agents.filter((a) => !a.inCallCenter).map((a) => a.userName);
    if (callCenter.found && notInCallCenter.length) {
        add('NOT_IN_CALL_CENTER', 'error', formatLabel(notInCallCenterLabel, names(notInCallCenter)), {
            label: openCallCentersLabel,
            url: SETUP_URLS.callCenters
        });
    }
    const noPermissionSet = agents.filter((a) => !a.hasPermissionSet).map((a) => a.userName);
    if (noPermissionSet.length) {
        add('PERMISSION_SET', 'error', formatLabel(permissionSetLabel, names(noPermissionSet)), {
            label: openPermissionSetsLabel,
            url: SETUP_URLS.permissionSets
        });
    }
    const seen = new Map();
    for (const agent of state.agents || []) {
        seen.set(agent.userId, (seen.get(agent.userId) || []).concat(agent.userName));
    }
    const duplicated = [...seen.values()].filter((list) => list.length > 1).map((list) => list[0]);
    if (duplicated.length) {
        add('DUPLICATE_AGENT', 'error', formatLabel(duplicateAgentLabel, names(duplicated)));
    }
    const withoutSettings = (state.usersWithoutAgentSettings || []).map((u) => u.userName);
    if (withoutSettings.length) {
        add('NO_AGENT_SETTINGS', 'warning', formatLabel(noAgentSettingsLabel, names(withoutSettings)), {
            label: newAgentLabel,
            url: SETUP_URLS.newAgent
        });
    }
    if (mode === 'static') {
        const noPassword = agents.filter((a) => !a.hasSipPassword).map((a) => a.userName);
        if (noPassword.length) {
            add('SIP_PASSWORD', 'error', formatLabel(sipPasswordLabel, names(noPassword)));
        }
    }
    const trusted = state.trustedUrl;
    // checked: false — Trusted URLs could not be read for this user; say nothing rather than guess.
    if (trusted && trusted.pbxOrigin && trusted.checked !== false) {
        if (!trusted.found) {
            add('TRUSTED_URL_MISSING', 'warning', formatLabel(trustedUrlMissingLabel, trusted.pbxOrigin), {
                label: openTrustedUrlsLabel,
                url: SETUP_URLS.trustedUrls
            });
        } else if (!trusted.active || !trusted.connectSrc) {
            add('TRUSTED_URL_INCOMPLETE', 'warning', formatLabel(trustedUrlIncompleteLabel, trusted.name || trusted.pbxOrigin), {
                label: openTrustedUrlsLabel,
                url: SETUP_URLS.trustedUrls
            });
        }
    }
    return problems;
}
