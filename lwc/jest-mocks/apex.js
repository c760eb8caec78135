// refreshApex resolves at once in tests; each test asserts it was asked to refresh.
export const refreshApex = jest.fn(() => Promise.resolve());
export const getSObjectValue = jest.fn();
