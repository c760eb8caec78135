#include "engine/host.h"

namespace sb {

std::unique_ptr<Host> make_opencti_host(Engine::Impl& engine);

std::unique_ptr<Host> make_host(const std::string& kind, Engine::Impl& engine) {
  if (kind == "opencti") return make_opencti_host(engine);
  return nullptr;
}

}  // namespace sb
