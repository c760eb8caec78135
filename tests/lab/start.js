#!/usr/bin/env node
// Starts the lab by hand for exploring: Kamailio on fixed ports (5060, 8088, 8089 unless told
// otherwise), optional auto-answering JsSIP agents, the browser customer page; prints what runs
// where and stops everything on Ctrl-C. See docs/lab.md.
import { parseArgs } from 'node:util';
import { connectPeer, startKamailio, startStaticServer, stopAll } from './index.js';

const { values } = parseArgs({
  options: {
    auth: { type: 'string', default: 'digest' },
    users: { type: 'string', default: 'agent1,agent2,agent3,customer' },
    secret: { type: 'string', default: 'lab-ephemeral-secret' },
    'sip-port': { type: 'string', default: '5060' },
    'ws-port': { type: 'string', default: '8088' },
    'wss-port': { type: 'string', default: '8089' },
    'random-ports': { type: 'boolean', default: false },
    agents: { type: 'string', default: '' },
    page: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`usage: node tests/lab/start.js [options]
  --auth none|digest|ephemeral   registration checks (digest)
  --users a,b,c                  users; password = name + "pw" (agent1pw …)
  --secret S                     shared secret for --auth ephemeral
  --sip-port/--ws-port/--wss-port  (5060/8088/8089), or --random-ports
  --agents agent1,agent2         JsSIP agents in this process that answer every call
  --page                         serve the browser customer page on http://127.0.0.1:<port>/
  --trace                        log every SIP request and reply Kamailio handles`);
  process.exit(0);
}

const port = (name) => (values['random-ports'] ? undefined : Number(values[name]));
const users = values.users.split(',').filter(Boolean).map((user) => ({ user, password: `${user}pw` }));
const stop = async () => {
  console.log('\nstopping…');
  await stopAll();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  const pbx = await startKamailio({
    auth: values.auth, users, secret: values.auth === 'ephemeral' ? values.secret : undefined,
    sipPort: port('sip-port'), wsPort: port('ws-port'), wssPort: port('wss-port'), trace: values.trace,
    keepRunDir: true,
  });
  console.log(`Kamailio (auth ${pbx.auth}, domain ${pbx.domain})
  SIP UDP/TCP  ${pbx.sipUri}
  WebSocket    ${pbx.wsUrl}
  WebSocket+TLS ${pbx.wssUrl}   (self-signed: ${pbx.runDir}/tls/cert.pem)
  run dir      ${pbx.runDir}   (kamailio.cfg, users.cfg; kamailio.log written on stop)
  users        ${users.map((u) => `${u.user}/${u.password}`).join(' ')}
  registrations: kamcmd -s unix:${pbx.runDir}/kamailio_ctl ul.dump`);
  if (pbx.auth === 'ephemeral') {
    for (const { user } of users) {
      const c = pbx.credentials(user, 24 * 3600);
      console.log(`  ephemeral ${user}: username ${c.username} password ${c.password}`);
    }
  }
  for (const name of values.agents.split(',').filter(Boolean)) {
    const agent = await connectPeer(pbx, name, { autoAnswer: true });
    agent.ua.on('newRTCSession', ({ session, originator }) => {
      if (originator === 'remote') console.log(`${name}: call from ${session.remote_identity.uri.user} (answering)`);
    });
    console.log(`JsSIP agent ${name} registered, answers every call`);
  }
  if (values.page) {
    const server = await startStaticServer();
    console.log(`Browser customer page: ${server.url}  (window.customer.start({wsUrl: '${pbx.wsUrl}', user, password, domain: '${pbx.domain}'}))`);
  }
  console.log(`SIPp customer: sipp 127.0.0.1:${pbx.udpPort} -sf tests/lab/sipp/customer-call.xml -inf <file with "SEQUENTIAL" then "agent1;+15555550100;"> -i 127.0.0.1 -p 5070 -m 1 -d 2000`);
  console.log('Ctrl-C stops everything.');
} catch (error) {
  console.error(error.message);
  await stopAll();
  process.exit(1);
}
