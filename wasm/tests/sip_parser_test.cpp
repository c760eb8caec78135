#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "sip/message.h"
#include "sip_test_support.h"

using namespace sb::sip;

namespace {

const std::string kSdp = crlf(
    "v=0\n"
    "o=- 4858 4858 IN IP4 127.0.0.1\n"
    "s=-\n"
    "c=IN IP4 127.0.0.1\n"
    "t=0 0\n"
    "m=audio 6000 RTP/AVP 0 101\n"
    "a=rtpmap:0 PCMU/8000\n"
    "a=rtpmap:101 telephone-event/8000\n"
    "a=sendrecv\n");

std::string invite() {
  return crlf(
             "INVITE sip:1001@df7jal23ls0d.invalid;transport=ws SIP/2.0\n"
             "Record-Route: <sip:127.0.0.1:8088;transport=ws;r2=on;lr=on>\n"
             "Record-Route: <sip:127.0.0.1;r2=on;lr=on>\n"
             "Via: SIP/2.0/WS 127.0.0.1:8088;branch=z9hG4bKcydzigwkX\n"
             "Via: SIP/2.0/UDP 127.0.0.1:5070;received=127.0.0.1;rport=5070;branch=z9hG4bK-2641-1-0\n"
             "From: \"Customer\" <sip:+14155550100@127.0.0.1:5070>;tag=2641SIPpTag001\n"
             "To: <sip:1001@sip.test>\n"
             "Call-ID: 1-2641@127.0.0.1\n"
             "CSeq: 1 INVITE\n"
             "Contact: <sip:+14155550100@127.0.0.1:5070>\n"
             "Max-Forwards: 69\n"
             "Subject: Performance Test\n"
             "Content-Type: application/sdp\n"
             "Content-Length: ") +
         std::to_string(kSdp.size()) + "\r\n\r\n" + kSdp;
}

// A minimal valid request around the given extra header lines.
std::string request_with(std::string_view extra, std::string_view method = "OPTIONS") {
  return crlf(std::string(method) + " sip:a@example.com SIP/2.0\n" +
              "Via: SIP/2.0/WSS h.invalid;branch=z9hG4bK1\n"
              "From: <sip:b@example.com>;tag=1\n"
              "To: <sip:a@example.com>\n"
              "Call-ID: c1\n"
              "CSeq: 1 " + std::string(method) + "\n" + std::string(extra) + "\n\n");
}

sb::Error error_of(const std::string& text, const Limits& limits = {}) {
  auto r = Message::parse(text, limits);
  REQUIRE_FALSE_MESSAGE(r.ok(), text);
  return r.error();
}

}  // namespace

