// A signalling-only stand-in for RTCPeerConnection, for JsSIP running in Node. It carries no media
// but writes SDP a browser accepts: offers are WebRTC style (UDP/TLS/RTP/SAVPF, ICE credentials,
// DTLS fingerprint, rtcp-mux, BUNDLE) and answers mirror the offer (same m-lines, mids, profile and
// a supported codec; setup active/passive; the direction that answers the offered one, so a
// "sendonly" hold offer gets "recvonly"). No ICE candidates are ever written: a browser on the other
// side keeps the call up without media, which is all a signalling test needs.
import crypto from 'node:crypto';

const CODECS = [
  { name: 'opus', clock: 48000, channels: 2, pt: 111, fmtp: 'minptime=10;useinbandfec=1' },
  { name: 'PCMU', clock: 8000, pt: 0 },
  { name: 'PCMA', clock: 8000, pt: 8 },
];
const DTMF_CODEC = { name: 'telephone-event', clock: 8000, pt: 101, fmtp: '0-15' };
const STATIC_PAYLOADS = { 0: 'PCMU/8000', 8: 'PCMA/8000' };
const ANSWER_DIRECTION = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };

function randomToken(bytes) {
  return crypto.randomBytes(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, bytes);
}

function fakeFingerprint() {
  return [...crypto.randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** Splits SDP text into the session part and its media sections ({lines, kind, port, proto, formats}). */
export function parseSdp(sdp) {
  if (typeof sdp !== 'string' || !/^v=0\r?$/m.test(sdp)) throw new Error('SDP: missing "v=0"');
  const lines = sdp.split(/\r?\n/).filter((l) => l !== '');
  const session = [];
  const media = [];
  for (const line of lines) {
    if (!/^[a-z]=/.test(line)) throw new Error(`SDP: malformed line ${JSON.stringify(line)}`);
    if (line.startsWith('m=')) {
      const [kind, port, proto, ...formats] = line.slice(2).split(' ');
      if (!kind || !port || !proto) throw new Error(`SDP: malformed m-line ${JSON.stringify(line)}`);
      media.push({ kind, port: Number(port), proto, formats, lines: [] });
    } else if (media.length) {
      media[media.length - 1].lines.push(line);
    } else {
      session.push(line);
    }
  }
  if (media.length === 0) throw new Error('SDP: no m-line');
  const attr = (section, name) => {
    const found = section.lines.find((l) => l === `a=${name}` || l.startsWith(`a=${name}:`));
    return found === undefined ? undefined : found.slice(name.length + 3);
  };
  for (const m of media) {
    m.mid = attr(m, 'mid');
    m.direction = ['sendrecv', 'sendonly', 'recvonly', 'inactive'].find((d) => m.lines.includes(`a=${d}`))
      ?? ['sendrecv', 'sendonly', 'recvonly', 'inactive'].find((d) => session.includes(`a=${d}`)) ?? 'sendrecv';
    m.setup = attr(m, 'setup') ?? session.find((l) => l.startsWith('a=setup:'))?.slice(8);
    m.rtcpMux = m.lines.includes('a=rtcp-mux');
    m.rtpmap = {};
    for (const l of m.lines) {
      const match = /^a=rtpmap:(\d+) (.+)$/.exec(l);
      if (match) m.rtpmap[match[1]] = match[2];
    }
  }
  return { session, media, bundle: session.find((l) => l.startsWith('a=group:BUNDLE')) };
}

function codecLines(codec, pt = codec.pt) {
  const lines = [`a=rtpmap:${pt} ${codec.name}/${codec.clock}${codec.channels ? `/${codec.channels}` : ''}`];
  if (codec.fmtp) lines.push(`a=fmtp:${pt} ${codec.fmtp}`);
  return lines;
}

export class StaticSdpPeerConnection extends EventTarget {
  constructor(configuration = {}) {
    super();
    if (configuration?.iceServers?.length) {
      // The lab never talks to STUN/TURN; say so instead of silently ignoring it.
      throw new TypeError('StaticSdpPeerConnection: iceServers must be empty in the lab');
    }
    this.configuration = configuration;
    this.sessionId = String(BigInt.asUintN(62, crypto.randomBytes(8).readBigUInt64BE()));
    this.sessionVersion = 1;
    this.iceUfrag = randomToken(8);
    this.icePwd = randomToken(24);
    this.fingerprint = fakeFingerprint();
    this.signalingState = 'stable';
    this.iceGatheringState = 'complete';
    this.iceConnectionState = 'new';
    this.connectionState = 'new';
    this.localDescription = null;
    this.remoteDescription = null;
    this.onicecandidate = null;
  }

  #origin() {
    return `o=- ${this.sessionId} ${this.sessionVersion++} IN IP4 127.0.0.1`;
  }

  #offerSdp() {
    const codecs = [...CODECS, DTMF_CODEC];
    return [
      'v=0', this.#origin(), 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=msid-semantic: WMS',
      `m=audio 9 UDP/TLS/RTP/SAVPF ${codecs.map((c) => c.pt).join(' ')}`,
      'c=IN IP4 127.0.0.1', 'a=rtcp:9 IN IP4 0.0.0.0',
      `a=ice-ufrag:${this.iceUfrag}`, `a=ice-pwd:${this.icePwd}`, 'a=ice-options:trickle',
      `a=fingerprint:sha-256 ${this.fingerprint}`, 'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=rtcp-mux',
      ...codecs.flatMap((c) => codecLines(c)),
      '',
    ].join('\r\n');
  }

  #answerSdp(offerText) {
    const offer = parseSdp(offerText);
    const accepted = [];
    const sections = offer.media.map((m) => {
      const secure = /SAVPF?$/.test(m.proto) || m.proto.includes('TLS');
      const mid = m.mid !== undefined ? [`a=mid:${m.mid}`] : [];
      // Pick the first offered codec we know, by rtpmap name or static payload type.
      const offered = m.formats.map((pt) => ({ pt, name: (m.rtpmap[pt] ?? STATIC_PAYLOADS[pt] ?? '').split('/')[0].toLowerCase() }));
      const main = m.kind === 'audio' && m.port !== 0
        ? offered.find((o) => CODECS.some((c) => c.name.toLowerCase() === o.name)) : undefined;
      if (!main) return [`m=${m.kind} 0 ${m.proto} ${m.formats[0] ?? '0'}`, 'c=IN IP4 0.0.0.0', ...mid];
      if (m.mid !== undefined) accepted.push(m.mid);
      const dtmf = offered.find((o) => o.name === 'telephone-event');
      const codec = CODECS.find((c) => c.name.toLowerCase() === main.name);
      const formats = [main.pt, ...(dtmf ? [dtmf.pt] : [])];
      const lines = [`m=audio ${secure ? 9 : 40000} ${m.proto} ${formats.join(' ')}`, 'c=IN IP4 127.0.0.1'];
      if (secure) {
        lines.push('a=rtcp:9 IN IP4 0.0.0.0', `a=ice-ufrag:${this.iceUfrag}`, `a=ice-pwd:${this.icePwd}`,
          `a=fingerprint:sha-256 ${this.fingerprint}`, `a=setup:${m.setup === 'active' ? 'passive' : 'active'}`);
      }
      lines.push(...mid, `a=${ANSWER_DIRECTION[m.direction]}`);
      if (m.rtcpMux) lines.push('a=rtcp-mux');
      lines.push(...codecLines(codec, main.pt));
      if (dtmf) lines.push(...codecLines(DTMF_CODEC, dtmf.pt));
      return lines;
    });
    const session = ['v=0', this.#origin(), 's=-', 't=0 0'];
    if (offer.bundle && accepted.length) session.push(`a=group:BUNDLE ${accepted.join(' ')}`);
    if (offer.bundle) session.push('a=msid-semantic: WMS');
    return [...session, ...sections.flat(), ''].join('\r\n');
  }

  async createOffer() {
    if (this.signalingState === 'closed') throw new Error('createOffer: connection closed');
    return { type: 'offer', sdp: this.#offerSdp() };
  }

  async createAnswer() {
    if (this.signalingState !== 'have-remote-offer') {
      throw new Error(`createAnswer: no remote offer (signalingState ${this.signalingState})`);
    }
    return { type: 'answer', sdp: this.#answerSdp(this.remoteDescription.sdp) };
  }

  async setLocalDescription(description) {
    const desc = description ?? (this.signalingState === 'have-remote-offer' ? await this.createAnswer() : await this.createOffer());
    parseSdp(desc.sdp);
    this.localDescription = { type: desc.type, sdp: desc.sdp };
    this.#signaling(desc.type === 'offer' ? 'have-local-offer' : 'stable');
  }

  async setRemoteDescription(description) {
    if (!description || !['offer', 'answer', 'pranswer'].includes(description.type)) {
      throw new TypeError(`setRemoteDescription: bad description type ${JSON.stringify(description?.type)}`);
    }
    parseSdp(description.sdp); // throws on SDP we could not answer, so JsSIP replies 488
    this.remoteDescription = { type: description.type, sdp: description.sdp };
    this.#signaling(description.type === 'offer' ? 'have-remote-offer' : 'stable');
  }

  #signaling(state) {
    this.signalingState = state;
    this.dispatchEvent(new Event('signalingstatechange'));
  }

  addIceCandidate() { return Promise.resolve(); }
  getSenders() { return []; }
  getReceivers() { return []; }
  getTransceivers() { return []; }
  addTrack() { throw new Error('StaticSdpPeerConnection carries no media: call with mediaConstraints {audio: false, video: false}'); }
  getStats() { return Promise.resolve(new Map()); }

  close() {
    this.signalingState = 'closed';
    this.iceConnectionState = 'closed';
    this.connectionState = 'closed';
  }
}

export class StaticSessionDescription {
  constructor({ type, sdp } = {}) {
    this.type = type;
    this.sdp = sdp;
  }

  toJSON() {
    return { type: this.type, sdp: this.sdp };
  }
}
