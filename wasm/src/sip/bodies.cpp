#include "sip/bodies.h"

#include "switchboard/format.h"

#include "sip/text.h"
#include "sip/writer.h"

namespace sb::sip {

Result<SipFrag> parse_sipfrag(std::string_view body) {
  std::string_view line = body.substr(0, body.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const auto bad = [&] {
    return make_error("sip.parse", "sipfrag: expected a status line such as 'SIP/2.0 200 OK'");
  };
  if (!istarts_with(line, "SIP/2.0 ") || line.size() < 11) return bad();
  const auto status = parse_uint(line.substr(8, 3), 699);
  if (!status || *status < 100 || (line.size() > 11 && line[11] != ' ')) return bad();
  SipFrag frag;
  frag.status = static_cast<int>(*status);
  frag.reason = line.size() > 12 ? line.substr(12) : std::string_view();
  return frag;
}

std::string sipfrag(int status, std::string_view reason) {
  return sb::format("SIP/2.0 {} {}\r\n", status, reason.empty() ? default_reason(status) : reason);
}

namespace {
char dtmf_signal(std::string_view v) {
  if (v.size() == 1) {
    const char c = v[0];
    if (is_digit(c) || c == '*' || c == '#') return c;
    const char up = static_cast<char>(c & ~0x20);
    if (up >= 'A' && up <= 'D') return up;
    return 0;
  }
  if (v == "10") return '*';
  if (v == "11") return '#';
  return 0;
}
}  // namespace

Result<DtmfRelay> parse_dtmf_relay(std::string_view body) {
  DtmfRelay out;
  std::size_t pos = 0, number = 0;
  while (pos < body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view l = body.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    l = trim(l);
    if (l.empty()) continue;
    const std::size_t eq = l.find('=');
    if (eq == std::string_view::npos) {
      return make_error("sip.parse", sb::format("dtmf-relay line {}: expected key=value", number));
    }
    const std::string_view key = trim(l.substr(0, eq));
    const std::string_view value = trim(l.substr(eq + 1));
    if (iequals(key, "Signal")) {
      out.signal = dtmf_signal(value);
      if (!out.signal) {
        return make_error("sip.parse", sb::format("dtmf-relay line {}: Signal must be 0-9, *, #, A-D", number));
      }
    } else if (iequals(key, "Duration")) {
      const auto ms = parse_uint(value, 60000);
      if (!ms) {
        return make_error("sip.parse",
                          sb::format("dtmf-relay line {}: Duration must be milliseconds up to 60000", number));
      }
      out.duration_ms = *ms;
    }
  }
  if (!out.signal) return make_error("sip.parse", "dtmf-relay: no Signal line");
  return out;
}

std::string dtmf_relay(char signal, std::uint32_t duration_ms) {
  return sb::format("Signal={}\r\nDuration={}\r\n", signal, duration_ms);
}

}  // namespace sb::sip
