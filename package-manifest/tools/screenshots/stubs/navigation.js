// Navigation for pictures: records where a component would go.
export const CurrentPageReference = class {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }
    connect() {}
    update() {}
    disconnect() {}
};

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference) {
            window.__sbNavigations = (window.__sbNavigations || []).concat([pageReference]);
        }
        [GenerateUrl]() {
            return Promise.resolve('#');
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
