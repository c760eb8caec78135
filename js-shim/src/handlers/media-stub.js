// media.* for agents that only signal (Node: load tests, console emulators): media.create and
// media.update are answered at once with a static WebRTC-style SDP (DTLS-SRTP, ICE credentials, rtcp-mux,
// Opus + telephone-event) whose direction is the effect's; no audio ever flows. Everything else is
// accepted and ignored.

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// FNV-1a, for stable per-session ICE credentials and fingerprints (a replayed run gets the same SDP).
function hashBytes(text, count) {
  const out = [];
  let h = 0x811c9dc5;
  for (let round = 0; out.length < count; round++) {
    for (const ch of `${round}:${text}`) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out.push(h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff, h >>> 24);
  }
  return out.slice(0, count);
}

const token = (seed, length) => hashBytes(seed, length).map((b) => ALPHABET[b % ALPHABET.length]).join('');

// What the remote offer chose: its mid and payload types, so the answer matches them.
function offerTerms(sdp) {
  const text = String(sdp || '');
  const pt = (codec) => text.match(new RegExp(`^a=rtpmap:(\\d+) ${codec}`, 'mi'))?.[1];
  return {
    mid: text.match(/^a=mid:(\S+)/m)?.[1] ?? '0',
    opus: pt('opus/48000') ?? '111',
    dtmf: pt('telephone-event/8000') ?? '126',
  };
}

export function staticSdp({ session, version = 1, direction = 'sendrecv', offer = null, address = '127.0.0.1' }) {
  const terms = offer == null ? { mid: '0', opus: '111', dtmf: '126' } : offerTerms(offer);
  const id = BigInt(`0x${hashBytes(`id:${session}`, 6).map((b) => b.toString(16).padStart(2, '0')).join('')}`);
  const fingerprint = hashBytes(`fp:${session}`, 32).map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return [
    'v=0',
    `o=- ${id} ${version} IN IP4 ${address}`,
    's=-',
    't=0 0',
    `a=group:BUNDLE ${terms.mid}`,
    'a=msid-semantic: WMS switchboard',
    `m=audio 9 UDP/TLS/RTP/SAVPF ${terms.opus} ${terms.dtmf}`,
    `c=IN IP4 ${address}`,
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=candidate:1 1 udp 2122260223 ${address} 9 typ host`,
    'a=end-of-candidates',
    `a=ice-ufrag:${token(`ufrag:${session}`, 8)}`,
    `a=ice-pwd:${token(`pwd:${session}`, 24)}`,
    `a=fingerprint:sha-256 ${fingerprint}`,
    `a=setup:${offer == null ? 'actpass' : 'active'}`,
    `a=mid:${terms.mid}`,
    `a=${DIRECTIONS.has(direction) ? direction : 'sendrecv'}`,
    `a=msid:switchboard ${token(`track:${session}`, 12)}`,
    'a=rtcp-mux',
    `a=rtpmap:${terms.opus} opus/48000/2`,
    `a=fmtp:${terms.opus} minptime=10;useinbandfec=1`,
    `a=rtpmap:${terms.dtmf} telephone-event/8000`,
    `a=fmtp:${terms.dtmf} 0-16`,
    '',
  ].join('\r\n');
}

export function mediaStubHandlers({ address = '127.0.0.1' } = {}) {
  const versions = new Map(); // session → SDP version of its last description

  const describe = ({ session, remote_sdp: remoteSdp, direction }, post) => {
    const version = (versions.get(session) || 0) + 1;
    versions.set(session, version);
    const sdp = staticSdp({ session, version, direction, offer: remoteSdp ?? null, address });
    post({ type: remoteSdp != null ? 'media.answer' : 'media.offer', session, sdp });
  };
  const ignore = () => {};

  return {
    'media.create': describe,
    'media.update': describe,
    'media.apply': ignore,
    'media.rollback': ignore,
    'media.mute': ignore,
    'media.dtmf': ignore,
    'media.close': ({ session }) => versions.delete(session),
  };
}
