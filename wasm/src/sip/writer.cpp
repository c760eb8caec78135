#include "sip/writer.h"

#include <algorithm>
#include <charconv>

namespace sb::sip {

namespace {

// Control characters (but tab) become spaces: no value can end a line early.
std::string clean_text(std::string_view v) {
  std::string out(v);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) c = ' ';
  }
  return out;
}

std::string clean_value(std::string_view v) { return clean_text(trim(v)); }

std::string clean_token(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (is(c, chars::kToken)) out += c;
  }
  return out.empty() ? std::string("X") : out;
}

void append_uint(std::string& out, std::uint32_t n) {
  char buf[12];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

}  // namespace

OutgoingMessage OutgoingMessage::request(std::string_view method, std::string_view request_uri) {
  OutgoingMessage m;
  m.request_ = true;
  m.method_ = clean_token(method);
  m.set_request_uri(request_uri);
  return m;
}

OutgoingMessage OutgoingMessage::response(int status, std::string_view reason) {
  OutgoingMessage m;
  m.request_ = false;
  m.status_ = std::clamp(status, 100, 699);
  m.reason_ = clean_text(reason.empty() ? default_reason(m.status_) : reason);
  return m;
}

OutgoingMessage OutgoingMessage::copy_of(const Message& message) {
  OutgoingMessage m = message.is_request() ? request(message.method(), message.request_uri().text)
                                           : response(message.status(), message.reason_phrase());
  if (!message.is_request() && message.reason_phrase().empty()) m.reason_.clear();
  m.fields_.reserve(message.headers().size());
  for (const HeaderField& h : message.headers()) {
    if (h.id == HeaderId::ContentLength) continue;
    m.fields_.push_back(make_field(h.name, h.value));
  }
  m.body_ = std::string(message.body());
  return m;
}

void OutgoingMessage::set_request_uri(std::string_view uri) {
  uri_.clear();
  for (char c : uri) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri_ += '%';
      uri_ += kHex[u >> 4];
      uri_ += kHex[u & 15];
    } else {
      uri_ += c;
    }
  }
}

OutgoingMessage::Field OutgoingMessage::make_field(std::string_view name, std::string_view value) {
  Field f;
  f.name = clean_token(name);
  f.id = header_id(f.name);
  f.value = clean_value(value);
  return f;
}

bool OutgoingMessage::matches(const Field& f, HeaderId id, std::string_view name) const {
  return id != HeaderId::Other ? f.id == id : (f.id == HeaderId::Other && iequals(f.name, name));
}

void OutgoingMessage::add(std::string_view name, std::string_view value) {
  Field f = make_field(name, value);
  if (f.id == HeaderId::ContentLength) return;
  fields_.push_back(std::move(f));
}

void OutgoingMessage::add_first(std::string_view name, std::string_view value) {
  Field f = make_field(name, value);
  if (f.id == HeaderId::ContentLength) return;
  auto it = std::find_if(fields_.begin(), fields_.end(),
                         [&](const Field& x) { return matches(x, f.id, f.name); });
  fields_.insert(it == fields_.end() ? fields_.begin() : it, std::move(f));
}

void OutgoingMessage::set(std::string_view name, std::string_view value) {
  Field f = make_field(name, value);
  if (f.id == HeaderId::ContentLength) return;
  auto it = std::find_if(fields_.begin(), fields_.end(),
                         [&](const Field& x) { return matches(x, f.id, f.name); });
  if (it == fields_.end()) {
    fields_.push_back(std::move(f));
    return;
  }
  const HeaderId id = f.id;
  const std::string key = f.name;
  *it = std::move(f);
  fields_.erase(std::remove_if(it + 1, fields_.end(), [&](const Field& x) { return matches(x, id, key); }),
                fields_.end());
}

std::size_t OutgoingMessage::remove(std::string_view name) {
  const HeaderId id = header_id(name);
  const std::size_t before = fields_.size();
  fields_.erase(std::remove_if(fields_.begin(), fields_.end(), [&](const Field& x) { return matches(x, id, name); }),
                fields_.end());
  return before - fields_.size();
}

std::optional<std::string_view> OutgoingMessage::get(std::string_view name) const {
  const HeaderId id = header_id(name);
  for (const Field& f : fields_) {
    if (matches(f, id, name)) return std::string_view(f.value);
  }
  return std::nullopt;
}

