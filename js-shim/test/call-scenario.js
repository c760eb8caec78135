// A whole call through the engine with a scripted PBX: register, an inbound call answered, held and
// resumed, DTMF, the caller hangs up, wrap-up. Pure (no I/O, fixed seed and clock), so the same
// function runs in Node and, via its source, in a browser page under any CSP; the transcripts must
// match between builds (wasm, wasm2js) and places (Node, Chromium).
//
// Self-contained on purpose: the browser test evaluates runCallScenario.toString() in the page.
export function runCallScenario(core) {
  const engine = core.createEngine();
  let now = 1700000000000;
  const transcript = [];
  const frames = [];
  const errors = [];
  const sdp = (dir) =>
    'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 101\r\nc=IN IP4 0.0.0.0\r\n' +
    'a=rtpmap:111 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n' +
    'a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n' +
    `a=setup:actpass\r\na=mid:0\r\na=${dir}\r\na=rtcp-mux\r\n`;

  function summary(e) {
    switch (e.type) {
      case 'ws.send': return `ws.send ${e.data.split('\r\n')[0]}`;
      case 'media.create':
      case 'media.update': return `${e.type} ${e.session} ${e.direction}${e.remote_sdp ? ' (answer)' : ' (offer)'}`;
      case 'media.apply':
      case 'media.close':
      case 'media.rollback': return `${e.type} ${e.session}`;
      case 'media.mute': return `media.mute ${e.session} ${e.muted}`;
      case 'media.dtmf': return `media.dtmf ${e.tones}`;
      case 'ui.render': return `ui.render ${e.view.agent.status} ${e.view.line.registration} [${e.view.calls.map((c) => `${c.id}:${c.state}`).join(' ')}]`;
      case 'timer.set':
      case 'timer.cancel': return `${e.type} ${e.id}`;
      case 'error': return `error ${e.code}`;
      default: return e.type;
    }
  }

  function send(event) {
    now += 25;
    const effects = engine.handle({ ...event, t: now });
    for (const e of effects) {
      if (e.type === 'log') continue;
      if (e.type === 'ws.send') frames.push(e.data);
      if (e.type === 'error') errors.push(e);
      transcript.push(summary(e));
    }
    return effects;
  }

  const header = (msg, name) => (msg.match(new RegExp(`^${name}:\\s*(.*)$`, 'mi')) || [])[1];
  const lastRequest = (method) => [...frames].reverse().find((f) => f.startsWith(`${method} `));
  const lastResponse = (code) => [...frames].reverse().find((f) => f.startsWith(`SIP/2.0 ${code} `));

  // A PBX's answer to a request the agent sent: Via, From, To (+ our tag), Call-ID, CSeq copied.
  function respond(request, status, reason, { body = '', extra = '' } = {}) {
    const vias = request.split('\r\n').filter((l) => /^Via:/i.test(l)).join('\r\n');
    const to = header(request, 'To');
    const lines = [
      `SIP/2.0 ${status} ${reason}`, vias, `From: ${header(request, 'From')}`,
      `To: ${/;tag=/.test(to) ? to : `${to};tag=pbx1`}`, `Call-ID: ${header(request, 'Call-ID')}`,
      `CSeq: ${header(request, 'CSeq')}`, 'Contact: <sip:callee@10.0.0.7:5060>',
    ];
    if (extra) lines.push(extra);
    if (body) lines.push('Content-Type: application/sdp');
    lines.push(`Content-Length: ${body.length}`, '', body);
    return lines.join('\r\n');
  }

  const agentContact = () => (header(lastRequest('REGISTER'), 'Contact').match(/<([^>]+)>/) || [])[1];
  const fromCaller = (method, cseq, tag, body = '', type = '') =>
    [
      `${method} ${agentContact()} SIP/2.0`, `Via: SIP/2.0/WSS 127.0.0.1:8443;branch=z9hG4bKsc${method}${cseq}`,
      'Max-Forwards: 70', 'From: "Ada Lovelace" <sip:+14155550142@pbx.example.com>;tag=caller1',
      `To: <sip:1001@pbx.example.com>${tag ? `;tag=${tag}` : ''}`, 'Call-ID: scenario-call-1', `CSeq: ${cseq} ${method}`,
      'Contact: <sip:+14155550142@10.0.0.9:5060>', ...(body ? [`Content-Type: ${type}`] : []), `Content-Length: ${body.length}`, '', body,
    ].join('\r\n');

  send({ type: 'engine.start', protocol: 1, seed: 'scenario', config: {
    sip: { ws_url: 'wss://pbx.example.com/ws', domain: 'pbx.example.com', user: '1001', password: 'pw' }, acw_seconds: 5 } });
  send({ type: 'store.loaded', entries: {} });
  send({ type: 'ws.open', conn: 1 });
  send({ type: 'ws.message', conn: 1, data: respond(lastRequest('REGISTER'), 200, 'OK', { extra: 'Expires: 600' }) });

  send({ type: 'ws.message', conn: 1, data: fromCaller('INVITE', 1, '', sdp('sendrecv'), 'application/sdp') });
  send({ type: 'ui.answer' });
  send({ type: 'media.answer', session: 'c1', sdp: sdp('sendrecv') });
  const tag = (header(lastResponse(200), 'To').match(/;tag=([^;\s]+)/) || [])[1];
  send({ type: 'ws.message', conn: 1, data: fromCaller('ACK', 1, tag) });

  send({ type: 'ui.hold' });
  send({ type: 'media.offer', session: 'c1', sdp: sdp('sendonly') });
  const hold = lastRequest('INVITE');
  send({ type: 'ws.message', conn: 1, data: respond(hold, 200, 'OK', { body: sdp('recvonly') }) });
  send({ type: 'ui.resume' });
  send({ type: 'media.offer', session: 'c1', sdp: sdp('sendrecv') });
  send({ type: 'ws.message', conn: 1, data: respond(lastRequest('INVITE'), 200, 'OK', { body: sdp('sendrecv') }) });
  send({ type: 'ui.dtmf', digits: '42#' });

  send({ type: 'ws.message', conn: 1, data: fromCaller('BYE', 2, tag) });
  send({ type: 'ui.disposition', value: 'Resolved' });
  send({ type: 'ui.wrapup.done' });
  const view = engine.view();
  engine.destroy();
  return { transcript, errors, history: view.history, status: view.agent.status };
}
