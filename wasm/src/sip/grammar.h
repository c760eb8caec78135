// Internal to the SIP parser: how a grammar rule reports where it stopped and what it needed, without
// allocating, and the pointer-based scanning helpers every rule uses. Public functions turn a Fail into
// an sb::Error (sip.parse or sip.too_large) whose message names the place and the expectation.
//
// Rules parse from a cursor `p` up to `e` and leave `p` after what they consumed. They fill a
// default-constructed output (they do not reset it: at -Oz every reset is a memset and a memcpy). In a list context
// (Via, Contact, Route…) an element ends at a ',' outside quotes and <>, so a header value is scanned
// once, not split first and parsed after.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sip/limits.h"
#include "sip/text.h"
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

SB_SIP_INLINE const char* skip_ws(const char* p, const char* e) {
  while (p < e && (*p == ' ' || *p == '\t')) ++p;
  return p;
}
SB_SIP_INLINE const char* span(const char* p, const char* e, std::uint16_t cls) {
  while (p < e && is(*p, cls)) ++p;
  return p;
}
// Past a quoted-string starting at p (*p == '"'); nullptr when it does not close.
SB_SIP_INLINE const char* skip_quoted(const char* p, const char* e) {
  for (++p; p < e; ++p) {
    if (*p == '\\') {
      if (++p == e) return nullptr;
    } else if (*p == '"') {
      return p + 1;
    }
  }
  return nullptr;
}
SB_SIP_INLINE std::string_view view(const char* b, const char* e) {
  return std::string_view(b, static_cast<std::size_t>(e - b));
}

// "'x'", "a space", "byte 0x0D", "the end of the value" (one character only: errors may be logged and
// must not carry the caller's number).
std::string describe_found(const char* at, const char* end);

// "<what> at column C: expected E, found F" for a value parsed on its own (column counts from 1);
// "<what>: <expected> (limit: N)" with sip.too_large when a limit was hit.
Error to_error(const Fail& f, std::string_view input, std::string_view what);

// Parses a comma-separated list header value: element(p) parses one element starting at p (white
// space skipped) and leaves p after it; empty elements are skipped. `count` counts the elements
// across calls (for Limits::max_elements).
template <class Element>
bool parse_list(std::string_view value, Fail& f, std::size_t& count, std::size_t max_elements, Element&& element) {
  const char* p = value.data();
  const char* e = p + value.size();
  for (;;) {
    p = skip_ws(p, e);
    if (p == e) return true;
    if (*p == ',') {
      ++p;
      continue;
    }
    if (++count > max_elements) return too_large(f, p, "too many list elements in the message", max_elements);
    if (!element(p, e)) return false;
    p = skip_ws(p, e);
    if (p < e && *p != ',') return fail(f, p, "',' or the end of the value");
  }
}

}  // namespace sb::sip::detail