TEST_SUITE("sip.parser") {
  TEST_CASE("an INVITE with SDP and two Record-Routes") {
    const std::string text = invite();
    auto r = Message::parse(text);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    const Message& m = *r;
    CHECK(m.is_request());
    CHECK(m.method() == "INVITE");
    CHECK(m.version() == "SIP/2.0");
    CHECK(m.request_uri().user == "1001");
    CHECK(m.request_uri().param("transport") == "ws");
    CHECK(m.via_count() == 2);
    CHECK(m.top_via().transport == "WS");
    CHECK(m.top_via().host == "127.0.0.1");
    CHECK(m.top_via().port == 8088);
    CHECK(m.top_via().branch() == "z9hG4bKcydzigwkX");
    const auto vias = m.vias();
    REQUIRE(vias.size() == 2);
    CHECK(vias[1].received() == "127.0.0.1");
    CHECK(vias[1].rport() == "5070");
    CHECK(m.from().display() == "Customer");
    CHECK(m.from().uri.user == "+14155550100");
    CHECK(m.from().tag() == "2641SIPpTag001");
    CHECK_FALSE(m.to().tag());
    CHECK(m.call_id() == "1-2641@127.0.0.1");
    CHECK(m.cseq().number == 1);
    CHECK(m.cseq().method == "INVITE");
    CHECK(m.max_forwards() == 69);
    CHECK(m.content_type() == "application/sdp");
    CHECK(m.content_length() == kSdp.size());
    CHECK(m.body() == kSdp);
    CHECK(m.header("subject") == "Performance Test");
    CHECK(m.headers().size() == 13);
    const auto rr = m.record_routes();
    REQUIRE(rr.size() == 2);
    CHECK(rr[0].uri.port == 8088);
    CHECK(rr[0].uri.param("lr") == "on");
    CHECK(rr[1].uri.host == "127.0.0.1");
    const auto contacts = m.contacts();
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].uri.port == 5070);
    CHECK(m.routes().empty());
    CHECK_FALSE(m.header(HeaderId::Route));
  }

  TEST_CASE("a response with compact header names in mixed case") {
    const std::string text = crlf(
        "SIP/2.0 200 OK\n"
        "v: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK6443721;rport=52061;received=127.0.0.1\n"
        "F: \"Agent\" <sip:1001@sip.test>;tag=abc\n"
        "t: <sip:2000@sip.test>;tag=def\n"
        "I: a84b4c76e66710\n"
        "cseq: 314159 INVITE\n"
        "m: <sip:1001@df7jal23ls0d.invalid;transport=ws>;expires=600\n"
        "k: timer, replaces\n"
        "c: application/sdp\n"
        "l: 0\n\n");
    auto r = Message::parse(text);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    CHECK(r->is_response());
    CHECK(r->status() == 200);
    CHECK(r->reason_phrase() == "OK");
    CHECK(r->method() == "INVITE");
    CHECK(r->top_via().rport() == "52061");
    CHECK(r->from().tag() == "abc");
    CHECK(r->to().tag() == "def");
    CHECK(r->call_id() == "a84b4c76e66710");
    CHECK(r->cseq().number == 314159);
    CHECK(r->contacts().at(0).params.get("expires") == "600");
    CHECK(r->has_token(HeaderId::Supported, "replaces"));
    CHECK(r->has_token(HeaderId::Supported, "TIMER"));
    CHECK_FALSE(r->has_token(HeaderId::Supported, "100rel"));
    CHECK(r->content_length() == 0u);
    CHECK(r->body().empty());
    CHECK(r->header("Call-ID") == "a84b4c76e66710");
    CHECK(r->header("i") == "a84b4c76e66710");
    CHECK(r->header(HeaderId::ContentType) == "application/sdp");
  }

  TEST_CASE("list headers form one logical list across lines and commas") {
    auto r = Message::parse(request_with(
        "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKa, SIP/2.0/TCP p2.example.com:5061;branch=z9hG4bKb\n"
        "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\n"
        "Route: <sip:p3.example.com;lr>\n"
        "Allow: INVITE, ACK,CANCEL\n"
        "Allow: BYE\n"
        "Contact: \"Doe, John \\\"JD\\\"\" <sip:jd@example.com>, <sip:other,x@example.com;a=b>;q=0.5"));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    CHECK(r->via_count() == 3);
    CHECK(r->top_via().host == "h.invalid");
    const auto vias = r->vias();
    REQUIRE(vias.size() == 3);
    CHECK(vias[2].port == 5061);
    CHECK(vias[2].branch() == "z9hG4bKb");
    const auto routes = r->routes();
    REQUIRE(routes.size() == 3);
    CHECK(routes[2].uri.host == "p3.example.com");
    CHECK(r->values(HeaderId::Allow) == std::vector<std::string_view>{"INVITE", "ACK", "CANCEL", "BYE"});
    CHECK(r->values("allow").size() == 4);
    const auto contacts = r->contacts();
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].display() == "Doe, John \"JD\"");
    CHECK(contacts[1].uri.user == "other,x");
    CHECK(contacts[1].params.get("q") == "0.5");
    CHECK(r->count(HeaderId::Route) == 2);
    CHECK(r->count(HeaderId::Allow) == 2);
  }

  TEST_CASE("folded header lines read as one line") {
    const std::string text = crlf(
        "OPTIONS sip:a@example.com SIP/2.0\n"
        "Via: SIP/2.0/UDP h.example.com\n"
        "  ;branch=z9hG4bK1\n"
        "From: <sip:b@example.com>\n"
        "\t;tag=77\n"
        "To: <sip:a@example.com>\n"
        "Call-ID: c1\n"
        "CSeq: 1\n"
        "   OPTIONS\n"
        "Subject: first\n"
        " second\n"
        "\t  third\n"
        "\n");
    auto r = Message::parse(text);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    CHECK(r->top_via().branch() == "z9hG4bK1");
    CHECK(r->from().tag() == "77");
    CHECK(r->cseq().method == "OPTIONS");
    CHECK(r->header("Subject") == "first   second  \t  third");
    CHECK(r->headers().size() == 6);
  }

  TEST_CASE("odd but valid white space and case") {
    auto r = Message::parse(crlf(
        "OPTIONS sip:a@example.com SIP/2.0\n"
        "vIa  :SIP / 2.0 / udp\th.example.com : 5060 ; BRANCH = z9hG4bK1 ;rport\n"
        "From:<sip:b@example.com>  ;  tag = 1\n"
        "TO :   sip:a@example.com   \n"
        "call-id:\tc1@host\n"
        "CSEQ:   9   OPTIONS  \n"
        "Max-Forwards: 0\n"
        "Subject:\n"
        "X-Empty:   \n\n"));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    CHECK(r->top_via().protocol == "SIP");
    CHECK(r->top_via().transport == "udp");
    CHECK(r->top_via().port == 5060);
    CHECK(r->top_via().branch() == "z9hG4bK1");
    CHECK(r->top_via().rport() == "");
    CHECK(r->from().tag() == "1");
    CHECK(r->to().uri.user == "a");
    CHECK(r->call_id() == "c1@host");
    CHECK(r->cseq().number == 9);
    CHECK(r->max_forwards() == 0);
    CHECK(r->header("Subject") == "");
    CHECK(r->header("x-empty") == "");
  }

  TEST_CASE("unknown schemes, tel URIs and IPv6 where addresses go") {
    auto r = Message::parse(request_with(
        "Contact: <urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>, <mailto:agent@example.com>\n"
        "P-Asserted-Identity: \"Front Desk\" <tel:+14155550100>, <sip:+14155550100@[2001:db8::1]:5061>\n"
        "Referred-By: <sip:[::1]>"));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    const auto contacts = r->contacts();
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].uri.scheme == Scheme::Other);
    CHECK(contacts[1].uri.scheme_name == "mailto");
    const auto pai = r->addresses(HeaderId::PAssertedIdentity);
    REQUIRE(pai.size() == 2);
    CHECK(pai[0].uri.scheme == Scheme::Tel);
    CHECK(pai[0].uri.user == "+14155550100");
    CHECK(pai[1].uri.host == "[2001:db8::1]");
    CHECK(pai[1].uri.port == 5061);
    CHECK(r->referred_by()->uri.host == "[::1]");
  }

  TEST_CASE("status lines with unusual reason phrases") {
    auto with_reason = [](std::string_view line) {
      return crlf(std::string(line) + "\n" +
                  "Via: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:c@d>\nCall-ID: x\nCSeq: 2 BYE\n\n");
    };
    auto utf8 = Message::parse(with_reason("SIP/2.0 200 \xC3\x87" "a marche \xE2\x80\x94 d'accord: 100% OK!"));
    REQUIRE(utf8.ok());
    CHECK(utf8->reason_phrase() == "\xC3\x87" "a marche \xE2\x80\x94 d'accord: 100% OK!");
    CHECK(utf8->method() == "BYE");
    auto empty = Message::parse(with_reason("SIP/2.0 486 "));
    REQUIRE(empty.ok());
    CHECK(empty->status() == 486);
    CHECK(empty->reason_phrase() == "");
    auto none = Message::parse(with_reason("SIP/2.0 183"));
    REQUIRE(none.ok());
    CHECK(none->status() == 183);
    auto spaces = Message::parse(with_reason("SIP/2.0 603   Decline  "));
    REQUIRE(spaces.ok());
    CHECK(spaces->reason_phrase() == "  Decline  ");
    auto other_version = Message::parse(with_reason("SIP/3.0 200 OK"));
    REQUIRE(other_version.ok());
    CHECK(other_version->version() == "SIP/3.0");
  }

  TEST_CASE("the typed headers of transfer, subscription, session timer and auth") {
    auto r = Message::parse(request_with(
        "Refer-To: <sip:bob@example.com?Replaces=12345%40192.0.2.3%3Bto-tag%3Dtt%3Bfrom-tag%3Dff>\n"
        "Referred-By: Ada <sip:ada@example.com>\n"
        "Replaces: 98765@host;to-tag=a;from-tag=b;early-only\n"
        "Event: refer;id=93809824\n"
        "Subscription-State: terminated;reason=noresource\n"
        "Session-Expires: 1800;refresher=uac\n"
        "Min-SE: 90\n"
        "Expires: 600\n"
        "Reason: SIP;cause=200;text=\"Call completed elsewhere\", Q.850;cause=16\n"
        "WWW-Authenticate: Digest realm=\"sip.test\", nonce=\"abc\", qop=\"auth,auth-int\", algorithm=MD5\n"
        "WWW-Authenticate: Basic realm=\"x\""));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    const auto refer_to = r->refer_to();
    REQUIRE(refer_to);
    CHECK(refer_to->uri.header("Replaces") == "12345@192.0.2.3;to-tag=tt;from-tag=ff");
    CHECK(r->referred_by()->display() == "Ada");
    const auto replaces = r->replaces();
    REQUIRE(replaces);
    CHECK(replaces->call_id == "98765@host");
    CHECK(replaces->to_tag == "a");
    CHECK(replaces->from_tag == "b");
    CHECK(replaces->early_only);
    CHECK(r->event()->package == "refer");
    CHECK(r->event()->id() == "93809824");
    CHECK(r->subscription_state()->state == "terminated");
    CHECK(r->subscription_state()->reason() == "noresource");
    CHECK(r->session_expires()->seconds == 1800);
    CHECK(r->session_expires()->refresher() == "uac");
    CHECK(r->expires() == 600u);
    const auto reasons = r->reasons();
    REQUIRE(reasons.size() == 2);
    CHECK(reasons[0].cause() == 200u);
    CHECK(reasons[0].text() == "Call completed elsewhere");
    CHECK(reasons[1].protocol == "Q.850");
    const auto challenges = r->auth_headers(HeaderId::WwwAuthenticate);
    REQUIRE(challenges.size() == 2);
    CHECK(challenges[0].scheme == "Digest");
    CHECK(challenges[0].param("qop") == "\"auth,auth-int\"");
    CHECK(challenges[0].param("ALGORITHM") == "MD5");
    CHECK(challenges[1].scheme == "Basic");
  }

  TEST_CASE("framing: leading line breaks, bodies with and without Content-Length, bare LF") {
    const std::string base = request_with("Content-Type: text/plain", "MESSAGE");
    auto leading = Message::parse("\r\n\r\n" + base);
    REQUIRE(leading.ok());
    CHECK(leading->method() == "MESSAGE");

    auto rest_of_frame = Message::parse(base + "hello\r\nworld");
    REQUIRE(rest_of_frame.ok());
    CHECK_FALSE(rest_of_frame->content_length());
    CHECK(rest_of_frame->body() == "hello\r\nworld");

    auto lf_only = Message::parse(
        "BYE sip:a@b SIP/2.0\nVia: SIP/2.0/WS h;branch=z9hG4bK2\nFrom: <sip:x@y>;tag=1\nTo: <sip:a@b>;tag=2\n"
        "Call-ID: q\nCSeq: 3 BYE\nContent-Length: 0\n\n");
    REQUIRE(lf_only.ok());
    CHECK(lf_only->cseq().number == 3);
    CHECK(lf_only->to().tag() == "2");
  }

  TEST_CASE("long values and many headers within the limits") {
    std::string extra;
    for (int i = 0; i < 60; ++i) extra += "Via: SIP/2.0/TCP sip" + std::to_string(i) + ".example.com;branch=z9hG4bK" + std::to_string(i) + "\n";
    extra += "X-Long: " + std::string(6000, 'x') + "\n";
    extra += "To-Long-Name-" + std::string(200, 'n') + ": v\n";
    extra += "Contact: <sip:" + std::string(3000, 'u') + "@example.com>";
    auto r = Message::parse(request_with(extra));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    CHECK(r->via_count() == 61);
    CHECK(r->header("X-Long")->size() == 6000);
    CHECK(r->contacts().at(0).uri.user.size() == 3000);
  }

  TEST_CASE("moving a parsed message keeps its views valid; clone gives an independent copy") {
    std::vector<Message> kept;
    {
      std::string text = invite();
      auto r = Message::parse(text);
      REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
      kept.push_back(std::move(r).value());
      text.assign(text.size(), '#');  // the caller's text is gone
    }
    for (int i = 0; i < 20; ++i) kept.push_back(kept.front().clone());  // force reallocation
    Message moved = std::move(kept.front());
    CHECK(moved.call_id() == "1-2641@127.0.0.1");
    CHECK(moved.top_via().branch() == "z9hG4bKcydzigwkX");
    CHECK(moved.from().uri.user == "+14155550100");
    CHECK(moved.request_uri().host == "df7jal23ls0d.invalid");
    CHECK(kept.back().to().uri.host == "sip.test");
    CHECK(kept.back().raw() == moved.raw());
    CHECK(kept.back().raw().data() != moved.raw().data());
    CHECK(Message().clone().raw().empty());
    CHECK(moved.memory_bytes() > moved.raw().size());
    CHECK(moved.memory_bytes() < 4 * moved.raw().size());
  }

  TEST_CASE("every known header name maps back to itself, in any case and in compact form") {
    for (int i = 1; i <= static_cast<int>(HeaderId::WwwAuthenticate); ++i) {
      const auto id = static_cast<HeaderId>(i);
      const std::string_view name = header_name(id);
      CAPTURE(name);
      CHECK(header_id(name) == id);
      std::string upper(name);
      for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      CHECK(header_id(upper) == id);
    }
    CHECK(header_id("x-custom") == HeaderId::Other);
    CHECK(header_id("") == HeaderId::Other);
    CHECK(header_id("V") == HeaderId::Via);
    CHECK(header_id("o") == HeaderId::Event);
    CHECK(header_id("r") == HeaderId::ReferTo);
    CHECK(header_id("b") == HeaderId::ReferredBy);
    CHECK(header_id("x") == HeaderId::SessionExpires);
    CHECK(header_id("u") == HeaderId::AllowEvents);
    CHECK(header_id("z") == HeaderId::Other);
    CHECK(is_list_header(HeaderId::RecordRoute));
    CHECK_FALSE(is_list_header(HeaderId::WwwAuthenticate));
  }

  TEST_CASE("malformed framing and start lines") {
    CHECK(error_of("") == sb::Error{"sip.parse", "the message is empty"});
    CHECK(error_of("\r\n\r\n") == sb::Error{"sip.parse", "the message is empty"});
    CHECK(error_of("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n") ==
          sb::Error{"sip.parse", "line 3, column 1: the header section must end with an empty line"});
    CHECK(error_of("OPTIONS sip:a@b SIP/2.0") ==
          sb::Error{"sip.parse", "line 1, column 24: the header section must end with an empty line"});
    CHECK(error_of("INVITE  sip:a@b SIP/2.0\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 8, request line: expected a Request-URI, found a space"});
    CHECK(error_of("INVITE sip:a@b SIP/2.0 \r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 23, request line: expected the end of the line, found a space"});
    CHECK(error_of("INVITE sip:a@b SIP/2\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 16, request line: expected the SIP version SIP/2.0, found 'S'"});
    CHECK(error_of("INVITE sip:a@b\r\n\r\n") ==
          sb::Error{"sip.parse",
                    "line 1, column 15, request line: expected a space and the SIP version after the Request-URI, "
                    "found the end of the value"});
    CHECK(error_of("INVITE sip:a@ SIP/2.0\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 14, Request-URI: expected a host, found a space"});
    CHECK(error_of("INV<TE sip:a@b SIP/2.0\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 4, request line: expected a space after the method, found '<'"});
    CHECK(error_of("\r\n: x\r\n\r\n") ==
          sb::Error{"sip.parse", "line 2, column 1, request line: expected a method or SIP/2.0, found ':'"});
    CHECK(error_of("SIP/2.0 20 OK\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 9, status line: expected a status code 100-699, found '2'"});
    CHECK(error_of("SIP/2.0 700 Far\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 9, status line: expected a status code 100-699, found '7'"});
    CHECK(error_of("SIP/2.0 200OK\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 12, status line: expected a space before the reason phrase, found 'O'"});
    CHECK(error_of("SIP/2 200 OK\r\n\r\n") ==
          sb::Error{"sip.parse", "line 1, column 5, status line: expected a SIP version such as SIP/2.0, found '2'"});
  }

  TEST_CASE("malformed header lines") {
    CHECK(error_of(request_with("Foo bar")) ==
          sb::Error{"sip.parse", "line 7, column 5: expected ':' after the header name, found 'b'"});
    CHECK(error_of(request_with(": bar")) == sb::Error{"sip.parse", "line 7, column 1: expected a header name"});
    CHECK(error_of(crlf("OPTIONS sip:a@b SIP/2.0\n folded\n\n")) ==
          sb::Error{"sip.parse", "line 2, column 1: a continuation line needs a header line before it"});
    CHECK(error_of(request_with(std::string("X-Nul: a\0b", 10))) ==
          sb::Error{"sip.parse", "line 7, column 9: control character 0x00 is not allowed in the header section"});
    CHECK(error_of(request_with("X-Cr: a\rb")) ==
          sb::Error{"sip.parse", "line 7, column 8: CR must be followed by LF"});
    CHECK(error_of(request_with("X-Esc: \x1b[31m")) ==
          sb::Error{"sip.parse", "line 7, column 8: control character 0x1B is not allowed in the header section"});
  }

  TEST_CASE("malformed values of the headers the stack interprets") {
    CHECK(error_of(request_with("Contact: <sip:a@b;expires=")) ==
          sb::Error{"sip.parse", "line 7, column 27, Contact: expected '>' closing the URI, found the end of the value"});
    CHECK(error_of(request_with("Contact: <sip:a@b>;expires=")) ==
          sb::Error{"sip.parse", "line 7, column 28, Contact: expected a parameter value, found the end of the value"});
    CHECK(error_of(request_with("Record-Route: <sip:p1;lr>, <sip:p2;lr>>")) ==
          sb::Error{"sip.parse", "line 7, column 39, Record-Route: expected ';', ',' or the end of the value, found '>'"});
    CHECK(error_of(request_with("Via: SIP/2.0 h.example.com")) ==
          sb::Error{"sip.parse", "line 7, column 14, Via: expected '/' in the sent-protocol, found 'h'"});
    CHECK(error_of(request_with("Via: SIP/2.0/UDP")) ==
          sb::Error{"sip.parse",
                    "line 7, column 17, Via: expected white space before the sent-by host, found the end of the value"});
    CHECK(error_of(request_with("Via: SIP/2.0/UDP h:0")) ==
          sb::Error{"sip.parse", "line 7, column 20, Via: expected a port number 1-65535, found '0'"});
    CHECK(error_of(request_with("Allow: INVITE, A CK")) ==
          sb::Error{"sip.parse", "line 7, column 18, Allow: expected ',' or the end of the value, found 'C'"});
    CHECK(error_of(request_with("Replaces: abc;to-tag=1")) ==
          sb::Error{"sip.parse", "line 7, column 23, Replaces: expected a from-tag parameter, found the end of the value"});
    CHECK(error_of(request_with("Event: ;id=1")) ==
          sb::Error{"sip.parse", "line 7, column 8, Event: expected an event package, found ';'"});
    CHECK(error_of(request_with("Expires: soon")) ==
          sb::Error{"sip.parse", "line 7, column 10, Expires: expected a number of seconds, found 's'"});
    CHECK(error_of(request_with("WWW-Authenticate: Digest realm")) ==
          sb::Error{"sip.parse",
                    "line 7, column 31, WWW-Authenticate: expected '=' after the parameter name, found the end of the value"});
    CHECK(error_of(request_with("Max-Forwards: 256")) ==
          sb::Error{"sip.parse", "line 7, column 15, Max-Forwards: expected a number 0-255, found '2'"});
    CHECK(error_of(request_with("Content-Type: sdp")) ==
          sb::Error{"sip.parse", "line 7, column 18, Content-Type: expected '/' between type and subtype, found the end of the value"});
    CHECK(error_of(request_with("Content-Length: -1")) ==
          sb::Error{"sip.parse", "line 7, column 17, Content-Length: expected a length in bytes, found '-'"});
    // The column of an error in a continuation line counts from that line's start.
    CHECK(error_of(request_with("Refer-To: <sip:x@y>\n ;=1")) ==
          sb::Error{"sip.parse", "line 8, column 3, Refer-To: expected a parameter name, found '='"});
  }

  TEST_CASE("core headers: duplicates, missing ones, CSeq mismatch and Content-Length mismatch") {
    CHECK(error_of(request_with("To: <sip:c@example.com>")) ==
          sb::Error{"sip.parse", "line 7: a second To header; To allows only one"});
    CHECK(error_of(request_with("i: other")) ==
          sb::Error{"sip.parse", "line 7: a second Call-ID header; Call-ID allows only one"});
    CHECK(error_of(request_with("Content-Length: 0\nl: 0")) ==
          sb::Error{"sip.parse", "line 8: a second Content-Length header; Content-Length allows only one"});
    CHECK(error_of(crlf("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nFrom: <sip:x@y>\nTo: <sip:a@b>\nCSeq: 1 OPTIONS\n\n")) ==
          sb::Error{"sip.protocol", "missing mandatory header Call-ID"});
    CHECK(error_of(crlf("SIP/2.0 200 OK\nFrom: <sip:x@y>\nTo: <sip:a@b>\nCall-ID: 1\nCSeq: 1 OPTIONS\n\n")) ==
          sb::Error{"sip.protocol", "missing mandatory header Via"});
    CHECK(error_of(crlf("BYE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nFrom: <sip:x@y>\nTo: <sip:a@b>\nCall-ID: 1\n"
                        "CSeq: 1 ACK\n\n")) ==
          sb::Error{"sip.protocol", "CSeq method ACK does not match the request method BYE"});
    CHECK(error_of(request_with("Content-Length: 10") + "short") ==
          sb::Error{"sip.parse", "Content-Length is 10 but the body has 5 bytes"});
    CHECK(error_of(request_with("Content-Length: 2") + "long") ==
          sb::Error{"sip.parse", "Content-Length is 2 but the body has 4 bytes"});
    CHECK(error_of(request_with("CSeq: 1 OPTIONS")) ==
          sb::Error{"sip.parse", "line 7: a second CSeq header; CSeq allows only one"});
    CHECK(error_of(crlf("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nFrom: <sip:x@y>\nTo: <sip:a@b>\nCall-ID: 1\n"
                        "CSeq: 2147483648 OPTIONS\n\n")) ==
          sb::Error{"sip.parse", "line 6, column 7, CSeq: expected a sequence number below 2^31, found '2'"});
  }

  TEST_CASE("size limits answer sip.too_large") {
    CHECK(error_of(std::string(64 * 1024 + 1, 'x')) ==
          sb::Error{"sip.too_large", "the message is 65537 bytes (limit: 65536)"});
    Limits small;
    small.max_headers = 5;
    CHECK(error_of(request_with("X-A: 1"), small) ==
          sb::Error{"sip.too_large", "line 7: too many header lines (limit: 5)"});
    small = Limits{};
    small.max_line_bytes = 100;
    CHECK(error_of(request_with("X-Long: " + std::string(100, 'a')), small) ==
          sb::Error{"sip.too_large", "line 7: the header is too long (limit: 100)"});
    CHECK(error_of(request_with("X-Long: a\n" + std::string(60, ' ') + "b\n" + std::string(60, ' ') + "c"), small) == sb::Error{"sip.too_large", "line 9, X-Long: the header is too long (limit: 100)"});
    CHECK(error_of("OPTIONS sip:" + std::string(100, 'a') + "@b SIP/2.0\r\n\r\n", small) ==
          sb::Error{"sip.too_large", "line 1, start line: the start line is too long (limit: 100)"});
    small = Limits{};
    small.max_elements = 3;
    CHECK(error_of(request_with("Route: <sip:a>, <sip:b>, <sip:c>"), small) ==
          sb::Error{"sip.too_large", "line 7, Route: too many list elements in the message (limit: 3)"});
    small = Limits{};
    small.max_params = 2;
    CHECK(Message::parse(request_with("Contact: <sip:a@b>;a;b;c"), small).error() ==
          sb::Error{"sip.too_large", "line 7, Contact: too many parameters (limit: 2)"});
    small = Limits{};
    small.max_uri_bytes = 20;
    CHECK(error_of(request_with("Contact: <sip:" + std::string(30, 'a') + "@b>"), small) ==
          sb::Error{"sip.too_large", "line 7, Contact: the URI is too long (limit: 20)"});
  }
}
