// NavigationMixin that records where a component navigated, for assertions.
export const CurrentPageReference = jest.fn();

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');
export const navigations = [];

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            navigations.push({ pageReference, replace });
        }
        [GenerateUrl](pageReference) {
            return Promise.resolve(`/generated/${encodeURIComponent(JSON.stringify(pageReference))}`);
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export function resetNavigation() {
    navigations.length = 0;
}
