// media.* effects with the browser's WebRTC: one RTCPeerConnection per `session`, the microphone from
// getUserMedia, the remote audio played through an <audio autoplay> element. Signalling is
// non-trickle: an offer or answer is posted with its full SDP once ICE gathering is complete (or after
// a short cap). ICE servers come only from the effect; there is never a default STUN server.

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);
const CONNECTION_STATES = { connecting: 'connecting', connected: 'connected', disconnected: 'disconnected', failed: 'failed' };
const ICE_STATES = { checking: 'connecting', connected: 'connected', completed: 'connected', disconnected: 'disconnected', failed: 'failed' };

// A session closed while one of its steps was waiting: the step stops quietly.
const CLOSED = Symbol('closed');

function tagged(err, reason) {
  const error = err instanceof Error ? err : new Error(String(err));
  error.reason = reason;
  return error;
}

function microphoneReason(err) {
  switch (err?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'microphone_denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'NotReadableError': // present but unusable (taken by another program, unplugged)
    case 'AbortError':
      return 'no_microphone';
    default:
      return 'other';
  }
}

export function mediaHandlers({
  RTCPeerConnection: PeerConnection = globalThis.RTCPeerConnection,
  getUserMedia = (constraints) => {
    // Browsers offer the microphone only to secure (https) pages.
    if (!globalThis.navigator?.mediaDevices?.getUserMedia) {
      return Promise.reject(new DOMException('this page cannot use the microphone (it must be served over https)', 'NotAllowedError'));
    }
    return globalThis.navigator.mediaDevices.getUserMedia(constraints);
  },
  document: doc = globalThis.document,
  audioParent = null,
  gatherTimeoutMs = 2000,
  timers = globalThis,
  logger = console,
} = {}) {
  const sessions = new Map(); // session id → {id, pc, stream, transceiver, audio, queue, closed, state}

  const failed = (session, reason, message) => ({
    type: 'media.failed',
    session,
    reason,
    ...(message ? { message: String(message).slice(0, 1024) } : {}),
  });

  // Steps of one session run one after another, in the order the core asked for them.
  function run(session, post, step) {
    session.queue = session.queue
      .then(() => (session.closed ? undefined : step()))
      .catch((err) => {
        if (err === CLOSED || session.closed) return;
        if (post) post(failed(session.id, err?.reason || 'other', err?.message || err));
        else logger.warn(`[switchboard] media session '${session.id}': ${err?.message || err}`);
      });
  }

  function alive(session) {
    if (session.closed) throw CLOSED;
  }

  function existing(id, post, effectType) {
    const session = sessions.get(id);
    if (!session && post) post(failed(id, 'other', `${effectType}: there is no media session '${id}'`));
    return session;
  }

  async function microphone(session) {
    let stream;
    try {
      stream = await getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
    } catch (err) {
      throw tagged(err, microphoneReason(err));
    }
    if (session.closed) {
      stream.getTracks().forEach((t) => t.stop());
      throw CLOSED;
    }
    const track = stream.getAudioTracks()[0];
    if (!track) throw tagged(new Error('the browser returned no audio track'), 'no_microphone');
    session.stream = stream;
    return track;
  }

  function setDirection(session, direction) {
    if (!session.transceiver || direction == null) return;
    if (!DIRECTIONS.has(direction)) throw tagged(new Error(`unknown media direction '${direction}'`), 'other');
    session.transceiver.direction = direction;
  }

  async function applyRemote(session, type, sdp) {
    try {
      await session.pc.setRemoteDescription({ type, sdp });
    } catch (err) {
      throw tagged(err, 'sdp_rejected');
    }
    alive(session);
  }

  function gathered(pc) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        timers.clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', onState);
        pc.removeEventListener('icecandidate', onCandidate);
        resolve();
      };
      const onState = () => pc.iceGatheringState === 'complete' && done();
      const onCandidate = (event) => !event.candidate && done();
      const timer = timers.setTimeout(done, gatherTimeoutMs);
      pc.addEventListener('icegatheringstatechange', onState);
      pc.addEventListener('icecandidate', onCandidate);
    });
  }

  async function describe(session, post, kind) {
    const { pc } = session;
    try {
      await pc.setLocalDescription(kind === 'offer' ? await pc.createOffer() : await pc.createAnswer());
    } catch (err) {
      // The remote offer asked for something this browser cannot do.
      throw tagged(err, kind === 'answer' ? 'sdp_rejected' : 'other');
    }
    alive(session);
    await gathered(pc);
    alive(session);
    post({ type: kind === 'offer' ? 'media.offer' : 'media.answer', session: session.id, sdp: pc.localDescription.sdp });
  }

  function playRemote(session, event) {
    if (!doc) return;
    if (!session.audio) {
      session.audio = doc.createElement('audio');
      session.audio.autoplay = true;
      session.audio.dataset.session = session.id;
      (audioParent || doc.body).appendChild(session.audio);
    }
    const stream = event.streams?.[0] || new MediaStream([event.track]);
    if (session.audio.srcObject !== stream) session.audio.srcObject = stream;
    session.audio.play?.()?.catch?.((err) => logger.warn(`[switchboard] remote audio did not start: ${err?.message || err}`));
  }

  function reportState(session, post) {
    const { pc } = session;
    const state = pc.connectionState ? CONNECTION_STATES[pc.connectionState] : ICE_STATES[pc.iceConnectionState];
    if (!state || state === session.state || session.closed) return;
    session.state = state;
    post({ type: 'media.state', session: session.id, state });
  }

  function close(session) {
    session.closed = true;
    sessions.delete(session.id);
    try {
      session.pc.close();
    } catch {
      // already closed
    }
    session.stream?.getTracks().forEach((t) => t.stop());
    if (session.audio) {
      session.audio.srcObject = null;
      session.audio.remove();
    }
  }

  const handlers = {
    'media.create': ({ session: id, remote_sdp: remoteSdp, direction = 'sendrecv', ice_servers: iceServers }, post) => {
      if (sessions.has(id)) return post(failed(id, 'other', `media session '${id}' already exists`));
      let pc;
      try {
        pc = new PeerConnection({
          iceServers: Array.isArray(iceServers) ? iceServers : [],
          bundlePolicy: 'max-bundle',
          rtcpMuxPolicy: 'require',
        });
      } catch (err) {
        return post(failed(id, 'other', err?.message || err));
      }
      const session = { id, pc, stream: null, transceiver: null, audio: null, queue: Promise.resolve(), closed: false, state: null };
      sessions.set(id, session);
      pc.addEventListener('track', (event) => playRemote(session, event));
      pc.addEventListener('connectionstatechange', () => reportState(session, post));
      pc.addEventListener('iceconnectionstatechange', () => reportState(session, post));
      run(session, post, async () => {
        try {
          const track = await microphone(session);
          if (remoteSdp != null) {
            await applyRemote(session, 'offer', remoteSdp);
            // addTrack reuses the audio transceiver the remote offer created.
            const sender = pc.addTrack(track, session.stream);
            session.transceiver = pc.getTransceivers().find((t) => t.sender === sender) || null;
            setDirection(session, direction);
            await describe(session, post, 'answer');
          } else {
            if (!DIRECTIONS.has(direction)) throw tagged(new Error(`unknown media direction '${direction}'`), 'other');
            session.transceiver = pc.addTransceiver(track, { direction, streams: [session.stream] });
            await describe(session, post, 'offer');
          }
        } catch (err) {
          if (err === CLOSED) return;
          // A session that never started is of no use: free the microphone; the core may try again.
          post(failed(id, err?.reason || 'other', err?.message || err));
          close(session);
        }
      });
    },

    // Hold/resume (a new offer with another direction) or an answer to the remote side's re-offer.
    'media.update': ({ session: id, remote_sdp: remoteSdp, direction }, post) => {
      const session = existing(id, post, 'media.update');
      if (!session) return;
      run(session, post, async () => {
        if (remoteSdp != null) {
          await applyRemote(session, 'offer', remoteSdp);
          setDirection(session, direction);
          await describe(session, post, 'answer');
        } else {
          setDirection(session, direction);
          await describe(session, post, 'offer');
        }
      });
    },

    // The renegotiation our offer was for failed (the PBX refused the re-INVITE): drop the offer.
    'media.rollback': ({ session: id }, post) => {
      const session = existing(id, post, 'media.rollback');
      if (!session) return;
      run(session, post, async () => {
        if (session.pc.signalingState === 'have-local-offer') await session.pc.setLocalDescription({ type: 'rollback' });
      });
    },

    'media.apply': ({ session: id, sdp }, post) => {
      const session = existing(id, post, 'media.apply');
      if (!session) return;
      run(session, post, () => applyRemote(session, 'answer', sdp));
    },

    'media.mute': ({ session: id, muted }) => {
      const session = existing(id, null);
      if (!session) return logger.warn(`[switchboard] media.mute: there is no media session '${id}'`);
      // Queued, so a mute pressed while the microphone is still being opened applies to it.
      run(session, null, async () => {
        for (const track of session.stream?.getAudioTracks() || []) track.enabled = !muted;
      });
    },

    'media.dtmf': ({ session: id, tones, duration_ms: durationMs, gap_ms: gapMs }) => {
      const session = existing(id, null);
      if (!session) return logger.warn(`[switchboard] media.dtmf: there is no media session '${id}'`);
      run(session, null, async () => {
        const dtmf = session.transceiver?.sender?.dtmf;
        // A digit that cannot be sent is not a reason to fail the call: it is logged.
        if (!dtmf || !dtmf.canInsertDTMF) return logger.warn(`[switchboard] media.dtmf: session '${id}' cannot send DTMF now`);
        try {
          // Tones still playing are kept: keypresses in quick succession all reach the other side.
          dtmf.insertDTMF(dtmf.toneBuffer + tones, Math.min(6000, Math.max(40, durationMs || 100)), Math.max(30, gapMs || 70));
        } catch (err) {
          logger.warn(`[switchboard] media.dtmf: ${err?.message || err}`);
        }
      });
    },

    'media.close': ({ session: id }) => {
      const session = sessions.get(id);
      if (session) close(session);
    },
  };

  // Packet counters of a session's audio, for tests and diagnostics.
  handlers.stats = async (id) => {
    const session = sessions.get(id);
    if (!session) return null;
    const out = { packetsReceived: 0, totalAudioEnergy: 0, packetsSent: 0 };
    const report = await session.pc.getStats();
    report.forEach((r) => {
      if ((r.kind || r.mediaType) !== 'audio') return;
      if (r.type === 'inbound-rtp') {
        out.packetsReceived += r.packetsReceived || 0;
        out.totalAudioEnergy += r.totalAudioEnergy || 0;
      } else if (r.type === 'outbound-rtp') {
        out.packetsSent += r.packetsSent || 0;
      }
    });
    return out;
  };
  handlers.peer = (id) => sessions.get(id)?.pc || null;
  handlers.closeAll = () => [...sessions.values()].forEach(close);
  return handlers;
}
