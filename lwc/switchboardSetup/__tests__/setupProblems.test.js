import { setupProblems, SETUP_URLS } from '../setupProblems';

// Under jest a label's value is its name; this one gets its text so the filled-in values show.
jest.mock('@salesforce/label/c.Switchboard_Problem_NoAgentSettings', () => ({ default: 'Users of the call center without a Switchboard line: {0}.' }), {
    virtual: true
});
import READY from './data/readyState.json';

const codes = (state) => setupProblems(state).map((p) => p.code);
const withChanges = (change) => {
    const state = JSON.parse(JSON.stringify(READY));
    change(state);
    return state;
};

describe('setupProblems', () => {
    it('finds nothing in a ready org', () => {
        expect(setupProblems(READY)).toEqual([]);
    });

    it('finds nothing to say before the state has loaded', () => {
        expect(setupProblems(undefined)).toEqual([]);
    });

    it('reports a missing call center and links to Call Centers setup', () => {
        const [problem] = setupProblems(withChanges((s) => (s.callCenter = { found: false })));
        expect(problem).toMatchObject({ code: 'CALL_CENTER_MISSING', severity: 'error', action: { url: SETUP_URLS.callCenters } });
    });

    it('reports a call center whose adapter URL is not the softphone page', () => {
        expect(codes(withChanges((s) => (s.callCenter.adapterUrl = '/apex/OldSoftphone')))).toEqual(['ADAPTER_URL']);
        expect(codes(withChanges((s) => (s.callCenter.adapterUrl = 'https://acme--c.vf.force.com/apex/SwitchboardSoftphone')))).toEqual([]);
    });

    it('warns when the PBX address or SIP domain is not set', () => {
        expect(codes(withChanges((s) => (s.settings.pbxWebSocketUrl = '')))).toEqual(['PBX_URL_MISSING']);
        expect(codes(withChanges((s) => (s.settings.sipDomain = '')))).toEqual(['SIP_DOMAIN_MISSING']);
    });

    it('needs a shared secret for ephemeral credentials only', () => {
        expect(codes(withChanges((s) => (s.secret.hasSharedSecret = false)))).toEqual(['SECRET_MISSING']);
        expect(
            codes(
                withChanges((s) => {
                    s.settings.credentialMode = '';
                    s.secret.hasSharedSecret = false;
                })
            )
        ).toEqual(['SECRET_MISSING']);
        expect(
            codes(
                withChanges((s) => {
                    s.settings.credentialMode = 'static';
                    s.secret.hasSharedSecret = false;
                })
            )
        ).toEqual([]);
    });

    it('in static mode names the agents without a SIP password', () => {
        const problems = setupProblems(
            withChanges((s) => {
                s.settings.credentialMode = 'static';
                s.agents[1].hasSipPassword = false;
            })
        );
        expect(problems.map((p) => p.code)).toEqual(['SIP_PASSWORD']);
    });

    it('reports an org without enabled agents', () => {
        expect(codes(withChanges((s) => s.agents.forEach((a) => (a.enabled = false))))).toEqual(['NO_AGENTS']);
    });

    it('names agents missing from the call center or missing the permission set', () => {
        const state = withChanges((s) => {
            s.agents[0].inCallCenter = false;
            s.agents[1].hasPermissionSet = false;
        });
        const problems = setupProblems(state);
        expect(problems.map((p) => p.code)).toEqual(['NOT_IN_CALL_CENTER', 'PERMISSION_SET']);
        expect(problems[1].action.url).toBe(SETUP_URLS.permissionSets);
    });

    it('ignores disabled agents when checking call center and permission set', () => {
        expect(
            codes(
                withChanges((s) => {
                    s.agents[0].enabled = false;
                    s.agents[0].inCallCenter = false;
                    s.agents[0].hasPermissionSet = false;
                })
            )
        ).toEqual([]);
    });

    it('reports two agent records for one user', () => {
        expect(codes(withChanges((s) => s.agents.push({ ...s.agents[0], id: 'a3', sipUser: '1003' })))).toEqual(['DUPLICATE_AGENT']);
    });

    it('warns about call center users who have no agent settings', () => {
        expect(codes(withChanges((s) => (s.usersWithoutAgentSettings = [{ userId: '005x', userName: 'Grace Hopper' }])))).toEqual(['NO_AGENT_SETTINGS']);
    });

    it('warns about a missing or incomplete Trusted URL for the PBX', () => {
        expect(codes(withChanges((s) => (s.trustedUrl.found = false)))).toEqual(['TRUSTED_URL_MISSING']);
        expect(codes(withChanges((s) => (s.trustedUrl.connectSrc = false)))).toEqual(['TRUSTED_URL_INCOMPLETE']);
        expect(codes(withChanges((s) => (s.trustedUrl.active = false)))).toEqual(['TRUSTED_URL_INCOMPLETE']);
        expect(codes(withChanges((s) => (s.trustedUrl = { pbxOrigin: '' })))).toEqual([]);
        expect(codes(withChanges((s) => (s.trustedUrl = { pbxOrigin: 'wss://pbx.example.com:8089', found: false, checked: false })))).toEqual([]);
    });

    it('lists at most three names and counts the rest', () => {
        const state = withChanges((s) => {
            s.usersWithoutAgentSettings = ['A', 'B', 'C', 'D', 'E'].map((n) => ({ userId: n, userName: n }));
        });
        expect(setupProblems(state)[0].message).toBe('Users of the call center without a Switchboard line: A, B, C (+2).');
    });
});
