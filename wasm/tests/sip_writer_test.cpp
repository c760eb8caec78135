#include <doctest/doctest.h>

#include <string>

#include "sip/message.h"
#include "sip/writer.h"
#include "sip_test_support.h"

using namespace sb::sip;

namespace {

const std::string kInvite = crlf(
    "INVITE sip:1001@df7jal23ls0d.invalid;transport=ws SIP/2.0\n"
    "Record-Route: <sip:127.0.0.1:8088;transport=ws;r2=on;lr=on>\n"
    "Record-Route: <sip:127.0.0.1;r2=on;lr=on>\n"
    "Via: SIP/2.0/WS 127.0.0.1:8088;branch=z9hG4bKcydzigwkX\n"
    "v: SIP/2.0/UDP 127.0.0.1:5070;received=127.0.0.1;rport=5070;branch=z9hG4bK-2641-1-0, SIP/2.0/UDP 10.0.0.1\n"
    "From: \"Customer\" <sip:+14155550100@127.0.0.1:5070>;tag=2641SIPpTag001\n"
    "To: <sip:1001@sip.test>\n"
    "Call-ID: 1-2641@127.0.0.1\n"
    "CSeq: 1 INVITE\n"
    "Timestamp: 54\n"
    "Contact: <sip:+14155550100@127.0.0.1:5070>\n"
    "Max-Forwards: 69\n"
    "Content-Type: application/sdp\n"
    "Content-Length: 12\n"
    "\n"
    "v=0\no=- x\n");

Message parse(const std::string& text) {
  auto r = Message::parse(text);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  return std::move(r).value();
}

}  // namespace

