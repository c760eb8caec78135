// A test bench for the engine: a scripted signalling stack in place of SIP, a clock, and checks that
// every effect the engine emits matches the protocol tables.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/impl.h"
#include "switchboard/engine.h"
#include "switchboard/errors.h"
#include "switchboard/protocol.h"

namespace sbtest {

using sb::Json;

// Records what the engine asked signalling to do; tests play the network's answers through
// the engine's SignallingEvents.
class FakeSignalling final : public sb::Signalling {
 public:
  std::vector<std::string> log;  // "invite c1 +14155550100", "answer c1", …
  sb::LineStatus status;
  bool is_registered = false;
  int next_call_id = 1;

  sb::LineStatus line() const override { return status; }
  void start() override {
    log.push_back("start");
    status.connection = "connected";
    status.registration = "registered";
    is_registered = true;
  }
  void stop() override {
    log.push_back("stop");
    status = sb::LineStatus{};
    is_registered = false;
  }
  bool registered() const override { return is_registered; }
  sb::Result<std::string> invite(const std::string& id, const std::string& target) override {
    log.push_back("invite " + id + " " + target);
    return "call-" + std::to_string(next_call_id++) + "@test";
  }
  sb::Result<void> answer(const std::string& id) override { return note("answer " + id); }
  sb::Result<void> reject(const std::string& id, int code) override { return note("reject " + id + " " + std::to_string(code)); }
  sb::Result<void> hangup(const std::string& id) override { return note("hangup " + id); }
  sb::Result<void> hold(const std::string& id, bool on) override { return note((on ? "hold " : "unhold ") + id); }
  sb::Result<void> mute(const std::string& id, bool on) override { return note((on ? "mute " : "unmute ") + id); }
  sb::Result<void> dtmf(const std::string& id, const std::string& d) override { return note("dtmf " + id + " " + d); }
  sb::Result<void> refer(const std::string& id, const std::string& t) override { return note("refer " + id + " " + t); }
  sb::Result<void> refer_replaces(const std::string& id, const std::string& other) override {
    return note("refer_replaces " + id + " " + other);
  }
  void ws_open(std::int64_t) override {}
  void ws_message(std::int64_t, const std::string&) override {}
  void ws_closed(std::int64_t, int) override {}
  bool timer(const std::string&) override { return false; }
  void media_sdp(const std::string&, const std::string&, const std::string&) override {}
  void media_failed(const std::string&, const std::string&) override {}
  void update_credentials(const std::string& user, const std::string&) override { log.push_back("credentials " + user); }
  Json save(const std::string&) const override { return nullptr; }
  sb::Result<void> restore(const std::string&, const Json&) override { return sb::Ok{}; }

  std::string take_log() {
    std::string out;
    for (const auto& l : log) out += (out.empty() ? "" : "; ") + l;
    log.clear();
    return out;
  }

 private:
  sb::Result<void> note(std::string s) {
    log.push_back(std::move(s));
    return sb::Ok{};
  }
};

class Bench {
 public:
  sb::Engine engine;
  FakeSignalling* sip = nullptr;
  std::int64_t now = 1'700'000'000'000;

  explicit Bench(bool scripted_signalling = true) {
    if (!scripted_signalling) return;  // the real SIP user agent
    internals().make_signalling = [this](sb::Io&, sb::SignallingEvents&, const sb::Config&, sb::Random&) {
      auto fake = std::make_unique<FakeSignalling>();
      sip = fake.get();
      return fake;
    };
  }

  sb::Engine::Impl& internals() { return engine.internals(); }

  virtual ~Bench() = default;

  // Sends one event (stamped with the bench clock) and returns its effects, each checked against the
  // protocol tables.
  virtual Json send(Json event) {
    event["t"] = now;
    Json effects = engine.handle_value(event);
    for (const auto& e : effects) {
      auto ok = sb::protocol::check_effect(e);
      CHECK_MESSAGE(ok.ok(), (ok.ok() ? std::string() : ok.error().message));
      if (sb::string_or(e, "type", "") == "error") {
        const std::string code = sb::string_or(e, "code", "");
        CHECK_MESSAGE(sb::is_known_error_code(code), code);
      }
    }
    return effects;
  }

  void advance(std::int64_t ms) { now += ms; }

  // Runs a signalling report (as the SIP stack would while handling a ws.message) and returns the
  // effects it caused, rendered and checked like any event's.
  template <class F>
  Json signal(F&& report) {
    internals().io.set_now(now);
    report(internals());
    internals().render();
    Json effects = internals().io.take();
    for (const auto& e : effects) {
      auto ok = sb::protocol::check_effect(e);
      CHECK_MESSAGE(ok.ok(), (ok.ok() ? std::string() : ok.error().message));
    }
    return effects;
  }

  // Starts with host "none" and a PBX configured; the line comes up through the fake.
  Json start(Json config = Json::object(), std::string host = "none") {
    Json base = {{"sip", {{"ws_url", "wss://pbx.example.com/ws"}, {"domain", "pbx.example.com"}, {"user", "1001"}}},
                 {"acw_seconds", 30}};
    base.merge_patch(config);
    send({{"type", "engine.start"}, {"config", base}, {"host", host}, {"seed", "test"}});
    Json fx = send({{"type", "store.loaded"}, {"entries", Json::object()}});
    if (sip) sip->log.clear();
    return fx;
  }

  Json view() { return engine.view(); }
  Json call(std::size_t i = 0) { return view()["calls"][i]; }

  sb::IncomingDecision last_decision;

  Json ring(std::string from = "+14155550100", std::string name = "") {
    sb::IncomingCall in;
    in.from_user = from;
    in.from_uri = "sip:" + from + "@pbx.example.com";
    in.display_name = name;
    in.sip_call_id = "inbound-" + std::to_string(++rung) + "@pbx";
    return signal([&](sb::Engine::Impl& e) { last_decision = e.incoming(in); });
  }
  int rung = 0;
};

inline std::vector<std::string> types(const Json& effects) {
  std::vector<std::string> out;
  for (const auto& e : effects) out.push_back(sb::string_or(e, "type", ""));
  return out;
}

inline const Json* find_effect(const Json& effects, std::string_view type, std::string_view method = {}) {
  for (const auto& e : effects) {
    if (sb::string_or(e, "type", "") != type) continue;
    if (!method.empty() && sb::string_or(e, "method", "") != method) continue;
    return &e;
  }
  return nullptr;
}

inline const Json* find_error(const Json& effects) { return find_effect(effects, "error"); }

}  // namespace sbtest
