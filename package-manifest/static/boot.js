// Starts the Switchboard softphone on its Visualforce page. A separate file rather than an inline
// script, so the page keeps working under a Content-Security-Policy without 'unsafe-inline'.
(function boot() {
    'use strict';
    var root = document.getElementById('switchboard-softphone');
    if (!root) {
        return;
    }
    function fail(message) {
        root.setAttribute('role', 'alert');
        root.setAttribute('data-boot-error', message);
        root.textContent = 'Switchboard could not start: ' + message;
    }
    if (!window.SwitchboardSoftphone || typeof window.SwitchboardSoftphone.start !== 'function') {
        fail('the softphone script did not load. Reload the page; if it persists, ask your Salesforce admin to check the SwitchboardSoftphone static resource.');
        return;
    }
    var host = root.getAttribute('data-host') || 'opencti';
    if (host === 'opencti' && (!window.sforce || !window.sforce.opencti)) {
        fail('the Open CTI library did not load. Open the softphone from the Salesforce console, not directly.');
        return;
    }
    var options = { root: root, baseUrl: root.getAttribute('data-base-url'), host: host };
    var core = root.getAttribute('data-core');
    if (core && core !== 'auto') {
        options.core = core; // the standby page runs the pure-JavaScript core
    }
    Promise.resolve()
        .then(function () {
            return window.SwitchboardSoftphone.start(options);
        })
        .catch(function (err) {
            fail(String((err && err.message) || err));
        });
})();
