// Generated from callcenter-xml/definition.json by callcenter-xml/generate.mjs; do not edit.
import pbxWebSocketUrlLabel from '@salesforce/label/c.Switchboard_Setting_PbxWebSocketUrl';
import pbxWebSocketUrlHelp from '@salesforce/label/c.Switchboard_Setting_PbxWebSocketUrl_Help';
import sipDomainLabel from '@salesforce/label/c.Switchboard_Setting_SipDomain';
import sipDomainHelp from '@salesforce/label/c.Switchboard_Setting_SipDomain_Help';
import credentialModeLabel from '@salesforce/label/c.Switchboard_Setting_CredentialMode';
import credentialModeHelp from '@salesforce/label/c.Switchboard_Setting_CredentialMode_Help';
import defaultCountryCodeLabel from '@salesforce/label/c.Switchboard_Setting_DefaultCountryCode';
import defaultCountryCodeHelp from '@salesforce/label/c.Switchboard_Setting_DefaultCountryCode_Help';
import acwSecondsLabel from '@salesforce/label/c.Switchboard_Setting_AcwSeconds';
import acwSecondsHelp from '@salesforce/label/c.Switchboard_Setting_AcwSeconds_Help';
import dispositionsLabel from '@salesforce/label/c.Switchboard_Setting_Dispositions';
import dispositionsHelp from '@salesforce/label/c.Switchboard_Setting_Dispositions_Help';
import dispositionRequiredLabel from '@salesforce/label/c.Switchboard_Setting_DispositionRequired';
import dispositionRequiredHelp from '@salesforce/label/c.Switchboard_Setting_DispositionRequired_Help';
import awayReasonsLabel from '@salesforce/label/c.Switchboard_Setting_AwayReasons';
import awayReasonsHelp from '@salesforce/label/c.Switchboard_Setting_AwayReasons_Help';
import noMatchPopLabel from '@salesforce/label/c.Switchboard_Setting_NoMatchPop';
import noMatchPopHelp from '@salesforce/label/c.Switchboard_Setting_NoMatchPop_Help';
import multipleMatchPopLabel from '@salesforce/label/c.Switchboard_Setting_MultipleMatchPop';
import multipleMatchPopHelp from '@salesforce/label/c.Switchboard_Setting_MultipleMatchPop_Help';
import popFlowLabel from '@salesforce/label/c.Switchboard_Setting_PopFlow';
import popFlowHelp from '@salesforce/label/c.Switchboard_Setting_PopFlow_Help';
import popUrlLabel from '@salesforce/label/c.Switchboard_Setting_PopUrl';
import popUrlHelp from '@salesforce/label/c.Switchboard_Setting_PopUrl_Help';
import dialFormatLabel from '@salesforce/label/c.Switchboard_Setting_DialFormat';
import dialFormatHelp from '@salesforce/label/c.Switchboard_Setting_DialFormat_Help';
import startStatusLabel from '@salesforce/label/c.Switchboard_Setting_StartStatus';
import startStatusHelp from '@salesforce/label/c.Switchboard_Setting_StartStatus_Help';
import logMissedCallsLabel from '@salesforce/label/c.Switchboard_Setting_LogMissedCalls';
import logMissedCallsHelp from '@salesforce/label/c.Switchboard_Setting_LogMissedCalls_Help';

export const SECTION = 'switchboard';

export const SETTINGS = [
    { name: 'pbxWebSocketUrl', type: 'websocketUrl', defaultValue: '', required: true, label: pbxWebSocketUrlLabel, help: pbxWebSocketUrlHelp },
    { name: 'sipDomain', type: 'hostname', defaultValue: '', required: true, label: sipDomainLabel, help: sipDomainHelp },
    { name: 'credentialMode', type: 'choice', defaultValue: 'ephemeral', required: false, choices: ['ephemeral', 'static'], label: credentialModeLabel, help: credentialModeHelp },
    { name: 'defaultCountryCode', type: 'countryCode', defaultValue: '1', required: false, label: defaultCountryCodeLabel, help: defaultCountryCodeHelp },
    { name: 'acwSeconds', type: 'integer', defaultValue: '30', required: false, min: 0, max: 3600, label: acwSecondsLabel, help: acwSecondsHelp },
    { name: 'dispositions', type: 'list', defaultValue: 'Resolved;Follow-up needed;Left voicemail;Wrong number', required: false, label: dispositionsLabel, help: dispositionsHelp },
    { name: 'dispositionRequired', type: 'boolean', defaultValue: 'false', required: false, label: dispositionRequiredLabel, help: dispositionRequiredHelp },
    { name: 'awayReasons', type: 'list', defaultValue: 'Break;Lunch;Meeting;Training', required: false, label: awayReasonsLabel, help: awayReasonsHelp },
    { name: 'noMatchPop', type: 'choice', defaultValue: 'newContact', required: false, choices: ['newContact', 'newLead', 'search', 'none'], label: noMatchPopLabel, help: noMatchPopHelp },
    { name: 'multipleMatchPop', type: 'choice', defaultValue: 'search', required: false, choices: ['search', 'first'], label: multipleMatchPopLabel, help: multipleMatchPopHelp },
    { name: 'popFlow', type: 'apiName', defaultValue: '', required: false, label: popFlowLabel, help: popFlowHelp },
    { name: 'popUrl', type: 'relativeUrl', defaultValue: '', required: false, label: popUrlLabel, help: popUrlHelp },
    { name: 'dialFormat', type: 'choice', defaultValue: 'e164', required: false, choices: ['e164', 'prefixes'], label: dialFormatLabel, help: dialFormatHelp },
    { name: 'startStatus', type: 'choice', defaultValue: 'available', required: false, choices: ['available', 'away', 'offline'], label: startStatusLabel, help: startStatusHelp },
    { name: 'logMissedCalls', type: 'boolean', defaultValue: 'true', required: false, label: logMissedCallsLabel, help: logMissedCallsHelp }
];

// What a Switchboard setting value may be, by the type the call center definition gives it.
// Shared verbatim by the call center validator and the setup page (the generator copies this
// function into lwc/switchboardSetup/settingsSchema.js), so both accept exactly the same values.
// Returns null when the value is usable, else the name of the broken expectation.
export function settingProblem(spec, value) {
    if (value === undefined || value === null || value === '') {
        return null; // empty: the next source (call center, then the softphone's default) applies
    }
    const text = String(value);
    switch (spec.type) {
        case 'websocketUrl': {
            const match = /^(wss?):\/\/([^/:?#\s]+|\[[0-9a-fA-F:]+\])(:\d{1,5})?(\/\S*)?$/.exec(text);
            if (!match) {
                return 'websocketUrl';
            }
            const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(match[2]);
            return match[1] === 'wss' || loopback ? null : 'websocketUrl';
        }
        case 'hostname':
            return /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(text)
                ? null
                : 'hostname';
        case 'choice':
            return spec.choices.includes(text) ? null : 'choice';
        case 'boolean':
            return text === 'true' || text === 'false' ? null : 'boolean';
        case 'integer':
            return /^\d+$/.test(text) && Number(text) >= spec.min && Number(text) <= spec.max ? null : 'integer';
        case 'countryCode':
            return /^[1-9]\d{0,2}$/.test(text) ? null : 'countryCode';
        case 'list':
            return text.split(/[;,]/).some((part) => part.trim()) ? null : 'list';
        case 'apiName':
            return /^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(text) && !text.includes('__') && !text.endsWith('_') ? null : 'apiName';
        case 'relativeUrl':
            return /^\/(?!\/)\S*$/.test(text) ? null : 'relativeUrl';
        default:
            return 'unknownType';
    }
}
