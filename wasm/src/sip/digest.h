// Digest authentication (RFC 2617 / RFC 7616, MD5 and MD5-sess with qop auth, auth-int or none) and
// the ephemeral credentials Kamailio's auth_ephemeral module accepts. The core has no random source:
// the caller passes the cnonce.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sip/message.h"
#include "switchboard/result.h"

namespace sb::sip {

struct DigestChallenge {
  bool proxy = false;           // from Proxy-Authenticate: answer with Proxy-Authorization
  std::string realm;            // unquoted
  std::string nonce;
  std::string opaque;
  bool has_opaque = false;
  std::string algorithm;        // as given; empty when absent (means MD5)
  std::vector<std::string> qop; // offered options ("auth", "auth-int"); empty: RFC 2069 style
  bool stale = false;           // the nonce expired; the credentials were right
};

// "Digest realm=…, nonce=…". Errors: sip.parse (syntax), sip.auth (not Digest, no realm or nonce).
Result<DigestChallenge> parse_digest_challenge(std::string_view header_value, bool proxy = false);
// The first usable (Digest, MD5 or MD5-sess) challenge of a 401 (WWW-Authenticate) or 407
// (Proxy-Authenticate) response. Errors: sip.auth saying why none is usable.
Result<DigestChallenge> pick_challenge(const Message& response);

struct DigestRequest {
  std::string_view username;
  std::string_view password;
  std::string_view method;   // of the request being authorised, e.g. "REGISTER"
  std::string_view uri;      // its Request-URI
  std::string_view cnonce;   // chosen by the caller; required with qop and with MD5-sess
  std::uint32_t nc = 1;      // nonce count: 1 for a new nonce, +1 each time it is reused
  std::string_view body;     // for qop=auth-int only
};

// The Authorization / Proxy-Authorization header value. qop=auth is preferred, auth-int used when it
// is the only option. Errors: sip.auth (unsupported algorithm or qop, missing cnonce).
Result<std::string> digest_authorization(const DigestChallenge& challenge, const DigestRequest& request);
// "Authorization" or "Proxy-Authorization".
std::string_view authorization_header_name(const DigestChallenge& challenge);

// auth_ephemeral (Kamailio): username "<expires_at>:<user>", password base64(HMAC-SHA1(secret, username)).
struct EphemeralCredentials {
  std::string username;
  std::string password;
};
EphemeralCredentials ephemeral_credentials(std::string_view secret, std::string_view user, std::int64_t expires_at);

}  // namespace sb::sip
