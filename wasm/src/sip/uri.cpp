#include "sip/uri.h"

#include <fmt/format.h>

namespace sb::sip {
namespace detail {

std::string describe_found(const char* at, const char* end) {
  if (at == nullptr || at >= end) return "the end of the value";
  const auto c = static_cast<unsigned char>(*at);
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (c > 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
  return fmt::format("byte 0x{:02X}", c);
}

Error to_error(const Fail& f, std::string_view input, std::string_view what) {
  if (f.too_large) return make_error("sip.too_large", fmt::format("{}: {} (limit: {})", what, f.expected, f.limit));
  const char* end = input.data() + input.size();
  const std::size_t column = f.at ? static_cast<std::size_t>(f.at - input.data()) + 1 : input.size() + 1;
  return make_error("sip.parse", fmt::format("{} at column {}: expected {}, found {}", what, column, f.expected,
                                             describe_found(f.at, end)));
}

namespace {

// chars of `cls` or %HH escapes, from s[i]; returns how many were consumed (0 on a bad escape too,
// with bad_escape set).
std::size_t span_escaped(std::string_view s, std::size_t i, std::uint16_t cls, bool& bad_escape) {
  const std::size_t start = i;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !is(s[i + 1], chars::kHex) || !is(s[i + 2], chars::kHex)) {
        bad_escape = true;
        return i - start;
      }
      i += 3;
    } else if (is(c, cls)) {
      ++i;
    } else {
      break;
    }
  }
  return i - start;
}

bool parse_uri_params(std::string_view s, std::size_t& i, ParamList& out, Fail& f, const Limits& limits) {
  const std::size_t start = i;
  std::size_t count = 0;
  while (i < s.size() && s[i] == ';') {
    if (++count > limits.max_params) {
      return too_large(f, s.data() + i, "too many URI parameters", limits.max_params);
    }
    ++i;
    bool bad = false;
    const std::size_t name = span_escaped(s, i, chars::kParam, bad);
    if (bad) return fail(f, s.data() + i + name, "a %-escape of two hex digits");
    if (name == 0) return fail(f, s.data() + i, "a URI parameter name");
    i += name;
    if (i < s.size() && s[i] == '=') {
      ++i;
      const std::size_t value = span_escaped(s, i, chars::kParam, bad);
      if (bad) return fail(f, s.data() + i + value, "a %-escape of two hex digits");
      if (value == 0) return fail(f, s.data() + i, "a URI parameter value");
      i += value;
    }
  }
  out = ParamList(s.substr(start, i - start));
  return true;
}

bool parse_uri_headers(std::string_view s, std::size_t& i, std::string_view& out, Fail& f, const Limits& limits) {
  const std::size_t start = i;
  std::size_t count = 0;
  for (;;) {
    if (++count > limits.max_params) return too_large(f, s.data() + i, "too many URI headers", limits.max_params);
    bool bad = false;
    const std::size_t name = span_escaped(s, i, chars::kHeader, bad);
    if (bad) return fail(f, s.data() + i + name, "a %-escape of two hex digits");
    if (name == 0) return fail(f, s.data() + i, "a URI header name");
    i += name;
    if (i >= s.size() || s[i] != '=') return fail(f, s.data() + i, "'=' after the URI header name");
    ++i;
    const std::size_t value = span_escaped(s, i, chars::kHeader, bad);
    if (bad) return fail(f, s.data() + i + value, "a %-escape of two hex digits");
    i += value;
    if (i < s.size() && s[i] == '&') {
      ++i;
      continue;
    }
    break;
  }
  out = s.substr(start, i - start);
  return true;
}

}  // namespace

bool parse_hostport(std::string_view s, std::size_t& i, std::string_view& host, std::uint16_t& port, Fail& f,
                    bool lws_around_colon) {
  const std::size_t start = i;
  if (i < s.size() && s[i] == '[') {
    ++i;
    while (i < s.size() && (is(s[i], chars::kHex) || s[i] == ':' || s[i] == '.')) ++i;
    if (i == start + 1) return fail(f, s.data() + i, "an IPv6 address after '['");
    if (i >= s.size() || s[i] != ']') return fail(f, s.data() + i, "']' closing the IPv6 address");
    ++i;
  } else {
    while (i < s.size() && is(s[i], chars::kHost)) ++i;
    if (i == start) return fail(f, s.data() + i, "a host");
  }
  host = s.substr(start, i - start);
  port = 0;
  std::size_t j = i;
  if (lws_around_colon) {
    while (j < s.size() && is_ws(s[j])) ++j;
  }
  if (j < s.size() && s[j] == ':') {
    ++j;
    if (lws_around_colon) {
      while (j < s.size() && is_ws(s[j])) ++j;
    }
    const std::size_t digits = j;
    while (j < s.size() && is_digit(s[j])) ++j;
    const auto value = parse_uint(s.substr(digits, j - digits), 65535);
    if (!value || *value == 0) return fail(f, s.data() + digits, "a port number 1-65535");
    port = static_cast<std::uint16_t>(*value);
    i = j;
  }
  return true;
}

