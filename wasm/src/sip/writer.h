// Building SIP messages: requests, responses (RFC 3261 §8.2.6 from a request), header editing and
// serialization with CRLFs and a computed Content-Length.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/headers.h"
#include "sip/message.h"

namespace sb::sip {

class OutgoingMessage {
 public:
  static OutgoingMessage request(std::string_view method, std::string_view request_uri);
  // An empty reason uses the standard phrase (default_reason).
  static OutgoingMessage response(int status, std::string_view reason = {});
  // The same start line, headers (in order, as written) and body as a parsed message.
  static OutgoingMessage copy_of(const Message& message);

  bool is_request() const { return request_; }
  const std::string& method() const { return method_; }
  const std::string& request_uri() const { return uri_; }
  int status() const { return status_; }
  const std::string& reason_phrase() const { return reason_; }
  void set_request_uri(std::string_view uri);

  // Names match case-insensitively and compact forms match their full names ("v" is Via).
  // Content-Length is never stored: serialize() always writes the body's length.
  // Control characters in names or values are replaced so the output is always one valid message.
  void add(std::string_view name, std::string_view value);        // after every other header
  void add_first(std::string_view name, std::string_view value);  // before the first of that name (a new top Via)
  void set(std::string_view name, std::string_view value);        // replaces all of that name, in place
  std::size_t remove(std::string_view name);                      // how many were removed
  std::optional<std::string_view> get(std::string_view name) const;
  std::vector<std::string_view> get_all(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  std::size_t header_count() const { return fields_.size(); }

  // Sets Content-Type and the body; an empty body removes both.
  void set_body(std::string_view content_type, std::string_view body);
  const std::string& body() const { return body_; }

  std::string serialize() const;

 private:
  struct Field {
    HeaderId id;
    std::string name;
    std::string value;
  };
  bool matches(const Field& f, HeaderId id, std::string_view name) const;
  static Field make_field(std::string_view name, std::string_view value);

  bool request_ = true;
  std::string method_;
  std::string uri_;
  int status_ = 0;
  std::string reason_;
  std::vector<Field> fields_;
  std::string body_;
};

// "OK", "Ringing", "Busy Here"…; a generic phrase for the class of an unknown code.
std::string_view default_reason(int status);

// A response to `request` (RFC 3261 §8.2.6): Via lines, From, To, Call-ID and CSeq copied; the
// To-tag added when given and the To has none (never on 100 Trying); Timestamp echoed on 100;
// Record-Route copied into 101-299 responses to dialog-creating requests (INVITE, SUBSCRIBE, REFER).
OutgoingMessage make_response(const Message& request, int status, std::string_view reason = {},
                              std::string_view to_tag = {});

}  // namespace sb::sip