std::vector<std::string_view> OutgoingMessage::get_all(std::string_view name) const {
  const HeaderId id = header_id(name);
  std::vector<std::string_view> out;
  for (const Field& f : fields_) {
    if (matches(f, id, name)) out.emplace_back(f.value);
  }
  return out;
}

void OutgoingMessage::set_body(std::string_view content_type, std::string_view body) {
  body_ = std::string(body);
  if (body.empty()) {
    remove("Content-Type");
  } else {
    set("Content-Type", content_type);
  }
}

std::string OutgoingMessage::serialize() const {
  std::size_t size = 64 + uri_.size() + reason_.size() + body_.size();
  for (const Field& f : fields_) size += f.name.size() + f.value.size() + 4;
  std::string out;
  out.reserve(size);
  if (request_) {
    out += method_;
    out += ' ';
    out += uri_;
    out += " SIP/2.0\r\n";
  } else {
    out += "SIP/2.0 ";
    append_uint(out, static_cast<std::uint32_t>(status_));
    out += ' ';
    out += reason_;
    out += "\r\n";
  }
  for (const Field& f : fields_) {
    out += f.name;
    out += ": ";
    out += f.value;
    out += "\r\n";
  }
  out += "Content-Length: ";
  append_uint(out, static_cast<std::uint32_t>(body_.size()));
  out += "\r\n\r\n";
  out += body_;
  return out;
}

std::string_view default_reason(int status) {
  switch (status) {
    case 100: return "Trying";
    case 180: return "Ringing";
    case 181: return "Call Is Being Forwarded";
    case 182: return "Queued";
    case 183: return "Session Progress";
    case 199: return "Early Dialog Terminated";
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Notification";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Moved Temporarily";
    case 305: return "Use Proxy";
    case 380: return "Alternative Service";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 413: return "Request Entity Too Large";
    case 414: return "Request-URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Unsupported URI Scheme";
    case 420: return "Bad Extension";
    case 421: return "Extension Required";
    case 422: return "Session Interval Too Small";
    case 423: return "Interval Too Brief";
    case 480: return "Temporarily Unavailable";
    case 481: return "Call/Transaction Does Not Exist";
    case 482: return "Loop Detected";
    case 483: return "Too Many Hops";
    case 484: return "Address Incomplete";
    case 485: return "Ambiguous";
    case 486: return "Busy Here";
    case 487: return "Request Terminated";
    case 488: return "Not Acceptable Here";
    case 489: return "Bad Event";
    case 491: return "Request Pending";
    case 493: return "Undecipherable";
    case 500: return "Server Internal Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Server Time-out";
    case 505: return "Version Not Supported";
    case 513: return "Message Too Large";
    case 600: return "Busy Everywhere";
    case 603: return "Decline";
    case 604: return "Does Not Exist Anywhere";
    case 606: return "Not Acceptable";
    default: break;
  }
  if (status < 200) return "Progress";
  if (status < 300) return "Success";
  if (status < 400) return "Redirection";
  if (status < 500) return "Client Error";
  if (status < 600) return "Server Error";
  return "Global Failure";
}

OutgoingMessage make_response(const Message& request, int status, std::string_view reason, std::string_view to_tag) {
  OutgoingMessage r = OutgoingMessage::response(status, reason);
  const std::string_view method = request.method();
  const bool dialog_creating = method == "INVITE" || method == "SUBSCRIBE" || method == "REFER";
  const bool copy_record_route = dialog_creating && r.status() > 100 && r.status() < 300;
  for (const HeaderField& h : request.headers()) {
    switch (h.id) {
      case HeaderId::Via:
      case HeaderId::From:
      case HeaderId::CallId:
      case HeaderId::CSeq:
        r.add(header_name(h.id), h.value);
        break;
      case HeaderId::To:
        if (r.status() > 100 && !to_tag.empty() && !request.to().tag()) {
          r.add("To", std::string(h.value) + ";tag=" + std::string(to_tag));
        } else {
          r.add("To", h.value);
        }
        break;
      case HeaderId::Timestamp:
        if (r.status() == 100) r.add("Timestamp", h.value);
        break;
      case HeaderId::RecordRoute:
        if (copy_record_route) r.add("Record-Route", h.value);
        break;
      default:
        break;
    }
  }
  return r;
}

}  // namespace sb::sip
