// A parsed SIP request or response (RFC 3261 §7): one owned copy of the frame and views into it.
//
// Parsing validates the start line and every header the stack interprets (Via, From, To, Call-ID,
// CSeq, Max-Forwards, Content-Length/-Type, Contact, Route, Record-Route, Refer-To, Referred-By,
// P-Asserted-Identity, Replaces, Event, Subscription-State, Session-Expires, Expires, Reason,
// authentication headers, option tags), so every typed accessor below works on a parsed message.
// Over WebSocket a frame holds exactly one message (RFC 7118): a Content-Length must equal the body
// length; without one the body is the rest of the frame.
//
// The frame lives in a std::string that itself lives on the heap: moving a Message moves only the
// pointer to it, so every view stays valid (even for a short string held inline by the small-string
// optimisation). Continuation lines (header folding) are joined in that buffer by overwriting their
// line break with spaces, so values read as single lines.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/headers.h"
#include "sip/limits.h"
#include "sip/uri.h"
#include "switchboard/result.h"

namespace sb::sip {

struct HeaderField {
  HeaderId id = HeaderId::Other;
  std::string_view name;   // as written ("v", "VIA", "X-Custom")
  std::string_view value;  // trimmed; continuation lines joined by white space
};

class Message {
 public:
  // Errors: sip.parse (with line/column and what was expected), sip.too_large (a limit), sip.protocol
  // (a mandatory header is missing, or the CSeq method differs from the request method).
  static Result<Message> parse(std::string_view frame, const Limits& limits = {});
  // The same without copying: the message keeps the string (e.g. a ws.message's data).
  static Result<Message> parse(std::string&& frame, const Limits& limits = {});
  static Result<Message> parse(const char* frame, const Limits& limits = {}) {
    return parse(std::string_view(frame), limits);
  }

  Message() = default;  // empty: neither request nor response
  Message(Message&&) noexcept = default;
  Message& operator=(Message&&) noexcept = default;
  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;
  Message clone() const;

  bool is_request() const { return kind_ == Kind::Request; }
  bool is_response() const { return kind_ == Kind::Response; }
  std::string_view method() const { return is_request() ? method_ : cseq_.method; }  // responses: CSeq's
  const Uri& request_uri() const { return request_uri_; }
  int status() const { return status_; }  // 0 for requests
  std::string_view reason_phrase() const { return reason_; }
  std::string_view version() const { return version_; }  // "SIP/2.0"

  std::string_view call_id() const { return call_id_; }
  const CSeq& cseq() const { return cseq_; }
  const NameAddr& from() const { return from_; }
  const NameAddr& to() const { return to_; }
  const Via& top_via() const { return top_via_; }
  std::size_t via_count() const { return via_count_; }
  std::vector<Via> vias() const;
  int max_forwards() const { return max_forwards_; }  // -1 when absent
  std::optional<std::uint32_t> content_length() const { return content_length_; }
  std::string_view content_type() const { return content_type_; }  // "" when absent
  std::string_view body() const { return body_; }
  std::string_view raw() const { return text_ ? std::string_view(*text_) : std::string_view(); }

  // Every header line in order.
  const std::vector<HeaderField>& headers() const { return headers_; }
  // The value of the first line of that header (full or compact name, any case).
  std::optional<std::string_view> header(HeaderId id) const;
  std::optional<std::string_view> header(std::string_view name) const;
  std::size_t count(HeaderId id) const;
  // All values of a header: for list headers (Via, Route, Contact, Allow…) each comma-separated
  // element of every line, in order; for the others each line's value.
  std::vector<std::string_view> values(HeaderId id) const;
  std::vector<std::string_view> values(std::string_view name) const;
  // Whether an option-tag / method list header (Supported, Require, Allow…) holds a token.
  bool has_token(HeaderId id, std::string_view token) const;

  std::vector<NameAddr> contacts() const { return addresses(HeaderId::Contact); }
  std::vector<NameAddr> routes() const { return addresses(HeaderId::Route); }
  std::vector<NameAddr> record_routes() const { return addresses(HeaderId::RecordRoute); }
  // Any name-addr header (Contact, Route, Record-Route, Path, P-Asserted-Identity, Refer-To…).
  std::vector<NameAddr> addresses(HeaderId id) const;
  std::optional<NameAddr> refer_to() const;
  std::optional<NameAddr> referred_by() const;
  std::optional<Replaces> replaces() const;
  std::optional<Event> event() const;
  std::optional<SubscriptionState> subscription_state() const;
  std::optional<SessionExpires> session_expires() const;
  std::optional<std::uint32_t> expires() const;
  std::optional<std::uint32_t> min_expires() const;
  std::vector<Reason> reasons() const;
  // WWW-Authenticate, Proxy-Authenticate, Authorization or Proxy-Authorization, one per line.
  std::vector<AuthHeader> auth_headers(HeaderId id) const;

  // Heap and inline bytes this message holds.
  std::size_t memory_bytes() const;

 private:
  friend class MessageParser;
  enum class Kind : std::uint8_t { Empty, Request, Response };

  std::unique_ptr<std::string> text_;
  Kind kind_ = Kind::Empty;
  int status_ = 0;
  int max_forwards_ = -1;
  std::uint32_t via_count_ = 0;
  std::optional<std::uint32_t> content_length_;
  std::string_view method_;
  std::string_view reason_;
  std::string_view version_;
  std::string_view call_id_;
  std::string_view content_type_;
  std::string_view body_;
  Uri request_uri_;
  CSeq cseq_;
  NameAddr from_;
  NameAddr to_;
  Via top_via_;
  std::vector<HeaderField> headers_;
};

}  // namespace sb::sip
