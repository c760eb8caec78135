// Internal to the SIP parser: how a grammar rule reports where it stopped and what it needed, without
// allocating. Public functions turn a Fail into an sb::Error (sip.parse or sip.too_large) whose message
// names the place and the expectation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sip/limits.h"
#include "switchboard/result.h"

namespace sb::sip::detail {

struct Fail {
  const char* at = nullptr;    // where in the input the rule stopped
  std::string_view expected;   // what it needed there ("a host", "';' or the end of the value")
  bool too_large = false;      // a size limit was hit; expected then says which
  std::size_t limit = 0;       // the limit that was hit
};

inline bool fail(Fail& f, const char* at, std::string_view expected) {
  f.at = at;
  f.expected = expected;
  f.too_large = false;
  return false;
}
inline bool too_large(Fail& f, const char* at, std::string_view what, std::size_t limit) {
  f.at = at;
  f.expected = what;
  f.too_large = true;
  f.limit = limit;
  return false;
}

// "'x'", "a space", "byte 0x0D", "the end of the value" (one character only: errors may be logged and
// must not carry the caller's number).
std::string describe_found(const char* at, const char* end);

// "<what> at column C: expected E, found F" for a value parsed on its own (column counts from 1);
// "<what>: <expected> (limit: N)" with sip.too_large when a limit was hit.
Error to_error(const Fail& f, std::string_view input, std::string_view what);

}  // namespace sb::sip::detail
