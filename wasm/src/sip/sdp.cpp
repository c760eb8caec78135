#include "sip/sdp.h"

#include "switchboard/format.h"

#include "sip/text.h"

namespace sb::sip {

namespace {

constexpr std::size_t kMaxSdpBytes = 64 * 1024;
constexpr std::size_t kMaxSdpLines = 4096;
constexpr std::size_t kMaxMedia = 64;

// "name:value" or "name" → value ("" for a flag) when the name matches.
std::optional<std::string_view> attribute_value(const SdpLine& line, std::string_view name) {
  if (line.type != 'a') return std::nullopt;
  const std::string_view v = line.value;
  if (v.size() == name.size() && iequals(v, name)) return std::string_view();
  if (v.size() > name.size() && v[name.size()] == ':' && iequals(v.substr(0, name.size()), name)) {
    return v.substr(name.size() + 1);
  }
  return std::nullopt;
}

std::optional<Direction> direction_of(const std::vector<SdpLine>& lines) {
  for (const SdpLine& l : lines) {
    if (l.type != 'a') continue;
    if (auto d = parse_direction(l.value)) return d;
  }
  return std::nullopt;
}

// The address of a "c=IN IP4 192.0.2.1/127" line.
std::optional<std::string_view> connection_of(const std::vector<SdpLine>& lines) {
  for (const SdpLine& l : lines) {
    if (l.type != 'c') continue;
    std::string_view v = l.value;
    const std::size_t last = v.rfind(' ');
    if (last == std::string_view::npos) return std::nullopt;
    v = v.substr(last + 1);
    return v.substr(0, v.find('/'));
  }
  return std::nullopt;
}

std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

Error sdp_error(std::size_t line, std::string_view what) {
  return make_error("sip.parse", sb::format("SDP line {}: {}", line, what));
}

}  // namespace

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::SendRecv: return "sendrecv";
    case Direction::SendOnly: return "sendonly";
    case Direction::RecvOnly: return "recvonly";
    case Direction::Inactive: return "inactive";
  }
  return "sendrecv";
}

std::optional<Direction> parse_direction(std::string_view s) {
  if (iequals(s, "sendrecv")) return Direction::SendRecv;
  if (iequals(s, "sendonly")) return Direction::SendOnly;
  if (iequals(s, "recvonly")) return Direction::RecvOnly;
  if (iequals(s, "inactive")) return Direction::Inactive;
  return std::nullopt;
}

Direction reverse(Direction d) {
  switch (d) {
    case Direction::SendOnly: return Direction::RecvOnly;
    case Direction::RecvOnly: return Direction::SendOnly;
    case Direction::SendRecv:
    case Direction::Inactive: return d;
  }
  return d;
}

std::optional<std::string_view> SdpMedia::attribute(std::string_view name) const {
  for (const SdpLine& l : lines) {
    if (auto v = attribute_value(l, name)) return v;
  }
  return std::nullopt;
}

std::vector<std::string_view> SdpMedia::attributes(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const SdpLine& l : lines) {
    if (auto v = attribute_value(l, name)) out.push_back(*v);
  }
  return out;
}

std::optional<Direction> SdpMedia::direction() const { return direction_of(lines); }

std::optional<std::string_view> SdpMedia::connection_address() const { return connection_of(lines); }

Result<Sdp> Sdp::parse(std::string_view text) {
  if (text.size() > kMaxSdpBytes) {
    return make_error("sip.too_large", sb::format("SDP: {} bytes (limit: {})", text.size(), kMaxSdpBytes));
  }
  Sdp sdp;
  std::size_t pos = 0, number = 0, kept = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (++kept > kMaxSdpLines) {
      return make_error("sip.too_large", sb::format("SDP: too many lines (limit: {})", kMaxSdpLines));
    }
    if (line.size() < 2 || line[1] != '=' || !is(line[0], chars::kAlpha)) {
      return sdp_error(number, "expected a line of the form x=value");
    }
    for (char c : line) {
      if (c == '\0' || c == '\r') return sdp_error(number, "NUL and CR are not allowed inside a line");
    }
    SdpLine l{line[0], std::string(line.substr(2))};
    if (kept == 1 && l.type != 'v') return sdp_error(number, "expected v=0 first");
    if (l.type != 'm') {
      (sdp.media.empty() ? sdp.session : sdp.media.back().lines).push_back(std::move(l));
      continue;
    }
    if (sdp.media.size() >= kMaxMedia) {
      return make_error("sip.too_large", sb::format("SDP: too many media sections (limit: {})", kMaxMedia));
    }
    const auto fields = split_spaces(l.value);
    if (fields.size() < 3) return sdp_error(number, "expected m=<media> <port> <proto> <formats>");
    SdpMedia m;
    m.media = std::string(fields[0]);
    std::string_view port = fields[1];
    if (const std::size_t slash = port.find('/'); slash != std::string_view::npos) {
      const auto count = parse_uint(port.substr(slash + 1), 65535);
      if (!count || *count == 0) return sdp_error(number, "expected a port count after '/'");
      m.port_count = *count;
      port = port.substr(0, slash);
    }
    const auto port_number = parse_uint(port, 65535);
    if (!port_number) return sdp_error(number, "expected a port number 0-65535");
    m.port = *port_number;
    m.proto = std::string(fields[2]);
    for (std::size_t i = 3; i < fields.size(); ++i) m.formats.emplace_back(fields[i]);
    sdp.media.push_back(std::move(m));
  }
  if (kept == 0) return make_error("sip.parse", "SDP: the description is empty");
  return sdp;
}

