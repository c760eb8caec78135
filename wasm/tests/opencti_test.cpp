// The Open CTI host: exact sforce.opencti calls for start-up, pops and logs, and what it does with
// Salesforce's answers, errors and silences.
#include "engine_fixture.h"

using sb::Json;
using sbtest::Bench;
using sbtest::find_effect;

namespace {

Json settings() {
  return {{"/reqGeneralInfo/reqAdapterUrl", "https://acme--c.vf.force.com/apex/SwitchboardSoftphone"},
          {"/reqDialingOptions/reqOutsidePrefix", "9"},
          {"/reqDialingOptions/reqLongDistPrefix", "1"},
          {"/reqDialingOptions/reqInternationalPrefix", "011"},
          {"/switchboard/pbxWebSocketUrl", "wss://pbx.example.com:8089/ws"},
          {"/switchboard/sipDomain", "pbx.example.com"},
          {"/switchboard/credentialMode", "ephemeral"},
          {"/switchboard/acwSeconds", "20"},
          {"/switchboard/dispositions", "Resolved; Callback"},
          {"/switchboard/noMatchPop", "newLead"}};
}

Json agent_config() {
  return {{"runApex", sb::dump_json({{"sip",
                                      {{"user", "1001"},
                                       {"auth_user", "1700003600:1001"},
                                       {"password", "c2VjcmV0"},
                                       {"display_name", "Ada"},
                                       {"credential_expires_at", 1700003600}}}})}};
}

Json ok(Json rv) { return {{"success", true}, {"returnValue", std::move(rv)}, {"errors", nullptr}}; }
Json err(std::string code, std::string description = "it broke") {
  return {{"success", false}, {"returnValue", nullptr}, {"errors", Json::array({{{"code", code}, {"description", description}}})}};
}

struct OpenCti : Bench {
  Json pending = Json::array();  // host.call effects not answered yet

  Json take(const Json& fx) {
    for (const auto& e : fx)
      if (e["type"] == "host.call") pending.push_back(e);
    return fx;
  }
  Json send(Json ev) override { return take(Bench::send(std::move(ev))); }
  template <class F>
  Json signal(F&& f) { return take(Bench::signal(std::forward<F>(f))); }
  Json ring(std::string from = "+14155550100") { return take(Bench::ring(std::move(from))); }

  // The oldest unanswered call of a method (fails the test when there is none).
  Json call(const std::string& method) {
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (pending[i]["method"] == method) {
        Json c = pending[i];
        pending.erase(i);
        return c;
      }
    }
    FAIL("no host.call " << method);
    return nullptr;
  }
  bool called(const std::string& method) const {
    for (const auto& c : pending)
      if (c["method"] == method) return true;
    return false;
  }
  Json answer(const std::string& method, Json response) {
    Json c = call(method);
    return send({{"type", "host.response"}, {"req", c["req"]}, {"response", std::move(response)}});
  }

  void boot(Json entries = Json::object()) {
    send({{"type", "engine.start"}, {"host", "opencti"}, {"seed", "s"}, {"config", {{"utc_offset_minutes", -300}}}});
    send({{"type", "store.loaded"}, {"entries", std::move(entries)}});
    answer("getCallCenterSettings", ok(settings()));
    answer("runApex", ok(agent_config()));
    if (sip) sip->log.clear();
  }

  void inbound_answered(std::string from = "+14155550100") {
    ring(from);
    call("setSoftphonePanelVisibility");
    answer("searchAndScreenPop", ok(Json::object()));
    call("screenPop");
    send({{"type", "ui.answer"}});
    signal([](auto& e) { e.answered("c1"); });
  }
};

}  // namespace

