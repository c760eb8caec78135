#include "sip/message.h"

#include "sip/bench_api.h"

#include <bit>
#include <cstring>
#include <limits>

#include "switchboard/format.h"

namespace sb::sip {

namespace {

// The control characters (< 0x20 or 0x7F) among 8 bytes as a mask with bit 7 of each such byte set.
// The lowest set bit is exact (borrows only run upwards), so ctz finds the first control byte: the
// line scanner skips clean words at once and never loops over single bytes inside a word.
SB_SIP_INLINE std::uint64_t control_mask(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
  const std::uint64_t del = x ^ (kOnes * 0x7F);
  const std::uint64_t is_del = (del - kOnes) & ~del & kHigh;
  return below_space | is_del;
}
static_assert(std::endian::native == std::endian::little, "the line scanner reads words little-endian");

SB_SIP_INLINE bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// An unaligned 8-byte load (a fixed-size memcpy compiles to one load instruction).
SB_SIP_INLINE std::uint64_t load8(const char* p) {
  std::uint64_t w;
  __builtin_memcpy(&w, p, sizeof w);
  return w;
}

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

  // Parses the message's text; false: error_ says why.
  bool run();
  Error error_;

 private:
  struct Line {
    std::size_t begin = 0;
    std::size_t end = 0;   // before CR LF / LF
    std::size_t next = 0;  // start of the following line
  };

  const char* cbuf() const { return m_.text_->data(); }
  std::size_t size() const { return m_.text_->size(); }
  std::string_view view(std::size_t b, std::size_t e) const { return {cbuf() + b, e - b}; }

  bool next_line(std::size_t pos, Line& line);
  bool start_line(const Line& line);
  bool header_line(const Line& line);
  bool validate(const HeaderField& h);
  bool finish();

  // 1-based line and column of a byte offset, counting the line breaks that folding blanked out.
  std::pair<std::size_t, std::size_t> locate(std::size_t offset) const;
  bool parse_error(std::size_t offset, std::string_view message);
  bool header_error(const HeaderField& h, const detail::Fail& f);
  bool start_line_error(const detail::Fail& f, std::string_view what);
  bool duplicate(const HeaderField& h);

