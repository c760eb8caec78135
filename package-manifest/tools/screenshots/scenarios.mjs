// The admin guide's pictures: which component, in which state (stubbed Apex answers and channel
// messages, for the pictures only), and what part of the page to capture.

const NOW = Date.UTC(2024, 10, 25, 15, 4, 0);

const emptySettings = {
  pbxWebSocketUrl: '',
  sipDomain: '',
  credentialMode: '',
  defaultCountryCode: '',
  acwSeconds: '',
  dispositions: '',
  dispositionRequired: '',
  awayReasons: '',
  noMatchPop: '',
  multipleMatchPop: '',
  popFlow: '',
  popUrl: '',
  dialFormat: '',
  startStatus: '',
  logMissedCalls: '',
};

const agent = (n, name, sipUser, changes = {}) => ({
  id: `a0100000000000${n}AAA`,
  userId: `00500000000000${n}AAA`,
  userName: name,
  sipUser,
  displayName: '',
  enabled: true,
  inCallCenter: true,
  hasPermissionSet: true,
  hasSipPassword: false,
  ...changes,
});

const callCenter = {
  found: true,
  id: '04v000000000001AAA',
  name: 'Switchboard',
  internalName: 'SwitchboardCallCenter',
  adapterUrl: '/apex/SwitchboardSoftphone',
  expectedAdapterUrl: '/apex/SwitchboardSoftphone',
  visualforceUrl: 'https://acme--c.vf.force.com/apex/SwitchboardSoftphone',
};

const configured = {
  ...emptySettings,
  pbxWebSocketUrl: 'wss://pbx.example.com:8089/ws',
  sipDomain: 'pbx.example.com',
  credentialMode: 'ephemeral',
  defaultCountryCode: '1',
  acwSeconds: '30',
};

export const states = {
  afterInstall: {
    canEdit: true,
    settings: emptySettings,
    callCenter: { found: false, expectedAdapterUrl: '/apex/SwitchboardSoftphone' },
    secret: { hasSharedSecret: false, credentialTtlHours: 12 },
    agents: [],
    usersWithoutAgentSettings: [],
    trustedUrl: { pbxOrigin: '', found: false, active: false, connectSrc: false, name: '' },
    counts: { activeDispositions: 0, activeScreenPopRules: 0 },
  },
  agentsMissingAccess: {
    canEdit: true,
    settings: configured,
    callCenter,
    secret: { hasSharedSecret: true, credentialTtlHours: 12 },
    agents: [
      agent(1, 'Ada Lovelace', '1001'),
      agent(2, 'Alan Turing', '1002', { hasPermissionSet: false }),
      agent(3, 'Grace Hopper', '1003', { inCallCenter: false, hasPermissionSet: false }),
      agent(4, 'Katherine Johnson', '1004', { enabled: false, inCallCenter: false }),
    ],
    usersWithoutAgentSettings: [{ userId: '005000000000009AAA', userName: 'Margaret Hamilton' }],
    trustedUrl: { pbxOrigin: 'wss://pbx.example.com:8089', found: true, active: true, connectSrc: true, name: 'Switchboard_PBX' },
    counts: { activeDispositions: 0, activeScreenPopRules: 0 },
  },
  trustedUrlMissing: {
    canEdit: true,
    settings: configured,
    callCenter,
    secret: { hasSharedSecret: true, credentialTtlHours: 12 },
    agents: [agent(1, 'Ada Lovelace', '1001'), agent(2, 'Alan Turing', '1002')],
    usersWithoutAgentSettings: [],
    trustedUrl: { pbxOrigin: 'wss://pbx.example.com:8089', found: false, active: false, connectSrc: false, name: '' },
    counts: { activeDispositions: 0, activeScreenPopRules: 0 },
  },
  ready: {
    canEdit: true,
    settings: configured,
    callCenter,
    secret: { hasSharedSecret: true, credentialTtlHours: 12 },
    agents: [agent(1, 'Ada Lovelace', '1001'), agent(2, 'Alan Turing', '1002'), agent(3, 'Grace Hopper', '1003')],
    usersWithoutAgentSettings: [],
    trustedUrl: { pbxOrigin: 'wss://pbx.example.com:8089', found: true, active: true, connectSrc: true, name: 'Switchboard_PBX' },
    counts: { activeDispositions: 4, activeScreenPopRules: 1 },
  },
};

const setupApex = (state, extra = {}) => ({ 'SwitchboardSetupController.getSetupState': state, ...extra });
const setup = [{ tag: 'c-switchboard-setup', width: 960 }];

const connectedCall = {
  kind: 'call',
  call: {
    id: 'c1',
    state: 'connected',
    direction: 'inbound',
    number: '+14155550100',
    numberDisplay: '(415) 555-0100',
    label: 'Ada Lovelace',
    who: { id: '003000000000001AAA', name: 'Ada Lovelace', type: 'Contact' },
    what: { id: '001000000000001AAA', name: 'Analytical Engines Ltd', type: 'Account' },
    startedAt: NOW - 200000,
    answeredAt: NOW - 185000,
    endedAt: 0,
    wrapUpUntil: 0,
    disposition: 'Follow-up needed',
    notes: 'Asked about the October invoice; promised a corrected copy by Friday.',
  },
  dispositions: ['Resolved', 'Follow-up needed', 'Left voicemail', 'Wrong number'],
};

