// The adapter page's start-up (a file, not an inline script, so the page runs under a CSP of
// script-src 'self'). Salesforce opens the page with ?…&sfdcIframeOrigin=…; the query string is left
// exactly as it came, since the Open CTI side reads it.
(function boot() {
  const root = document.getElementById('softphone');
  const here = document.currentScript?.src || window.location.href;
  const baseUrl = new URL('.', here).href;
  const params = new URLSearchParams(window.location.search);

  function message(title, lines) {
    const box = document.createElement('div');
    box.className = 'slds-notify slds-notify_alert slds-alert_warning sb-phone-message';
    box.setAttribute('role', 'status');
    const heading = document.createElement('h1');
    heading.textContent = title;
    box.append(heading, ...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
    const main = document.createElement('main');
    main.append(box);
    root.replaceChildren(main);
  }

  if (!window.SwitchboardSoftphone) {
    message('The softphone did not load', ['softphone.js is missing next to this page. Reload the page or ask your administrator.']);
  } else if (params.get('sfdcIframeOrigin')) {
    window.SwitchboardSoftphone.start({ root, baseUrl, host: 'opencti' }).catch((err) => console.error('[switchboard]', err));
  } else {
    message('Switchboard softphone', [
      'This page is the phone of the Salesforce console. It runs inside the console’s phone utility, which opens it with its own parameters.',
      'To use it, an administrator sets this page as the CTI Adapter URL of a call center and adds you to that call center.',
    ]);
  }
})();