std::string Sdp::serialize() const {
  std::string out;
  auto put = [&out](const SdpLine& l) {
    out += l.type;
    out += '=';
    out += l.value;
    out += "\r\n";
  };
  for (const SdpLine& l : session) put(l);
  for (const SdpMedia& m : media) {
    out += "m=";
    out += m.media;
    out += ' ';
    out += std::to_string(m.port);
    if (m.port_count) {
      out += '/';
      out += std::to_string(m.port_count);
    }
    out += ' ';
    out += m.proto;
    for (const std::string& f : m.formats) {
      out += ' ';
      out += f;
    }
    out += "\r\n";
    for (const SdpLine& l : m.lines) put(l);
  }
  return out;
}

const SdpMedia* Sdp::audio() const {
  for (const SdpMedia& m : media) {
    if (m.media == "audio") return &m;
  }
  return nullptr;
}

SdpMedia* Sdp::audio() {
  for (SdpMedia& m : media) {
    if (m.media == "audio") return &m;
  }
  return nullptr;
}

std::optional<std::string_view> Sdp::session_attribute(std::string_view name) const {
  for (const SdpLine& l : session) {
    if (auto v = attribute_value(l, name)) return v;
  }
  return std::nullopt;
}

Direction Sdp::audio_direction() const {
  if (const SdpMedia* a = audio()) {
    if (auto d = a->direction()) return *d;
  }
  return direction_of(session).value_or(Direction::SendRecv);
}

void Sdp::set_audio_direction(Direction d) {
  SdpMedia* a = audio();
  if (!a) return;
  bool placed = false;
  std::vector<SdpLine> kept;
  kept.reserve(a->lines.size() + 1);
  for (SdpLine& l : a->lines) {
    if (l.type == 'a' && parse_direction(l.value)) {
      if (placed) continue;
      l.value = std::string(to_string(d));
      placed = true;
    }
    kept.push_back(std::move(l));
  }
  if (!placed) kept.push_back(SdpLine{'a', std::string(to_string(d))});
  a->lines = std::move(kept);
}

bool Sdp::is_hold() const {
  const SdpMedia* a = audio();
  if (!a) return false;
  const Direction d = audio_direction();
  if (d == Direction::SendOnly || d == Direction::Inactive) return true;
  auto address = a->connection_address();
  if (!address) address = connection_of(session);
  return address && *address == "0.0.0.0";
}

std::optional<int> Sdp::telephone_event_payload() const {
  const SdpMedia* a = audio();
  if (!a) return std::nullopt;
  std::optional<int> any;
  for (std::string_view map : a->attributes("rtpmap")) {
    // "101 telephone-event/8000"
    const std::size_t space = map.find(' ');
    if (space == std::string_view::npos) continue;
    const auto pt = parse_uint(map.substr(0, space), 127);
    const std::string_view encoding = trim(map.substr(space + 1));
    if (!pt || !istarts_with(encoding, "telephone-event/")) continue;
    if (encoding.substr(16).substr(0, 4) == "8000") return static_cast<int>(*pt);
    if (!any) any = static_cast<int>(*pt);
  }
  return any;
}

std::optional<std::string_view> Sdp::origin_version() const {
  for (const SdpLine& l : session) {
    if (l.type != 'o') continue;
    const auto fields = split_spaces(l.value);
    if (fields.size() < 6) return std::nullopt;
    for (char c : fields[2]) {
      if (!is_digit(c)) return std::nullopt;
    }
    return fields[2];
  }
  return std::nullopt;
}

bool Sdp::bump_version() {
  for (SdpLine& l : session) {
    if (l.type != 'o') continue;
    const auto fields = split_spaces(l.value);
    if (fields.size() < 6) return false;
    std::string version(fields[2]);
    if (version.empty()) return false;
    for (char c : version) {
      if (!is_digit(c)) return false;
    }
    // Decimal increment on the text: session versions may exceed 64 bits.
    std::size_t i = version.size();
    while (i > 0 && version[i - 1] == '9') version[--i] = '0';
    if (i == 0) {
      version.insert(version.begin(), '1');
    } else {
      ++version[i - 1];
    }
    std::string rebuilt;
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k) rebuilt += ' ';
      rebuilt += k == 2 ? std::string_view(version) : fields[k];
    }
    l.value = std::move(rebuilt);
    return true;
  }
  return false;
}

}  // namespace sb::sip
