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
