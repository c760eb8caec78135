// The SIP user agent: SIP over WebSocket (RFC 7118) registration, calls, hold, transfer and DTMF,
// driven by engine events and speaking only through effects.
#pragma once

#include <memory>

#include "engine/config.h"
#include "engine/io.h"
#include "engine/signalling.h"
#include "util/random.h"

namespace sb {

std::unique_ptr<Signalling> make_sip_user_agent(Io& io, SignallingEvents& events, const Config& config, Random& random);

}  // namespace sb
