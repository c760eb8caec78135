// The engine: the whole adapter as a deterministic state machine. Events go in as JSON, effects come
// out as a JSON array; the engine never touches a socket, a timer, the DOM or a host API itself.
// See docs/protocol.md for every event and effect.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "switchboard/json.h"

namespace sb {

class Engine {
 public:
  Engine();
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // One event (a JSON object) → a JSON array of effects. Never fails: bad input yields an
  // {"type":"error"} effect and changes nothing.
  std::string handle(std::string_view event_json);
  // A JSON array of events → all their effects, in order.
  std::string handle_batch(std::string_view events_json);
  // The same on parsed values (native callers and tests).
  Json handle_value(const Json& event);

  // The current view state (what the last ui.render carried).
  Json view() const;

  struct Impl;
  // White-box tests reach the internals through this (see wasm/tests/engine_fixture.h).
  Impl& internals() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb
