// The engine end to end with a scripted signalling stack: calls, presence and the view together.
#include "engine_fixture.h"

using sbtest::Bench;
using sbtest::find_effect;
using sbtest::find_error;
using sbtest::types;

TEST_SUITE("engine") {
  TEST_CASE("start: storage is read, then the line comes up and the agent is available") {
    Bench b;
    auto first = b.send({{"type", "engine.start"}, {"config", {{"sip", {{"ws_url", "wss://pbx/ws"}, {"domain", "pbx"}, {"user", "1001"}}}}}});
    CHECK(types(first) == std::vector<std::string>{"store.load", "log", "ui.render"});
    CHECK(first.back()["view"]["ready"] == false);
    auto loaded = b.send({{"type", "store.loaded"}, {"entries", sb::Json::object()}});
    CHECK(b.sip->take_log() == "start");
    auto view = find_effect(loaded, "ui.render")->at("view");
    CHECK(view["ready"] == true);
    CHECK(view["agent"]["status"] == "available");
    CHECK(view["line"]["registration"] == "registered");
    CHECK(view["can_dial"] == true);
  }

  TEST_CASE("a bad configuration is refused naming the setting") {
    Bench b;
    auto fx = b.send({{"type", "engine.start"}, {"config", {{"acw_seconds", "lots"}}}});
    REQUIRE(find_error(fx));
    CHECK(find_error(fx)->at("code") == "config.invalid");
    CHECK(find_error(fx)->at("message") == "setting 'acw_seconds' must be a whole number, not \"lots\"");
    fx = b.send({{"type", "engine.start"}, {"config", {{"sip", {{"ws_url", "http://pbx"}}}}}});
    CHECK(find_error(fx)->at("message") == "setting 'sip.ws_url' must start with wss:// or ws://, not 'http://pbx'");
    fx = b.send({{"type", "engine.start"}, {"config", {{"dialing", {{"default_country_code", "+44"}}}}}});
    CHECK_FALSE(find_error(fx));
  }

  TEST_CASE("inbound call: ring, answer, talk, hang up, after-call work, available again") {
    Bench b;
    b.start();
    auto fx = b.ring("+14155550100", "Ada Lovelace");
    CHECK(b.last_decision.accept);
    CHECK(b.last_decision.call_id == "c1");
    auto c = b.call();
    CHECK(c["state"] == "ringing");
    CHECK(c["direction"] == "inbound");
    CHECK(c["label"] == "Ada Lovelace");
    CHECK(c["number_display"] == "(415) 555-0100");
    CHECK(c["actions"] == sb::Json::array({"answer", "decline", "notes", "relate"}));
    CHECK(b.view()["agent"]["status"] == "available");

    b.send({{"type", "ui.answer"}});
    CHECK(b.sip->take_log() == "answer c1");
    CHECK(b.call()["answering"] == true);
    b.send({{"type", "ui.answer"}});  // a double click changes nothing
    CHECK(b.sip->take_log() == "");

    b.advance(500);
    b.signal([](auto& e) { e.answered("c1"); });
    CHECK(b.call()["state"] == "connected");
    CHECK(b.view()["agent"]["status"] == "busy");

    b.advance(61'000);
    b.send({{"type", "ui.hangup"}});
    CHECK(b.sip->take_log() == "hangup c1");
    c = b.call();
    CHECK(c["state"] == "wrap_up");
    CHECK(c["end_cause"] == "local_hangup");
    CHECK(c["wrap_up_until"] == b.now + 30'000);
    CHECK(b.view()["agent"]["status"] == "after_call_work");

    b.send({{"type", "ui.disposition"}, {"value", "Resolved"}});
    b.send({{"type", "ui.notes"}, {"text", "Wants a callback <b>tomorrow</b>"}});
    CHECK(b.call()["notes"] == "Wants a callback <b>tomorrow</b>");
    b.advance(30'000);
    fx = b.send({{"type", "timer.fired"}, {"id", "acw.c1"}});
    auto view = b.view();
    CHECK(view["calls"].empty());
    CHECK(view["agent"]["status"] == "available");
    REQUIRE(view["history"].size() == 1);
    CHECK(view["history"][0]["outcome"] == "answered");
    CHECK(view["history"][0]["duration_s"] == 61);
  }

  TEST_CASE("the agent can finish wrap-up early; a required disposition must be chosen first") {
    Bench b;
    b.start({{"disposition_required", true}});
    b.ring();
    b.send({{"type", "ui.answer"}});
    b.signal([](auto& e) { e.answered("c1"); });
    b.signal([](auto& e) { e.ended("c1", sb::EndCause::RemoteHangup, 0); });
    CHECK(b.call()["end_cause"] == "remote_hangup");
    auto fx = b.send({{"type", "ui.wrapup.done"}});
    CHECK(find_error(fx)->at("code") == "call.bad_disposition");
    fx = b.send({{"type", "ui.disposition"}, {"value", "Nope"}});
    CHECK(find_error(fx)->at("message") ==
          "disposition 'Nope' is not one of: Resolved, Follow-up needed, Left voicemail, Wrong number");
    b.send({{"type", "ui.disposition"}, {"value", "Left voicemail"}});
    fx = b.send({{"type", "ui.wrapup.done"}});
    CHECK_FALSE(find_error(fx));
    CHECK(find_effect(fx, "timer.cancel")->at("id") == "acw.c1");
    CHECK(b.view()["agent"]["status"] == "available");
  }

  TEST_CASE("a missed call leaves a notice and a history entry, and no after-call work") {
    Bench b;
    b.start();
    b.ring("+14155550100");
    b.signal([](auto& e) { e.ended("c1", sb::EndCause::Missed, 487); });
    auto view = b.view();
    CHECK(view["calls"].empty());
    CHECK(view["agent"]["status"] == "available");
    CHECK(view["history"][0]["outcome"] == "missed");
    REQUIRE(view["notices"].size() == 1);
    CHECK(view["notices"][0]["text"] == "Missed call from (415) 555-0100");
    b.send({{"type", "ui.notice.dismiss"}, {"id", view["notices"][0]["id"]}});
    CHECK(b.view()["notices"].empty());
  }

  TEST_CASE("calls are refused while busy, in after-call work, away or offline") {
    Bench b;
    b.start();
    b.ring();
    b.ring("+14155550101");
    CHECK_FALSE(b.last_decision.accept);
    CHECK(b.last_decision.reject_code == 486);
    b.send({{"type", "ui.decline"}});
    CHECK(b.sip->take_log() == "reject c1 486");
    b.send({{"type", "ui.status"}, {"status", "away"}, {"reason", "Lunch"}});
    b.ring();
    CHECK(b.last_decision.reject_code == 480);
    auto fx = b.send({{"type", "ui.status"}, {"status", "away"}, {"reason", "Nap"}});
    CHECK(find_error(fx)->at("message") == "away reason 'Nap' is not one of: Break, Lunch, Meeting, Training");
    b.send({{"type", "ui.status"}, {"status", "offline"}});
    CHECK(b.sip->take_log() == "stop");
    b.send({{"type", "ui.status"}, {"status", "available"}});
    CHECK(b.sip->take_log() == "start");
  }

  TEST_CASE("outbound call: the number is normalised and dialled in the PBX's format") {
    Bench b;
    b.start({{"dialing", {{"dial_format", "prefixes"}, {"outside_prefix", "9"}, {"long_distance_prefix", "1"}}}});
    auto fx = b.send({{"type", "ui.dial"}, {"number", "call me maybe"}});
    CHECK(find_error(fx)->at("code") == "phone.invalid");
    CHECK(b.view()["calls"].empty());
    b.send({{"type", "ui.dial"}, {"number", "(415) 555-0100"},
            {"record", {{"id", "003000000000001"}, {"name", "Ada Lovelace"}, {"type", "Contact"}}}});
    CHECK(b.sip->take_log() == "invite c1 914155550100");
    auto c = b.call();
    CHECK(c["state"] == "dialing");
    CHECK(c["direction"] == "outbound");
    CHECK(c["who"]["name"] == "Ada Lovelace");
    CHECK(b.view()["agent"]["status"] == "busy");
    CHECK(b.view()["can_dial"] == false);
    fx = b.send({{"type", "ui.dial"}, {"number", "1002"}});
    CHECK(find_error(fx)->at("code") == "call.busy");
    b.signal([](auto& e) { e.progress("c1", 180, false); });
    CHECK(b.call()["state"] == "ringing");
    b.signal([](auto& e) { e.progress("c1", 183, true); });
    CHECK(b.call()["state"] == "early_media");
    b.signal([](auto& e) { e.ended("c1", sb::EndCause::Busy, 486); });
    CHECK(b.view()["calls"].empty());
    CHECK(b.view()["history"][0]["outcome"] == "not_answered");
    CHECK(b.view()["agent"]["status"] == "available");
  }

  TEST_CASE("hold, resume, mute and DTMF reach signalling once; illegal actions explain themselves") {
    Bench b;
    b.start();
    b.send({{"type", "ui.dial"}, {"number", "1002"}});
    b.sip->take_log();
    auto fx = b.send({{"type", "ui.hold"}});
    CHECK(find_error(fx)->at("message") == "cannot hold a call that is dialing; allowed now: hangup, mute, notes, relate");
    b.signal([](auto& e) { e.answered("c1"); });
    CHECK(b.call()["direction"] == "internal");
    b.send({{"type", "ui.hold"}});
    b.send({{"type", "ui.hold"}});
    b.send({{"type", "ui.mute"}});
    b.send({{"type", "ui.resume"}});
    b.send({{"type", "ui.dtmf"}, {"digits", "12#"}});
    fx = b.send({{"type", "ui.dtmf"}, {"digits", "12x"}});
    CHECK(find_error(fx)->at("code") == "call.bad_digits");
    CHECK(b.sip->take_log() == "hold c1; mute c1; unhold c1; dtmf c1 12#");
    b.signal([](auto& e) { e.hold_done("c1", true, false); });
  }

  TEST_CASE("a hold the PBX refuses is undone and explained") {
    Bench b;
    b.start();
    b.send({{"type", "ui.dial"}, {"number", "1002"}});
    b.signal([](auto& e) { e.answered("c1"); });
    b.send({{"type", "ui.hold"}});
    CHECK(b.call()["state"] == "held");
    b.signal([](auto& e) { e.hold_done("c1", true, false); });
    CHECK(b.call()["state"] == "connected");
    CHECK(b.view()["notices"][0]["code"] == "call.hold_failed");
  }

  TEST_CASE("blind transfer: success ends the call as transferred; failure puts it back on hold") {
    Bench b;
    b.start();
    b.ring();
    b.send({{"type", "ui.answer"}});
    b.signal([](auto& e) { e.answered("c1"); });
    b.sip->take_log();
    auto fx = b.send({{"type", "ui.transfer"}, {"target", "1002"}, {"mode", "sideways"}});
    CHECK(find_error(fx)->at("code") == "event.bad_value");
    b.send({{"type", "ui.transfer"}, {"target", "1002"}, {"mode", "blind"}});
    CHECK(b.sip->take_log() == "refer c1 1002");
    CHECK(b.call()["state"] == "transferring");
    b.signal([](auto& e) { e.transfer_result("c1", false, 486); });
    CHECK(b.call()["state"] == "held");
    CHECK(b.view()["notices"].back()["text"] == "The transfer to 1002 did not go through (SIP 486).");
    CHECK(b.view()["notices"][0]["text"] == "Transfer mode 'sideways' must be blind or consult.");
    b.send({{"type", "ui.transfer"}, {"target", "1003"}, {"mode", "blind"}});
    b.signal([](auto& e) { e.transfer_result("c1", true, 200); });
    CHECK(b.sip->take_log() == "refer c1 1003; hangup c1");
    CHECK(b.call()["state"] == "wrap_up");
    CHECK(b.call()["end_cause"] == "transferred");
  }

  TEST_CASE("consult transfer: hold, call the colleague, then complete or cancel") {
    Bench b;
    b.start();
    b.ring();
    b.send({{"type", "ui.answer"}});
    b.signal([](auto& e) { e.answered("c1"); });
    b.sip->take_log();
    b.send({{"type", "ui.transfer"}, {"target", "1002"}, {"mode", "consult"}});
    CHECK(b.sip->take_log() == "hold c1; invite c2 1002");
    auto view = b.view();
    REQUIRE(view["calls"].size() == 2);
    CHECK(view["calls"][0]["state"] == "held");
    CHECK(view["calls"][0]["consult_call"] == "c2");
    CHECK(view["calls"][1]["consult_for"] == "c1");
    CHECK(view["focus"] == "c2");
    b.signal([](auto& e) { e.answered("c2"); });
    // Cancel: the colleague's call ends, the caller stays on hold for the agent.
    b.send({{"type", "ui.transfer.cancel"}});
    CHECK(b.sip->take_log() == "hangup c2");
    view = b.view();
    REQUIRE(view["calls"].size() == 1);
    CHECK(view["calls"][0]["state"] == "held");
    // Again, and complete.
    b.send({{"type", "ui.transfer"}, {"target", "1002"}, {"mode", "consult"}});
    b.signal([](auto& e) { e.answered("c3"); });
    b.send({{"type", "ui.transfer.complete"}});
    CHECK(b.sip->take_log() == "invite c3 1002; refer_replaces c1 c3");
    b.signal([](auto& e) { e.transfer_result("c1", true, 200); });
    view = b.view();
    for (const auto& c : view["calls"]) CHECK(c["state"] == "wrap_up");
    CHECK(view["calls"][0]["end_cause"] == "transferred");
  }

  TEST_CASE("the dial pad previews what the core makes of the text") {
    Bench b;
    b.start();
    b.send({{"type", "ui.dialpad"}, {"text", "415 555 0100"}});
    auto pad = b.view()["dialpad"];
    CHECK(pad["display"] == "(415) 555-0100");
    CHECK(pad["e164"] == "+14155550100");
    CHECK(pad["valid"] == true);
    b.send({{"type", "ui.dialpad"}, {"text", "555-01"}});
    pad = b.view()["dialpad"];
    CHECK(pad["valid"] == true);  // an extension
    b.send({{"type", "ui.dialpad"}, {"text", "555-0100"}});
    CHECK(b.view()["dialpad"]["error"] == "'555-0100' is not a phone number: a North American number needs its 3-digit area code");
  }

  TEST_CASE("the same events replay to the same effects") {
    auto run = [] {
      Bench b;
      sb::Json all = sb::Json::array();
      all.push_back(b.start());
      all.push_back(b.send({{"type", "ui.dial"}, {"number", "+44 20 7946 0958"}}));
      all.push_back(b.send({{"type", "ui.hangup"}}));
      return sb::dump_json(all);
    };
    CHECK(run() == run());
  }

  TEST_CASE("ui.render is emitted only when the view changed") {
    Bench b;
    b.start();
    auto fx = b.send({{"type", "ui.status"}, {"status", "available"}});
    CHECK_FALSE(find_effect(fx, "ui.render"));
    fx = b.send({{"type", "ui.status"}, {"status", "away"}, {"reason", "Break"}});
    CHECK(find_effect(fx, "ui.render"));
  }
}
