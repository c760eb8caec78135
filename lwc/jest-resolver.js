'use strict';

// `c/<name>` → ./<name>/<name>.js; everything else (lightning/* stubs, lwc, @salesforce/*) goes to
// sfdx-lwc-jest's resolver, which never needs an sfdx-project.json for those.
const fs = require('fs');
const path = require('path');
const sfdxResolver = require('@salesforce/sfdx-lwc-jest/src/resolver');

module.exports = function resolve(modulePath, options) {
    const match = /^c\/([A-Za-z][A-Za-z0-9_]*)$/.exec(modulePath);
    if (match) {
        const file = path.join(__dirname, match[1], `${match[1]}.js`);
        if (fs.existsSync(file)) {
            return file;
        }
    }
    return sfdxResolver(modulePath, options);
};
