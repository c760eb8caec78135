// Our own messages in the categories of RFC 4475's torture tests: valid-but-unusual input parses,
// invalid input fails with a clear error, nothing crashes.
#include <doctest/doctest.h>

#include <string>

#include "sip/message.h"
#include "sip/writer.h"
#include "sip_test_support.h"

using namespace sb::sip;

namespace {
Message parse_ok(const std::string& text) {
  auto r = Message::parse(text);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  return std::move(r).value();
}
}  // namespace

TEST_SUITE("sip.torture") {
  TEST_CASE("a tortuous INVITE: folding, tabs, escapes, odd parameters and unknown headers") {
    const Message m = parse_ok(crlf(
        "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\n"
        "TO :\n"
        " sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\n"
        "from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\n"
        "  ;\n"
        "  tag = 98asjd8\n"
        "MaX-fOrWaRdS: 0068\n"
        "Call-ID: wsinv.ndaksdj@192.0.2.1\n"
        "Content-Length   : 0\n"
        "cseq: 0009\n"
        "  INVITE\n"
        "Via  : SIP  /   2.0\n"
        " /UDP\n"
        "    192.0.2.2;branch=390skdjuw\n"
        "s :\n"
        "NewFangledHeader:   newfangled value\n"
        " continued newfangled value\n"
        "UnknownHeaderWithUnusualValue: ;;,,;;,;\n"
        "Route:\n"
        " <sip:services.example.com;lr;unknownwith=value;unknown-no-value>\n"
        "v:  SIP  / 2.0  / TCP     spindle.example.com   ;\n"
        "  branch  =   z9hG4bK9ikj8  ,\n"
        " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\n"
        " z9hG4bK30239\n"
        "m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\n"
        "      newvalue ;\n"
        "  secondparam ; q = 0.33\n"
        "\n"));
    CHECK(m.to().tag() == "1918181833n");
    CHECK(m.from().display() == "J Rosenberg \\\"");
    CHECK(m.from().tag() == "98asjd8");
    CHECK(m.max_forwards() == 68);
    CHECK(m.cseq().number == 9);
    CHECK(m.via_count() == 3);
    CHECK(m.top_via().host == "192.0.2.2");
    const auto vias = m.vias();
    REQUIRE(vias.size() == 3);
    CHECK(vias[1].transport == "TCP");
    CHECK(vias[2].branch() == "z9hG4bK30239");
    CHECK(m.contacts().at(0).display() == "Quoted string \"\"");
    CHECK(m.contacts().at(0).params.get("q") == "0.33");
    CHECK(m.routes().at(0).uri.param("unknown-no-value") == "");
    CHECK(m.header("UnknownHeaderWithUnusualValue") == ";;,,;;,;");
    CHECK(m.header("s") == "");
  }

  TEST_CASE("escaped characters in URIs; semicolons in the user part") {
    const Message m = parse_ok(crlf(
        "INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0\n"
        "To: sip:%75se%72@example.com\n"
        "From: <sip:I%20have%20spaces@example.net>;tag=938\n"
        "Max-Forwards: 87\n"
        "i: esc01.239409asdfakjkn23onasd0-3234\n"
        "CSeq: 234234 INVITE\n"
        "Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw\n"
        "Contact: <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>\n"
        "Route: <sip:user;par=u%40example.net@example.com;lr>\n"
        "l: 0\n\n"));
    CHECK(m.request_uri().user_unescaped() == "sips:user@example.com");
    CHECK(m.request_uri().host == "example.net");
    CHECK(m.to().uri.user_unescaped() == "user");
    CHECK(m.from().uri.user_unescaped() == "I have spaces");
    CHECK(m.contacts().at(0).uri.param("n%61me") == "v%61lue%25%34%31");
    CHECK(m.routes().at(0).uri.user == "user;par=u%40example.net");
    CHECK(m.routes().at(0).uri.param("lr") == "");
  }

  TEST_CASE("unknown methods, schemes and IPv6 references") {
    const Message m = parse_ok(crlf(
        "NEWMETHOD urn:service:sos SIP/2.0\n"
        "Via: SIP/2.0/TCP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111;received=2001:db8::9:255\n"
        "To: \"Unknown\" <xyz:nobody@example.com>\n"
        "From: <tel:+1-555-0100;ext=12>;tag=a\n"
        "Call-ID: zz-1@[2001:db8::9:1]\n"
        "CSeq: 8 NEWMETHOD\n"
        "Max-Forwards: 70\n\n"));
    CHECK(m.method() == "NEWMETHOD");
    CHECK(m.request_uri().scheme == Scheme::Other);
    CHECK(m.top_via().host == "[2001:db8::9:1]");
    CHECK(m.top_via().port == 6050);
    CHECK(m.top_via().received() == "2001:db8::9:255");
    CHECK(m.to().uri.scheme_name == "xyz");
    CHECK(m.from().uri.param("ext") == "12");
  }

  TEST_CASE("methods are case-sensitive; a CSeq in another case does not match") {
    CHECK(parse_ok(crlf("InViTe sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nFrom: <sip:x@y>;tag=1\nTo: <sip:a@b>\n"
                        "Call-ID: 1\nCSeq: 1 InViTe\n\n"))
              .method() == "InViTe");
    auto r = Message::parse(crlf("InViTe sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nFrom: <sip:x@y>;tag=1\nTo: <sip:a@b>\n"
                                 "Call-ID: 1\nCSeq: 1 INVITE\n\n"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == sb::Error{"sip.protocol", "CSeq method INVITE does not match the request method InViTe"});
  }

  TEST_CASE("invalid messages RFC 4475 style: each fails with sip.parse and a line") {
    const std::string base = "Via: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: <sip:x@y>;tag=1\nTo: <sip:a@b>\nCall-ID: 1\n";
    struct Case {
      std::string text;
      std::string message;
    };
    const Case cases[] = {
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nContent-Length: 9999\n\nv=0\n",
         "Content-Length is 9999 but the body has 5 bytes"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nContent-Length: -999\n\n",
         "line 7, column 17, Content-Length: expected a length in bytes, found '-'"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nMax-Forwards: 300\n\n",
         "line 7, column 15, Max-Forwards: expected a number 0-255, found '3'"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 36893488147419103232 INVITE\n\n",
         "line 6, column 7, CSeq: expected a sequence number below 2^31, found '3'"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nContact: \"Mr J User <sip:j@example.com>\n\n",
         "line 7, column 40, Contact: expected '\"' closing the display name, found the end of the value"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nContact: <sip:j@example.com\n\n",
         "line 7, column 28, Contact: expected '>' closing the URI, found the end of the value"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nTo: <sip:b@example.com>\n\n",
         "line 7: a second To header; To allows only one"},
        {"INVITE sip:user@[::1 SIP/2.0\n" + base + "CSeq: 1 INVITE\n\n",
         "line 1, column 21, Request-URI: expected ']' closing the IPv6 address, found a space"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nVia: SIP/2.0/UDP h;;branch=1\n\n",
         "line 7, column 20, Via: expected a parameter name, found ';'"},
        {"INVITE sip:user@example.com SIP/2.0\n" + base + "CSeq: 1 INVITE\nRoute: sip:p1.example.com;lr>\n\n",
         "line 7, column 29, Route: expected ';', ',' or the end of the value, found '>'"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.text);
      auto r = Message::parse(crlf(c.text));
      REQUIRE_FALSE(r.ok());
      CHECK(r.error() == sb::Error{"sip.parse", c.message});
    }
  }

  TEST_CASE("every prefix and every single-byte corruption of a message is handled without crashing") {
    const std::string text = crlf(
        "INVITE sip:1001@sip.test SIP/2.0\nVia: SIP/2.0/WSS a.invalid;branch=z9hG4bK1;rport\n"
        "From: \"A\" <sip:a@sip.test>;tag=1\nTo: <sip:1001@sip.test>\nCall-ID: x@y\nCSeq: 1 INVITE\n"
        "Contact: <sip:a@a.invalid;transport=ws>;+sip.ice\nRoute: <sip:p;lr>\nContent-Type: application/sdp\n"
        "Content-Length: 5\n\nv=0\n");
    REQUIRE(Message::parse(text).ok());
    int parsed = 0;
    for (std::size_t n = 0; n <= text.size(); ++n) parsed += Message::parse(text.substr(0, n)).ok();
    CHECK(parsed == 1);  // only the whole message
    const char bytes[] = {'\0', '\r', '\n', ' ', ';', ',', '"', '<', '>', ':', '@', '\x80', '%'};
    for (std::size_t i = 0; i < text.size(); ++i) {
      for (char b : bytes) {
        std::string copy = text;
        copy[i] = b;
        auto r = Message::parse(copy);
        if (r) {
          // Whatever parses also writes and parses again.
          CHECK(Message::parse(OutgoingMessage::copy_of(*r).serialize()).ok());
        } else {
          CHECK((r.error().code == "sip.parse" || r.error().code == "sip.protocol"));
          CHECK_FALSE(r.error().message.empty());
        }
      }
    }
  }
}
