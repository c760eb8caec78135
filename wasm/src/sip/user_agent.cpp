#include "sip/user_agent.h"

namespace sb {

std::unique_ptr<Signalling> make_sip_user_agent(Io& io, SignallingEvents& events, const Config& config, Random& random) {
  (void)random;
  (void)io;
  (void)events;
  (void)config;
  return nullptr;
}

}  // namespace sb
