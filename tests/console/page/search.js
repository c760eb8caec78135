// How the emulated org matches a search string, shared by the server (searchAndScreenPop) and the
// page (the search results page): phone numbers by digits contained either way (≥ 3 digits searched,
// ≥ 7 stored when the stored number is the shorter one), text contained case-insensitively. A person
// account's contact is found as the account, as in Salesforce's search results.

export const PHONE_FIELDS = { Account: ['Phone'], Contact: ['Phone', 'MobilePhone'], Lead: ['Phone', 'MobilePhone'] };
export const TEXT_FIELDS = { Account: ['Name'], Contact: ['Name', 'Email'], Lead: ['Name', 'Email', 'Company'] };
export const SEARCHABLE = Object.keys(PHONE_FIELDS);

const digitsOf = (s) => String(s ?? '').replace(/\D/g, '');
const PHONE_LIKE = /^[\d\s()+.\-/]*$/;

export function matchesSearch(record, type, searchString) {
  const text = String(searchString ?? '').trim();
  if (text.length < 3 || !PHONE_FIELDS[type]) return false;
  if (type === 'Contact' && record.IsPersonAccount) return false; // found as its person account
  const wanted = digitsOf(text);
  if (wanted.length >= 3 && PHONE_LIKE.test(text)) {
    return PHONE_FIELDS[type].some((field) => {
      const stored = digitsOf(record[field]);
      return stored !== '' && (stored.includes(wanted) || (stored.length >= 7 && wanted.endsWith(stored)));
    });
  }
  const needle = text.toLowerCase();
  return TEXT_FIELDS[type].some((field) => String(record[field] ?? '').toLowerCase().includes(needle));
}
