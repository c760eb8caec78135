'use strict';

const { defineConfig, globalIgnores } = require('eslint/config');
const eslintJs = require('@eslint/js');
const jestPlugin = require('eslint-plugin-jest');
const salesforceLwcConfig = require('@salesforce/eslint-config-lwc/recommended');
const globals = require('globals');

module.exports = defineConfig([
    globalIgnores(['node_modules/**', 'coverage/**']),

    // The components.
    {
        files: ['*/**/*.js'],
        ignores: ['jest-mocks/**', '*/__tests__/**'],
        extends: [salesforceLwcConfig]
    },

    // Their tests.
    {
        files: ['*/__tests__/**/*.js'],
        extends: [salesforceLwcConfig],
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        },
        languageOptions: {
            globals: {
                ...globals.node,
                ...jestPlugin.environments.globals.globals
            }
        }
    },

    // Jest mocks and the tooling files of this folder.
    {
        files: ['jest-mocks/**/*.js', '*.js'],
        languageOptions: {
            sourceType: 'module',
            ecmaVersion: 'latest',
            globals: {
                ...globals.node,
                ...globals.es2021,
                ...jestPlugin.environments.globals.globals
            }
        },
        plugins: { eslintJs },
        extends: ['eslintJs/recommended']
    },
    {
        files: ['*.config.js', 'jest-resolver.js'],
        languageOptions: { sourceType: 'commonjs' }
    }
]);
