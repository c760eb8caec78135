// SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966), other schemes kept opaque, and name-addr /
// addr-spec header values (From, To, Contact, Route, Record-Route, Refer-To, Referred-By,
// P-Asserted-Identity). Parsed values are views into the text they were parsed from.
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

enum class Scheme : std::uint8_t { Sip, Sips, Tel, Other };

struct Uri {
  std::string_view text;         // the whole URI as written
  Scheme scheme = Scheme::Other;
  std::string_view scheme_name;  // as written ("sip", "SIP", "urn"…)
  std::string_view user;         // sip/sips: user part, still %-escaped; tel: the number
  std::string_view password;
  std::string_view host;         // an IPv6 reference keeps its brackets: "[2001:db8::1]"
  std::uint16_t port = 0;        // 0: no port given
  ParamList params;              // ";transport=ws;lr"
  std::string_view headers;      // after '?': "Replaces=…&Subject=…", still %-escaped
  std::string_view opaque;       // other schemes: everything after "scheme:"

  bool is_sip() const { return scheme == Scheme::Sip || scheme == Scheme::Sips; }
  std::string user_unescaped() const { return uri_unescape(user); }
  std::optional<std::string_view> param(std::string_view name) const { return params.get(name); }
  // The %-unescaped value of a URI header (e.g. "Replaces" of a Refer-To target).
  std::optional<std::string> header(std::string_view name) const;
};

struct NameAddr {
  std::string_view text;          // the element as written
  std::string_view display_name;  // as written (quoted, or tokens); empty if none
  Uri uri;
  ParamList params;               // header parameters: tag, expires, q, +sip.instance…
  bool star = false;              // "Contact: *" (REGISTER)
  bool angle_brackets = false;    // the URI was written as <uri>

  std::string display() const { return unquote(display_name); }  // quotes and escapes resolved
  std::optional<std::string_view> tag() const { return params.get("tag"); }
};

Result<Uri> parse_uri(std::string_view text, const Limits& limits = {});
// A name-addr or addr-spec with header parameters: `"Ada" <sip:ada@example.com>;tag=1`.
Result<NameAddr> parse_name_addr(std::string_view text, const Limits& limits = {});

// `"Display" <uri>` with the display name quoted as needed (no display name: just <uri>).
std::string format_name_addr(std::string_view display_name, std::string_view uri);

namespace detail {
// The whole of [b, e) is one URI.
bool parse_uri(const char* b, const char* e, Uri& out, Fail& f, const Limits& limits);
// host [":" port] at p. Via's sent-by allows LWS around the ':'.
bool parse_hostport(const char*& p, const char* e, std::string_view& host, std::uint16_t& port, Fail& f,
                    bool lws_around_colon);
// *( SEMI generic-param ) at p (RFC 3261 §25.1); in a list it stops before a ','.
bool parse_generic_params(const char*& p, const char* e, ParamList& out, Fail& f, const Limits& limits, bool list);
// name-addr / addr-spec with header parameters at p; in a list it stops before a ','.
bool parse_name_addr(const char*& p, const char* e, NameAddr& out, Fail& f, const Limits& limits, bool allow_star,
                     bool list);
}  // namespace detail

}  // namespace sb::sip