TEST_SUITE("opencti") {
  TEST_CASE("start-up: call center settings, then the agent's line from Apex, then listeners") {
    OpenCti b;
    b.send({{"type", "engine.start"}, {"host", "opencti"}});
    b.send({{"type", "store.loaded"}, {"entries", Json::object()}});
    Json settings_call = b.call("getCallCenterSettings");
    CHECK(settings_call["args"] == Json::object());
    CHECK(settings_call["callback"] == true);
    CHECK(b.pending.empty());
    b.send({{"type", "host.response"}, {"req", settings_call["req"]}, {"response", ok(settings())}});
    Json apex = b.call("runApex");
    CHECK(apex["args"] == Json({{"apexClass", "SwitchboardSoftphoneService"}, {"methodName", "getAgentConfig"}, {"methodParams", ""}}));
    b.send({{"type", "host.response"}, {"req", apex["req"]}, {"response", ok(agent_config())}});
    auto& cfg = b.internals().config;
    CHECK(cfg.sip.ws_url == "wss://pbx.example.com:8089/ws");
    CHECK(cfg.sip.auth_user == "1700003600:1001");
    CHECK(cfg.sip.credential_mode == "ephemeral");
    CHECK(cfg.dialing.outside_prefix == "9");
    CHECK(cfg.acw_seconds == 20);
    CHECK(cfg.dispositions == std::vector<std::string>{"Resolved", "Callback"});
    CHECK(b.sip->log.front() == "start");
    Json listen = b.call("onClickToDial");
    CHECK(listen["listener"] == true);
    CHECK(listen["callback"] == false);
    b.call("onNavigationChange");
    b.call("enableClickToDial");
    b.call("getAppViewInfo");
    CHECK(b.call("subscribe")["args"]["channelName"] == "Switchboard_Call__c");
    b.call("notifyInitializationComplete");
    CHECK(b.call("setSoftphoneItemLabel")["args"]["label"] == "Phone");
    CHECK(b.call("setSoftphoneItemIcon")["args"]["key"] == "call");
    CHECK(b.view()["host"]["ready"] == true);
  }

  TEST_CASE("a container that is not ready yet is asked again until it answers") {
    OpenCti b;
    b.send({{"type", "engine.start"}, {"host", "opencti"}});
    b.send({{"type", "store.loaded"}, {"entries", Json::object()}});
    auto fx = b.answer("getCallCenterSettings", err("SOFTPHONE_CONTAINER_ERROR"));
    const Json* retry = find_effect(fx, "timer.set");
    REQUIRE(retry);
    CHECK(retry->at("ms") == 500);
    b.advance(500);
    b.send({{"type", "timer.fired"}, {"id", retry->at("id")}});
    b.answer("getCallCenterSettings", ok(settings()));
    CHECK(b.called("runApex"));
  }

  TEST_CASE("a user without a phone line is told so in plain words") {
    OpenCti b;
    b.send({{"type", "engine.start"}, {"host", "opencti"}});
    b.send({{"type", "store.loaded"}, {"entries", Json::object()}});
    b.answer("getCallCenterSettings", ok(settings()));
    b.answer("runApex", ok({{"runApex", R"({"error":{"code":"NO_AGENT_SETTINGS","message":"Ask your admin to give you a Switchboard extension."}})"}}));
    auto notices = b.view()["notices"];
    REQUIRE(notices.size() == 1);
    CHECK(notices[0]["code"] == "line.no_agent");
    CHECK(notices[0]["text"] == "Ask your admin to give you a Switchboard extension.");
    CHECK(b.sip == nullptr);
    CHECK(b.called("notifyInitializationComplete"));
  }

  TEST_CASE("inbound: the panel opens and the caller is searched by every key of the number") {
    OpenCti b;
    b.boot();
    b.pending.clear();
    b.ring("+14155550100");
    CHECK(b.call("setSoftphonePanelVisibility")["args"] == Json({{"visible", true}}));
    Json search = b.call("searchAndScreenPop");
    CHECK(search["args"] == Json({{"searchParams", "14155550100 OR 4155550100"},
                                  {"callType", "inbound"},
                                  {"deferred", true},
                                  {"defaultFieldValues", {{"Phone", "(415) 555-0100"}}}}));
    CHECK(b.call("setSoftphoneItemLabel")["args"]["label"] == "Incoming call");
    CHECK(b.call("setSoftphoneItemIcon")["args"]["key"] == "incoming_call");
    Json pub = b.call("publish");
    CHECK(pub["args"]["message"]["call"]["state"] == "ringing");
  }

  TEST_CASE("pops: one match opens the record, several open a search, none opens a new Lead") {
    OpenCti b;
    b.boot();
    b.ring("+14155550100");
    b.answer("searchAndScreenPop", ok({{"003A", {{"Id", "003A"}, {"Name", "Ada Lovelace"}, {"RecordType", "Contact"}}}}));
    CHECK(b.call("screenPop")["args"] == Json({{"type", "sobject"}, {"params", {{"recordId", "003A"}}}}));
    CHECK(b.view()["calls"][0]["label"] == "Ada Lovelace");
    CHECK(b.view()["calls"][0]["who"]["id"] == "003A");
    b.send({{"type", "ui.decline"}});

    b.pending.clear();
    b.ring("+14155550101");
    b.answer("searchAndScreenPop",
             ok({{"003A", {{"Id", "003A"}, {"Name", "A"}, {"RecordType", "Contact"}}},
                 {"00QB", {{"Id", "00QB"}, {"Name", "B"}, {"RecordType", "Lead"}}},
                 {"SCREEN_POP_DATA", {{"type", "search"}, {"params", {{"searchString", "4155550101"}}}}}}));
    CHECK(b.call("screenPop")["args"]["type"] == "search");
    CHECK(b.view()["calls"][0]["who"].is_null());
    b.send({{"type", "ui.decline"}});

    b.pending.clear();
    b.ring("+14155550102");
    b.answer("searchAndScreenPop", ok(Json::object()));
    CHECK(b.call("screenPop")["args"] ==
          Json({{"type", "newRecord"}, {"params", {{"entityName", "Lead"}, {"defaultFieldValues", {{"Phone", "(415) 555-0102"}}}}}}));
  }

  TEST_CASE("a finished call is logged once as a Task with the call's facts, then the view refreshes") {
    OpenCti b;
    b.boot();
    b.inbound_answered();
    b.pending.clear();
    b.advance(42'000);
    b.send({{"type", "ui.hangup"}});
    b.send({{"type", "ui.disposition"}, {"value", "Callback"}});
    b.send({{"type", "ui.notes"}, {"text", "Asked about invoice 42"}});
    b.send({{"type", "ui.relate"}, {"record", {{"id", "500C"}, {"name", "Case 42"}, {"type", "Case"}}}});
    b.pending.clear();
    auto fx = b.send({{"type", "ui.wrapup.done"}});
    const Json* put = find_effect(fx, "store.put");
    REQUIRE(put);
    CHECK(put->at("key") == "log.inbound-1@pbx");
    Json save = b.call("saveLog");
    Json task = save["args"]["value"];
    CHECK(task == Json({{"entityApiName", "Task"},
                        {"Subject", "Call from (415) 555-0100"},
                        {"Status", "Completed"},
                        {"ActivityDate", "2023-11-14"},
                        {"CallType", "Inbound"},
                        {"CallDurationInSeconds", 42},
                        {"CallObject", "inbound-1@pbx"},
                        {"CallDisposition", "Callback"},
                        {"Description", "Asked about invoice 42\n\nCaller: (415) 555-0100"},
                        {"WhatId", "500C"}}));
    fx = b.send({{"type", "host.response"}, {"req", save["req"]}, {"response", ok("00T000000000001")}});
    CHECK(find_effect(fx, "store.delete")->at("key") == "log.inbound-1@pbx");
    CHECK(b.called("refreshView"));
    Json logged = b.call("publish");
    while (logged["args"]["message"]["kind"] != "logged") logged = b.call("publish");
    CHECK(logged["args"]["message"]["taskId"] == "00T000000000001");
    CHECK(b.view()["host"]["logs_pending"] == 0);
  }

  TEST_CASE("a failed save is checked before it is sent again, so it is never saved twice") {
    OpenCti b;
    b.boot();
    b.inbound_answered();
    b.send({{"type", "ui.hangup"}});
    b.pending.clear();
    b.send({{"type", "ui.wrapup.done"}});
    auto fx = b.answer("saveLog", err("SERVER_ERROR", "Unable to save"));
    CHECK(b.view()["host"]["logs_pending"] == 1);
    const Json* timer = nullptr;
    for (const auto& e : fx)
      if (e["type"] == "timer.set" && e["id"] == "host.outbox") timer = &e;
    REQUIRE(timer);
    b.advance(timer->at("ms").get<std::int64_t>());
    b.send({{"type", "timer.fired"}, {"id", "host.outbox"}});
    Json check = b.call("runApex");
    CHECK(check["args"]["methodName"] == "findCallLog");
    CHECK(check["args"]["methodParams"] == "callObject=inbound-1@pbx");
    // It had been created after all: no second saveLog.
    b.send({{"type", "host.response"}, {"req", check["req"]}, {"response", ok({{"runApex", R"({"id":"00T000000000009"})"}})}});
    CHECK_FALSE(b.called("saveLog"));
    CHECK(b.view()["host"]["logs_pending"] == 0);
  }

  TEST_CASE("after a reload a log that was in flight is checked first, then saved") {
    OpenCti b;
    Json stored = {{"log.abc@pbx", {{"task", {{"entityApiName", "Task"}, {"Subject", "Call from x"}, {"CallObject", "abc@pbx"}}},
                                    {"call_id", "c7"}, {"attempts", 0}, {"state", "sending"}}},
                   {"log.junk", "not an entry"}};
    b.boot(stored);
    CHECK(b.view()["notices"][0]["code"] == "store.bad_entry");
    Json check = b.call("runApex");
    CHECK(check["args"]["methodName"] == "findCallLog");
    b.send({{"type", "host.response"}, {"req", check["req"]}, {"response", ok({{"runApex", R"({"id":null})"}})}});
    Json save = b.call("saveLog");
    CHECK(save["args"]["value"]["CallObject"] == "abc@pbx");
    auto fx = b.send({{"type", "host.response"}, {"req", save["req"]}, {"response", ok("00T1")}});
    CHECK(find_effect(fx, "store.delete"));
  }

  TEST_CASE("Salesforce that never answers saveLog: after the timeout the log is checked and retried") {
    OpenCti b;
    b.boot();
    b.inbound_answered();
    b.send({{"type", "ui.hangup"}});
    b.pending.clear();
    b.send({{"type", "ui.wrapup.done"}});
    Json save = b.call("saveLog");
    b.advance(15'000);
    b.send({{"type", "timer.fired"}, {"id", "host.timeout." + std::to_string(save["req"].get<int>())}});
    b.advance(2'000);
    b.send({{"type", "timer.fired"}, {"id", "host.outbox"}});
    CHECK(b.call("runApex")["args"]["methodName"] == "findCallLog");
  }

  TEST_CASE("a refused log is kept and shown, not dropped") {
    OpenCti b;
    b.boot();
    b.inbound_answered();
    b.send({{"type", "ui.hangup"}});
    b.send({{"type", "ui.wrapup.done"}});
    b.answer("saveLog", err("INVALID_PARAM", "Subject too long"));
    auto host = b.view()["host"];
    REQUIRE(host["logs_failed"].size() == 1);
    CHECK(host["logs_failed"][0]["error"] == "INVALID_PARAM: Subject too long");
  }

  TEST_CASE("click-to-dial places a call related to the record and logs it as outbound with that Who") {
    OpenCti b;
    b.boot();
    b.send({{"type", "host.event"}, {"method", "onClickToDial"},
            {"payload", {{"number", "(415) 555-0199"}, {"recordId", "003Z"}, {"recordName", "Grace Hopper"}, {"objectType", "Contact"}}}});
    CHECK(b.sip->take_log() == "invite c1 +14155550199");
    CHECK(b.view()["calls"][0]["who"]["name"] == "Grace Hopper");
    CHECK_FALSE(b.called("searchAndScreenPop"));
    b.signal([](auto& e) { e.answered("c1"); });
    b.advance(5'000);
    b.send({{"type", "ui.hangup"}});
    b.pending.clear();
    b.send({{"type", "ui.wrapup.done"}});
    Json task = b.call("saveLog")["args"]["value"];
    CHECK(task["CallType"] == "Outbound");
    CHECK(task["WhoId"] == "003Z");
    CHECK(task["Subject"] == "Call to Grace Hopper");
    CHECK(task["CallObject"] == "call-1@test");
  }

  TEST_CASE("click-to-dial while the line is down tells the agent why") {
    OpenCti b;
    b.boot();
    b.send({{"type", "ui.status"}, {"status", "offline"}});
    b.send({{"type", "host.event"}, {"method", "onClickToDial"}, {"payload", {{"number", "4155550199"}}}});
    auto notices = b.view()["notices"];
    REQUIRE_FALSE(notices.empty());
    CHECK(notices.back()["code"] == "line.not_ready");
  }

  TEST_CASE("the record the agent is on can become the call's Who") {
    OpenCti b;
    b.boot();
    b.send({{"type", "host.event"}, {"method", "onNavigationChange"},
            {"payload", {{"url", "/lightning/r/Contact/003Q/view"}, {"recordId", "003Q"}, {"recordName", "Alan Turing"}, {"objectType", "Contact"}}}});
    CHECK(b.view()["host"]["record"]["name"] == "Alan Turing");
    b.inbound_answered();
    b.send({{"type", "ui.relate"}, {"record", b.view()["host"]["record"]}});
    CHECK(b.view()["calls"][0]["who"]["id"] == "003Q");
  }

  TEST_CASE("notes and disposition edited on a record page reach the call") {
    OpenCti b;
    b.boot();
    b.inbound_answered();
    b.send({{"type", "host.event"}, {"method", "Switchboard_Call__c"},
            {"payload", {{"kind", "edit"}, {"callId", "c1"}, {"notes", "from the record page"}, {"disposition", "Resolved"}}}});
    CHECK(b.view()["calls"][0]["notes"] == "from the record page");
    CHECK(b.view()["calls"][0]["disposition"] == "Resolved");
  }

  TEST_CASE("the utility item shows the call and its running time") {
    OpenCti b;
    b.boot();
    b.pending.clear();
    b.inbound_answered();
    CHECK(b.call("setSoftphoneItemLabel")["args"]["label"] == "Incoming call");
    CHECK(b.call("setSoftphoneItemLabel")["args"]["label"] == "On call 00:00");
    b.advance(65'000);
    b.send({{"type", "timer.fired"}, {"id", "host.tick"}});
    CHECK(b.call("setSoftphoneItemLabel")["args"]["label"] == "On call 01:05");
    b.send({{"type", "ui.hold"}});
    CHECK(b.call("setSoftphoneItemLabel")["args"]["label"] == "On hold");
    CHECK(b.call("setSoftphoneItemIcon")["args"]["key"] == "incoming_call");
    CHECK(b.call("setSoftphoneItemIcon")["args"]["key"] == "call");
    CHECK(b.call("setSoftphoneItemIcon")["args"]["key"] == "paused_call");
  }

  TEST_CASE("ephemeral credentials are refreshed before they expire") {
    OpenCti b;
    b.boot();
    // Expires at 1700003600 s; now is 1700000000 s: ask again 10 minutes before.
    b.advance(3'000'000);
    b.send({{"type", "timer.fired"}, {"id", "host.credentials"}});
    b.answer("runApex", ok(agent_config()));
    CHECK(b.sip->take_log() == "credentials 1700003600:1001");
  }

  TEST_CASE("replies nobody asked for and malformed replies do not disturb anything") {
    OpenCti b;
    b.boot();
    auto fx = b.send({{"type", "host.response"}, {"req", 999}, {"response", ok(nullptr)}});
    CHECK_FALSE(find_effect(fx, "error"));
    b.ring();
    Json search = b.call("searchAndScreenPop");
    b.send({{"type", "host.response"}, {"req", search["req"]}, {"response", {{"success", "yes"}}}});
    CHECK(b.view()["calls"][0]["state"] == "ringing");
  }
}
