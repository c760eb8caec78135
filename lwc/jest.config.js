'use strict';

// Runs the components' jest suites with @salesforce/sfdx-lwc-jest's engine, transformer and
// Lightning stubs. The components live directly in this folder (it is the package's lwc/ folder),
// so `c/<name>` resolves here instead of through an sfdx-project.json.
const path = require('path');
const jestPreset = require('@lwc/jest-preset');

module.exports = {
    rootDir: __dirname,
    moduleFileExtensions: ['js', 'html'],
    testEnvironment: jestPreset.testEnvironment,
    transform: {
        ...jestPreset.transform,
        '^.+\\.(js|html|css)$': require.resolve('@lwc/jest-transformer')
    },
    setupFilesAfterEnv: jestPreset.setupFilesAfterEnv || [],
    snapshotSerializers: jestPreset.snapshotSerializers || [require.resolve('@lwc/jest-serializer')],
    resolver: path.join(__dirname, 'jest-resolver.js'),
    moduleNameMapper: {
        '^@salesforce/apex$': '<rootDir>/jest-mocks/apex',
        '^lightning/messageService$': '<rootDir>/jest-mocks/lightning/messageService',
        '^lightning/navigation$': '<rootDir>/jest-mocks/lightning/navigation'
    },
    testMatch: ['<rootDir>/*/__tests__/**/*.test.js'],
    testPathIgnorePatterns: ['<rootDir>/node_modules/'],
    transformIgnorePatterns: ['/node_modules/(?!(.*@lwc/state)|(.*@salesforce/sfdx-lwc-jest/src/lightning-stubs)/)'],
    collectCoverageFrom: ['<rootDir>/*/*.js', '!<rootDir>/*.config.js', '!<rootDir>/jest-*.js']
};
