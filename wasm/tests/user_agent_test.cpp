// The SIP user agent inside the engine, against a scripted PBX: every frame the agent sends is parsed
// and checked, every answer is built as a PBX would, and time only moves when the test says so.
#include <deque>

#include <fmt/format.h>

#include "engine_fixture.h"
#include "sip/digest.h"
#include "sip/message.h"
#include "sip/writer.h"

using sb::Json;
using sbtest::find_effect;

namespace {

const char* kOfferSdp =
    "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 101\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n"
    "a=rtpmap:101 telephone-event/8000\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
    "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n"
    "a=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\n";

std::string sdp_with(std::string_view direction) {
  std::string s = kOfferSdp;
  s.replace(s.find("a=sendrecv"), 10, "a=" + std::string(direction));
  return s;
}

struct Pbx : sbtest::Bench {
  std::deque<std::string> frames;  // what the agent sent, oldest first
  Json media = Json::array();      // media.* effects, oldest first
  std::int64_t conn = 0;
  std::string password = "secret";
  std::string agent_contact;       // the Contact the agent registered

  Pbx() : Bench(false) {}

  Json send(Json event) override {
    Json fx = Bench::send(std::move(event));
    for (const auto& e : fx) {
      const std::string type = e["type"];
      if (type == "ws.send") frames.push_back(e["data"]);
      if (type == "ws.connect") conn = e["conn"];
      if (type.rfind("media.", 0) == 0) media.push_back(e);
    }
    return fx;
  }

  Json deliver(const std::string& frame) { return send({{"type", "ws.message"}, {"conn", conn}, {"data", frame}}); }

  // The next SIP message the agent sent (keep-alive pings skipped).
  sb::sip::Message next() {
    while (!frames.empty() && frames.front().find_first_not_of("\r\n") == std::string::npos) frames.pop_front();
    REQUIRE_MESSAGE(!frames.empty(), "the agent sent nothing");
    if (frames.empty()) return {};  // (asserts do not stop a test in this build mode)
    auto m = sb::sip::Message::parse(frames.front());
    REQUIRE_MESSAGE(m.ok(), (m.ok() ? "" : m.error().message) << "\n" << frames.front());
    frames.pop_front();
    return std::move(*m);
  }

  sb::sip::Message expect(std::string_view method) {
    auto m = next();
    CHECK_MESSAGE(m.is_request(), "expected a " << method << " request, got " << m.status());
    CHECK(m.method() == method);
    return m;
  }

  int expect_response() {
    auto m = next();
    CHECK(m.is_response());
    return m.status();
  }

  Json take_media(std::string_view type) {
    for (std::size_t i = 0; i < media.size(); ++i) {
      if (media[i]["type"] == type) {
        Json e = media[i];
        media.erase(i);
        return e;
      }
    }
    FAIL("no " << type << " effect");
    return nullptr;
  }

  std::string reply(const sb::sip::Message& req, int code, std::string_view to_tag = "pbx-tag",
                    std::string_view sdp = {}, std::vector<std::pair<std::string, std::string>> extra = {}) {
    auto r = sb::sip::make_response(req, code, {}, code == 100 ? std::string_view() : to_tag);
    for (auto& [k, v] : extra) r.add(k, v);
    if (!sdp.empty()) r.set_body("application/sdp", sdp);
    return r.serialize();
  }