bool parse_uri(std::string_view s, Uri& out, Fail& f, const Limits& limits) {
  out = Uri{};
  out.text = s;
  if (s.size() > limits.max_uri_bytes) return too_large(f, s.data(), "the URI is too long", limits.max_uri_bytes);
  std::size_t i = 0;
  if (s.empty() || !is(s[0], chars::kAlpha)) return fail(f, s.data(), "a URI scheme");
  while (i < s.size() && (is(s[i], chars::kAlpha | chars::kDigit) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  if (i >= s.size() || s[i] != ':') return fail(f, s.data() + i, "':' after the URI scheme");
  out.scheme_name = s.substr(0, i);
  ++i;
  if (iequals(out.scheme_name, "sip")) {
    out.scheme = Scheme::Sip;
  } else if (iequals(out.scheme_name, "sips")) {
    out.scheme = Scheme::Sips;
  } else if (iequals(out.scheme_name, "tel")) {
    out.scheme = Scheme::Tel;
  }

  if (out.scheme == Scheme::Other) {
    const std::size_t start = i;
    while (i < s.size() && is(s[i], chars::kUric)) ++i;
    if (i == start) return fail(f, s.data() + i, "the rest of the URI after the scheme");
    if (i != s.size()) return fail(f, s.data() + i, "a URI character");
    out.opaque = s.substr(start);
    return true;
  }

  bool bad = false;
  if (out.scheme == Scheme::Tel) {
    const std::size_t n = span_escaped(s, i, chars::kTel, bad);
    if (bad) return fail(f, s.data() + i + n, "a %-escape of two hex digits");
    if (n == 0) return fail(f, s.data() + i, "a telephone number");
    out.user = s.substr(i, n);
    i += n;
    if (!parse_uri_params(s, i, out.params, f, limits)) return false;
    if (i != s.size()) return fail(f, s.data() + i, "';' or the end of the URI");
    return true;
  }

  // The first '@' ends the userinfo: neither parameters nor headers may contain an unescaped one.
  const std::size_t at = s.find('@', i);
  if (at != std::string_view::npos) {
    const std::size_t user = span_escaped(s, i, chars::kUser, bad);
    if (bad) return fail(f, s.data() + i + user, "a %-escape of two hex digits");
    if (user == 0) return fail(f, s.data() + i, "a user before '@'");
    out.user = s.substr(i, user);
    i += user;
    if (s[i] == ':') {
      ++i;
      const std::size_t pw = span_escaped(s, i, chars::kPassword, bad);
      if (bad) return fail(f, s.data() + i + pw, "a %-escape of two hex digits");
      out.password = s.substr(i, pw);
      i += pw;
    }
    if (i != at) return fail(f, s.data() + i, "'@' after the user");
    ++i;
  }
  if (!parse_hostport(s, i, out.host, out.port, f, false)) return false;
  if (!parse_uri_params(s, i, out.params, f, limits)) return false;
  if (i < s.size() && s[i] == '?') {
    ++i;
    if (!parse_uri_headers(s, i, out.headers, f, limits)) return false;
  }
  if (i != s.size()) return fail(f, s.data() + i, "';', '?' or the end of the URI");
  return true;
}

bool parse_generic_params(std::string_view s, std::size_t i, ParamList& out, Fail& f, const Limits& limits) {
  while (i < s.size() && is_ws(s[i])) ++i;
  const std::size_t start = i;
  std::size_t count = 0;
  for (;;) {
    while (i < s.size() && is_ws(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] != ';') return fail(f, s.data() + i, "';' or the end of the value");
    if (++count > limits.max_params) return too_large(f, s.data() + i, "too many parameters", limits.max_params);
    ++i;
    while (i < s.size() && is_ws(s[i])) ++i;
    const std::size_t name = i;
    while (i < s.size() && is(s[i], chars::kToken)) ++i;
    if (i == name) return fail(f, s.data() + i, "a parameter name");
    std::size_t j = i;
    while (j < s.size() && is_ws(s[j])) ++j;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && is_ws(s[j])) ++j;
      if (j < s.size() && s[j] == '"') {
        const std::size_t end = skip_quoted(s, j);
        if (end == std::string_view::npos) return fail(f, s.data() + s.size(), "'\"' closing the quoted value");
        j = end;
      } else {
        const std::size_t value = j;
        while (j < s.size() && (is(s[j], chars::kToken) || s[j] == ':' || s[j] == '[' || s[j] == ']' || s[j] == '/')) ++j;
        if (j == value) return fail(f, s.data() + j, "a parameter value");
      }
      i = j;
    }
  }
  out = ParamList(trim(s.substr(start)));
  return true;
}

