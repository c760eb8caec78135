#include "sip/message.h"

#include <cstring>
#include <limits>

#include <fmt/format.h>

namespace sb::sip {

namespace {

// Whether any of the 8 bytes is a control character (< 0x20 or 0x7F): the line scanner skips clean
// words at once and looks at single bytes only around line ends and tabs.
inline bool has_control(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
  const std::uint64_t del = x ^ (kOnes * 0x7F);
  const std::uint64_t is_del = (del - kOnes) & ~del & kHigh;
  return (below_space | is_del) != 0;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// Accessors re-parse values that parse() already validated under the caller's limits.
const Limits& no_limits() {
  static const Limits unlimited = [] {
    Limits l;
    l.max_message_bytes = l.max_headers = l.max_line_bytes = l.max_uri_bytes = l.max_params = l.max_elements =
        std::numeric_limits<std::size_t>::max();
    return l;
  }();
  return unlimited;
}

}  // namespace

class MessageParser {
 public:
  MessageParser(Message& m, const Limits& limits) : m_(m), limits_(limits) {}

  Result<void> run(std::string_view frame);

 private:
  struct Line {
    std::size_t begin = 0;
    std::size_t end = 0;   // before CR LF / LF
    std::size_t next = 0;  // start of the following line
  };

  char* buf() { return m_.buf_.get(); }
  const char* cbuf() const { return m_.buf_.get(); }
  std::string_view view(std::size_t b, std::size_t e) const { return {cbuf() + b, e - b}; }

  bool next_line(std::size_t pos, Line& line);
  Result<void> start_line(const Line& line);
  Result<void> header_line(const Line& line);
  Result<void> validate(HeaderField& h);
  Result<void> finish();

  // 1-based line and column of a byte offset, counting the line breaks that folding blanked out.
  std::pair<std::size_t, std::size_t> locate(std::size_t offset) const;
  Error parse_error(std::size_t offset, std::string_view message) const;
  Error header_error(const HeaderField& h, const detail::Fail& f) const;
  Error start_line_error(const detail::Fail& f, std::string_view what) const;
  Error duplicate(const HeaderField& h) const;