  void connect_and_register(Json sip = Json::object()) {
    Json settings = {{"ws_url", "wss://pbx.example.com/ws"}, {"password", password}};
    settings.merge_patch(sip);
    start({{"sip", settings}});
    send({{"type", "ws.open"}, {"conn", conn}});
    auto reg = expect("REGISTER");
    CHECK(reg.top_via().transport == "WSS");
    CHECK(reg.top_via().host.find(".invalid") != std::string_view::npos);
    auto contacts = reg.contacts();
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].uri.param("transport") == "ws");
    CHECK(contacts[0].uri.params.has("ob"));
    agent_contact = std::string(contacts[0].uri.text);
    deliver(reply(reg, 401, "r", {}, {{"WWW-Authenticate", R"(Digest realm="pbx.example.com", nonce="n1", qop="auth")"}}));
    auto authed = expect("REGISTER");
    CHECK(authed.cseq().number == reg.cseq().number + 1);
    auto auth = authed.header("Authorization");
    REQUIRE(auth);
    CHECK(auth->find("username=\"1001\"") != std::string_view::npos);
    CHECK(auth->find("nc=00000001") != std::string_view::npos);
    deliver(reply(authed, 200, "r", {}, {{"Contact", "<" + agent_contact + ">;expires=600"}}));
    CHECK(view()["line"]["registration"] == "registered");
  }

  // An INVITE from a customer through the PBX, with two Record-Routes.
  std::string invite(std::string_view call_id = "inv-1", std::string_view from = "+14155550100",
                     std::string_view branch = "z9hG4bKc1", std::string_view extra = "") {
    std::string body = kOfferSdp;
    return fmt::format(
        "INVITE {} SIP/2.0\r\nVia: SIP/2.0/WSS 127.0.0.1:8443;branch={}\r\nVia: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKcust\r\n"
        "Record-Route: <sip:127.0.0.1:8443;transport=ws;r2=on;lr>\r\nRecord-Route: <sip:127.0.0.1;r2=on;lr>\r\n"
        "Max-Forwards: 69\r\nFrom: \"Ada Lovelace\" <sip:{}@pbx.example.com>;tag=cust1\r\nTo: <sip:1001@pbx.example.com>\r\n"
        "Call-ID: {}\r\nCSeq: 1 INVITE\r\nContact: <sip:{}@10.0.0.9:5060>\r\n{}Content-Type: application/sdp\r\n"
        "Content-Length: {}\r\n\r\n{}",
        agent_contact, branch, from, call_id, from, extra, body.size(), body);
  }

  std::string in_dialog(std::string_view method, const std::string& to_tag, int cseq, std::string_view body = {},
                        std::string_view type = "application/sdp", std::string_view extra = "", std::string_view call_id = "inv-1") {
    return fmt::format(
        "{} {} SIP/2.0\r\nVia: SIP/2.0/WSS 127.0.0.1:8443;branch=z9hG4bK{}{}\r\nMax-Forwards: 69\r\n"
        "From: <sip:+14155550100@pbx.example.com>;tag=cust1\r\nTo: <sip:1001@pbx.example.com>;tag={}\r\n"
        "Call-ID: {}\r\nCSeq: {} {}\r\nContact: <sip:+14155550100@10.0.0.9:5060>\r\n{}{}Content-Length: {}\r\n\r\n{}",
        method, agent_contact, method, cseq, to_tag, call_id, cseq, method, extra,
        body.empty() ? "" : fmt::format("Content-Type: {}\r\n", type), body.size(), body);
  }

  // Rings the agent and answers; returns the agent's To-tag.
  std::string inbound_connected() {
    deliver(invite());
    CHECK(expect_response() == 100);
    auto ringing = next();
    CHECK(ringing.status() == 180);
    std::string tag(ringing.to().tag().value_or(""));
    send({{"type", "ui.answer"}});
    auto create = take_media("media.create");
    CHECK(create["remote_sdp"] == kOfferSdp);
    send({{"type", "media.answer"}, {"session", "c1"}, {"sdp", sdp_with("sendrecv")}});
    auto ok = next();
    CHECK(ok.status() == 200);
    deliver(in_dialog("ACK", tag, 1, {}, "", ""));
    CHECK(view()["calls"][0]["state"] == "connected");
    return tag;
  }
};

}  // namespace