bool parse_name_addr(std::string_view s, NameAddr& out, Fail& f, const Limits& limits, bool allow_star) {
  out = NameAddr{};
  out.text = s;
  std::size_t i = 0;
  while (i < s.size() && is_ws(s[i])) ++i;
  if (i >= s.size()) return fail(f, s.data() + i, "an address");
  if (allow_star && s[i] == '*') {
    std::size_t j = i + 1;
    while (j < s.size() && is_ws(s[j])) ++j;
    if (j == s.size()) {
      out.star = true;
      return true;
    }
  }

  std::size_t open = std::string_view::npos;
  if (s[i] == '"') {
    const std::size_t end = skip_quoted(s, i);
    if (end == std::string_view::npos) return fail(f, s.data() + s.size(), "'\"' closing the display name");
    out.display_name = s.substr(i, end - i);
    i = end;
    while (i < s.size() && is_ws(s[i])) ++i;
    if (i >= s.size() || s[i] != '<') return fail(f, s.data() + i, "'<' after the display name");
    open = i;
  } else {
    // name-addr if a '<' comes before any ';' or quote; otherwise addr-spec.
    for (std::size_t j = i; j < s.size(); ++j) {
      const char c = s[j];
      if (c == '<') {
        open = j;
        break;
      }
      if (c == '"' || c == ';' || c == '>') break;
      if (static_cast<unsigned char>(c) < 0x20) break;
    }
    if (open != std::string_view::npos) out.display_name = trim(s.substr(i, open - i));
  }

  if (open != std::string_view::npos) {
    out.angle_brackets = true;
    const std::size_t close = s.find('>', open + 1);
    if (close == std::string_view::npos) return fail(f, s.data() + s.size(), "'>' closing the URI");
    if (!parse_uri(s.substr(open + 1, close - open - 1), out.uri, f, limits)) return false;
    i = close + 1;
  } else {
    // addr-spec: the URI ends at the first ';' or white space; its parameters are the header's.
    const std::size_t start = i;
    while (i < s.size() && s[i] != ';' && !is_ws(s[i])) ++i;
    if (!parse_uri(s.substr(start, i - start), out.uri, f, limits)) return false;
  }
  return parse_generic_params(s, i, out.params, f, limits);
}

}  // namespace detail

std::optional<std::string> Uri::header(std::string_view name) const {
  std::size_t i = 0;
  while (i < headers.size()) {
    std::size_t amp = headers.find('&', i);
    if (amp == std::string_view::npos) amp = headers.size();
    const std::string_view pair = headers.substr(i, amp - i);
    const std::size_t eq = pair.find('=');
    if (iequals(uri_unescape(pair.substr(0, eq)), name)) {
      return eq == std::string_view::npos ? std::string() : uri_unescape(pair.substr(eq + 1));
    }
    i = amp + 1;
  }
  return std::nullopt;
}

Result<Uri> parse_uri(std::string_view text, const Limits& limits) {
  Uri uri;
  detail::Fail f;
  if (!detail::parse_uri(text, uri, f, limits)) return detail::to_error(f, text, "URI");
  return uri;
}

Result<NameAddr> parse_name_addr(std::string_view text, const Limits& limits) {
  NameAddr addr;
  detail::Fail f;
  if (!detail::parse_name_addr(text, addr, f, limits, false)) return detail::to_error(f, text, "address");
  return addr;
}

std::string format_name_addr(std::string_view display_name, std::string_view uri) {
  std::string out;
  if (!display_name.empty()) {
    bool plain = true;
    for (char c : display_name) {
      if (!is(c, chars::kToken) && c != ' ') plain = false;
    }
    if (plain && display_name.front() != ' ' && display_name.back() != ' ') {
      out += display_name;
    } else {
      out += quote(display_name);
    }
    out += ' ';
  }
  out += '<';
  out += uri;
  out += '>';
  return out;
}

}  // namespace sb::sip
