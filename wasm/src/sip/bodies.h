// Small bodies of in-dialog requests: message/sipfrag status lines in the NOTIFYs of a REFER
// subscription (RFC 3515, RFC 3420) and application/dtmf-relay in INFO requests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "switchboard/result.h"

namespace sb::sip {

struct SipFrag {
  int status = 0;           // 100-699
  std::string_view reason;  // "Ringing"
};
// The status line a sipfrag body starts with ("SIP/2.0 180 Ringing"); header lines after it are
// ignored. Errors: sip.parse.
Result<SipFrag> parse_sipfrag(std::string_view body);
// "SIP/2.0 200 OK\r\n"; an empty reason uses the standard phrase.
std::string sipfrag(int status, std::string_view reason = {});

struct DtmfRelay {
  char signal = 0;               // 0-9, *, #, A-D
  std::uint32_t duration_ms = 0; // 0 when the body gave none
};
// "Signal=5\r\nDuration=160\r\n" (keys in any case, white space around '=' allowed, 10/11 read as * and #).
// Errors: sip.parse.
Result<DtmfRelay> parse_dtmf_relay(std::string_view body);
std::string dtmf_relay(char signal, std::uint32_t duration_ms);

}  // namespace sb::sip