TEST_SUITE("sip.writer") {
  TEST_CASE("a request serializes with CRLFs and a computed Content-Length") {
    auto m = OutgoingMessage::request("REGISTER", "sip:sip.test");
    m.add("Via", "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1;rport");
    m.add("Max-Forwards", "70");
    m.add("To", "<sip:1001@sip.test>");
    m.add("From", "<sip:1001@sip.test>;tag=abc");
    m.add("Call-ID", "reg-1");
    m.add("CSeq", "1 REGISTER");
    m.add("Content-Length", "999");  // ignored: always computed
    CHECK(m.serialize() == crlf("REGISTER sip:sip.test SIP/2.0\n"
                                "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1;rport\n"
                                "Max-Forwards: 70\n"
                                "To: <sip:1001@sip.test>\n"
                                "From: <sip:1001@sip.test>;tag=abc\n"
                                "Call-ID: reg-1\n"
                                "CSeq: 1 REGISTER\n"
                                "Content-Length: 0\n"
                                "\n"));
    m.set_body("text/plain", "hi");
    const std::string text = m.serialize();
    CHECK(text.find("Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi") != std::string::npos);
    CHECK(parse(text).body() == "hi");
    m.set_body("text/plain", "");
    CHECK_FALSE(m.has("Content-Type"));
  }

  TEST_CASE("set, add_first, remove and get match names in any case and compact form") {
    auto m = OutgoingMessage::request("OPTIONS", "sip:a@b");
    m.add("v", "SIP/2.0/UDP one");
    m.add("X-Custom", "1");
    m.add("Via", "SIP/2.0/UDP two");
    m.add("x-custom", "2");
    m.add_first("VIA", "SIP/2.0/UDP zero");
    CHECK(m.get_all("via") == std::vector<std::string_view>{"SIP/2.0/UDP zero", "SIP/2.0/UDP one", "SIP/2.0/UDP two"});
    CHECK(m.get("X-CUSTOM") == "1");
    m.set("x-custom", "3");
    CHECK(m.get_all("X-Custom") == std::vector<std::string_view>{"3"});
    CHECK(m.remove("V") == 3);
    CHECK_FALSE(m.has("Via"));
    m.add_first("Route", "<sip:p1;lr>");  // none yet: goes on top
    CHECK(m.serialize().rfind("OPTIONS sip:a@b SIP/2.0\r\nRoute: <sip:p1;lr>\r\nx-custom: 3\r\n", 0) == 0);
    CHECK(m.remove("Nothing") == 0);
    CHECK(m.header_count() == 2);
  }

  TEST_CASE("control characters cannot inject header lines") {
    auto m = OutgoingMessage::request("MESSAGE", "sip:a@b\r\nX: y");
    m.add("Subject", "hello\r\nVia: SIP/2.0/UDP evil");
    m.add("Bad Name:", "v");
    const std::string text = m.serialize();
    CHECK(text.rfind("MESSAGE sip:a@b%0D%0AX:%20y SIP/2.0\r\nSubject: hello  Via: SIP/2.0/UDP evil\r\nBadName: v\r\n", 0) == 0);
  }

  TEST_CASE("a provisional response with To-tag copies Via, From, To, Call-ID, CSeq and Record-Route") {
    const Message invite = parse(kInvite);
    const std::string ringing = make_response(invite, 180, {}, "as8e7f").serialize();
    CHECK(ringing == crlf("SIP/2.0 180 Ringing\n"
                          "Record-Route: <sip:127.0.0.1:8088;transport=ws;r2=on;lr=on>\n"
                          "Record-Route: <sip:127.0.0.1;r2=on;lr=on>\n"
                          "Via: SIP/2.0/WS 127.0.0.1:8088;branch=z9hG4bKcydzigwkX\n"
                          "Via: SIP/2.0/UDP 127.0.0.1:5070;received=127.0.0.1;rport=5070;branch=z9hG4bK-2641-1-0, "
                          "SIP/2.0/UDP 10.0.0.1\n"
                          "From: \"Customer\" <sip:+14155550100@127.0.0.1:5070>;tag=2641SIPpTag001\n"
                          "To: <sip:1001@sip.test>;tag=as8e7f\n"
                          "Call-ID: 1-2641@127.0.0.1\n"
                          "CSeq: 1 INVITE\n"
                          "Content-Length: 0\n\n"));
    const Message parsed = parse(ringing);
    CHECK(parsed.via_count() == 3);
    CHECK(parsed.to().tag() == "as8e7f");
    CHECK(parsed.record_routes().size() == 2);
  }

  TEST_CASE("100 Trying gets no To-tag and echoes Timestamp; failures get no Record-Route") {
    const Message invite = parse(kInvite);
    const auto trying = make_response(invite, 100, {}, "tag1");
    CHECK(trying.get("To") == "<sip:1001@sip.test>");
    CHECK(trying.get("Timestamp") == "54");
    CHECK_FALSE(trying.has("Record-Route"));
    const auto busy = make_response(invite, 486, {}, "tag1");
    CHECK(busy.reason_phrase() == "Busy Here");
    CHECK(busy.get("To") == "<sip:1001@sip.test>;tag=tag1");
    CHECK_FALSE(busy.has("Record-Route"));
    CHECK_FALSE(busy.has("Timestamp"));
    const auto custom = make_response(invite, 200, "Fine", "tag1");
    CHECK(custom.reason_phrase() == "Fine");
    CHECK(custom.get_all("Record-Route").size() == 2);
  }

  TEST_CASE("in-dialog requests keep their To-tag and get no Record-Route") {
    const Message bye = parse(crlf("BYE sip:a@b SIP/2.0\nVia: SIP/2.0/WS h;branch=z9hG4bK9\nRecord-Route: <sip:p;lr>\n"
                                   "From: <sip:x@y>;tag=1\nTo: <sip:a@b>;tag=2\nCall-ID: q\nCSeq: 3 BYE\n\n"));
    const auto ok = make_response(bye, 200, {}, "other");
    CHECK(ok.get("To") == "<sip:a@b>;tag=2");
    CHECK_FALSE(ok.has("Record-Route"));
  }

  TEST_CASE("parse, write and parse again gives the same message") {
    const Message first = parse(kInvite);
    const std::string written = OutgoingMessage::copy_of(first).serialize();
    const Message second = parse(written);
    CHECK(second.method() == first.method());
    CHECK(second.request_uri().text == first.request_uri().text);
    CHECK(second.call_id() == first.call_id());
    CHECK(second.cseq().number == first.cseq().number);
    CHECK(second.from().tag() == first.from().tag());
    CHECK(second.body() == first.body());
    REQUIRE(second.headers().size() == first.headers().size());
    for (std::size_t i = 0; i < first.headers().size(); ++i) {
      CHECK(second.headers()[i].id == first.headers()[i].id);
      CHECK(second.headers()[i].value == first.headers()[i].value);
    }
    // And once more: the written form is a fixed point.
    CHECK(OutgoingMessage::copy_of(second).serialize() == written);

    // Reason phrases are copied as written, spaces included.
    const Message odd = parse(crlf("SIP/2.0 603   Not now  \nVia: SIP/2.0/WS h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\n"
                                   "To: <sip:c@d>;tag=2\nCall-ID: x\nCSeq: 1 INVITE\n\n"));
    CHECK(parse(OutgoingMessage::copy_of(odd).serialize()).reason_phrase() == "  Not now  ");

    const Message response = parse(make_response(first, 183, "Session Progress", "t").serialize());
    const Message again = parse(OutgoingMessage::copy_of(response).serialize());
    CHECK(again.status() == 183);
    CHECK(again.reason_phrase() == "Session Progress");
    CHECK(again.to().tag() == "t");
  }

  TEST_CASE("default reason phrases") {
    CHECK(default_reason(200) == "OK");
    CHECK(default_reason(481) == "Call/Transaction Does Not Exist");
    CHECK(default_reason(487) == "Request Terminated");
    CHECK(default_reason(199) == "Early Dialog Terminated");
    CHECK(default_reason(299) == "Success");
    CHECK(default_reason(499) == "Client Error");
    CHECK(default_reason(699) == "Global Failure");
    CHECK(OutgoingMessage::response(42).status() == 100);
  }
}
