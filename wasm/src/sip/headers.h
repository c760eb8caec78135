// SIP header names (full and compact forms) and the typed header values the parser understands:
// Via, CSeq, Replaces, Event, Subscription-State, Session-Expires, Reason, auth challenges/credentials.
// Parsed values are views into the text they were parsed from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sip/grammar.h"
#include "sip/limits.h"
#include "sip/text.h"
#include "switchboard/result.h"

namespace sb::sip {

// Known headers (alphabetical by lower-case name).
enum class HeaderId : std::uint8_t {
  Other,
  Accept,
  AcceptContact,
  AcceptEncoding,
  AcceptLanguage,
  AlertInfo,
  Allow,
  AllowEvents,
  AuthenticationInfo,
  Authorization,
  CallId,
  CallInfo,
  Contact,
  ContentDisposition,
  ContentEncoding,
  ContentLanguage,
  ContentLength,
  ContentType,
  CSeq,
  Date,
  ErrorInfo,
  Event,
  Expires,
  From,
  Identity,
  IdentityInfo,
  InReplyTo,
  MaxForwards,
  MimeVersion,
  MinExpires,
  MinSE,
  Organization,
  PAssertedIdentity,
  PPreferredIdentity,
  Path,
  Priority,
  ProxyAuthenticate,
  ProxyAuthorization,
  ProxyRequire,
  RAck,
  Reason,
  RecordRoute,
  ReferTo,
  ReferredBy,
  RejectContact,
  Replaces,
  ReplyTo,
  RequestDisposition,
  Require,
  RetryAfter,
  Route,
  RSeq,
  Server,
  ServiceRoute,
  SessionExpires,
  Subject,
  SubscriptionState,
  Supported,
  Timestamp,
  To,
  Unsupported,
  UserAgent,
  Via,
  Warning,
  WwwAuthenticate,
};

// Full name or compact form ("v", "i", "m"…), any case; Other when unknown.
HeaderId header_id(std::string_view name);
// The canonical full name ("Call-ID", "WWW-Authenticate"); empty for Other.
std::string_view header_name(HeaderId id);
// Headers whose value is a comma-separated list that may also be split over several header lines.
bool is_list_header(HeaderId id);

struct Via {
  std::string_view text;       // the element as written
  std::string_view protocol;   // "SIP"
  std::string_view version;    // "2.0"
  std::string_view transport;  // "UDP", "TCP", "TLS", "WS", "WSS"…
  std::string_view host;       // sent-by host; IPv6 keeps its brackets
  std::uint16_t port = 0;      // 0: none given
  ParamList params;

  std::optional<std::string_view> branch() const { return params.get("branch"); }
  std::optional<std::string_view> received() const { return params.get("received"); }
  std::optional<std::string_view> rport() const { return params.get("rport"); }  // "" when asked for
};

struct CSeq {
  std::uint32_t number = 0;
  std::string_view method;
};

// Replaces (RFC 3891), also the unescaped ?Replaces= of a Refer-To URI.
struct Replaces {
  std::string_view call_id;
  std::string_view to_tag;
  std::string_view from_tag;
  bool early_only = false;
  ParamList params;
};

// Event (RFC 6665): "refer;id=93809824".
struct Event {
  std::string_view package;  // "refer", "dialog", "message-summary"
  ParamList params;
  std::optional<std::string_view> id() const { return params.get("id"); }
};

// Subscription-State (RFC 6665): "terminated;reason=noresource".
struct SubscriptionState {
  std::string_view state;  // active | pending | terminated | an extension
  ParamList params;
  std::optional<std::uint32_t> expires() const;
  std::optional<std::string_view> reason() const { return params.get("reason"); }
};

// Session-Expires / Min-SE (RFC 4028): "1800;refresher=uac".
struct SessionExpires {
  std::uint32_t seconds = 0;
  ParamList params;
  std::optional<std::string_view> refresher() const { return params.get("refresher"); }
};

// Reason (RFC 3326): `SIP;cause=200;text="Call completed elsewhere"`.
struct Reason {
  std::string_view protocol;  // "SIP", "Q.850"
  ParamList params;
  std::optional<std::uint32_t> cause() const;
  std::string text() const;  // unquoted; empty if absent
};

// WWW-Authenticate / Proxy-Authenticate / Authorization / Proxy-Authorization:
// scheme LWS auth-param *(COMMA auth-param), auth-param = token EQUAL (token / quoted-string).
struct AuthHeader {
  std::string_view scheme;  // "Digest"
  std::string_view params;  // "realm=\"x\", nonce=\"y\""
  // The value of a parameter as written (quotes kept); nullopt if absent.
  std::optional<std::string_view> param(std::string_view name) const;
};

Result<Via> parse_via(std::string_view text, const Limits& limits = {});
Result<CSeq> parse_cseq(std::string_view text);
Result<Replaces> parse_replaces(std::string_view text, const Limits& limits = {});
Result<Event> parse_event(std::string_view text, const Limits& limits = {});
Result<SubscriptionState> parse_subscription_state(std::string_view text, const Limits& limits = {});
Result<SessionExpires> parse_session_expires(std::string_view text, const Limits& limits = {});
Result<Reason> parse_reason(std::string_view text, const Limits& limits = {});
Result<AuthHeader> parse_auth_header(std::string_view text, const Limits& limits = {});

namespace detail {
// Element rules leave p after what they parsed; in a list they stop before a ','.
bool parse_via(const char*& p, const char* e, Via& out, Fail& f, const Limits& limits, bool list);
bool parse_reason(const char*& p, const char* e, Reason& out, Fail& f, const Limits& limits, bool list);
bool parse_token_element(const char*& p, const char* e, Fail& f);
// Whole-value rules: [b, e) is the header value.
bool parse_cseq(const char* b, const char* e, CSeq& out, Fail& f);
bool parse_call_id(const char* b, const char* e, Fail& f);
bool parse_replaces(const char* b, const char* e, Replaces& out, Fail& f, const Limits& limits);
bool parse_event(const char* b, const char* e, Event& out, Fail& f, const Limits& limits);
bool parse_subscription_state(const char* b, const char* e, SubscriptionState& out, Fail& f, const Limits& limits);
bool parse_session_expires(const char* b, const char* e, SessionExpires& out, Fail& f, const Limits& limits);
bool parse_auth_header(const char* b, const char* e, AuthHeader& out, Fail& f, const Limits& limits);
bool parse_delta_seconds(const char* b, const char* e, std::uint32_t& out, Fail& f);
bool parse_media_type(const char* b, const char* e, Fail& f, const Limits& limits);
}  // namespace detail

}  // namespace sb::sip
