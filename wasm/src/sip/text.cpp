#include "sip/text.h"

namespace sb::sip {

std::optional<std::uint32_t> parse_uint(std::string_view s, std::uint32_t max) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

std::size_t skip_quoted(std::string_view s, std::size_t pos) {
  for (std::size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::string unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::string(s);
  std::string out;
  out.reserve(s.size() - 2);
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) ++i;
    out += s[i];
  }
  return out;
}

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    // CR and LF cannot appear in a quoted-string, even escaped (RFC 3261 §25.1).
    out += (c == '\r' || c == '\n') ? ' ' : c;
  }
  out += '"';
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string uri_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::string uri_escape(std::string_view s, UriPart part) {
  static constexpr char kHexDigits[] = "0123456789ABCDEF";
  std::uint16_t cls = chars::kUser;
  switch (part) {
    case UriPart::User: cls = chars::kUser; break;
    case UriPart::Password: cls = chars::kPassword; break;
    case UriPart::Param: cls = chars::kParam; break;
    case UriPart::Header: cls = chars::kHeader; break;
  }
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (is(c, cls) && c != '%' && c != '#') {
      out += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHexDigits[u >> 4];
      out += kHexDigits[u & 15];
    }
  }
  return out;
}

std::size_t ParamList::size() const {
  std::size_t n = 0;
  for (auto it = begin(); it != end(); ++it) ++n;
  return n;
}

std::optional<std::string_view> ParamList::get(std::string_view name) const {
  for (const Param& p : *this) {
    if (iequals(p.name, name)) return p.value;
  }
  return std::nullopt;
}

void ParamList::iterator::advance() {
  const std::size_t n = raw_.size();
  while (pos_ < n && (is_ws(raw_[pos_]) || raw_[pos_] == ';')) ++pos_;
  if (pos_ >= n) {
    done_ = true;
    return;
  }
  const std::size_t start = pos_;
  std::size_t eq = std::string_view::npos;
  while (pos_ < n && raw_[pos_] != ';') {
    if (raw_[pos_] == '"') {
      const std::size_t end = skip_quoted(raw_, pos_);
      pos_ = end == std::string_view::npos ? n : end;
      continue;
    }
    if (raw_[pos_] == '=' && eq == std::string_view::npos) eq = pos_;
    ++pos_;
  }
  if (eq == std::string_view::npos) {
    current_ = Param{trim(raw_.substr(start, pos_ - start)), {}, false};
  } else {
    current_ = Param{trim(raw_.substr(start, eq - start)), trim(raw_.substr(eq + 1, pos_ - eq - 1)), true};
  }
}

}  // namespace sb::sip
