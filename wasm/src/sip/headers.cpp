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

// Indexed by HeaderId (a test checks that every name maps back to its id).
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

// Header names hash (case-insensitively, on their length and three characters) into a 256-slot
// open-addressing table built at compile time; a lookup then compares one or two candidates.
constexpr std::size_t name_slot(std::size_t size, char first, char second, char last) {
  return (size * 37u + static_cast<unsigned char>(first) * 7u + static_cast<unsigned char>(second) * 3u +
          static_cast<unsigned char>(last)) & 255u;
}

constexpr std::array<std::uint8_t, 256> make_slots() {
  std::array<std::uint8_t, 256> slots{};
  for (std::size_t id = 1; id < kHeaderNames.size(); ++id) {
    const std::string_view n = kHeaderNames[id].lower;
    std::size_t s = name_slot(n.size(), n[0], n[1], n.back());
    while (slots[s] != 0) s = (s + 1) & 255u;
    slots[s] = static_cast<std::uint8_t>(id);
  }
  return slots;
}
constexpr std::array<std::uint8_t, 256> kSlots = make_slots();

}  // namespace

HeaderId header_id(std::string_view name) {
  const std::size_t n = name.size();
  if (n == 1) return compact_header(name[0]);
  if (n == 0 || n > 24) return HeaderId::Other;
  for (std::size_t s = name_slot(n, lower(name[0]), lower(name[1]), lower(name[n - 1]));; s = (s + 1) & 255u) {
    const std::uint8_t id = kSlots[s];
    if (id == 0) return HeaderId::Other;
    const std::string_view candidate = kHeaderNames[id].lower;
    if (candidate.size() == n) {
      std::size_t i = 0;
      while (i < n && lower(name[i]) == candidate[i]) ++i;
      if (i == n) return static_cast<HeaderId>(id);
    }
  }
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

namespace {
// token then header parameters: Event, Subscription-State, Reason.
bool token_then_params(const char*& p, const char* e, std::string_view& token, ParamList& params, Fail& f,
                       const Limits& limits, bool list, std::string_view expected) {
  p = skip_ws(p, e);
  const char* start = p;
  p = span(p, e, chars::kToken);
  if (p == start) return fail(f, p, expected);
  token = view(start, p);
  return parse_generic_params(p, e, params, f, limits, list);
}

bool at_end(const char* p, const char* e, Fail& f) {
  p = skip_ws(p, e);
  return p == e || fail(f, p, "the end of the value");
}
}  // namespace

bool parse_token_element(const char*& p, const char* e, Fail& f) {
  const char* start = p;
  p = span(p, e, chars::kToken);
  return p != start || fail(f, p, "a token");
}

bool parse_via(const char*& p, const char* e, Via& out, Fail& f, const Limits& limits, bool list) {
  p = skip_ws(p, e);
  const char* start = p;
  std::string_view* parts[3] = {&out.protocol, &out.version, &out.transport};
  static constexpr std::string_view kExpected[3] = {"a protocol name such as SIP", "a protocol version such as 2.0",
                                                    "a transport such as UDP or WSS"};
  for (int k = 0; k < 3; ++k) {
    if (k > 0) {
      p = skip_ws(p, e);
      if (p == e || *p != '/') return fail(f, p, "'/' in the sent-protocol");
      p = skip_ws(p + 1, e);
    }
    const char* token = p;
    p = span(p, e, chars::kToken);
    if (p == token) return fail(f, p, kExpected[k]);
    *parts[k] = view(token, p);
  }
  if (p == e || !is_ws(*p)) return fail(f, p, "white space before the sent-by host");
  p = skip_ws(p, e);
  if (!parse_hostport(p, e, out.host, out.port, f, true)) return false;
  if (!parse_generic_params(p, e, out.params, f, limits, list)) return false;
  out.text = trim(view(start, p));
  return true;
}

bool parse_reason(const char*& p, const char* e, Reason& out, Fail& f, const Limits& limits, bool list) {
  return token_then_params(p, e, out.protocol, out.params, f, limits, list, "a protocol such as SIP or Q.850");
}

bool parse_cseq(const char* b, const char* e, CSeq& out, Fail& f) {
  const char* p = skip_ws(b, e);
  const char* digits = p;
  p = span(p, e, chars::kDigit);
  const auto n = parse_uint(view(digits, p), 0x7FFFFFFFu);
  if (!n) return fail(f, digits, "a sequence number below 2^31");
  out.number = *n;
  if (p == e || !is_ws(*p)) return fail(f, p, "white space after the sequence number");
  p = skip_ws(p, e);
  const char* method = p;
  p = span(p, e, chars::kToken);
  if (p == method) return fail(f, p, "a method");
  out.method = view(method, p);
  return at_end(p, e, f);
}

bool parse_call_id(const char* b, const char* e, Fail& f) {
  const char* p = span(b, e, chars::kWord);
  if (p == b) return fail(f, p, "a Call-ID word");
  if (p < e && *p == '@') {
    const char* word = ++p;
    p = span(p, e, chars::kWord);
    if (p == word) return fail(f, p, "a word after '@'");
  }
  return p == e || fail(f, p, "the end of the Call-ID");
}

bool parse_replaces(const char* b, const char* e, Replaces& out, Fail& f, const Limits& limits) {
  const char* p = skip_ws(b, e);
  const char* start = p;
  while (p < e && *p != ';' && !is_ws(*p)) ++p;
  if (!parse_call_id(start, p, f)) return false;
  out.call_id = view(start, p);
  if (!parse_generic_params(p, e, out.params, f, limits, false)) return false;
  const auto to_tag = out.params.get("to-tag");
  const auto from_tag = out.params.get("from-tag");
  if (!to_tag || to_tag->empty()) return fail(f, e, "a to-tag parameter");
  if (!from_tag || from_tag->empty()) return fail(f, e, "a from-tag parameter");
  out.to_tag = *to_tag;
  out.from_tag = *from_tag;
  out.early_only = out.params.has("early-only");
  return true;
}

bool parse_event(const char* b, const char* e, Event& out, Fail& f, const Limits& limits) {
  return token_then_params(b, e, out.package, out.params, f, limits, false, "an event package");
}

bool parse_subscription_state(const char* b, const char* e, SubscriptionState& out, Fail& f, const Limits& limits) {
  return token_then_params(b, e, out.state, out.params, f, limits, false, "a subscription state");
}

bool parse_delta_seconds(const char* b, const char* e, std::uint32_t& out, Fail& f) {
  const char* p = skip_ws(b, e);
  const char* start = p;
  p = span(p, e, chars::kDigit);
  const auto n = parse_uint(view(start, p));
  if (!n) return fail(f, start, "a number of seconds");
  out = *n;
  return at_end(p, e, f);
}

bool parse_session_expires(const char* b, const char* e, SessionExpires& out, Fail& f, const Limits& limits) {
  const char* p = skip_ws(b, e);
  const char* start = p;
  p = span(p, e, chars::kDigit);
  const auto n = parse_uint(view(start, p));
  if (!n) return fail(f, start, "a number of seconds");
  out.seconds = *n;
  return parse_generic_params(p, e, out.params, f, limits, false);
}

bool parse_media_type(const char* b, const char* e, Fail& f, const Limits& limits) {
  const char* p = skip_ws(b, e);
  const char* start = p;
  p = span(p, e, chars::kToken);
  if (p == start) return fail(f, p, "a media type such as application/sdp");
  p = skip_ws(p, e);
  if (p == e || *p != '/') return fail(f, p, "'/' between type and subtype");
  p = skip_ws(p + 1, e);
  start = p;
  p = span(p, e, chars::kToken);
  if (p == start) return fail(f, p, "a media subtype");
  ParamList params;
  return parse_generic_params(p, e, params, f, limits, false);
}

bool parse_auth_header(const char* b, const char* e, AuthHeader& out, Fail& f, const Limits& limits) {
  const char* p = skip_ws(b, e);
  const char* start = p;
  p = span(p, e, chars::kToken);
  if (p == start) return fail(f, p, "an authentication scheme such as Digest");
  out.scheme = view(start, p);
  if (p < e && !is_ws(*p)) return fail(f, p, "white space after the scheme");
  p = skip_ws(p, e);
  const char* params = p;
  std::size_t count = 0;
  while (p < e) {
    if (*p == ',') {  // empty list elements are allowed (RFC 7230 #rule)
      p = skip_ws(p + 1, e);
      continue;
    }
    if (++count > limits.max_params) return too_large(f, p, "too many parameters", limits.max_params);
    const char* name = p;
    p = span(p, e, chars::kToken);
    if (p == name) return fail(f, p, "a parameter name");
    p = skip_ws(p, e);
    if (p == e || *p != '=') return fail(f, p, "'=' after the parameter name");
    p = skip_ws(p + 1, e);
    if (p < e && *p == '"') {
      p = skip_quoted(p, e);
      if (!p) return fail(f, e, "'\"' closing the quoted value");
    } else {
      const char* value = p;
      // token68-style values (base64 with '/' and '=') occur in other schemes.
      while (p < e && (is(*p, chars::kToken) || *p == '/' || *p == '=')) ++p;
      if (p == value) return fail(f, p, "a parameter value");
    }
    p = skip_ws(p, e);
    if (p < e && *p != ',') return fail(f, p, "',' or the end of the value");
  }
  out.params = view(params, e);
  return true;
}

}  // namespace detail

