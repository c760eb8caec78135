#include "sip/digest.h"

#include "switchboard/format.h"

#include "sip/crypto.h"

namespace sb::sip {

namespace {

std::string md5_hex(std::string_view s) { return to_hex(md5(s)); }

bool supported_algorithm(std::string_view a) { return a.empty() || iequals(a, "MD5") || iequals(a, "MD5-sess"); }

}  // namespace

Result<DigestChallenge> parse_digest_challenge(std::string_view header_value, bool proxy) {
  auto parsed = parse_auth_header(header_value);
  if (!parsed) return parsed.error();
  if (!iequals(parsed->scheme, "Digest")) {
    return make_error("sip.auth",
                      sb::format("the challenge uses the {} scheme; only Digest is supported", parsed->scheme));
  }
  DigestChallenge c;
  c.proxy = proxy;
  const auto realm = parsed->param("realm");
  const auto nonce = parsed->param("nonce");
  if (!realm) return make_error("sip.auth", "the Digest challenge has no realm");
  if (!nonce) return make_error("sip.auth", "the Digest challenge has no nonce");
  c.realm = unquote(*realm);
  c.nonce = unquote(*nonce);
  if (const auto opaque = parsed->param("opaque")) {
    c.opaque = unquote(*opaque);
    c.has_opaque = true;
  }
  if (const auto algorithm = parsed->param("algorithm")) c.algorithm = unquote(*algorithm);
  if (const auto stale = parsed->param("stale")) c.stale = iequals(unquote(*stale), "true");
  if (const auto qop = parsed->param("qop")) {
    const std::string options = unquote(*qop);
    for_each_element(options, [&](std::string_view o) {
      c.qop.emplace_back(o);
      return true;
    });
  }
  return c;
}

Result<DigestChallenge> pick_challenge(const Message& response) {
  const bool proxy = response.status() == 407;
  const HeaderId id = proxy ? HeaderId::ProxyAuthenticate : HeaderId::WwwAuthenticate;
  std::string why = sb::format("the {} response has no {} header", response.status(), header_name(id));
  for (const HeaderField& h : response.headers()) {
    if (h.id != id) continue;
    auto c = parse_digest_challenge(h.value, proxy);
    if (!c) {
      why = c.error().message;
      continue;
    }
    if (!supported_algorithm(c->algorithm)) {
      why = sb::format("the challenge's algorithm {} is not supported (only MD5 and MD5-sess)", c->algorithm);
      continue;
    }
    return c;
  }
  return make_error("sip.auth", why);
}

Result<std::string> digest_authorization(const DigestChallenge& c, const DigestRequest& r) {
  if (!supported_algorithm(c.algorithm)) {
    return make_error("sip.auth", sb::format("algorithm {} is not supported (only MD5 and MD5-sess)", c.algorithm));
  }
  std::string_view qop;
  if (!c.qop.empty()) {
    for (const std::string& o : c.qop) {
      if (iequals(o, "auth")) qop = "auth";
    }
    if (qop.empty()) {
      for (const std::string& o : c.qop) {
        if (iequals(o, "auth-int")) qop = "auth-int";
      }
    }
    if (qop.empty()) return make_error("sip.auth", "the challenge offers neither qop auth nor auth-int");
  }
  const bool sess = iequals(c.algorithm, "MD5-sess");
  if ((!qop.empty() || sess) && r.cnonce.empty()) {
    return make_error("sip.auth", "a cnonce is needed to answer this challenge");
  }

  std::string ha1 = md5_hex(sb::format("{}:{}:{}", r.username, c.realm, r.password));
  if (sess) ha1 = md5_hex(sb::format("{}:{}:{}", ha1, c.nonce, r.cnonce));
  const std::string ha2 = qop == "auth-int" ? md5_hex(sb::format("{}:{}:{}", r.method, r.uri, md5_hex(r.body)))
                                            : md5_hex(sb::format("{}:{}", r.method, r.uri));
  const std::string nc = sb::format("{:08x}", r.nc);
  const std::string response =
      qop.empty() ? md5_hex(sb::format("{}:{}:{}", ha1, c.nonce, ha2))
                  : md5_hex(sb::format("{}:{}:{}:{}:{}:{}", ha1, c.nonce, nc, r.cnonce, qop, ha2));

  std::string out = sb::format("Digest username={}, realm={}, nonce={}, uri={}, response=\"{}\"", quote(r.username),
                                quote(c.realm), quote(c.nonce), quote(r.uri), response);
  if (!c.algorithm.empty()) out += sb::format(", algorithm={}", c.algorithm);
  if (!r.cnonce.empty() && (!qop.empty() || sess)) out += sb::format(", cnonce={}", quote(r.cnonce));
  if (c.has_opaque) out += sb::format(", opaque={}", quote(c.opaque));
  if (!qop.empty()) out += sb::format(", qop={}, nc={}", qop, nc);
  return out;
}

std::string_view authorization_header_name(const DigestChallenge& challenge) {
  return challenge.proxy ? "Proxy-Authorization" : "Authorization";
}

EphemeralCredentials ephemeral_credentials(std::string_view secret, std::string_view user, std::int64_t expires_at) {
  EphemeralCredentials c;
  c.username = sb::format("{}:{}", expires_at, user);
  c.password = base64_encode(as_bytes(hmac_sha1(secret, c.username)));
  return c;
}

}  // namespace sb::sip
