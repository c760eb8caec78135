#include "sip/uri.h"

#include <cstring>

#include "switchboard/format.h"

namespace sb::sip {
namespace detail {

std::string describe_found(const char* at, const char* end) {
  if (at == nullptr || at >= end) return "the end of the value";
  const auto c = static_cast<unsigned char>(*at);
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (c > 0x20 && c < 0x7F) return sb::format("'{}'", static_cast<char>(c));
  return sb::format("byte 0x{:02X}", c);
}

Error to_error(const Fail& f, std::string_view input, std::string_view what) {
  if (f.too_large) return make_error("sip.too_large", sb::format("{}: {} (limit: {})", what, f.expected, f.limit));
  const char* end = input.data() + input.size();
  const std::size_t column = f.at ? static_cast<std::size_t>(f.at - input.data()) + 1 : input.size() + 1;
  return make_error("sip.parse", sb::format("{} at column {}: expected {}, found {}", what, column, f.expected,
                                             describe_found(f.at, end)));
}

namespace {

constexpr std::string_view kBadEscape = "a %-escape of two hex digits";

// Characters of `cls` and %HH escapes from p; false (with p at the bad '%') on a malformed escape.
SB_SIP_INLINE bool span_escaped(const char*& p, const char* e, std::uint16_t cls) {
  for (;;) {
    p = span(p, e, cls);
    if (p == e || *p != '%') return true;
    if (e - p < 3 || !is(p[1], chars::kHex) || !is(p[2], chars::kHex)) return false;
    p += 3;
  }
}

bool parse_uri_params(const char*& p, const char* e, ParamList& out, Fail& f, const Limits& limits) {
  const char* start = p;
  std::size_t count = 0;
  while (p < e && *p == ';') {
    if (++count > limits.max_params) return too_large(f, p, "too many URI parameters", limits.max_params);
    const char* name = ++p;
    if (!span_escaped(p, e, chars::kParam)) return fail(f, p, kBadEscape);
    if (p == name) return fail(f, p, "a URI parameter name");
    if (p < e && *p == '=') {
      const char* value = ++p;
      if (!span_escaped(p, e, chars::kParam)) return fail(f, p, kBadEscape);
      if (p == value) return fail(f, p, "a URI parameter value");
    }
  }
  out = ParamList(view(start, p));
  return true;
}

bool parse_uri_headers(const char*& p, const char* e, std::string_view& out, Fail& f, const Limits& limits) {
  const char* start = p;
  std::size_t count = 0;
  for (;;) {
    if (++count > limits.max_params) return too_large(f, p, "too many URI headers", limits.max_params);
    const char* name = p;
    if (!span_escaped(p, e, chars::kHeader)) return fail(f, p, kBadEscape);
    if (p == name) return fail(f, p, "a URI header name");
    if (p == e || *p != '=') return fail(f, p, "'=' after the URI header name");
    ++p;
    if (!span_escaped(p, e, chars::kHeader)) return fail(f, p, kBadEscape);
    if (p < e && *p == '&') {
      ++p;
      continue;
    }
    break;
  }
  out = view(start, p);
  return true;
}

}  // namespace

bool parse_hostport(const char*& p, const char* e, std::string_view& host, std::uint16_t& port, Fail& f,
                    bool lws_around_colon) {
  const char* start = p;
  if (p < e && *p == '[') {
    ++p;
    while (p < e && (is(*p, chars::kHex) || *p == ':' || *p == '.')) ++p;
    if (p == start + 1) return fail(f, p, "an IPv6 address after '['");
    if (p == e || *p != ']') return fail(f, p, "']' closing the IPv6 address");
    ++p;
  } else {
    p = span(p, e, chars::kHost);
    if (p == start) return fail(f, p, "a host");
  }
  host = view(start, p);
  port = 0;
  const char* q = lws_around_colon ? skip_ws(p, e) : p;
  if (q < e && *q == ':') {
    ++q;
    if (lws_around_colon) q = skip_ws(q, e);
    const char* digits = q;
    std::uint32_t value = 0;
    while (q < e && is_digit(*q) && q - digits < 6) value = value * 10 + static_cast<std::uint32_t>(*q++ - '0');
    if (q == digits || value == 0 || value > 65535 || (q < e && is_digit(*q))) {
      return fail(f, digits, "a port number 1-65535");
    }
    port = static_cast<std::uint16_t>(value);
    p = q;
  }
  return true;
}

bool parse_uri(const char* b, const char* e, Uri& out, Fail& f, const Limits& limits) {
  out.text = view(b, e);
  if (static_cast<std::size_t>(e - b) > limits.max_uri_bytes) {
    return too_large(f, b, "the URI is too long", limits.max_uri_bytes);
  }
  const char* p = b;
  if (p == e || !is(*p, chars::kAlpha)) return fail(f, p, "a URI scheme");
  while (p < e && (is(*p, chars::kAlpha | chars::kDigit) || *p == '+' || *p == '-' || *p == '.')) ++p;
  if (p == e || *p != ':') return fail(f, p, "':' after the URI scheme");
  out.scheme_name = view(b, p);
  ++p;
  if (iequals(out.scheme_name, "sip")) {
    out.scheme = Scheme::Sip;
  } else if (iequals(out.scheme_name, "sips")) {
    out.scheme = Scheme::Sips;
  } else if (iequals(out.scheme_name, "tel")) {
    out.scheme = Scheme::Tel;
  }

  if (out.scheme == Scheme::Other) {
    const char* start = p;
    p = span(p, e, chars::kUric);
    if (p == start) return fail(f, p, "the rest of the URI after the scheme");
    if (p != e) return fail(f, p, "a URI character");
    out.opaque = view(start, e);
    return true;
  }

  if (out.scheme == Scheme::Tel) {
    const char* number = p;
    if (!span_escaped(p, e, chars::kTel)) return fail(f, p, kBadEscape);
    if (p == number) return fail(f, p, "a telephone number");
    out.user = view(number, p);
    if (!parse_uri_params(p, e, out.params, f, limits)) return false;
    if (p != e) return fail(f, p, "';' or the end of the URI");
    return true;
  }

  // The first '@' ends the userinfo: neither parameters nor headers may contain an unescaped one.
  const auto* at = static_cast<const char*>(std::memchr(p, '@', static_cast<std::size_t>(e - p)));
  if (at) {
    const char* user = p;
    if (!span_escaped(p, e, chars::kUser)) return fail(f, p, kBadEscape);
    if (p == user) return fail(f, p, "a user before '@'");
    out.user = view(user, p);
    if (*p == ':') {
      const char* password = ++p;
      if (!span_escaped(p, e, chars::kPassword)) return fail(f, p, kBadEscape);
      out.password = view(password, p);
    }
    if (p != at) return fail(f, p, "'@' after the user");
    ++p;
  }
  if (!parse_hostport(p, e, out.host, out.port, f, false)) return false;
  if (!parse_uri_params(p, e, out.params, f, limits)) return false;
  if (p < e && *p == '?') {
    ++p;
    if (!parse_uri_headers(p, e, out.headers, f, limits)) return false;
  }
  if (p != e) return fail(f, p, "';', '?' or the end of the URI");
  return true;
}

bool parse_generic_params(const char*& p, const char* e, ParamList& out, Fail& f, const Limits& limits, bool list) {
  const char* start = nullptr;
  const char* last = p;
  std::size_t count = 0;
  for (;;) {
    const char* q = skip_ws(last, e);
    if (q == e) {
      last = q;
      break;
    }
    if (list && *q == ',') break;
    if (*q != ';') return fail(f, q, list ? "';', ',' or the end of the value" : "';' or the end of the value");
    if (!start) start = q;
    if (++count > limits.max_params) return too_large(f, q, "too many parameters", limits.max_params);
    q = skip_ws(q + 1, e);
    const char* name = q;
    q = span(q, e, chars::kToken);
    if (q == name) return fail(f, q, "a parameter name");
    const char* r = skip_ws(q, e);
    if (r < e && *r == '=') {
      r = skip_ws(r + 1, e);
      if (r < e && *r == '"') {
        q = skip_quoted(r, e);
        if (!q) return fail(f, e, "'\"' closing the quoted value");
      } else {
        q = span(r, e, chars::kGenValue);
        if (q == r) return fail(f, r, "a parameter value");
      }
    }
    last = q;
  }
  out = start ? ParamList(trim(view(start, last))) : ParamList();
  p = last;
  return true;
}

bool parse_name_addr(const char*& p, const char* e, NameAddr& out, Fail& f, const Limits& limits, bool allow_star,
                     bool list) {
  p = skip_ws(p, e);
  const char* start = p;
  if (p == e) return fail(f, p, "an address");
  if (allow_star && *p == '*') {
    const char* q = skip_ws(p + 1, e);
    if (q == e || (list && *q == ',')) {
      out.star = true;
      out.text = view(p, p + 1);
      p = q;
      return true;
    }
  }

  const char* open = nullptr;
  if (*p == '"') {
    const char* end = skip_quoted(p, e);
    if (!end) return fail(f, e, "'\"' closing the display name");
    out.display_name = view(p, end);
    const char* q = skip_ws(end, e);
    if (q == e || *q != '<') return fail(f, q, "'<' after the display name");
    open = q;
  } else {
    // name-addr if a '<' comes before any ';', quote or (in a list) ','; otherwise addr-spec.
    for (const char* q = p; q < e; ++q) {
      const char c = *q;
      if (c == '<') {
        open = q;
        break;
      }
      if (c == '"' || c == ';' || c == '>' || (list && c == ',') || static_cast<unsigned char>(c) < 0x20) break;
    }
    if (open) out.display_name = trim(view(p, open));
  }

  if (open) {
    out.angle_brackets = true;
    const auto* close = static_cast<const char*>(std::memchr(open + 1, '>', static_cast<std::size_t>(e - open - 1)));
    if (!close) return fail(f, e, "'>' closing the URI");
    if (!parse_uri(open + 1, close, out.uri, f, limits)) return false;
    p = close + 1;
  } else {
    // addr-spec: the URI ends at the first ';', white space or (in a list) ','; the parameters after
    // it are the header's.
    const char* q = p;
    while (q < e && *q != ';' && !is_ws(*q) && !(list && *q == ',')) ++q;
    if (!parse_uri(p, q, out.uri, f, limits)) return false;
    p = q;
  }
  if (!parse_generic_params(p, e, out.params, f, limits, list)) return false;
  out.text = trim(view(start, p));
  return true;
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
  if (!detail::parse_uri(text.data(), text.data() + text.size(), uri, f, limits)) {
    return detail::to_error(f, text, "URI");
  }
  return uri;
}

Result<NameAddr> parse_name_addr(std::string_view text, const Limits& limits) {
  NameAddr addr;
  detail::Fail f;
  const char* p = text.data();
  if (!detail::parse_name_addr(p, text.data() + text.size(), addr, f, limits, false, false)) {
    return detail::to_error(f, text, "address");
  }
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
