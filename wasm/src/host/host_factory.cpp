#include "engine/host.h"

namespace sb {

std::unique_ptr<Host> make_host(const std::string& kind, Engine::Impl& engine) {
  (void)engine;
  (void)kind;
  return nullptr;
}

}  // namespace sb