const callTasks = [
  {
    id: '00T000000000003AAA',
    subject: 'Call from (415) 555-0100',
    callType: 'Inbound',
    loggedAt: '2024-11-25T14:12:00.000Z',
    durationSeconds: 245,
    disposition: 'Resolved',
    notes: 'Invoice question answered; sent a copy of the October invoice.',
    ownerName: 'Alan Turing',
  },
  {
    id: '00T000000000002AAA',
    subject: 'Call to (415) 555-0100',
    callType: 'Outbound',
    loggedAt: '2024-11-21T09:30:00.000Z',
    durationSeconds: 32,
    disposition: 'Left voicemail',
    notes: '',
    ownerName: 'Ada Lovelace',
  },
  {
    id: '00T000000000001AAA',
    subject: 'Call from (415) 555-0100',
    callType: 'Inbound',
    loggedAt: '2024-11-18T16:45:00.000Z',
    durationSeconds: 611,
    disposition: 'Follow-up needed',
    notes: 'Wants to add two seats to the support plan; call back after budget review.',
    ownerName: 'Grace Hopper',
  },
];

export const scenarios = [
  {
    name: 'setup-after-install',
    alt: 'Switchboard Setup right after install: the checklist lists what is missing',
    now: NOW,
    components: setup,
    apex: setupApex(states.afterInstall),
    capture: 'c-switchboard-setup .checklist',
    expect: ['CALL_CENTER_MISSING', 'SECRET_MISSING', 'NO_AGENTS'],
  },
  {
    name: 'setup-settings',
    alt: 'Connector settings with field help; a ws:// address is refused with a clear message',
    now: NOW,
    components: setup,
    apex: setupApex(states.afterInstall),
    fill: [
      ['pbxWebSocketUrl', 'ws://pbx.example.com:8088/ws'],
      ['sipDomain', 'pbx.example.com'],
    ],
    capture: 'c-switchboard-setup .settings',
    expectText: ['Salesforce pages cannot open unencrypted ws://'],
  },
  {
    name: 'setup-credentials',
    alt: 'Credentials: a new shared secret, shown once, to copy into the PBX',
    now: NOW,
    components: setup,
    apex: {
      'SwitchboardSetupController.getSetupState': { sequence: [states.afterInstall, { ...states.afterInstall, secret: { hasSharedSecret: true, credentialTtlHours: 12 } }] },
      'SwitchboardSetupController.generateSharedSecret': 'q8Vd3LwM0xYp7rT2sKf9hN4bJc6uZa1eGiRo5yPtXwE=',
    },
    click: 'c-switchboard-setup .generate-secret button',
    capture: 'c-switchboard-setup .credentials',
    expectText: ['q8Vd3LwM0xYp7rT2sKf9hN4bJc6uZa1eGiRo5yPtXwE=', 'Shared secret set'],
  },
  {
    name: 'setup-agents',
    alt: 'The agent list: each user, their SIP user, and whether they are in the call center and have the Switchboard Agent permission set',
    now: NOW,
    components: setup,
    apex: setupApex(states.agentsMissingAccess),
    capture: 'c-switchboard-setup .agents',
    expectText: ['Grace Hopper', '1003'],
  },
  {
    name: 'setup-access',
    alt: 'The checklist names the agents missing from the call center or missing the permission set',
    now: NOW,
    components: setup,
    apex: setupApex(states.agentsMissingAccess),
    capture: 'c-switchboard-setup .checklist',
    expect: ['NOT_IN_CALL_CENTER', 'PERMISSION_SET', 'NO_AGENT_SETTINGS'],
  },
  {
    name: 'setup-trusted-url',
    alt: 'The checklist when no Trusted URL covers the PBX',
    now: NOW,
    components: setup,
    apex: setupApex(states.trustedUrlMissing),
    capture: 'c-switchboard-setup .checklist',
    expect: ['TRUSTED_URL_MISSING'],
  },
  {
    name: 'setup-ready',
    alt: 'Switchboard Setup when agents can take calls',
    now: NOW,
    components: setup,
    apex: setupApex(states.ready),
    capture: 'c-switchboard-setup .checklist',
    expectText: ['Ready for calls'],
  },
  {
    name: 'first-call',
    alt: 'A first call on a contact: the current call with notes and disposition, and the call history',
    now: NOW,
    components: [
      { tag: 'c-active-call', width: 380 },
      { tag: 'c-call-history', width: 460, props: { recordId: '003000000000001AAA' } },
    ],
    apex: { 'SwitchboardCallHistoryController.getCallTasks': callTasks },
    messages: [connectedCall],
    capture: '#stage',
    expectText: ['Ada Lovelace', 'Calls (3)', '3:05'],
  },
  {
    name: 'setup-de',
    lang: 'de',
    alt: 'The setup page in German (labels come from custom labels with German and French translations)',
    now: NOW,
    components: setup,
    apex: setupApex(states.agentsMissingAccess),
    capture: 'c-switchboard-setup .checklist',
    expectText: ['Bereit für Anrufe?'],
  },
];
