// Feeds arbitrary bytes to sb::Engine::handle(): to a fresh engine, to a started one (as an event, as
// a batch, and wrapped as the data of a ws.message). Whatever arrives, the engine answers with a JSON
// array of effects and never crashes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "switchboard/engine.h"
#include "switchboard/json.h"

namespace {

void check_effects(const std::string& out) {
  auto parsed = sb::parse_json(out, [] {
    sb::JsonLimits limits;
    limits.max_bytes = 64 * 1024 * 1024;
    limits.max_depth = 64;
    return limits;
  }());
  if (!parsed || !parsed->is_array()) {
    std::fprintf(stderr, "engine output is not a JSON array: %.200s\n", out.c_str());
    std::abort();
  }
}

void start(sb::Engine& engine) {
  check_effects(engine.handle(
      R"({"type":"engine.start","t":1700000000000,"config":{"sip":{"ws_url":"wss://pbx.example.com:8089/ws",)"
      R"("domain":"pbx.example.com","user":"1001","auth_user":"1001","password":"secret"}}})"));
  check_effects(engine.handle(R"({"type":"store.loaded","entries":{}})"));
  check_effects(engine.handle(R"({"type":"ws.open","conn":1})"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  sb::Engine fresh;
  check_effects(fresh.handle(text));

  sb::Engine started;
  start(started);
  check_effects(started.handle(text));
  check_effects(started.handle_batch(text));
  sb::Json message = {{"type", "ws.message"}, {"conn", 1}, {"data", std::string(text)}};
  check_effects(started.handle(sb::dump_json(message)));
  (void)started.view();

  // A conversation: the input split at NUL bytes into steps, each a SIP frame from the PBX or (when
  // it starts with '{') an event, so sequences of messages and agent actions reach the user agent.
  sb::Engine talking;
  start(talking);
  std::size_t begin = 0;
  for (int steps = 0; begin <= text.size() && steps < 16; ++steps) {
    std::size_t end = text.find('\0', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view step = text.substr(begin, end - begin);
    if (!step.empty() && step.front() == '{') {
      check_effects(talking.handle(step));
    } else {
      sb::Json frame = {{"type", "ws.message"}, {"conn", 1}, {"data", std::string(step)}};
      check_effects(talking.handle(sb::dump_json(frame)));
    }
    begin = end + 1;
  }
  (void)talking.view();
  return 0;
}
