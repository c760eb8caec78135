// The stand-in org behind the console: records, the softphone layout's search, saveLog's DML with
// Salesforce-like field checks, and the Apex class SwitchboardSoftphoneService.

import crypto from 'node:crypto';

import { SEARCHABLE, matchesSearch } from '../page/search.js';

const ID_PREFIX = { Account: '001', Contact: '003', Lead: '00Q', Task: '00T', User: '005' };
const PREFIX_TYPE = Object.fromEntries(Object.entries(ID_PREFIX).map(([k, v]) => [v, k]));

const str = (length, extra = {}) => ({ type: 'string', length, ...extra });
const phone = { type: 'phone', length: 40 };
const ref = (...to) => ({ type: 'reference', to });

// Field describes of the objects saveLog can write. Only what the console needs; Name on Contact
// and Lead is computed, Id and the audit fields are read-only.
export const SCHEMA = {
  Task: {
    Subject: str(255),
    Status: {
      type: 'picklist',
      values: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
      required: true,
      default: 'Not Started',
    },
    Priority: { type: 'picklist', values: ['High', 'Normal', 'Low'], required: true, default: 'Normal' },
    ActivityDate: { type: 'date' },
    CallType: { type: 'picklist', values: ['Inbound', 'Outbound', 'Internal'] },
    CallDurationInSeconds: { type: 'int' },
    CallObject: str(255),
    CallDisposition: str(255),
    Description: str(32000),
    TaskSubtype: { type: 'picklist', values: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call'], default: 'Task' },
    WhoId: ref('Contact', 'Lead'),
    WhatId: ref('Account'),
    OwnerId: { ...ref('User'), required: true },
  },
  Contact: {
    FirstName: str(40),
    LastName: str(80, { required: true }),
    Phone: phone,
    MobilePhone: phone,
    Email: { type: 'email', length: 80 },
    Title: str(128),
    AccountId: ref('Account'),
    Description: str(32000),
  },
  Lead: {
    FirstName: str(40),
    LastName: str(80, { required: true }),
    Company: str(255, { required: true }),
    Phone: phone,
    MobilePhone: phone,
    Email: { type: 'email', length: 80 },
    Status: {
      type: 'picklist',
      values: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
      required: true,
      default: 'Open - Not Contacted',
    },
    Description: str(32000),
  },
  Account: {
    Name: str(255, { required: true }),
    Phone: phone,
    Industry: str(40),
    BillingCity: str(40),
    Description: str(32000),
  },
};

export class DmlError extends Error {
  constructor(statusCode, message, fields = []) {
    super(`${statusCode}: ${message}`);
    this.statusCode = statusCode;
    this.fields = fields;
  }
}

export class ApiError extends Error {
  constructor(code, description, details = null) {
    super(description);
    this.code = code;
    this.details = details;
  }
}

export class Org {
  constructor({ fixture, callCenterSettings, labSecret, credentialTtlSeconds = 3600, now = () => Date.now() }) {
    this.fixture = structuredClone(fixture);
    this.records = new Map();
    this.settings = callCenterSettings;
    this.labSecret = labSecret;
    this.credentialTtlSeconds = credentialTtlSeconds;
    this.now = now;
    this.counter = 0;
    this.sequence = 0;
    for (const [type, list] of Object.entries(this.fixture.records)) {
      for (const record of list) this.put(type, { ...record });
    }
  }

  put(type, record) {
    const stamp = new Date(this.now() - 86_400_000 + this.sequence++ * 1000).toISOString().replace('Z', '+0000');
    record.attributes = { type };
    record.CreatedDate ??= stamp;
    record.LastModifiedDate ??= stamp;
    if (type === 'Contact' || type === 'Lead') record.Name = [record.FirstName, record.LastName].filter(Boolean).join(' ');
    this.records.set(record.Id, record);
    return record;
  }

  newId(type) {
    this.counter += 1;
    const body = `5e0000${this.now().toString(36).slice(-3)}${this.counter.toString(36).padStart(3, '0')}`.slice(0, 12);
    return `${ID_PREFIX[type]}${body.padEnd(12, '0')}AAC`;
  }

  typeOf(id) {
    return this.records.get(id)?.attributes.type ?? PREFIX_TYPE[String(id).slice(0, 3)] ?? null;
  }

  get(id) {
    return this.records.get(id) ?? null;
  }

  list(type) {
    return [...this.records.values()].filter((r) => r.attributes.type === type);
  }

  all() {
    const out = {};
    for (const type of Object.keys(ID_PREFIX)) out[type] = this.list(type);
    return out;
  }

  user(idOrName) {
    return this.list('User').find((u) => u.Id === idOrName || u.Username === idOrName) ?? null;
  }

  // Every record matching the string (what the search page shows), [] below 3 characters.
  // Like SOSL's FIND: "a OR b" matches records matching either term (each term ≥ 3 characters).
  search(searchString, types = SEARCHABLE) {
    const terms = String(searchString ?? '').split(/\s+OR\s+/).map((t) => t.trim()).filter((t) => t.length >= 3);
    if (!terms.length) return [];
    return types.flatMap((type) => this.list(type).filter((r) => terms.some((text) => matchesSearch(r, type, text))));
  }

  // searchAndScreenPop's result: the matches among the layout's objects for this call type, each as
  // {Id, Name, RecordType, LastModifiedDate, …layout fields}.
  layoutSearch(searchString, layoutForCallType) {
    const objects = layoutForCallType?.objects ?? {};
    const types = Object.keys(objects).filter((t) => SEARCHABLE.includes(t));
    const result = {};
    for (const record of this.search(searchString, types)) {
      const type = record.attributes.type;
      const row = { Id: record.Id, Name: record.Name, RecordType: type, LastModifiedDate: record.LastModifiedDate };
      for (const { apiName } of objects[type]) if (record[apiName] !== undefined) row[apiName] = record[apiName];
      if (type === 'Account' && record.IsPersonAccount) {
        row.personAccount = true;
        row.contactId = record.PersonContactId;
      }
      result[record.Id] = row;
    }
    return result;
  }

  checkValue(type, field, describe, value) {
    const bad = (statusCode, message) => {
      throw new DmlError(statusCode, message, [field]);
    };
    if (value === null || value === '') {
      if (describe.required) bad('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field}]`);
      return null;
    }
    switch (describe.type) {
      case 'string':
      case 'phone':
      case 'email':
        if (typeof value !== 'string') bad('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field}: value not of required type: ${JSON.stringify(value)}`);
        if (value.length > describe.length) bad('STRING_TOO_LONG', `${field}: data value too large (max length=${describe.length})`);
        if (describe.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) bad('INVALID_EMAIL_ADDRESS', `${field}: invalid email address: ${value}`);
        return value;
      case 'picklist':
        if (!describe.values.includes(value)) bad('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field}: bad value for restricted picklist field: ${value}`);
        return value;
      case 'int': {
        const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
        if (!Number.isInteger(n)) bad('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field}: value not of required type: ${JSON.stringify(value)}`);
        return n;
      }
      case 'date': {
        const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
          && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
        if (!ok) bad('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field}: value not of required type (YYYY-MM-DD): ${JSON.stringify(value)}`);
        return value;
      }
      case 'reference': {
        if (typeof value !== 'string' || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)) bad('MALFORMED_ID', `${field}: id value of incorrect type: ${JSON.stringify(value)}`);
        const target = this.get(value);
        if (!target) bad('INVALID_CROSS_REFERENCE_KEY', `${field}: invalid cross reference id`);
        if (!describe.to.includes(target.attributes.type)) {
          bad('FIELD_INTEGRITY_EXCEPTION', `${field}: id value of incorrect type: ${value} (expected ${describe.to.join(' or ')})`);
        }
        return value;
      }
      default:
        return value;
    }
  }

  // saveLog's DML: {Id, …} updates, {entityApiName, …} creates. Returns the record Id.
  save(value, { userId } = {}) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ApiError('INVALID_PARAM', 'saveLog: value must be an object with Id (update) or entityApiName (create).');
    }
    const { Id: id, entityApiName, ...fields } = value;
    let type;
    let existing = null;
    if (id !== undefined) {
      existing = typeof id === 'string' ? this.get(id) : null;
      if (!existing) throw new DmlError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${String(id).slice(0, 40)}`, ['Id']);
      type = existing.attributes.type;
      if (entityApiName !== undefined && entityApiName !== type) {
        throw new ApiError('INVALID_PARAM', `saveLog: Id ${id} is a ${type}, not a ${entityApiName}.`);
      }
    } else {
      if (typeof entityApiName !== 'string' || !entityApiName) {
        throw new ApiError('INVALID_PARAM', 'saveLog: value needs Id to update a record or entityApiName to create one.');
      }
      type = entityApiName;
    }
    const describe = SCHEMA[type];
    if (!describe) throw new DmlError('INVALID_TYPE', `sObject type '${String(type).slice(0, 80)}' is not supported.`);
    for (const field of Object.keys(fields)) {
      if (field === 'recordType' || field === 'RecordTypeId') continue;
      if (!describe[field]) throw new DmlError('INVALID_FIELD', `No such column '${field}' on entity '${type}'.`, [field]);
    }
    const record = existing ? { ...existing } : { Id: this.newId(type) };
    for (const [field, v] of Object.entries(fields)) {
      if (describe[field]) record[field] = this.checkValue(type, field, describe[field], v);
    }
    if (!existing) {
      for (const [field, d] of Object.entries(describe)) {
        if (record[field] === undefined && d.default !== undefined) record[field] = d.default;
        if (field === 'OwnerId' && record[field] === undefined) record[field] = userId;
      }
    }
    const missing = Object.entries(describe)
      .filter(([field, d]) => d.required && (record[field] === undefined || record[field] === null))
      .map(([field]) => field);
    if (missing.length) throw new DmlError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    if (type === 'Task') record.IsClosed = record.Status === 'Completed';
    const stamp = new Date(this.now()).toISOString().replace('Z', '+0000');
    record.LastModifiedDate = stamp;
    if (!existing) record.CreatedDate = stamp;
    this.put(type, record);
    return record.Id;
  }

  // SwitchboardSoftphoneService.getAgentConfig for the logged-in user (docs/protocol.md, "Apex").
  runApex({ apexClass, methodName, methodParams }, { userId }) {
    if (typeof apexClass !== 'string' || !apexClass) throw new ApiError('INVALID_PARAM', 'runApex: apexClass is required.');
    if (typeof methodName !== 'string' || !methodName) throw new ApiError('INVALID_PARAM', 'runApex: methodName is required.');
    if (methodParams !== undefined && typeof methodParams !== 'string') {
      throw new ApiError('INVALID_PARAM', 'runApex: methodParams must be a string like "a=1&b=2".');
    }
    if (apexClass !== 'SwitchboardSoftphoneService') {
      throw new ApiError('SERVER_ERROR', `Apex class ${apexClass} does not exist or is not accessible.`);
    }
    if (methodName === 'getAgentConfig') return JSON.stringify(this.agentConfig(userId));
    if (methodName === 'findCallLog') return JSON.stringify(this.findCallLog(methodParams ?? '', userId));
    throw new ApiError('SERVER_ERROR', `Method ${methodName} does not exist on Apex class ${apexClass}.`);
  }

  // SwitchboardSoftphoneService.findCallLog: the running user's Task with that CallObject, if any.
  findCallLog(methodParams, userId) {
    const callObject = new URLSearchParams(methodParams).get('callObject');
    if (!callObject) throw new ApiError('SERVER_ERROR', 'findCallLog: callObject is required.');
    const task = this.list('Task').find((t) => t.CallObject === callObject && (!t.OwnerId || !userId || t.OwnerId === userId));
    return { id: task ? task.Id : null };
  }

  agentConfig(userId) {
    const user = this.user(userId);
    const agent = user && this.fixture.agents?.[user.Id];
    if (!agent) {
      return { error: { code: 'NO_AGENT_SETTINGS', message: `No Switchboard agent settings for user ${user?.Username ?? userId}.` } };
    }
    const mode = agent.credentialMode || this.settings['/switchboard/credentialMode'] || 'ephemeral';
    const sip = { user: agent.sipUser, display_name: agent.displayName ?? user.Name };
    if (mode === 'ephemeral') {
      if (!this.labSecret) return { error: { code: 'NO_AGENT_SETTINGS', message: 'No shared secret configured for ephemeral credentials.' } };
      const expires = Math.floor(this.now() / 1000) + this.credentialTtlSeconds;
      Object.assign(sip, ephemeralCredentials(this.labSecret, agent.sipUser, expires));
    } else {
      if (!agent.password) return { error: { code: 'NO_AGENT_SETTINGS', message: `No SIP password for user ${user.Username}.` } };
      Object.assign(sip, { auth_user: agent.sipUser, password: agent.password });
    }
    // The transfer directory: the other agents with a line (as SwitchboardSoftphoneService returns it).
    const colleagues = Object.entries(this.fixture.agents ?? {})
      .filter(([id]) => id !== user.Id)
      .map(([id, a]) => ({ name: a.displayName ?? this.user(id)?.Name ?? a.sipUser, target: a.sipUser }));
    return { sip, ...(agent.settings ? { settings: agent.settings } : {}), colleagues };
  }
}

// The time-limited credentials of Kamailio's autheph module (and the TURN REST API):
// username "<expiry unix seconds>:<user>", password base64(HMAC-SHA1(secret, username)).
export function ephemeralCredentials(secret, user, expiresAt) {
  const authUser = `${expiresAt}:${user}`;
  const password = crypto.createHmac('sha1', secret).update(authUser).digest('base64');
  return { auth_user: authUser, password, credential_expires_at: expiresAt };
}
