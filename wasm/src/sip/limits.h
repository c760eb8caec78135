// Size limits of the SIP parser. Anything above them is refused with sip.too_large before it can cost
// memory or time; the defaults hold every message a PBX or browser sends (RFC 4475's long values too).
#pragma once

#include <cstddef>

namespace sb::sip {

struct Limits {
  std::size_t max_message_bytes = 64 * 1024;  // one WebSocket frame, body included
  std::size_t max_headers = 256;              // header lines
  std::size_t max_line_bytes = 8 * 1024;      // a start line, or a header with its continuation lines
  std::size_t max_uri_bytes = 4 * 1024;
  std::size_t max_params = 64;                // parameters of one URI or one header element
  std::size_t max_elements = 128;             // elements of one list header (all Via lines together…)
};

}  // namespace sb::sip
