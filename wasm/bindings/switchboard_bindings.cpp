// The whole binding surface: a handful of functions on strings and numbers, exported as plain C
// functions and wrapped for JavaScript by switchboard_api.js. Engines are referred to by number, so
// JavaScript never holds a C++ object it would have to delete. This is the only file that includes
// emscripten.
//
// Why not embind: for these nine functions its JavaScript runtime is most of the glue the softphone
// page loads (6.2 of 8.9 KB gz with the module's own share). Strings cross the boundary exactly as
// embind's std::string binding passes them: a malloc'ed block of a size_t length and the UTF-8 bytes,
// allocated by the side that writes it and freed by the side that reads it.
#include <emscripten/emscripten.h>

#include <malloc.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "switchboard/engine.h"
#include "switchboard/protocol.h"
#include "switchboard/version.h"
#include "../src/sip/bench_api.h"

namespace {

std::map<int, std::unique_ptr<sb::Engine>>& engines() {
  static std::map<int, std::unique_ptr<sb::Engine>> all;
  return all;
}

int next_id = 1;

std::string no_such_engine(int id) {
  return sb::dump_json(sb::Json::array({{{"type", "error"},
                                         {"code", "engine.no_such_engine"},
                                         {"message", "engine " + std::to_string(id) + " does not exist"}}}));
}

int create_engine() {
  const int id = next_id++;
  engines()[id] = std::make_unique<sb::Engine>();
  return id;
}

bool destroy_engine(int id) { return engines().erase(id) != 0; }

std::string handle(int id, const std::string& event_json) {
  auto it = engines().find(id);
  return it == engines().end() ? no_such_engine(id) : it->second->handle(event_json);
}

std::string handle_batch(int id, const std::string& events_json) {
  auto it = engines().find(id);
  return it == engines().end() ? no_such_engine(id) : it->second->handle_batch(events_json);
}

std::string view(int id) {
  auto it = engines().find(id);
  return it == engines().end() ? std::string("null") : sb::dump_json(it->second->view());
}

std::string protocol_info() { return sb::dump_json(sb::protocol::describe()); }

std::string version() { return sb::kVersionString; }

// Bytes of the WebAssembly heap in use by malloc (benchmarks: memory per call/dialog).
double heap_bytes() {
  struct mallinfo info = mallinfo();
  return static_cast<double>(info.uordblks);
}

// Benchmarks: parse one SIP message; the number of header lines, or a negative number on error.
int sip_parse(std::string text) { return sb::sip::parse_header_count(std::move(text)); }

// A string on the wire: its length, then its bytes.
struct Wire {
  std::size_t length;
  char data[1];
};

std::string from_wire(const Wire* w) { return std::string(w->data, w->length); }

Wire* to_wire(const std::string& s) {
  auto* w = static_cast<Wire*>(std::malloc(sizeof(std::size_t) + s.size()));
  w->length = s.size();
  std::memcpy(w->data, s.data(), s.size());
  return w;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int sb_create_engine() { return create_engine(); }
EMSCRIPTEN_KEEPALIVE bool sb_destroy_engine(int id) { return destroy_engine(id); }
EMSCRIPTEN_KEEPALIVE Wire* sb_handle(int id, const Wire* event) { return to_wire(handle(id, from_wire(event))); }
EMSCRIPTEN_KEEPALIVE Wire* sb_handle_batch(int id, const Wire* events) { return to_wire(handle_batch(id, from_wire(events))); }
EMSCRIPTEN_KEEPALIVE Wire* sb_view(int id) { return to_wire(view(id)); }
EMSCRIPTEN_KEEPALIVE Wire* sb_protocol_info() { return to_wire(protocol_info()); }
EMSCRIPTEN_KEEPALIVE Wire* sb_version() { return to_wire(version()); }
EMSCRIPTEN_KEEPALIVE double sb_heap_bytes() { return heap_bytes(); }
EMSCRIPTEN_KEEPALIVE int sb_sip_parse(const Wire* text) { return sip_parse(from_wire(text)); }

}  // extern "C"
