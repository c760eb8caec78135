// Engine throughput, natively: replays the recorded event mix of build/bench/engine-mix.json (made by
// bench/engine.mjs against the WebAssembly core: registration, an inbound call with hold, resume and
// DTMF, an outbound call, keep-alives, wrap-ups) through Engine::handle in a fresh engine, over and
// over, and checks that every replay produces exactly the recorded effects (same seed, same events →
// same effects), so it measures the real work. Prints one JSON line:
//   {"engine_events_per_s_native": N, "rounds": R, "events": E, "replays": K, "round_rates": [...],
//    "exact_mismatches": M, "first_mismatch": "…"}
// One known divergence is tolerated and counted instead of failing: the SIP instance id
// (+sip.instance="<urn:uuid:…>") is built from several random tokens passed as arguments of one call,
// and C++ leaves the order in which arguments are evaluated unspecified (g++ goes right to left, clang
// and so emcc left to right), so the same seed gives the same tokens in another order. Every other
// byte must match.
// Usage: engine_bench MIX.json [--rounds R] [--ms PER_ROUND]
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "switchboard/engine.h"
#include "switchboard/json.h"

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "engine_bench: %s\n", message.c_str());
  return 1;
}

std::string first_difference(const std::string& want, const std::string& got) {
  std::size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  const std::size_t from = i > 60 ? i - 60 : 0;
  return "at byte " + std::to_string(i) + "\n  recorded: …" + want.substr(from, 160) + "\n  replayed: …" + got.substr(from, 160);
}

// The effects with every urn:uuid value blanked (see the top of the file).
std::string without_instance_ids(const std::string& text) {
  static const std::string key = "urn:uuid:";
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (std::size_t hit; (hit = text.find(key, at)) != std::string::npos;) {
    out.append(text, at, hit + key.size() - at);
    at = hit + key.size();
    while (at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '-')) ++at;
  }
  out.append(text, at, std::string::npos);
  return out;
}

std::string json_string(const std::string& s) { return sb::dump_json(sb::Json(s)); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: engine_bench MIX.json [--rounds R] [--ms PER_ROUND]");
  int rounds = 5;
  double ms_per_round = 300;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    else if (std::strcmp(argv[i], "--ms") == 0) ms_per_round = std::max(1.0, std::atof(argv[i + 1]));
    else return fail(std::string("unknown option ") + argv[i]);
  }

  std::ifstream in(argv[1], std::ios::binary);
  if (!in) return fail(std::string("cannot read ") + argv[1] + " (run bench/engine.mjs first)");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto mix = sb::parse_json(text, {64 * 1024 * 1024, 64});
  if (!mix) return fail(std::string(argv[1]) + ": " + mix.error().message);
  const sb::Json* events_json = sb::find_field(*mix, "events");
  const sb::Json* effects_json = sb::find_field(*mix, "effects");
  if (!events_json || !events_json->is_array() || !effects_json || !effects_json->is_array() ||
      events_json->size() != effects_json->size() || events_json->empty()) {
    return fail(std::string(argv[1]) + ": needs non-empty arrays 'events' (objects) and 'effects' (JSON texts) of equal length");
  }
  // The events as the JavaScript side sends them: the file holds them with sorted keys, so nlohmann's
  // serialisation and JSON.stringify give the same bytes.
  std::vector<std::string> events;
  std::vector<std::string> expected;
  for (const auto& e : *events_json) events.push_back(sb::dump_json(e));
  for (const auto& e : *effects_json) {
    if (!e.is_string()) return fail("'effects' must hold JSON texts");
    expected.push_back(e.get<std::string>());
  }

  using clock = std::chrono::steady_clock;
  std::vector<std::string> out(events.size());
  std::size_t replays = 0;
  auto replay = [&]() -> double {  // seconds spent in Engine::handle (and constructing the engine)
    const auto start = clock::now();
    {
      sb::Engine engine;
      for (std::size_t i = 0; i < events.size(); ++i) out[i] = engine.handle(events[i]);
    }
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    ++replays;
    return seconds;
  };
  std::vector<bool> exact(events.size(), true);
  std::vector<std::string> expected_masked;
  for (const auto& e : expected) expected_masked.push_back(without_instance_ids(e));
  auto check = [&]() -> bool {
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (out[i] == expected[i]) continue;
      exact[i] = false;
      if (without_instance_ids(out[i]) != expected_masked[i]) {
        std::fprintf(stderr, "engine_bench: event %zu (%s) gave other effects than recorded, %s\n", i,
                     events[i].substr(0, 80).c_str(), first_difference(expected[i], out[i]).c_str());
        return false;
      }
    }
    return true;
  };

  replay();  // warm-up, and the determinism check before anything is timed
  if (!check()) return 1;
  std::size_t exact_mismatches = 0;
  std::string first_mismatch;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (exact[i]) continue;
    if (exact_mismatches++ == 0) first_mismatch = "event " + std::to_string(i) + ": " + first_difference(expected[i], out[i]);
  }

  std::vector<double> rates;
  for (int r = 0; r < rounds; ++r) {
    double busy = 0;
    std::size_t handled = 0;
    const auto round_start = clock::now();
    do {
      busy += replay();
      handled += events.size();
      if (!check()) return 1;
    } while (std::chrono::duration<double>(clock::now() - round_start).count() * 1000 < ms_per_round);
    rates.push_back(static_cast<double>(handled) / busy);
  }
  std::vector<double> sorted = rates;
  std::sort(sorted.begin(), sorted.end());
  std::string list;
  for (double r : rates) list += (list.empty() ? "" : ", ") + std::to_string(static_cast<long long>(r));
  std::printf(
      "{\"engine_events_per_s_native\": %.0f, \"rounds\": %d, \"events\": %zu, \"replays\": %zu, \"round_rates\": [%s], "
      "\"exact_mismatches\": %zu, \"first_mismatch\": %s}\n",
      sorted[sorted.size() / 2], rounds, events.size(), replays, list.c_str(), exact_mismatches, json_string(first_mismatch).c_str());
  return 0;
}
