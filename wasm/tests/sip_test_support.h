// Shared by the sip.* doctest suites: readable failure output for errors, and CRLF line endings for
// messages written with plain newlines in the tests.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "switchboard/result.h"

namespace doctest {
template <>
struct StringMaker<sb::Error> {
  static String convert(const sb::Error& e) { return ("{" + e.code + ", \"" + e.message + "\"}").c_str(); }
};
}  // namespace doctest

// "a\nb\n" → "a\r\nb\r\n" (SIP needs CRLF; tests read better with plain newlines).
inline std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}