  Message& m_;
  const Limits& limits_;
  Error scan_error_;
  std::vector<std::size_t> folds_;  // offsets of line feeds blanked by folding
  std::size_t elements_ = 0;        // list elements so far (all list headers together)
  std::size_t header_start_ = 0;    // first byte of the current header line (for its length limit)
  bool seen_[80] = {};
};

bool MessageParser::next_line(std::size_t pos, Line& line) {
  const char* b = cbuf();
  const std::size_t n = m_.size_;
  std::size_t p = pos;
  line.begin = pos;
  for (;;) {
    while (p + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, b + p, 8);
      if (has_control(w)) break;
      p += 8;
    }
    while (p < n && !is_control(static_cast<unsigned char>(b[p]))) ++p;
    if (p >= n) {
      scan_error_ = parse_error(n, "the header section must end with an empty line");
      return false;
    }
    const char c = b[p];
    if (c == '\t') {
      ++p;
      continue;
    }
    if (c == '\n') {
      line.end = (p > pos && b[p - 1] == '\r') ? p - 1 : p;
      line.next = p + 1;
      return true;
    }
    if (c == '\r' && p + 1 < n && b[p + 1] == '\n') {
      ++p;
      continue;
    }
    if (c == '\r') {
      scan_error_ = parse_error(p, "CR must be followed by LF");
    } else {
      scan_error_ = parse_error(p, fmt::format("control character 0x{:02X} is not allowed in the header section",
                                               static_cast<unsigned char>(c)));
    }
    return false;
  }
}

std::pair<std::size_t, std::size_t> MessageParser::locate(std::size_t offset) const {
  std::size_t line = 1, line_start = 0;
  const char* b = cbuf();
  for (std::size_t i = 0; i < offset && i < m_.size_; ++i) {
    if (b[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  for (std::size_t f : folds_) {
    if (f < offset) {
      ++line;
      if (f + 1 > line_start) line_start = f + 1;
    }
  }
  return {line, offset - line_start + 1};
}

Error MessageParser::parse_error(std::size_t offset, std::string_view message) const {
  const auto [line, column] = locate(offset);
  return make_error("sip.parse", fmt::format("line {}, column {}: {}", line, column, message));
}

Error MessageParser::header_error(const HeaderField& h, const detail::Fail& f) const {
  const std::string_view name = h.id == HeaderId::Other ? h.name : header_name(h.id);
  const std::size_t offset = f.at ? static_cast<std::size_t>(f.at - cbuf()) : static_cast<std::size_t>(h.name.data() - cbuf());
  const auto [line, column] = locate(offset);
  if (f.too_large) {
    return make_error("sip.too_large", fmt::format("line {}, {}: {} (limit: {})", line, name, f.expected, f.limit));
  }
  const char* end = h.value.data() + h.value.size();
  return make_error("sip.parse", fmt::format("line {}, column {}, {}: expected {}, found {}", line, column, name,
                                             f.expected, detail::describe_found(f.at, end)));
}

Error MessageParser::start_line_error(const detail::Fail& f, std::string_view what) const {
  const std::size_t offset = static_cast<std::size_t>(f.at - cbuf());
  const auto [line, column] = locate(offset);
  if (f.too_large) return make_error("sip.too_large", fmt::format("line {}, {}: {} (limit: {})", line, what, f.expected, f.limit));
  const char* end = f.at;
  while (end < cbuf() + m_.size_ && *end != '\r' && *end != '\n') ++end;
  return make_error("sip.parse", fmt::format("line {}, column {}, {}: expected {}, found {}", line, column, what,
                                             f.expected, detail::describe_found(f.at, end)));
}

Error MessageParser::duplicate(const HeaderField& h) const {
  const auto [line, column] = locate(static_cast<std::size_t>(h.name.data() - cbuf()));
  (void)column;
  const std::string_view name = header_name(h.id);
  return make_error("sip.parse", fmt::format("line {}: a second {} header; {} allows only one", line, name, name));
}

namespace {

// "SIP/2.0": SIP "/" 1*DIGIT "." 1*DIGIT; returns the length, 0 if absent.
std::size_t span_version(std::string_view s) {
  if (!istarts_with(s, "SIP/")) return 0;
  std::size_t i = 4;
  const std::size_t major = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == major || i >= s.size() || s[i] != '.') return 0;
  const std::size_t minor = ++i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i == minor ? 0 : i;
}

}  // namespace

Result<void> MessageParser::start_line(const Line& line) {
  const std::string_view s = view(line.begin, line.end);
  detail::Fail f;
  if (s.size() > limits_.max_line_bytes) {
    detail::too_large(f, s.data(), "the start line is too long", limits_.max_line_bytes);
    return start_line_error(f, "start line");
  }
  if (istarts_with(s, "SIP/")) {
    const std::size_t v = span_version(s);
    if (v == 0) {
      detail::fail(f, s.data() + 4, "a SIP version such as SIP/2.0");
      return start_line_error(f, "status line");
    }
    if (v >= s.size() || s[v] != ' ') {
      detail::fail(f, s.data() + v, "a space after the SIP version");
      return start_line_error(f, "status line");
    }
    m_.kind_ = Message::Kind::Response;
    m_.version_ = s.substr(0, v);
    std::size_t i = v + 1;
    const std::size_t code = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    const auto status = parse_uint(s.substr(code, i - code), 699);
    if (i - code != 3 || !status || *status < 100) {
      detail::fail(f, s.data() + code, "a status code 100-699");
      return start_line_error(f, "status line");
    }
    m_.status_ = static_cast<int>(*status);
    if (i < s.size()) {
      if (s[i] != ' ') {
        detail::fail(f, s.data() + i, "a space before the reason phrase");
        return start_line_error(f, "status line");
      }
      m_.reason_ = s.substr(i + 1);
    }
    return Ok{};
  }

  m_.kind_ = Message::Kind::Request;
  std::size_t i = 0;
  while (i < s.size() && is(s[i], chars::kToken)) ++i;
  if (i == 0) {
    detail::fail(f, s.data(), "a method or SIP/2.0");
    return start_line_error(f, "request line");
  }
  m_.method_ = s.substr(0, i);
  if (i >= s.size() || s[i] != ' ') {
    detail::fail(f, s.data() + i, "a space after the method");
    return start_line_error(f, "request line");
  }
  const std::size_t uri = ++i;
  while (i < s.size() && s[i] != ' ') ++i;
  if (i == uri) {
    detail::fail(f, s.data() + i, "a Request-URI");
    return start_line_error(f, "request line");
  }
  if (!detail::parse_uri(s.substr(uri, i - uri), m_.request_uri_, f, limits_)) {
    return start_line_error(f, "Request-URI");
  }
  if (i >= s.size()) {
    detail::fail(f, s.data() + i, "a space and the SIP version after the Request-URI");
    return start_line_error(f, "request line");
  }
  const std::string_view version = s.substr(i + 1);
  const std::size_t v = span_version(version);
  if (v == 0 || v != version.size()) {
    detail::fail(f, version.data() + v, v == 0 ? "the SIP version SIP/2.0" : "the end of the line");
    return start_line_error(f, "request line");
  }
  m_.version_ = version;
  return Ok{};
}

Result<void> MessageParser::header_line(const Line& line) {
  const char* b = cbuf();
  if (is_ws(b[line.begin])) {
    if (m_.headers_.empty()) return parse_error(line.begin, "a continuation line needs a header line before it");
    // Folding: blank the line break so the value reads as one line.
    HeaderField& h = m_.headers_.back();
    const std::size_t prev_end = static_cast<std::size_t>(h.value.data() + h.value.size() - b);
    for (std::size_t i = prev_end; i < line.begin; ++i) {
      if (b[i] == '\n') folds_.push_back(i);
      buf()[i] = ' ';
    }
    h.value = view(static_cast<std::size_t>(h.value.data() - b), line.end);
    if (line.end - header_start_ > limits_.max_line_bytes) {
      detail::Fail f;
      detail::too_large(f, b + line.begin, "the header is too long", limits_.max_line_bytes);
      return header_error(h, f);
    }
    return Ok{};
  }
  if (m_.headers_.size() >= limits_.max_headers) {
    return make_error("sip.too_large", fmt::format("line {}: too many header lines (limit: {})",
                                                   locate(line.begin).first, limits_.max_headers));
  }
  header_start_ = line.begin;
  std::size_t i = line.begin;
  while (i < line.end && is(b[i], chars::kToken)) ++i;
  const std::size_t name_end = i;
  while (i < line.end && is_ws(b[i])) ++i;
  if (name_end == line.begin) return parse_error(i, "expected a header name");
  if (i >= line.end || b[i] != ':') {
    return parse_error(i, fmt::format("expected ':' after the header name, found {}",
                                      detail::describe_found(b + i, b + line.end)));
  }
  if (line.end - line.begin > limits_.max_line_bytes) {
    return make_error("sip.too_large", fmt::format("line {}: the header is too long (limit: {})",
                                                   locate(line.begin).first, limits_.max_line_bytes));
  }
  HeaderField h;
  h.name = view(line.begin, name_end);
  h.id = header_id(h.name);
  h.value = view(i + 1, line.end);
  m_.headers_.push_back(h);
  return Ok{};
}

Result<void> MessageParser::run(std::string_view frame) {
  if (frame.size() > limits_.max_message_bytes || frame.size() > 0x7FFFFFFFu) {
    return make_error("sip.too_large",
                      fmt::format("the message is {} bytes (limit: {})", frame.size(), limits_.max_message_bytes));
  }
  m_.buf_ = std::make_unique<char[]>(frame.size() + 1);
  if (!frame.empty()) std::memcpy(m_.buf_.get(), frame.data(), frame.size());
  m_.buf_[frame.size()] = '\0';
  m_.size_ = static_cast<std::uint32_t>(frame.size());

  // RFC 3261 §7.5: ignore line breaks before the start line.
  std::size_t pos = 0;
  while (pos < frame.size() && (frame[pos] == '\r' || frame[pos] == '\n')) ++pos;
  if (pos == frame.size()) return make_error("sip.parse", "the message is empty");

  Line line;
  if (!next_line(pos, line)) return scan_error_;
  if (auto r = start_line(line); !r) return r;
  m_.headers_.reserve(20);
  for (;;) {
    pos = line.next;
    if (!next_line(pos, line)) return scan_error_;
    if (line.begin == line.end) break;
    if (auto r = header_line(line); !r) return r;
  }
  m_.body_ = view(line.next, m_.size_);

  for (HeaderField& h : m_.headers_) {
    h.value = trim(h.value);
    if (auto r = validate(h); !r) return r;
  }
  return finish();
}

Result<void> MessageParser::validate(HeaderField& h) {
  detail::Fail f;
  const auto index = static_cast<std::size_t>(h.id);
  const bool again = seen_[index];
  seen_[index] = true;
  const std::string_view v = h.value;

  auto each = [&](auto&& parse_element) -> Result<void> {
    bool ok = true;
    for_each_element(v, [&](std::string_view element) {
      if (++elements_ > limits_.max_elements) {
        detail::too_large(f, element.data(), "too many list elements in the message", limits_.max_elements);
        return ok = false;
      }
      return ok = parse_element(element);
    });
    if (!ok) return header_error(h, f);
    return Ok{};
  };
  auto single = [&](bool ok) -> Result<void> {
    if (!ok) return header_error(h, f);
    return Ok{};
  };
  auto name_addrs = [&](bool star) {
    return each([&](std::string_view e) {
      NameAddr a;
      return detail::parse_name_addr(e, a, f, limits_, star);
    });
  };
  auto tokens = [&]() {
    return each([&](std::string_view e) { return detail::parse_token(e, f, "a token"); });
  };

  switch (h.id) {
    case HeaderId::Via:
      return each([&](std::string_view e) {
        Via via;
        if (!detail::parse_via(e, via, f, limits_)) return false;
        if (m_.via_count_++ == 0) m_.top_via_ = via;
        return true;
      });
    case HeaderId::From:
    case HeaderId::To: {
      if (again) return duplicate(h);
      NameAddr& target = h.id == HeaderId::From ? m_.from_ : m_.to_;
      return single(detail::parse_name_addr(v, target, f, limits_, false));
    }
    case HeaderId::CallId:
      if (again) return duplicate(h);
      m_.call_id_ = v;
      return single(detail::parse_call_id(v, f));
    case HeaderId::CSeq:
      if (again) return duplicate(h);
      return single(detail::parse_cseq(v, m_.cseq_, f));
    case HeaderId::MaxForwards: {
      if (again) return duplicate(h);
      const auto n = parse_uint(v, 255);
      if (!n) return single(detail::fail(f, v.data(), "a number 0-255"));
      m_.max_forwards_ = static_cast<int>(*n);
      return Ok{};
    }
    case HeaderId::ContentLength: {
      if (again) return duplicate(h);
      const auto n = parse_uint(v);
      if (!n) return single(detail::fail(f, v.data(), "a length in bytes"));
      m_.content_length_ = *n;
      return Ok{};
    }
    case HeaderId::ContentType:
      if (again) return duplicate(h);
      m_.content_type_ = v;
      return single(detail::parse_media_type(v, f, limits_));
    case HeaderId::Contact:
      return name_addrs(true);
    case HeaderId::Route:
    case HeaderId::RecordRoute:
    case HeaderId::Path:
    case HeaderId::ServiceRoute:
    case HeaderId::PAssertedIdentity:
    case HeaderId::PPreferredIdentity:
      return name_addrs(false);
    case HeaderId::ReferTo:
    case HeaderId::ReferredBy: {
      if (again) return duplicate(h);
      NameAddr a;
      return single(detail::parse_name_addr(v, a, f, limits_, false));
    }
    case HeaderId::Replaces: {
      if (again) return duplicate(h);
      Replaces r;
      return single(detail::parse_replaces(v, r, f, limits_));
    }
    case HeaderId::Event: {
      if (again) return duplicate(h);
      Event e;
      return single(detail::parse_event(v, e, f, limits_));
    }
    case HeaderId::SubscriptionState: {
      if (again) return duplicate(h);
      SubscriptionState s;
      return single(detail::parse_subscription_state(v, s, f, limits_));
    }
    case HeaderId::SessionExpires:
    case HeaderId::MinSE: {
      if (again) return duplicate(h);
      SessionExpires s;
      return single(detail::parse_session_expires(v, s, f, limits_));
    }
    case HeaderId::Expires:
    case HeaderId::MinExpires:
    case HeaderId::RSeq: {
      if (again) return duplicate(h);
      std::uint32_t n = 0;
      return single(detail::parse_delta_seconds(v, n, f));
    }
    case HeaderId::Reason:
      return each([&](std::string_view e) {
        Reason r;
        return detail::parse_reason(e, r, f, limits_);
      });
    case HeaderId::WwwAuthenticate:
    case HeaderId::ProxyAuthenticate:
    case HeaderId::Authorization:
    case HeaderId::ProxyAuthorization: {
      AuthHeader a;
      return single(detail::parse_auth_header(v, a, f, limits_));
    }
    case HeaderId::Allow:
    case HeaderId::AllowEvents:
    case HeaderId::Supported:
    case HeaderId::Require:
    case HeaderId::ProxyRequire:
    case HeaderId::Unsupported:
      return tokens();
    case HeaderId::Other:
    case HeaderId::Accept:
    case HeaderId::AcceptContact:
    case HeaderId::AcceptEncoding:
    case HeaderId::AcceptLanguage:
    case HeaderId::AlertInfo:
    case HeaderId::AuthenticationInfo:
    case HeaderId::CallInfo:
    case HeaderId::ContentDisposition:
    case HeaderId::ContentEncoding:
    case HeaderId::ContentLanguage:
    case HeaderId::Date:
    case HeaderId::ErrorInfo:
    case HeaderId::Identity:
    case HeaderId::IdentityInfo:
    case HeaderId::InReplyTo:
    case HeaderId::MimeVersion:
    case HeaderId::Organization:
    case HeaderId::Priority:
    case HeaderId::RAck:
    case HeaderId::RejectContact:
    case HeaderId::ReplyTo:
    case HeaderId::RequestDisposition:
    case HeaderId::RetryAfter:
    case HeaderId::Server:
    case HeaderId::Subject:
    case HeaderId::Timestamp:
    case HeaderId::UserAgent:
    case HeaderId::Warning:
      return Ok{};
  }
  return Ok{};
}

Result<void> MessageParser::finish() {
  static constexpr HeaderId kMandatory[] = {HeaderId::Via, HeaderId::From, HeaderId::To, HeaderId::CallId,
                                            HeaderId::CSeq};
  for (HeaderId id : kMandatory) {
    if (!seen_[static_cast<std::size_t>(id)]) {
      return make_error("sip.protocol", fmt::format("missing mandatory header {}", header_name(id)));
    }
  }
  if (m_.is_request() && m_.cseq_.method != m_.method_) {
    return make_error("sip.protocol", fmt::format("CSeq method {} does not match the request method {}",
                                                  m_.cseq_.method, m_.method_));
  }
  if (m_.content_length_ && *m_.content_length_ != m_.body_.size()) {
    return make_error("sip.parse", fmt::format("Content-Length is {} but the body has {} bytes", *m_.content_length_,
                                               m_.body_.size()));
  }
  return Ok{};
}

Result<Message> Message::parse(std::string_view frame, const Limits& limits) {
  Message m;
  MessageParser parser(m, limits);
  if (auto r = parser.run(frame); !r) return r.error();
  return m;
}

Message Message::clone() const {
  if (kind_ == Kind::Empty) return Message();
  auto copy = parse(raw(), no_limits());
  return copy ? std::move(copy).value() : Message();
}

std::optional<std::string_view> Message::header(HeaderId id) const {
  for (const HeaderField& h : headers_) {
    if (h.id == id) return h.value;
  }
  return std::nullopt;
}

std::optional<std::string_view> Message::header(std::string_view name) const {
  const HeaderId id = header_id(name);
  if (id != HeaderId::Other) return header(id);
  for (const HeaderField& h : headers_) {
    if (h.id == HeaderId::Other && iequals(h.name, name)) return h.value;
  }
  return std::nullopt;
}

std::size_t Message::count(HeaderId id) const {
  std::size_t n = 0;
  for (const HeaderField& h : headers_) n += h.id == id;
  return n;
}

std::vector<std::string_view> Message::values(HeaderId id) const {
  std::vector<std::string_view> out;
  const bool list = is_list_header(id);
  for (const HeaderField& h : headers_) {
    if (h.id != id) continue;
    if (list) {
      for_each_element(h.value, [&](std::string_view e) {
        out.push_back(e);
        return true;
      });
    } else {
      out.push_back(h.value);
    }
  }
  return out;
}

std::vector<std::string_view> Message::values(std::string_view name) const {
  const HeaderId id = header_id(name);
  if (id != HeaderId::Other) return values(id);
  std::vector<std::string_view> out;
  for (const HeaderField& h : headers_) {
    if (h.id == HeaderId::Other && iequals(h.name, name)) out.push_back(h.value);
  }
  return out;
}

bool Message::has_token(HeaderId id, std::string_view token) const {
  for (std::string_view v : values(id)) {
    if (iequals(v, token)) return true;
  }
  return false;
}

std::vector<Via> Message::vias() const {
  std::vector<Via> out;
  out.reserve(via_count_);
  for (std::string_view v : values(HeaderId::Via)) {
    Via via;
    detail::Fail f;
    if (detail::parse_via(v, via, f, no_limits())) out.push_back(via);
  }
  return out;
}

std::vector<NameAddr> Message::addresses(HeaderId id) const {
  std::vector<NameAddr> out;
  for (std::string_view v : values(id)) {
    NameAddr a;
    detail::Fail f;
    if (detail::parse_name_addr(v, a, f, no_limits(), id == HeaderId::Contact)) out.push_back(a);
  }
  return out;
}

namespace {
template <class T, class Fn>
std::optional<T> typed(const Message& m, HeaderId id, Fn&& fn) {
  const auto v = m.header(id);
  if (!v) return std::nullopt;
  T out{};
  detail::Fail f;
  if (!fn(*v, out, f, no_limits())) return std::nullopt;
  return out;
}
}  // namespace

std::optional<NameAddr> Message::refer_to() const {
  return typed<NameAddr>(*this, HeaderId::ReferTo, [](std::string_view v, NameAddr& a, detail::Fail& f, const Limits& l) {
    return detail::parse_name_addr(v, a, f, l, false);
  });
}

std::optional<NameAddr> Message::referred_by() const {
  return typed<NameAddr>(*this, HeaderId::ReferredBy, [](std::string_view v, NameAddr& a, detail::Fail& f, const Limits& l) {
    return detail::parse_name_addr(v, a, f, l, false);
  });
}

std::optional<Replaces> Message::replaces() const {
  return typed<Replaces>(*this, HeaderId::Replaces, detail::parse_replaces);
}

std::optional<Event> Message::event() const { return typed<Event>(*this, HeaderId::Event, detail::parse_event); }

std::optional<SubscriptionState> Message::subscription_state() const {
  return typed<SubscriptionState>(*this, HeaderId::SubscriptionState, detail::parse_subscription_state);
}

std::optional<SessionExpires> Message::session_expires() const {
  return typed<SessionExpires>(*this, HeaderId::SessionExpires, detail::parse_session_expires);
}

std::optional<std::uint32_t> Message::expires() const {
  const auto v = header(HeaderId::Expires);
  return v ? parse_uint(*v) : std::nullopt;
}

std::optional<std::uint32_t> Message::min_expires() const {
  const auto v = header(HeaderId::MinExpires);
  return v ? parse_uint(*v) : std::nullopt;
}

std::vector<Reason> Message::reasons() const {
  std::vector<Reason> out;
  for (std::string_view v : values(HeaderId::Reason)) {
    Reason r;
    detail::Fail f;
    if (detail::parse_reason(v, r, f, no_limits())) out.push_back(r);
  }
  return out;
}

std::vector<AuthHeader> Message::auth_headers(HeaderId id) const {
  std::vector<AuthHeader> out;
  for (const HeaderField& h : headers_) {
    if (h.id != id) continue;
    AuthHeader a;
    detail::Fail f;
    if (detail::parse_auth_header(h.value, a, f, no_limits())) out.push_back(a);
  }
  return out;
}

std::size_t Message::memory_bytes() const {
  return sizeof(Message) + (buf_ ? size_ + 1 : 0) + headers_.capacity() * sizeof(HeaderField);
}

}  // namespace sb::sip
