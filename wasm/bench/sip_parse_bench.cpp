// SIP parser throughput, natively: parses the message set of bench/data/*.sip (INVITE with SDP and
// two Record-Routes, 200 OK with SDP, ACK, BYE, REGISTER with Authorization) over several rounds and
// prints the median as JSON, with the bytes a parsed INVITE holds:
//   {"sip_parse_msgs_per_s_native": N, "sip_parse_invite_state_bytes": B}
// Usage: sip_parse_bench [DATA_DIR] [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sip/message.h"

namespace {

std::vector<std::string> load(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".sip") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : SB_BENCH_DATA_DIR;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 9;
  const auto messages = load(dir);
  if (messages.empty()) {
    std::fprintf(stderr, "no .sip files in %s\n", dir.string().c_str());
    return 1;
  }
  std::size_t invite_bytes = 0;
  for (const auto& m : messages) {
    auto parsed = sb::sip::Message::parse(m);
    if (!parsed) {
      std::fprintf(stderr, "bench message does not parse: %s\n", parsed.error().message.c_str());
      return 1;
    }
    if (parsed->method() == "INVITE" && parsed->is_request()) invite_bytes = parsed->memory_bytes();
  }

  using clock = std::chrono::steady_clock;
  std::vector<double> rates;
  std::size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    std::size_t parsed = 0;
    const auto start = clock::now();
    double elapsed = 0;
    do {
      for (int k = 0; k < 200; ++k) {
        for (const auto& m : messages) {
          auto result = sb::sip::Message::parse(m);
          sink += result ? result->headers().size() : 0;
          ++parsed;
        }
      }
      elapsed = std::chrono::duration<double>(clock::now() - start).count();
    } while (elapsed < 0.2);
    rates.push_back(static_cast<double>(parsed) / elapsed);
  }
  std::sort(rates.begin(), rates.end());
  const double median = rates[rates.size() / 2];
  std::printf("{\"sip_parse_msgs_per_s_native\": %.0f, \"sip_parse_invite_state_bytes\": %zu}\n", median, invite_bytes);
  return sink == 0 ? 1 : 0;
}
