// Deterministic randomness for protocol identifiers (SIP tags, branches, cnonces). The core has no
// entropy source of its own: the shim passes random text in engine.start's "seed", and the same seed
// with the same events replays the same effects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sb {

class Random {
 public:
  explicit Random(std::string_view seed = {}) { reseed(seed); }

  void reseed(std::string_view seed) {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the seed text
    for (unsigned char c : seed) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    state_ = h;
  }

  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // n characters from [0-9a-z].
  std::string token(std::size_t n) {
    static constexpr std::string_view kAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out += kAlphabet[next() % kAlphabet.size()];
    return out;
  }

  std::uint32_t below(std::uint32_t n) { return n ? static_cast<std::uint32_t>(next() % n) : 0; }

 private:
  std::uint64_t state_ = 0;
};

}  // namespace sb