namespace {
template <class T, class Fn>
Result<T> run(std::string_view text, std::string_view what, Fn&& fn) {
  T value{};
  detail::Fail f;
  if (!fn(text.data(), text.data() + text.size(), value, f)) return detail::to_error(f, text, what);
  return value;
}
}  // namespace

Result<Via> parse_via(std::string_view text, const Limits& limits) {
  return run<Via>(text, "Via", [&](const char* b, const char* e, Via& v, detail::Fail& f) {
    return detail::parse_via(b, e, v, f, limits, false);
  });
}
Result<CSeq> parse_cseq(std::string_view text) {
  return run<CSeq>(text, "CSeq", [](const char* b, const char* e, CSeq& v, detail::Fail& f) {
    return detail::parse_cseq(b, e, v, f);
  });
}
Result<Replaces> parse_replaces(std::string_view text, const Limits& limits) {
  return run<Replaces>(text, "Replaces", [&](const char* b, const char* e, Replaces& v, detail::Fail& f) {
    return detail::parse_replaces(b, e, v, f, limits);
  });
}
Result<Event> parse_event(std::string_view text, const Limits& limits) {
  return run<Event>(text, "Event", [&](const char* b, const char* e, Event& v, detail::Fail& f) {
    return detail::parse_event(b, e, v, f, limits);
  });
}
Result<SubscriptionState> parse_subscription_state(std::string_view text, const Limits& limits) {
  return run<SubscriptionState>(text, "Subscription-State",
                                [&](const char* b, const char* e, SubscriptionState& v, detail::Fail& f) {
                                  return detail::parse_subscription_state(b, e, v, f, limits);
                                });
}
Result<SessionExpires> parse_session_expires(std::string_view text, const Limits& limits) {
  return run<SessionExpires>(text, "Session-Expires",
                             [&](const char* b, const char* e, SessionExpires& v, detail::Fail& f) {
                               return detail::parse_session_expires(b, e, v, f, limits);
                             });
}
Result<Reason> parse_reason(std::string_view text, const Limits& limits) {
  return run<Reason>(text, "Reason", [&](const char* b, const char* e, Reason& v, detail::Fail& f) {
    return detail::parse_reason(b, e, v, f, limits, false);
  });
}
Result<AuthHeader> parse_auth_header(std::string_view text, const Limits& limits) {
  return run<AuthHeader>(text, "authentication header",
                         [&](const char* b, const char* e, AuthHeader& v, detail::Fail& f) {
                           return detail::parse_auth_header(b, e, v, f, limits);
                         });
}

}  // namespace sb::sip