  Message& m_;
  const Limits& limits_;
  std::vector<std::size_t> folds_;  // offsets of line feeds blanked by folding
  std::size_t elements_ = 0;        // list elements so far (all list headers together)
  std::size_t header_start_ = 0;    // first byte of the current header line (for its length limit)
  bool seen_[80] = {};
};

bool MessageParser::next_line(std::size_t pos, Line& line) {
  const char* b = cbuf();
  const std::size_t n = size();
  std::size_t p = pos;
  line.begin = pos;
  for (;;) {
    if (p + 8 <= n) {
      const std::uint64_t mask = control_mask(load8(b + p));
      if (mask == 0) {
        p += 8;
        continue;
      }
      p += static_cast<std::size_t>(std::countr_zero(mask)) >> 3;
    } else {
      while (p < n && !is_control(static_cast<unsigned char>(b[p]))) ++p;
      if (p >= n) return parse_error(n, "the header section must end with an empty line");
    }
    const char c = b[p];
    if (c == '\n') {
      line.end = p;
      line.next = p + 1;
      return true;
    }
    if (c == '\r') {
      if (p + 1 < n && b[p + 1] == '\n') {
        line.end = p;
        line.next = p + 2;
        return true;
      }
      return parse_error(p, "CR must be followed by LF");
    }
    if (c == '\t') {
      ++p;
      continue;
    }
    return parse_error(p, sb::format("control character 0x{:02X} is not allowed in the header section",
                                      static_cast<unsigned char>(c)));
  }
}

std::pair<std::size_t, std::size_t> MessageParser::locate(std::size_t offset) const {
  std::size_t line = 1, line_start = 0;
  const char* b = cbuf();
  for (std::size_t i = 0; i < offset && i < size(); ++i) {
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

bool MessageParser::parse_error(std::size_t offset, std::string_view message) {
  const auto [line, column] = locate(offset);
  error_ = make_error("sip.parse", sb::format("line {}, column {}: {}", line, column, message));
  return false;
}

bool MessageParser::header_error(const HeaderField& h, const detail::Fail& f) {
  const std::string_view name = h.id == HeaderId::Other ? h.name : header_name(h.id);
  const std::size_t offset = static_cast<std::size_t>((f.at ? f.at : h.name.data()) - cbuf());
  const auto [line, column] = locate(offset);
  if (f.too_large) {
    error_ = make_error("sip.too_large", sb::format("line {}, {}: {} (limit: {})", line, name, f.expected, f.limit));
    return false;
  }
  const char* end = h.value.data() + h.value.size();
  error_ = make_error("sip.parse", sb::format("line {}, column {}, {}: expected {}, found {}", line, column, name,
                                               f.expected, detail::describe_found(f.at, end)));
  return false;
}

bool MessageParser::start_line_error(const detail::Fail& f, std::string_view what) {
  const std::size_t offset = static_cast<std::size_t>(f.at - cbuf());
  const auto [line, column] = locate(offset);
  if (f.too_large) {
    error_ = make_error("sip.too_large", sb::format("line {}, {}: {} (limit: {})", line, what, f.expected, f.limit));
    return false;
  }
  const char* end = f.at;
  while (end < cbuf() + size() && *end != '\r' && *end != '\n') ++end;
  error_ = make_error("sip.parse", sb::format("line {}, column {}, {}: expected {}, found {}", line, column, what,
                                               f.expected, detail::describe_found(f.at, end)));
  return false;
}

bool MessageParser::duplicate(const HeaderField& h) {
  const std::size_t line = locate(static_cast<std::size_t>(h.name.data() - cbuf())).first;
  const std::string_view name = header_name(h.id);
  error_ = make_error("sip.parse", sb::format("line {}: a second {} header; {} allows only one", line, name, name));
  return false;
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

bool MessageParser::start_line(const Line& line) {
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
    return true;
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
  if (!detail::parse_uri(s.data() + uri, s.data() + i, m_.request_uri_, f, limits_)) {
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
  return true;
}

bool MessageParser::header_line(const Line& line) {
  const char* b = cbuf();
  if (is_ws(b[line.begin])) {
    if (m_.headers_.empty()) return parse_error(line.begin, "a continuation line needs a header line before it");
    // Folding: blank the line break so the value reads as one line.
    HeaderField& h = m_.headers_.back();
    const std::size_t prev_end = static_cast<std::size_t>(h.value.data() + h.value.size() - b);
    for (std::size_t i = prev_end; i < line.begin; ++i) {
      if (b[i] == '\n') folds_.push_back(i);
      (*m_.text_)[i] = ' ';
    }
    h.value = view(static_cast<std::size_t>(h.value.data() - b), line.end);
    if (line.end - header_start_ > limits_.max_line_bytes) {
      detail::Fail f;
      detail::too_large(f, b + line.begin, "the header is too long", limits_.max_line_bytes);
      return header_error(h, f);
    }
    return true;
  }
  if (m_.headers_.size() >= limits_.max_headers) {
    error_ = make_error("sip.too_large", sb::format("line {}: too many header lines (limit: {})",
                                                     locate(line.begin).first, limits_.max_headers));
    return false;
  }
  header_start_ = line.begin;
  const char* p = b + line.begin;
  const char* e = b + line.end;
  const char* name_end = detail::span(p, e, chars::kToken);
  const char* colon = detail::skip_ws(name_end, e);
  if (name_end == p) return parse_error(line.begin, "expected a header name");
  if (colon == e || *colon != ':') {
    return parse_error(static_cast<std::size_t>(colon - b),
                       sb::format("expected ':' after the header name, found {}", detail::describe_found(colon, e)));
  }
  if (line.end - line.begin > limits_.max_line_bytes) {
    error_ = make_error("sip.too_large", sb::format("line {}: the header is too long (limit: {})",
                                                     locate(line.begin).first, limits_.max_line_bytes));
    return false;
  }
  const std::string_view name = detail::view(p, name_end);
  m_.headers_.push_back(HeaderField{header_id(name), name, detail::view(colon + 1, e)});
  return true;
}

bool MessageParser::run() {
  const std::string_view frame = *m_.text_;
  // RFC 3261 §7.5: ignore line breaks before the start line.
  std::size_t pos = 0;
  while (pos < frame.size() && (frame[pos] == '\r' || frame[pos] == '\n')) ++pos;
  if (pos == frame.size()) {
    error_ = make_error("sip.parse", "the message is empty");
    return false;
  }

  Line line;
  if (!next_line(pos, line) || !start_line(line)) return false;
  m_.headers_.reserve(24);
  for (;;) {
    if (!next_line(line.next, line)) return false;
    if (line.begin == line.end) break;
    if (!header_line(line)) return false;
  }
  m_.body_ = view(line.next, size());

  for (HeaderField& h : m_.headers_) {
    h.value = trim(h.value);
    if (!validate(h)) return false;
  }
  return finish();
}

bool MessageParser::validate(const HeaderField& h) {
  detail::Fail f;
  const auto index = static_cast<std::size_t>(h.id);
  const bool again = seen_[index];
  seen_[index] = true;
  const char* b = h.value.data();
  const char* e = b + h.value.size();
  bool ok = true;

  auto list = [&](auto&& element) { return detail::parse_list(h.value, f, elements_, limits_.max_elements, element); };

  switch (h.id) {
    case HeaderId::Via:
      ok = list([&](const char*& p, const char* end) {
        Via other;
        return detail::parse_via(p, end, m_.via_count_++ == 0 ? m_.top_via_ : other, f, limits_, true);
      });
      break;
    case HeaderId::From:
    case HeaderId::To: {
      if (again) return duplicate(h);
      NameAddr& target = h.id == HeaderId::From ? m_.from_ : m_.to_;
      const char* p = b;
      ok = detail::parse_name_addr(p, e, target, f, limits_, false, false);
      break;
    }
    case HeaderId::CallId:
      if (again) return duplicate(h);
      m_.call_id_ = h.value;
      ok = detail::parse_call_id(b, e, f);
      break;
    case HeaderId::CSeq:
      if (again) return duplicate(h);
      ok = detail::parse_cseq(b, e, m_.cseq_, f);
      break;
    case HeaderId::MaxForwards: {
      if (again) return duplicate(h);
      const auto n = parse_uint(h.value, 255);
      ok = n ? (m_.max_forwards_ = static_cast<int>(*n), true) : detail::fail(f, b, "a number 0-255");
      break;
    }
    case HeaderId::ContentLength: {
      if (again) return duplicate(h);
      const auto n = parse_uint(h.value);
      ok = n ? (m_.content_length_ = *n, true) : detail::fail(f, b, "a length in bytes");
      break;
    }
    case HeaderId::ContentType:
      if (again) return duplicate(h);
      m_.content_type_ = h.value;
      ok = detail::parse_media_type(b, e, f, limits_);
      break;
    case HeaderId::Contact:
    case HeaderId::Route:
    case HeaderId::RecordRoute:
    case HeaderId::Path:
    case HeaderId::ServiceRoute:
    case HeaderId::PAssertedIdentity:
    case HeaderId::PPreferredIdentity: {
      const bool star = h.id == HeaderId::Contact;
      ok = list([&](const char*& p, const char* end) {
        NameAddr a;
        return detail::parse_name_addr(p, end, a, f, limits_, star, true);
      });
      break;
    }
    case HeaderId::ReferTo:
    case HeaderId::ReferredBy: {
      if (again) return duplicate(h);
      NameAddr a;
      const char* p = b;
      ok = detail::parse_name_addr(p, e, a, f, limits_, false, false);
      break;
    }
    case HeaderId::Replaces: {
      if (again) return duplicate(h);
      Replaces r;
      ok = detail::parse_replaces(b, e, r, f, limits_);
      break;
    }
    case HeaderId::Event: {
      if (again) return duplicate(h);
      Event ev;
      ok = detail::parse_event(b, e, ev, f, limits_);
      break;
    }
    case HeaderId::SubscriptionState: {
      if (again) return duplicate(h);
      SubscriptionState st;
      ok = detail::parse_subscription_state(b, e, st, f, limits_);
      break;
    }
    case HeaderId::SessionExpires:
    case HeaderId::MinSE: {
      if (again) return duplicate(h);
      SessionExpires se;
      ok = detail::parse_session_expires(b, e, se, f, limits_);
      break;
    }
    case HeaderId::Expires:
    case HeaderId::MinExpires:
    case HeaderId::RSeq: {
      if (again) return duplicate(h);
      std::uint32_t n = 0;
      ok = detail::parse_delta_seconds(b, e, n, f);
      break;
    }
    case HeaderId::Reason:
      ok = list([&](const char*& p, const char* end) {
        Reason r;
        return detail::parse_reason(p, end, r, f, limits_, true);
      });
      break;
    case HeaderId::WwwAuthenticate:
    case HeaderId::ProxyAuthenticate:
    case HeaderId::Authorization:
    case HeaderId::ProxyAuthorization: {
      AuthHeader a;
      ok = detail::parse_auth_header(b, e, a, f, limits_);
      break;
    }
    case HeaderId::Allow:
    case HeaderId::AllowEvents:
    case HeaderId::Supported:
    case HeaderId::Require:
    case HeaderId::ProxyRequire:
    case HeaderId::Unsupported:
      ok = list([&](const char*& p, const char* end) { return detail::parse_token_element(p, end, f); });
      break;
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
      break;
  }
  return ok || header_error(h, f);
}

bool MessageParser::finish() {
  static constexpr HeaderId kMandatory[] = {HeaderId::Via, HeaderId::From, HeaderId::To, HeaderId::CallId,
                                            HeaderId::CSeq};
  for (HeaderId id : kMandatory) {
    if (!seen_[static_cast<std::size_t>(id)]) {
      error_ = make_error("sip.protocol", sb::format("missing mandatory header {}", header_name(id)));
      return false;
    }
  }
  if (m_.is_request() && m_.cseq_.method != m_.method_) {
    error_ = make_error("sip.protocol", sb::format("CSeq method {} does not match the request method {}",
                                                    m_.cseq_.method, m_.method_));
    return false;
  }
  if (m_.content_length_ && *m_.content_length_ != m_.body_.size()) {
    error_ = make_error("sip.parse", sb::format("Content-Length is {} but the body has {} bytes",
                                                 *m_.content_length_, m_.body_.size()));
    return false;
  }
  return true;
}

namespace {
Error message_too_large(std::size_t size, const Limits& limits) {
  return make_error("sip.too_large", sb::format("the message is {} bytes (limit: {})", size, limits.max_message_bytes));
}
}  // namespace

Result<Message> Message::parse(std::string&& frame, const Limits& limits) {
  // One named result for every path: returned without a copy (NRVO), where a second return
  // expression would move the whole Message once more.
  Result<Message> out{Message()};
  if (frame.size() > limits.max_message_bytes) {
    out = message_too_large(frame.size(), limits);
    return out;
  }
  out->text_ = std::make_unique<std::string>(std::move(frame));
  MessageParser parser(*out, limits);
  if (!parser.run()) out = Result<Message>(std::move(parser.error_));
  return out;
}

Result<Message> Message::parse(std::string_view frame, const Limits& limits) {
  if (frame.size() > limits.max_message_bytes) return message_too_large(frame.size(), limits);  // before copying
  return parse(std::string(frame), limits);
}

Message Message::clone() const {
  if (kind_ == Kind::Empty) return Message();
  auto copy = parse(std::string(raw()), no_limits());
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

namespace {
// Every element of every line of a list header (parse() validated them).
template <class T, class Element>
std::vector<T> list_of(const std::vector<HeaderField>& headers, HeaderId id, Element&& element) {
  std::vector<T> out;
  for (const HeaderField& h : headers) {
    if (h.id != id) continue;
    detail::Fail f;
    std::size_t count = 0;
    (void)detail::parse_list(h.value, f, count, no_limits().max_elements, [&](const char*& p, const char* e) {
      T item;
      if (!element(p, e, item, f)) return false;
      out.push_back(item);
      return true;
    });
  }
  return out;
}
}  // namespace

std::vector<Via> Message::vias() const {
  return list_of<Via>(headers_, HeaderId::Via, [](const char*& p, const char* e, Via& v, detail::Fail& f) {
    return detail::parse_via(p, e, v, f, no_limits(), true);
  });
}

std::vector<NameAddr> Message::addresses(HeaderId id) const {
  const bool star = id == HeaderId::Contact;
  if (!is_list_header(id)) {
    std::vector<NameAddr> out;
    for (const HeaderField& h : headers_) {
      if (h.id != id) continue;
      NameAddr a;
      detail::Fail f;
      const char* p = h.value.data();
      if (detail::parse_name_addr(p, p + h.value.size(), a, f, no_limits(), false, false)) out.push_back(a);
    }
    return out;
  }
  return list_of<NameAddr>(headers_, id, [star](const char*& p, const char* e, NameAddr& a, detail::Fail& f) {
    return detail::parse_name_addr(p, e, a, f, no_limits(), star, true);
  });
}

namespace {
template <class T, class Fn>
std::optional<T> typed(const Message& m, HeaderId id, Fn&& fn) {
  const auto v = m.header(id);
  if (!v) return std::nullopt;
  T out{};
  detail::Fail f;
  if (!fn(v->data(), v->data() + v->size(), out, f, no_limits())) return std::nullopt;
  return out;
}
}  // namespace

std::optional<NameAddr> Message::refer_to() const {
  auto all = addresses(HeaderId::ReferTo);
  return all.empty() ? std::nullopt : std::optional<NameAddr>(all.front());
}

std::optional<NameAddr> Message::referred_by() const {
  auto all = addresses(HeaderId::ReferredBy);
  return all.empty() ? std::nullopt : std::optional<NameAddr>(all.front());
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
  return list_of<Reason>(headers_, HeaderId::Reason, [](const char*& p, const char* e, Reason& r, detail::Fail& f) {
    return detail::parse_reason(p, e, r, f, no_limits(), true);
  });
}

std::vector<AuthHeader> Message::auth_headers(HeaderId id) const {
  std::vector<AuthHeader> out;
  for (const HeaderField& h : headers_) {
    if (h.id != id) continue;
    AuthHeader a;
    detail::Fail f;
    if (detail::parse_auth_header(h.value.data(), h.value.data() + h.value.size(), a, f, no_limits())) {
      out.push_back(a);
    }
  }
  return out;
}

std::size_t Message::memory_bytes() const {
  return sizeof(Message) + (text_ ? sizeof(std::string) + text_->capacity() + 1 : 0) +
         headers_.capacity() * sizeof(HeaderField);
}

}  // namespace sb::sip

namespace sb::sip {

int parse_header_count(std::string&& frame) {
  auto m = Message::parse(std::move(frame));
  if (m) return static_cast<int>(m->headers().size());
  const std::string& code = m.error().code;
  return code == "sip.too_large" ? -2 : code == "sip.protocol" ? -3 : -1;
}

}  // namespace sb::sip
