// The whole embind surface: a handful of functions on strings and numbers. Engines are referred to by
// number, so JavaScript never holds a C++ object it would have to delete. This is the only file that
// includes emscripten.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <cstdlib>
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

// The same without embind's copies: JavaScript writes the text straight into a buffer in the module's
// memory (TextEncoder.encodeInto on the Uint8Array sipInput returns), then asks for the first
// `length` bytes to be parsed. The view goes stale when the memory grows: ask for it again then.
std::string& input_buffer() {
  static std::string buffer;
  return buffer;
}

emscripten::val sip_input(int size) {
  std::string& buffer = input_buffer();
  buffer.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
  return emscripten::val(emscripten::typed_memory_view(buffer.size(), reinterpret_cast<unsigned char*>(buffer.data())));
}

int sip_parse_input(int length) {
  const std::string& buffer = input_buffer();
  if (length < 0 || static_cast<std::size_t>(length) > buffer.size()) return -1;
  return sb::sip::parse_header_count(std::string(buffer.data(), static_cast<std::size_t>(length)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(switchboard) {
  emscripten::function("createEngine", &create_engine);
  emscripten::function("destroyEngine", &destroy_engine);
  emscripten::function("handle", &handle);
  emscripten::function("handleBatch", &handle_batch);
  emscripten::function("view", &view);
  emscripten::function("protocolInfo", &protocol_info);
  emscripten::function("version", &version);
  emscripten::function("heapBytes", &heap_bytes);
  emscripten::function("sipParse", &sip_parse);
  emscripten::function("sipInput", &sip_input);
  emscripten::function("sipParseInput", &sip_parse_input);
}