TEST_SUITE("ua") {
  TEST_CASE("registration: WebSocket, digest challenge answered, refresh before expiry, keep-alive") {
    Pbx p;
    p.connect_and_register();
    CHECK(p.internals().io.timer_active("sip.reg.refresh"));
    CHECK(p.internals().io.timer_active("sip.keepalive"));
    p.advance(540'000);
    p.send({{"type", "timer.fired"}, {"id", "sip.reg.refresh"}});
    auto refresh = p.expect("REGISTER");
    // The same nonce is used again with the next nonce count.
    CHECK(refresh.header("Authorization")->find("nc=00000002") != std::string_view::npos);
    p.send({{"type", "timer.fired"}, {"id", "sip.keepalive"}});
    REQUIRE_FALSE(p.frames.empty());
    CHECK(p.frames.back() == "\r\n\r\n");
  }

  TEST_CASE("a refused password fails the line with a plain message instead of looping") {
    Pbx p;
    p.password = "wrong";
    p.start({{"sip", {{"password", "wrong"}}}});
    p.send({{"type", "ws.open"}, {"conn", p.conn}});
    auto reg = p.expect("REGISTER");
    p.deliver(p.reply(reg, 401, "r", {}, {{"WWW-Authenticate", R"(Digest realm="x", nonce="n1")"}}));
    auto again = p.expect("REGISTER");
    CHECK(again.header("Authorization"));
    p.deliver(p.reply(again, 401, "r", {}, {{"WWW-Authenticate", R"(Digest realm="x", nonce="n2")"}}));
    CHECK(p.frames.empty());
    auto v = p.view();
    CHECK(v["line"]["registration"] == "failed");
    CHECK(v["notices"][0]["code"] == "line.refused");
  }

  TEST_CASE("a stale nonce is answered again; 423 raises the expiry") {
    Pbx p;
    p.start({{"sip", {{"password", "secret"}}}});
    p.send({{"type", "ws.open"}, {"conn", p.conn}});
    auto reg = p.expect("REGISTER");
    p.deliver(p.reply(reg, 423, "r", {}, {{"Min-Expires", "1800"}}));
    reg = p.expect("REGISTER");
    CHECK(reg.expires() == 1800u);
    p.deliver(p.reply(reg, 401, "r", {}, {{"WWW-Authenticate", R"(Digest realm="x", nonce="n1")"}}));
    reg = p.expect("REGISTER");
    p.deliver(p.reply(reg, 401, "r", {}, {{"WWW-Authenticate", R"(Digest realm="x", nonce="n2", stale=true)"}}));
    reg = p.expect("REGISTER");
    CHECK(reg.header("Authorization")->find("nonce=\"n2\"") != std::string_view::npos);
    p.deliver(p.reply(reg, 200, "r"));
    CHECK(p.view()["line"]["registration"] == "registered");
  }

  TEST_CASE("inbound call: 100, 180, answer with the browser's SDP, 2xx until ACK, BYE from the caller") {
    Pbx p;
    p.connect_and_register();
    p.deliver(p.invite());
    CHECK(p.expect_response() == 100);
    auto ringing = p.next();
    CHECK(ringing.status() == 180);
    CHECK(ringing.record_routes().size() == 2);
    CHECK(ringing.contacts().size() == 1);
    const std::string tag(ringing.to().tag().value_or(""));
    CHECK_FALSE(tag.empty());
    auto c = p.view()["calls"][0];
    CHECK(c["label"] == "Ada Lovelace");
    CHECK(c["number_display"] == "(415) 555-0100");
    CHECK(c["state"] == "ringing");

    p.send({{"type", "ui.answer"}});
    auto create = p.take_media("media.create");
    CHECK(create["session"] == "c1");
    CHECK(create["ice_servers"] == Json::array());
    p.send({{"type", "media.answer"}, {"session", "c1"}, {"sdp", sdp_with("sendrecv")}});
    auto ok = p.next();
    CHECK(ok.status() == 200);
    CHECK(ok.body() == sdp_with("sendrecv"));
    // No ACK yet: the 2xx goes again at T1, then 2·T1.
    p.advance(500);
    p.send({{"type", "timer.fired"}, {"id", "sip.2xx.c1"}});
    CHECK(p.next().status() == 200);
    p.deliver(p.in_dialog("ACK", tag, 1));
    CHECK(p.view()["calls"][0]["state"] == "connected");
    CHECK_FALSE(p.internals().io.timer_active("sip.2xx.c1"));

    p.deliver(p.in_dialog("BYE", tag, 2));
    CHECK(p.expect_response() == 200);
    p.take_media("media.close");
    c = p.view()["calls"][0];
    CHECK(c["state"] == "wrap_up");
    CHECK(c["end_cause"] == "remote_hangup");
  }

  TEST_CASE("a retransmitted INVITE gets the same answer again and no second call") {
    Pbx p;
    p.connect_and_register();
    p.deliver(p.invite());
    p.next();
    auto first = p.next();
    p.deliver(p.invite());
    auto again = p.next();
    CHECK(again.status() == 180);
    CHECK(again.to().tag() == first.to().tag());
    CHECK(p.view()["calls"].size() == 1);
  }

  TEST_CASE("the caller gives up while it rings: CANCEL, 487, a missed call") {
    Pbx p;
    p.connect_and_register();
    p.deliver(p.invite());
    p.next();
    auto ringing = p.next();
    p.deliver("CANCEL sip:x SIP/2.0\r\nVia: SIP/2.0/WSS 127.0.0.1:8443;branch=z9hG4bKc1\r\nMax-Forwards: 70\r\n"
              "From: <sip:+14155550100@pbx.example.com>;tag=cust1\r\nTo: <sip:1001@pbx.example.com>\r\n"
              "Call-ID: inv-1\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n");
    auto a = p.next();
    auto b = p.next();
    CHECK(a.status() == 200);
    CHECK(a.method() == "CANCEL");
    CHECK(b.status() == 487);
    CHECK(b.to().tag() == ringing.to().tag());
    auto v = p.view();
    CHECK(v["calls"].empty());
    CHECK(v["history"][0]["outcome"] == "missed");
  }

  TEST_CASE("CANCEL because another agent answered is not a missed call") {
    Pbx p;
    p.connect_and_register();
    p.deliver(p.invite());
    p.next();
    p.next();
    p.deliver("CANCEL sip:x SIP/2.0\r\nVia: SIP/2.0/WSS 127.0.0.1:8443;branch=z9hG4bKc1\r\nMax-Forwards: 70\r\n"
              "From: <sip:+14155550100@pbx.example.com>;tag=cust1\r\nTo: <sip:1001@pbx.example.com>\r\n"
              "Call-ID: inv-1\r\nCSeq: 1 CANCEL\r\nReason: SIP;cause=200;text=\"Call completed elsewhere\"\r\nContent-Length: 0\r\n\r\n");
    CHECK(p.view()["history"][0]["outcome"] == "answered_elsewhere");
    CHECK(p.view()["notices"].empty());
  }

  TEST_CASE("outbound call: offer from the browser, proxy challenge, ringing, answer, BYE along the route set") {
    Pbx p;
    p.connect_and_register();
    p.send({{"type", "ui.dial"}, {"number", "(415) 555-0100"}});
    auto create = p.take_media("media.create");
    CHECK_FALSE(create.contains("remote_sdp"));
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", kOfferSdp}});
    auto inv = p.expect("INVITE");
    CHECK(inv.request_uri().text == "sip:+14155550100@pbx.example.com");
    CHECK(inv.body() == kOfferSdp);
    CHECK(p.view()["calls"][0]["state"] == "dialing");
    p.deliver(p.reply(inv, 407, "px", {}, {{"Proxy-Authenticate", R"(Digest realm="pbx.example.com", nonce="p1", qop="auth")"}}));
    auto ack = p.expect("ACK");
    CHECK(ack.top_via().branch() == inv.top_via().branch());
    auto inv2 = p.expect("INVITE");
    CHECK(inv2.header("Proxy-Authorization"));
    CHECK(inv2.cseq().number == inv.cseq().number + 1);
    CHECK(inv2.call_id() == inv.call_id());
    p.deliver(p.reply(inv2, 100));
    p.deliver(p.reply(inv2, 180, "callee", {}, {{"Contact", "<sip:callee@10.0.0.7>"}}));
    CHECK(p.view()["calls"][0]["state"] == "ringing");
    p.deliver(p.reply(inv2, 200, "callee", sdp_with("sendrecv"),
                      {{"Contact", "<sip:callee@10.0.0.7>"}, {"Record-Route", "<sip:proxy1;lr>, <sip:proxy2;lr>"}}));
    auto ack2 = p.expect("ACK");
    CHECK(ack2.request_uri().text == "sip:callee@10.0.0.7");
    auto routes = ack2.routes();
    REQUIRE(routes.size() == 2);
    CHECK(routes[0].uri.text == "sip:proxy2;lr");  // the reverse of Record-Route
    CHECK(p.take_media("media.apply")["sdp"] == sdp_with("sendrecv"));
    CHECK(p.view()["calls"][0]["state"] == "connected");
    p.send({{"type", "ui.hangup"}});
    auto bye = p.expect("BYE");
    CHECK(bye.to().tag() == "callee");
    CHECK(bye.cseq().number == inv2.cseq().number + 1);
    CHECK(bye.routes().size() == 2);
  }

  TEST_CASE("busy callee: 486 is acknowledged and the call ends busy") {
    Pbx p;
    p.connect_and_register();
    p.send({{"type", "ui.dial"}, {"number", "1002"}});
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", kOfferSdp}});
    auto inv = p.expect("INVITE");
    p.deliver(p.reply(inv, 486, "b"));
    p.expect("ACK");
    auto v = p.view();
    CHECK(v["calls"].empty());
    CHECK(v["history"][0]["end_cause"] == "busy");
  }

  TEST_CASE("hanging up before any answer: CANCEL waits for the first provisional response") {
    Pbx p;
    p.connect_and_register();
    p.send({{"type", "ui.dial"}, {"number", "1002"}});
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", kOfferSdp}});
    auto inv = p.expect("INVITE");
    p.send({{"type", "ui.hangup"}});
    CHECK(p.frames.empty());
    CHECK(p.view()["calls"].empty());
    p.deliver(p.reply(inv, 180, "b"));
    auto cancel = p.expect("CANCEL");
    CHECK(cancel.top_via().branch() == inv.top_via().branch());
    CHECK(cancel.cseq().number == inv.cseq().number);
    p.deliver(p.reply(cancel, 200, "b"));
    p.deliver(p.reply(inv, 487, "b"));
    p.expect("ACK");
    CHECK(p.frames.empty());
  }

  TEST_CASE("an answer crossing our CANCEL is acknowledged and hung up") {
    Pbx p;
    p.connect_and_register();
    p.send({{"type", "ui.dial"}, {"number", "1002"}});
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", kOfferSdp}});
    auto inv = p.expect("INVITE");
    p.deliver(p.reply(inv, 180, "b"));
    p.send({{"type", "ui.hangup"}});
    p.expect("CANCEL");
    p.deliver(p.reply(inv, 200, "b", sdp_with("sendrecv"), {{"Contact", "<sip:b@10.0.0.7>"}}));
    p.expect("ACK");
    p.expect("BYE");
  }

  TEST_CASE("no answer at all: the INVITE transaction times out (Timer B)") {
    Pbx p;
    p.connect_and_register();
    p.send({{"type", "ui.dial"}, {"number", "1002"}});
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", kOfferSdp}});
    auto inv = p.expect("INVITE");
    p.advance(32'000);
    p.send({{"type", "timer.fired"}, {"id", "sip.tx." + std::string(*inv.top_via().branch())}});
    CHECK(p.view()["calls"].empty());
    CHECK(p.view()["history"][0]["end_cause"] == "no_answer");
  }

  TEST_CASE("hold and resume by re-INVITE: sendonly offer, microphone muted, answer applied") {
    Pbx p;
    p.connect_and_register();
    const std::string tag = p.inbound_connected();
    p.send({{"type", "ui.hold"}});
    auto update = p.take_media("media.update");
    CHECK(update["direction"] == "sendonly");
    CHECK(p.take_media("media.mute")["muted"] == true);
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", sdp_with("sendonly")}});
    auto re = p.expect("INVITE");
    CHECK(re.to().tag() == "cust1");
    CHECK(re.from().tag() == tag);
    CHECK(re.request_uri().text == "sip:+14155550100@10.0.0.9:5060");
    CHECK(re.routes().size() == 2);
    CHECK(re.routes()[0].uri.text == "sip:127.0.0.1:8443;transport=ws;r2=on;lr");
    p.deliver(p.reply(re, 200, "cust1", sdp_with("recvonly"), {{"Contact", "<sip:+14155550100@10.0.0.9:5060>"}}));
    p.expect("ACK");
    CHECK(p.take_media("media.apply")["sdp"] == sdp_with("recvonly"));
    CHECK(p.view()["calls"][0]["state"] == "held");
    p.send({{"type", "ui.resume"}});
    CHECK(p.take_media("media.update")["direction"] == "sendrecv");
    CHECK(p.take_media("media.mute")["muted"] == false);
  }

  TEST_CASE("glare on hold: 491 rolls the offer back and tries again later") {
    Pbx p;
    p.connect_and_register();
    p.inbound_connected();
    p.send({{"type", "ui.hold"}});
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", sdp_with("sendonly")}});
    auto re = p.expect("INVITE");
    auto fx = p.deliver(p.reply(re, 491, "cust1"));
    p.expect("ACK");
    p.take_media("media.rollback");
    const Json* retry = nullptr;
    for (const auto& e : fx)
      if (e["type"] == "timer.set" && e["id"] == "sip.glare.c1") retry = &e;
    REQUIRE(retry);
    CHECK(retry->at("ms") >= 2100);
    CHECK(retry->at("ms") <= 4000);
  }

  TEST_CASE("the caller puts us on hold: their offer is answered and the view shows it") {
    Pbx p;
    p.connect_and_register();
    const std::string tag = p.inbound_connected();
    p.deliver(p.in_dialog("INVITE", tag, 2, sdp_with("sendonly")));
    auto update = p.take_media("media.update");
    CHECK(update["remote_sdp"] == sdp_with("sendonly"));
    p.send({{"type", "media.answer"}, {"session", "c1"}, {"sdp", sdp_with("recvonly")}});
    auto ok = p.next();
    CHECK(ok.status() == 200);
    CHECK(ok.body() == sdp_with("recvonly"));
    CHECK(p.view()["calls"][0]["remote_held"] == true);
  }

  TEST_CASE("blind transfer: REFER, then NOTIFY progress; success ends the call as transferred") {
    Pbx p;
    p.connect_and_register();
    const std::string tag = p.inbound_connected();
    p.send({{"type", "ui.transfer"}, {"target", "1002"}, {"mode", "blind"}});
    auto refer = p.expect("REFER");
    CHECK(refer.refer_to()->uri.text == "sip:1002@pbx.example.com");
    CHECK(refer.referred_by());
    p.deliver(p.reply(refer, 202, "cust1"));
    p.deliver(p.in_dialog("NOTIFY", tag, 2, "SIP/2.0 100 Trying\r\n", "message/sipfrag;version=2.0",
                          "Event: refer\r\nSubscription-State: active;expires=60\r\n"));
    CHECK(p.expect_response() == 200);
    CHECK(p.view()["calls"][0]["state"] == "transferring");
    p.deliver(p.in_dialog("NOTIFY", tag, 3, "SIP/2.0 200 OK\r\n", "message/sipfrag;version=2.0",
                          "Event: refer\r\nSubscription-State: terminated;reason=noresource\r\n"));
    CHECK(p.expect_response() == 200);
    p.expect("BYE");
    CHECK(p.view()["calls"][0]["end_cause"] == "transferred");
  }

  TEST_CASE("a refused REFER puts the call back on hold with a notice") {
    Pbx p;
    p.connect_and_register();
    p.inbound_connected();
    p.send({{"type", "ui.transfer"}, {"target", "1002"}, {"mode", "blind"}});
    auto refer = p.expect("REFER");
    p.deliver(p.reply(refer, 603, "cust1"));
    CHECK(p.view()["calls"][0]["state"] == "held");
    CHECK(p.view()["notices"][0]["code"] == "call.transfer_failed");
  }

  TEST_CASE("consult transfer: the REFER carries Replaces for the colleague's dialog") {
    Pbx p;
    p.connect_and_register();
    p.inbound_connected();
    p.send({{"type", "ui.transfer"}, {"target", "1002"}, {"mode", "consult"}});
    p.take_media("media.update");  // the caller is put on hold
    p.send({{"type", "media.offer"}, {"session", "c1"}, {"sdp", sdp_with("sendonly")}});
    auto hold = p.expect("INVITE");
    p.send({{"type", "media.offer"}, {"session", "c2"}, {"sdp", kOfferSdp}});
    auto consult = p.expect("INVITE");
    CHECK(consult.request_uri().text == "sip:1002@pbx.example.com");
    p.deliver(p.reply(hold, 200, "cust1", sdp_with("recvonly")));
    p.expect("ACK");
    p.deliver(p.reply(consult, 200, "colleague", sdp_with("sendrecv"), {{"Contact", "<sip:1002@10.0.0.5>"}}));
    p.expect("ACK");
    p.send({{"type", "ui.transfer.complete"}});
    auto refer = p.expect("REFER");
    auto to = refer.refer_to();
    REQUIRE(to);
    auto replaces = to->uri.header("Replaces");
    REQUIRE(replaces);
    CHECK(*replaces == std::string(consult.call_id()) + ";to-tag=colleague;from-tag=" + std::string(*consult.from().tag()));
  }

  TEST_CASE("DTMF: RFC 4733 through the browser when offered, SIP INFO one digit at a time otherwise") {
    Pbx p;
    p.connect_and_register();
    p.inbound_connected();
    p.send({{"type", "ui.dtmf"}, {"digits", "12"}});
    auto tones = p.take_media("media.dtmf");
    CHECK(tones["tones"] == "12");
    CHECK(p.frames.empty());

    Pbx q;
    q.connect_and_register({{"dtmf_info", true}});
    q.inbound_connected();
    q.send({{"type", "ui.dtmf"}, {"digits", "5#"}});
    auto info = q.expect("INFO");
    CHECK(info.content_type() == "application/dtmf-relay");
    CHECK(info.body() == "Signal=5\r\nDuration=160\r\n");
    CHECK(q.frames.empty());  // the next digit waits for the answer
    q.deliver(q.reply(info, 200, "cust1"));
    CHECK(q.expect("INFO").body() == "Signal=#\r\nDuration=160\r\n");
  }

  TEST_CASE("requests we do not expect get the right refusals") {
    Pbx p;
    p.connect_and_register();
    p.deliver(p.in_dialog("BYE", "nope", 5, {}, "", "", "unknown-call"));
    CHECK(p.expect_response() == 481);
    p.deliver("OPTIONS sip:1001@pbx SIP/2.0\r\nVia: SIP/2.0/WSS 127.0.0.1;branch=z9hG4bKo1\r\nMax-Forwards: 70\r\n"
              "From: <sip:pbx>;tag=o\r\nTo: <sip:1001@pbx>\r\nCall-ID: o1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    auto ok = p.next();
    CHECK(ok.status() == 200);
    CHECK(ok.header("Allow"));
    p.deliver("PUBLISH sip:1001@pbx SIP/2.0\r\nVia: SIP/2.0/WSS 127.0.0.1;branch=z9hG4bKp1\r\nMax-Forwards: 70\r\n"
              "From: <sip:pbx>;tag=o\r\nTo: <sip:1001@pbx>\r\nCall-ID: p1\r\nCSeq: 1 PUBLISH\r\nContent-Length: 0\r\n\r\n");
    CHECK(p.expect_response() == 405);
  }

  TEST_CASE("garbage from the PBX is logged and dropped; nothing else changes") {
    Pbx p;
    p.connect_and_register();
    const Json before = p.view();
    for (std::string junk : {std::string("HELLO"), std::string("INVITE sip:x SIP/2.0\r\nVia: nonsense\r\n\r\n"),
                             std::string(60000, 'A'), std::string("SIP/2.0 200 OK\r\nContent-Length: 99\r\n\r\nshort"),
                             std::string("\0\xff\xfe", 3)}) {
      auto fx = p.deliver(junk);
      const Json* log = find_effect(fx, "log");
      REQUIRE(log);
      CHECK(log->at("level") == "warn");
      CHECK(log->at("msg").get<std::string>().rfind("dropped a SIP message that does not parse: ", 0) == 0);
    }
    // A frame larger than any SIP message is refused at the protocol edge.
    auto fx = p.deliver(std::string(70000, 'A'));
    CHECK(find_effect(fx, "error")->at("code") == "event.field_too_long");
    CHECK(p.view() == before);
  }

  TEST_CASE("a lost connection: calls being set up end, established ones survive the reconnect") {
    Pbx p;
    p.connect_and_register();
    const std::string tag = p.inbound_connected();
    p.deliver(p.invite("inv-2", "+14155550111", "z9hG4bKc2"));  // a second caller is refused: busy
    CHECK(p.expect_response() == 100);
    CHECK(p.expect_response() == 486);
    auto fx = p.send({{"type", "ws.closed"}, {"conn", p.conn}, {"code", 1006}});
    auto v = p.view();
    CHECK(v["line"]["connection"] == "disconnected");
    CHECK(v["calls"][0]["state"] == "connected");
    CHECK(v["line"]["retry_at"] > p.now);
    const Json* retry = nullptr;
    for (const auto& e : fx)
      if (e["type"] == "timer.set" && e["id"] == "sip.reconnect") retry = &e;
    REQUIRE(retry);
    CHECK(retry->at("ms") >= 500);
    CHECK(retry->at("ms") <= 1500);
    p.advance(retry->at("ms").get<std::int64_t>());
    p.send({{"type", "timer.fired"}, {"id", "sip.reconnect"}});
    const std::int64_t old_conn = p.conn;
    CHECK(old_conn > 1);
    p.send({{"type", "ws.open"}, {"conn", p.conn}});
    auto reg = p.expect("REGISTER");
    p.deliver(p.reply(reg, 200, "r"));
    // The established call is refreshed with a re-INVITE carrying our contact and the same SDP.
    auto re = p.expect("INVITE");
    CHECK(re.to().tag() == "cust1");
    CHECK(re.body() == sdp_with("sendrecv"));
    p.deliver(p.reply(re, 200, "cust1", sdp_with("sendrecv")));
    p.expect("ACK");
    CHECK(p.media.empty());  // nothing to renegotiate in the browser
    (void)tag;
  }

  TEST_CASE("events from an old connection are ignored") {
    Pbx p;
    p.connect_and_register();
    p.send({{"type", "ws.closed"}, {"conn", p.conn}, {"code", 1006}});
    auto fx = p.send({{"type", "ws.message"}, {"conn", p.conn}, {"data", "SIP/2.0 200 OK\r\n\r\n"}});
    CHECK_FALSE(find_effect(fx, "ws.send"));
  }

  TEST_CASE("reconnect delays grow and stop growing at 30 s") {
    Pbx p;
    p.connect_and_register();
    std::int64_t last = 0;
    for (int i = 0; i < 8; ++i) {
      auto fx = p.send({{"type", "ws.closed"}, {"conn", p.conn}, {"code", 1006}});
      for (const auto& e : fx)
        if (e["type"] == "timer.set" && e["id"] == "sip.reconnect") last = e["ms"];
      p.send({{"type", "timer.fired"}, {"id", "sip.reconnect"}});
    }
    CHECK(last >= 15'000);
    CHECK(last <= 45'000);
  }

  TEST_CASE("being transferred: REFER is accepted, the target is called, the transferor hears how it went") {
    Pbx p;
    p.connect_and_register();
    const std::string tag = p.inbound_connected();
    p.deliver(p.in_dialog("REFER", tag, 2, {}, "", "Refer-To: <sip:2002@pbx.example.com>\r\nReferred-By: <sip:+14155550100@pbx.example.com>\r\n"));
    CHECK(p.expect_response() == 202);
    auto trying = p.expect("NOTIFY");
    CHECK(trying.body() == "SIP/2.0 100 Trying\r\n");
    p.take_media("media.create");
    CHECK(p.view()["calls"].size() == 2);
    p.send({{"type", "media.offer"}, {"session", "c2"}, {"sdp", kOfferSdp}});
    auto inv = p.expect("INVITE");
    CHECK(inv.request_uri().text == "sip:2002@pbx.example.com");
    CHECK(inv.header("Referred-By"));
    p.deliver(p.reply(inv, 200, "t", sdp_with("sendrecv"), {{"Contact", "<sip:2002@10.0.0.8>"}}));
    p.expect("ACK");
    auto done = p.expect("NOTIFY");
    CHECK(done.body() == "SIP/2.0 200 OK\r\n");
    CHECK(done.subscription_state()->state == "terminated");
  }

  TEST_CASE("an INVITE that replaces our call is answered at once and the old call ends") {
    Pbx p;
    p.connect_and_register();
    const std::string tag = p.inbound_connected();
    p.deliver(p.invite("inv-3", "+14155550199", "z9hG4bKr1",
                       "Replaces: inv-1;to-tag=" + tag + ";from-tag=cust1\r\n"));
    CHECK(p.expect_response() == 100);
    auto create = p.take_media("media.create");
    CHECK(create["session"] == "c2");
    p.expect("BYE");
    auto v = p.view();
    CHECK(v["calls"][0]["end_cause"] == "transferred");
    CHECK(v["calls"][1]["state"] == "ringing");
    CHECK(v["calls"][1]["answering"] == true);
  }

  TEST_CASE("a dialog saved to storage is restored into a new engine and refreshed after registration") {
    Json saved;
    {
      Pbx p;
      p.connect_and_register();
      p.inbound_connected();
      saved = p.internals().sip->save("c1");
      REQUIRE(saved.is_object());
      CHECK(saved["remote_target"] == "sip:+14155550100@10.0.0.9:5060");
      CHECK(p.internals().sip->save("nope").is_null());
    }
    Pbx q;
    q.connect_and_register();
    auto& ua = *q.internals().sip;
    CHECK(ua.restore("c9", {{"call_id", "x"}}).error().code == "store.bad_entry");
    REQUIRE(ua.restore("c9", saved).ok());
    // The next registration refresh re-INVITEs the restored dialog with fresh media.
    q.send({{"type", "timer.fired"}, {"id", "sip.reg.refresh"}});
    q.deliver(q.reply(q.expect("REGISTER"), 200, "r"));
    auto create = q.take_media("media.create");
    CHECK(create["session"] == "c9");
    q.send({{"type", "media.offer"}, {"session", "c9"}, {"sdp", kOfferSdp}});
    auto re = q.expect("INVITE");
    CHECK(re.call_id() == "inv-1");
    CHECK(re.to().tag() == "cust1");
    CHECK(re.routes().size() == 2);
  }
}

TEST_SUITE("ua") {
  TEST_CASE("the SIP identity is stored once and reused after a reload: the same Contact, the same instance") {
    Pbx first;
    auto fx = first.start({{"sip", {{"password", "secret"}}}});
    const Json* put = nullptr;
    for (const auto& e : fx)
      if (e["type"] == "store.put" && e["key"] == "sip.identity") put = &e;
    REQUIRE(put);
    const Json stored = put->at("value");
    first.send({{"type", "ws.open"}, {"conn", first.conn}});
    auto reg1 = first.expect("REGISTER");

    Pbx second;
    second.send({{"type", "engine.start"},
                 {"config", {{"sip", {{"ws_url", "wss://pbx.example.com/ws"}, {"domain", "pbx.example.com"}, {"user", "1001"}}}}},
                 {"seed", "another seed"}});
    fx = second.send({{"type", "store.loaded"}, {"entries", {{"sip.identity", stored}}}});
    for (const auto& e : fx) CHECK(e["type"] != "store.put");
    second.send({{"type", "ws.open"}, {"conn", second.conn}});
    auto reg2 = second.expect("REGISTER");
    CHECK(reg2.contacts()[0].uri.text == reg1.contacts()[0].uri.text);
    CHECK(reg2.header("Contact") == reg1.header("Contact"));
    CHECK(reg2.call_id() != reg1.call_id());

    Pbx third;  // an unreadable stored identity is replaced, not trusted
    third.send({{"type", "engine.start"},
                {"config", {{"sip", {{"ws_url", "wss://pbx.example.com/ws"}, {"domain", "pbx.example.com"}, {"user", "1001"}}}}}});
    fx = third.send({{"type", "store.loaded"}, {"entries", {{"sip.identity", {{"instance", "<script>"}}}}}});
    bool replaced = false;
    for (const auto& e : fx) replaced = replaced || (e["type"] == "store.put" && e["key"] == "sip.identity");
    CHECK(replaced);
  }
}
