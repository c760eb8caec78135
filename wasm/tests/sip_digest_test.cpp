#include <doctest/doctest.h>

#include <string>

#include "sip/crypto.h"
#include "sip/digest.h"
#include "sip/message.h"
#include "sip_test_support.h"

using namespace sb::sip;

TEST_SUITE("sip.digest") {
  TEST_CASE("RFC 2617 §3.5 example: qop=auth with opaque") {
    auto c = parse_digest_challenge(
        "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
        "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    REQUIRE(c.ok());
    CHECK(c->realm == "testrealm@host.com");
    CHECK(c->qop == std::vector<std::string>{"auth", "auth-int"});
    CHECK(c->has_opaque);
    CHECK_FALSE(c->stale);
    DigestRequest r;
    r.username = "Mufasa";
    r.password = "Circle Of Life";
    r.method = "GET";
    r.uri = "/dir/index.html";
    r.cnonce = "0a4f113b";
    r.nc = 1;
    auto value = digest_authorization(*c, r);
    REQUIRE(value.ok());
    CHECK(*value ==
          "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
          "uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", "
          "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001");
    CHECK(authorization_header_name(*c) == "Authorization");
  }

  TEST_CASE("RFC 7616 §3.9.1 MD5 example") {
    auto c = parse_digest_challenge(
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, "
        "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
    REQUIRE(c.ok());
    DigestRequest r;
    r.username = "Mufasa";
    r.password = "Circle of Life";
    r.method = "GET";
    r.uri = "/dir/index.html";
    r.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    auto value = digest_authorization(*c, r);
    REQUIRE(value.ok());
    CHECK(value->find("response=\"8ca523f5e9506fed4657c9700eebdbec\"") != std::string::npos);
    CHECK(value->find(", algorithm=MD5,") != std::string::npos);
  }

  TEST_CASE("no qop (RFC 2069 style), MD5-sess and auth-int for a SIP registrar") {
    DigestRequest r;
    r.username = "1001";
    r.password = "s3cret";
    r.method = "REGISTER";
    r.uri = "sip:sip.test";
    auto plain = parse_digest_challenge("Digest realm=\"sip.test\", nonce=\"5f1b6a2c\"");
    REQUIRE(plain.ok());
    CHECK(digest_authorization(*plain, r).value() ==
          "Digest username=\"1001\", realm=\"sip.test\", nonce=\"5f1b6a2c\", uri=\"sip:sip.test\", "
          "response=\"9540a5c915544ce5da2370d87d33ca83\"");

    auto sess = parse_digest_challenge("Digest realm=\"sip.test\", nonce=\"5f1b6a2c\", algorithm=MD5-sess, qop=\"auth\"");
    REQUIRE(sess.ok());
    r.cnonce = "0a4f113b";
    r.nc = 2;
    const std::string sess_value = digest_authorization(*sess, r).value();
    CHECK(sess_value.find("response=\"ca69d28dbf32bface7ff1a91ba7084d5\"") != std::string::npos);
    CHECK(sess_value.find("nc=00000002") != std::string::npos);

    auto only_int = parse_digest_challenge("Digest realm=\"sip.test\", nonce=\"5f1b6a2c\", qop=\"auth-int\"");
    REQUIRE(only_int.ok());
    DigestRequest invite;
    invite.username = "1001";
    invite.password = "s3cret";
    invite.method = "INVITE";
    invite.uri = "sip:2000@sip.test";
    invite.cnonce = "abc";
    invite.body = "v=0\r\n";
    const std::string int_value = digest_authorization(*only_int, invite).value();
    CHECK(int_value.find("response=\"2a3f22e12b56556fa7a93af499659c9f\"") != std::string::npos);
    CHECK(int_value.find("qop=auth-int") != std::string::npos);
  }

  TEST_CASE("unusable challenges and answers fail with sip.auth or sip.parse") {
    CHECK(parse_digest_challenge("Basic realm=\"x\"").error() ==
          sb::Error{"sip.auth", "the challenge uses the Basic scheme; only Digest is supported"});
    CHECK(parse_digest_challenge("Digest nonce=\"1\"").error() ==
          sb::Error{"sip.auth", "the Digest challenge has no realm"});
    CHECK(parse_digest_challenge("Digest realm=\"r\"").error() ==
          sb::Error{"sip.auth", "the Digest challenge has no nonce"});
    CHECK(parse_digest_challenge("Digest realm=\"r").error() ==
          sb::Error{"sip.parse", "authentication header at column 16: expected '\"' closing the quoted value, "
                                 "found the end of the value"});
    DigestRequest r;
    r.username = "u";
    auto sha = parse_digest_challenge("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256");
    REQUIRE(sha.ok());
    CHECK(digest_authorization(*sha, r).error() ==
          sb::Error{"sip.auth", "algorithm SHA-256 is not supported (only MD5 and MD5-sess)"});
    auto odd_qop = parse_digest_challenge("Digest realm=\"r\", nonce=\"n\", qop=\"token\"");
    CHECK(digest_authorization(*odd_qop, r).error() ==
          sb::Error{"sip.auth", "the challenge offers neither qop auth nor auth-int"});
    auto needs_cnonce = parse_digest_challenge("Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");
    CHECK(digest_authorization(*needs_cnonce, r).error() ==
          sb::Error{"sip.auth", "a cnonce is needed to answer this challenge"});
  }

  TEST_CASE("picking the challenge of a 401 or 407 response") {
    const std::string head = "Via: SIP/2.0/WSS h.invalid;branch=z9hG4bK1\nFrom: <sip:1001@sip.test>;tag=1\n"
                             "To: <sip:1001@sip.test>;tag=2\nCall-ID: r1\nCSeq: 1 REGISTER\n";
    auto unauthorized = Message::parse(crlf(
        "SIP/2.0 401 Unauthorized\n" + head +
        "WWW-Authenticate: Digest realm=\"sip.test\", nonce=\"new\", algorithm=SHA-256, qop=\"auth\"\n"
        "WWW-Authenticate: Digest realm=\"sip.test\", nonce=\"old\", algorithm=MD5, qop=\"auth\", stale=TRUE\n\n"));
    REQUIRE(unauthorized.ok());
    auto c = pick_challenge(*unauthorized);
    REQUIRE(c.ok());
    CHECK(c->nonce == "old");
    CHECK(c->stale);
    CHECK_FALSE(c->proxy);

    auto proxy = Message::parse(crlf("SIP/2.0 407 Proxy Authentication Required\n" + head +
                                     "Proxy-Authenticate: Digest realm=\"p\", nonce=\"x\"\n\n"));
    REQUIRE(proxy.ok());
    auto pc = pick_challenge(*proxy);
    REQUIRE(pc.ok());
    CHECK(pc->proxy);
    CHECK(authorization_header_name(*pc) == "Proxy-Authorization");

    auto none = Message::parse(crlf("SIP/2.0 401 Unauthorized\n" + head + "\n"));
    REQUIRE(none.ok());
    CHECK(pick_challenge(*none).error() == sb::Error{"sip.auth", "the 401 response has no WWW-Authenticate header"});
    auto sha_only = Message::parse(crlf("SIP/2.0 401 Unauthorized\n" + head +
                                        "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256\n\n"));
    REQUIRE(sha_only.ok());
    CHECK(pick_challenge(*sha_only).error() ==
          sb::Error{"sip.auth", "the challenge's algorithm SHA-256 is not supported (only MD5 and MD5-sess)"});
  }

  TEST_CASE("ephemeral credentials as Kamailio's auth_ephemeral checks them") {
    const auto creds = ephemeral_credentials("sb-lab-secret", "1001", 1732550400);
    CHECK(creds.username == "1732550400:1001");
    CHECK(creds.password == "GpiDCNuH1BLLCCxB8MIiJB3f2fg=");
    CHECK(base64_decode(creds.password).value() == std::string(as_bytes(hmac_sha1("sb-lab-secret", creds.username))));
  }
}
