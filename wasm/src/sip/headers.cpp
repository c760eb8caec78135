#include "sip/headers.h"

#include <array>

#include "sip/uri.h"

namespace sb::sip {
namespace {

struct HeaderNameEntry {
  std::string_view lower;  // lower-case full name (the lookup key)
  std::string_view canonical;
  bool list;
};

// Indexed by HeaderId; sorted by `lower` from index 1 on (a test checks the order).
constexpr std::array<HeaderNameEntry, 65> kHeaderNames = {{
    {"", "", false},
    {"accept", "Accept", true},
    {"accept-contact", "Accept-Contact", true},
    {"accept-encoding", "Accept-Encoding", true},
    {"accept-language", "Accept-Language", true},
    {"alert-info", "Alert-Info", true},
    {"allow", "Allow", true},
    {"allow-events", "Allow-Events", true},
    {"authentication-info", "Authentication-Info", false},
    {"authorization", "Authorization", false},
    {"call-id", "Call-ID", false},
    {"call-info", "Call-Info", true},
    {"contact", "Contact", true},
    {"content-disposition", "Content-Disposition", false},
    {"content-encoding", "Content-Encoding", true},
    {"content-language", "Content-Language", true},
    {"content-length", "Content-Length", false},
    {"content-type", "Content-Type", false},
    {"cseq", "CSeq", false},
    {"date", "Date", false},
    {"error-info", "Error-Info", true},
    {"event", "Event", false},
    {"expires", "Expires", false},
    {"from", "From", false},
    {"identity", "Identity", false},
    {"identity-info", "Identity-Info", false},
    {"in-reply-to", "In-Reply-To", true},
    {"max-forwards", "Max-Forwards", false},
    {"mime-version", "MIME-Version", false},
    {"min-expires", "Min-Expires", false},
    {"min-se", "Min-SE", false},
    {"organization", "Organization", false},
    {"p-asserted-identity", "P-Asserted-Identity", true},
    {"p-preferred-identity", "P-Preferred-Identity", true},
    {"path", "Path", true},
    {"priority", "Priority", false},
    {"proxy-authenticate", "Proxy-Authenticate", false},
    {"proxy-authorization", "Proxy-Authorization", false},
    {"proxy-require", "Proxy-Require", true},
    {"rack", "RAck", false},
    {"reason", "Reason", true},
    {"record-route", "Record-Route", true},
    {"refer-to", "Refer-To", false},
    {"referred-by", "Referred-By", false},
    {"reject-contact", "Reject-Contact", true},
    {"replaces", "Replaces", false},
    {"reply-to", "Reply-To", false},
    {"request-disposition", "Request-Disposition", true},
    {"require", "Require", true},
    {"retry-after", "Retry-After", false},
    {"route", "Route", true},
    {"rseq", "RSeq", false},
    {"server", "Server", false},
    {"service-route", "Service-Route", true},
    {"session-expires", "Session-Expires", false},
    {"subject", "Subject", false},
    {"subscription-state", "Subscription-State", false},
    {"supported", "Supported", true},
    {"timestamp", "Timestamp", false},
    {"to", "To", false},
    {"unsupported", "Unsupported", true},
    {"user-agent", "User-Agent", false},
    {"via", "Via", true},
    {"warning", "Warning", true},
    {"www-authenticate", "WWW-Authenticate", false},
}};

HeaderId compact_header(char c) {
  switch (lower(c)) {
    case 'a': return HeaderId::AcceptContact;
    case 'b': return HeaderId::ReferredBy;
    case 'c': return HeaderId::ContentType;
    case 'd': return HeaderId::RequestDisposition;
    case 'e': return HeaderId::ContentEncoding;
    case 'f': return HeaderId::From;
    case 'i': return HeaderId::CallId;
    case 'j': return HeaderId::RejectContact;
    case 'k': return HeaderId::Supported;
    case 'l': return HeaderId::ContentLength;
    case 'm': return HeaderId::Contact;
    case 'n': return HeaderId::IdentityInfo;
    case 'o': return HeaderId::Event;
    case 'r': return HeaderId::ReferTo;
    case 's': return HeaderId::Subject;
    case 't': return HeaderId::To;
    case 'u': return HeaderId::AllowEvents;
    case 'v': return HeaderId::Via;
    case 'x': return HeaderId::SessionExpires;
    case 'y': return HeaderId::Identity;
    default: return HeaderId::Other;
  }
}

// <0, 0, >0 comparing a (any case) with b (lower case).
int compare_lower(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char x = lower(a[i]);
    if (x != b[i]) return static_cast<unsigned char>(x) < static_cast<unsigned char>(b[i]) ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

std::size_t skip_ws(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ws(s[i])) ++i;
  return i;
}

std::size_t span_token(std::string_view s, std::size_t i) {
  while (i < s.size() && is(s[i], chars::kToken)) ++i;
  return i;
}

}  // namespace

HeaderId header_id(std::string_view name) {
  if (name.size() == 1) return compact_header(name[0]);
  std::size_t lo = 1, hi = kHeaderNames.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    const int c = compare_lower(name, kHeaderNames[mid].lower);
    if (c == 0) return static_cast<HeaderId>(mid);
    if (c < 0) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return HeaderId::Other;
}

std::string_view header_name(HeaderId id) { return kHeaderNames[static_cast<std::size_t>(id)].canonical; }

bool is_list_header(HeaderId id) { return kHeaderNames[static_cast<std::size_t>(id)].list; }

std::optional<std::uint32_t> SubscriptionState::expires() const {
  const auto v = params.get("expires");
  return v ? parse_uint(*v) : std::nullopt;
}

std::optional<std::uint32_t> Reason::cause() const {
  const auto v = params.get("cause");
  return v ? parse_uint(*v) : std::nullopt;
}

std::string Reason::text() const {
  const auto v = params.get("text");
  return v ? unquote(*v) : std::string();
}

std::optional<std::string_view> AuthHeader::param(std::string_view name) const {
  std::optional<std::string_view> found;
  for_each_element(params, [&](std::string_view element) {
    const std::size_t eq = element.find('=');
    if (eq != std::string_view::npos && iequals(trim(element.substr(0, eq)), name)) {
      found = trim(element.substr(eq + 1));
      return false;
    }
    return true;
  });
  return found;
}

namespace detail {

bool parse_token(std::string_view s, Fail& f, std::string_view expected) {
  std::size_t i = skip_ws(s, 0);
  const std::size_t start = i;
  i = span_token(s, i);
  if (i == start) return fail(f, s.data() + i, expected);
  i = skip_ws(s, i);
  if (i != s.size()) return fail(f, s.data() + i, "the end of the value");
  return true;
}

bool parse_via(std::string_view s, Via& out, Fail& f, const Limits& limits) {
  out = Via{};
  out.text = s;
  std::size_t i = skip_ws(s, 0);
  std::string_view* parts[3] = {&out.protocol, &out.version, &out.transport};
  static constexpr std::string_view kExpected[3] = {"a protocol name such as SIP", "a protocol version such as 2.0",
                                                    "a transport such as UDP or WSS"};
  for (int k = 0; k < 3; ++k) {
    if (k > 0) {
      i = skip_ws(s, i);
      if (i >= s.size() || s[i] != '/') return fail(f, s.data() + i, "'/' in the sent-protocol");
      i = skip_ws(s, i + 1);
    }
    const std::size_t start = i;
    i = span_token(s, i);
    if (i == start) return fail(f, s.data() + i, kExpected[k]);
    *parts[k] = s.substr(start, i - start);
  }
  if (i >= s.size() || !is_ws(s[i])) return fail(f, s.data() + i, "white space before the sent-by host");
  i = skip_ws(s, i);
  if (!parse_hostport(s, i, out.host, out.port, f, true)) return false;
  return parse_generic_params(s, i, out.params, f, limits);
}

bool parse_cseq(std::string_view s, CSeq& out, Fail& f) {
  std::size_t i = skip_ws(s, 0);
  const std::size_t digits = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  const auto n = parse_uint(s.substr(digits, i - digits), 0x7FFFFFFFu);
  if (!n) return fail(f, s.data() + digits, "a sequence number below 2^31");
  out.number = *n;
  if (i >= s.size() || !is_ws(s[i])) return fail(f, s.data() + i, "white space after the sequence number");
  i = skip_ws(s, i);
  const std::size_t method = i;
  i = span_token(s, i);
  if (i == method) return fail(f, s.data() + i, "a method");
  out.method = s.substr(method, i - method);
  i = skip_ws(s, i);
  if (i != s.size()) return fail(f, s.data() + i, "the end of the value");
  return true;
}

bool parse_call_id(std::string_view s, Fail& f) {
  std::size_t i = 0;
  for (int part = 0; part < 2; ++part) {
    const std::size_t start = i;
    while (i < s.size() && is(s[i], chars::kWord)) ++i;
    if (i == start) return fail(f, s.data() + i, part == 0 ? "a Call-ID word" : "a word after '@'");
    if (part == 0 && i < s.size() && s[i] == '@') {
      ++i;
      continue;
    }
    break;
  }
  if (i != s.size()) return fail(f, s.data() + i, "the end of the Call-ID");
  return true;
}

bool parse_replaces(std::string_view s, Replaces& out, Fail& f, const Limits& limits) {
  out = Replaces{};
  std::size_t i = skip_ws(s, 0);
  const std::size_t start = i;
  while (i < s.size() && s[i] != ';' && !is_ws(s[i])) ++i;
  const std::string_view call_id = s.substr(start, i - start);
  Fail inner;
  if (!parse_call_id(call_id, inner)) return fail(f, inner.at, inner.expected);
  out.call_id = call_id;
  if (!parse_generic_params(s, i, out.params, f, limits)) return false;
  const auto to_tag = out.params.get("to-tag");
  const auto from_tag = out.params.get("from-tag");
  if (!to_tag || to_tag->empty()) return fail(f, s.data() + s.size(), "a to-tag parameter");
  if (!from_tag || from_tag->empty()) return fail(f, s.data() + s.size(), "a from-tag parameter");
  out.to_tag = *to_tag;
  out.from_tag = *from_tag;
  out.early_only = out.params.has("early-only");
  return true;
}

namespace {
bool token_then_params(std::string_view s, std::string_view& token, ParamList& params, Fail& f,
                       const Limits& limits, std::string_view expected) {
  std::size_t i = skip_ws(s, 0);
  const std::size_t start = i;
  i = span_token(s, i);
  if (i == start) return fail(f, s.data() + i, expected);
  token = s.substr(start, i - start);
  return parse_generic_params(s, i, params, f, limits);
}
}  // namespace

bool parse_event(std::string_view s, Event& out, Fail& f, const Limits& limits) {
  out = Event{};
  return token_then_params(s, out.package, out.params, f, limits, "an event package");
}

bool parse_subscription_state(std::string_view s, SubscriptionState& out, Fail& f, const Limits& limits) {
  out = SubscriptionState{};
  return token_then_params(s, out.state, out.params, f, limits, "a subscription state");
}

bool parse_reason(std::string_view s, Reason& out, Fail& f, const Limits& limits) {
  out = Reason{};
  return token_then_params(s, out.protocol, out.params, f, limits, "a protocol such as SIP or Q.850");
}

bool parse_delta_seconds(std::string_view s, std::uint32_t& out, Fail& f) {
  std::size_t i = skip_ws(s, 0);
  const std::size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  const auto n = parse_uint(s.substr(start, i - start));
  if (!n) return fail(f, s.data() + start, "a number of seconds");
  out = *n;
  i = skip_ws(s, i);
  if (i != s.size()) return fail(f, s.data() + i, "the end of the value");
  return true;
}

bool parse_session_expires(std::string_view s, SessionExpires& out, Fail& f, const Limits& limits) {
  out = SessionExpires{};
  std::size_t i = skip_ws(s, 0);
  const std::size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  const auto n = parse_uint(s.substr(start, i - start));
  if (!n) return fail(f, s.data() + start, "a number of seconds");
  out.seconds = *n;
  return parse_generic_params(s, i, out.params, f, limits);
}

bool parse_media_type(std::string_view s, Fail& f, const Limits& limits) {
  std::size_t i = skip_ws(s, 0);
  std::size_t start = i;
  i = span_token(s, i);
  if (i == start) return fail(f, s.data() + i, "a media type such as application/sdp");
  i = skip_ws(s, i);
  if (i >= s.size() || s[i] != '/') return fail(f, s.data() + i, "'/' between type and subtype");
  i = skip_ws(s, i + 1);
  start = i;
  i = span_token(s, i);
  if (i == start) return fail(f, s.data() + i, "a media subtype");
  ParamList params;
  return parse_generic_params(s, i, params, f, limits);
}

bool parse_auth_header(std::string_view s, AuthHeader& out, Fail& f, const Limits& limits) {
  out = AuthHeader{};
  std::size_t i = skip_ws(s, 0);
  const std::size_t start = i;
  i = span_token(s, i);
  if (i == start) return fail(f, s.data() + i, "an authentication scheme such as Digest");
  out.scheme = s.substr(start, i - start);
  if (i < s.size() && !is_ws(s[i])) return fail(f, s.data() + i, "white space after the scheme");
  i = skip_ws(s, i);
  const std::size_t params = i;
  std::size_t count = 0;
  while (i < s.size()) {
    if (s[i] == ',') {  // empty list elements are allowed (RFC 7230 #rule)
      i = skip_ws(s, i + 1);
      continue;
    }
    if (++count > limits.max_params) return too_large(f, s.data() + i, "too many parameters", limits.max_params);
    const std::size_t name = i;
    i = span_token(s, i);
    if (i == name) return fail(f, s.data() + i, "a parameter name");
    i = skip_ws(s, i);
    if (i >= s.size() || s[i] != '=') return fail(f, s.data() + i, "'=' after the parameter name");
    i = skip_ws(s, i + 1);
    if (i < s.size() && s[i] == '"') {
      const std::size_t end = skip_quoted(s, i);
      if (end == std::string_view::npos) return fail(f, s.data() + s.size(), "'\"' closing the quoted value");
      i = end;
    } else {
      const std::size_t value = i;
      i = span_token(s, i);
      // token68-style values (base64 with '/' and '=') occur in other schemes.
      while (i < s.size() && (is(s[i], chars::kToken) || s[i] == '/' || s[i] == '=')) ++i;
      if (i == value) return fail(f, s.data() + i, "a parameter value");
    }
    i = skip_ws(s, i);
    if (i < s.size() && s[i] != ',') return fail(f, s.data() + i, "',' or the end of the value");
  }
  out.params = s.substr(params);
  return true;
}

}  // namespace detail

namespace {
template <class T, class Fn>
Result<T> run(std::string_view text, std::string_view what, Fn&& fn) {
  T value{};
  detail::Fail f;
  if (!fn(value, f)) return detail::to_error(f, text, what);
  return value;
}
}  // namespace

Result<Via> parse_via(std::string_view text, const Limits& limits) {
  return run<Via>(text, "Via", [&](Via& v, detail::Fail& f) { return detail::parse_via(text, v, f, limits); });
}
Result<CSeq> parse_cseq(std::string_view text) {
  return run<CSeq>(text, "CSeq", [&](CSeq& v, detail::Fail& f) { return detail::parse_cseq(text, v, f); });
}
Result<Replaces> parse_replaces(std::string_view text, const Limits& limits) {
  return run<Replaces>(text, "Replaces",
                       [&](Replaces& v, detail::Fail& f) { return detail::parse_replaces(text, v, f, limits); });
}
Result<Event> parse_event(std::string_view text, const Limits& limits) {
  return run<Event>(text, "Event", [&](Event& v, detail::Fail& f) { return detail::parse_event(text, v, f, limits); });
}
Result<SubscriptionState> parse_subscription_state(std::string_view text, const Limits& limits) {
  return run<SubscriptionState>(text, "Subscription-State", [&](SubscriptionState& v, detail::Fail& f) {
    return detail::parse_subscription_state(text, v, f, limits);
  });
}
Result<SessionExpires> parse_session_expires(std::string_view text, const Limits& limits) {
  return run<SessionExpires>(text, "Session-Expires", [&](SessionExpires& v, detail::Fail& f) {
    return detail::parse_session_expires(text, v, f, limits);
  });
}
Result<Reason> parse_reason(std::string_view text, const Limits& limits) {
  return run<Reason>(text, "Reason", [&](Reason& v, detail::Fail& f) { return detail::parse_reason(text, v, f, limits); });
}
Result<AuthHeader> parse_auth_header(std::string_view text, const Limits& limits) {
  return run<AuthHeader>(text, "authentication header",
                         [&](AuthHeader& v, detail::Fail& f) { return detail::parse_auth_header(text, v, f, limits); });
}

}  // namespace sb::sip
