// Engine internals shared by the engine's source files. Not part of the public interface.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/config.h"
#include "engine/io.h"
#include "engine/signalling.h"
#include "util/random.h"
#include "switchboard/agent.h"
#include "switchboard/call.h"
#include "switchboard/engine.h"
#include "switchboard/json.h"

namespace sb {

class Host;

struct Notice {
  std::int64_t id = 0;
  std::string level;  // error | warning | info
  std::string code;
  std::string text;
  std::string call_id;  // a notice about one call goes away with it
};

struct HistoryEntry {
  std::string id;
  std::string direction;
  std::string number;  // what to dial to call back (E.164 or an extension)
  std::string number_display;
  std::string label;
  std::int64_t started_at = 0;
  std::int64_t duration_s = 0;
  std::string outcome;  // answered | missed | declined | not_answered | failed | transferred
  std::string end_cause;
};

// Where a dial or transfer goes: a phone number, an extension, or a SIP address.
struct DialTarget {
  std::string dial;                   // what signalling is asked to call
  std::optional<PhoneNumber> number;  // absent for a SIP address
  std::string label;
  bool internal = false;
};

struct Engine::Impl final : SignallingEvents {
  Impl();
  ~Impl() override;

  Io io;
  Config config;
  bool started = false;
  bool store_ready = false;
  std::string host_kind = "none";
  Presence presence;
  std::vector<Call> calls;  // live and wrapping-up calls, oldest first
  std::deque<HistoryEntry> history;
  std::vector<Notice> notices;
  std::int64_t next_notice_id = 1;
  std::int64_t next_call_number = 1;
  std::unique_ptr<Signalling> sip;
  bool line_wanted = false;
  // How the signalling stack is made; tests substitute a scripted one.
  std::function<std::unique_ptr<Signalling>(Io&, SignallingEvents&, const Config&, Random&)> make_signalling;
  std::unique_ptr<Host> host;
  Random random;
  std::optional<std::string> dialpad_text;
  Json stored_identity;  // "sip.identity" as read from storage
  std::string last_view;
  Json view_cache = Json::object();

  // engine.cpp
  Json handle(const Json& event);
  void dispatch(const std::string& type, const Json& event);
  void start(const Json& event);
  void config_ready();  // the configuration is complete (after the host's settings): go online
  void on_store_loaded(const Json& entries);
  void on_timer(const std::string& id);

  // calls.cpp
  Call* find_call(std::string_view id);
  Call* focus_call();
  Call* resolve_call(const Json& event, std::string_view type);
  std::string new_call_id();
  TransitionOptions transition_options(const Call& call) const;
  bool move(Call& call, Trigger t, std::optional<EndCause> cause = std::nullopt, std::string_view event_type = {});
  void ui_action(const std::string& type, const Json& event);
  Result<DialTarget> resolve_target(const std::string& text) const;
  Result<void> dial(const Json& event);  // errors are the agent's to see; nothing changed
  void transfer(const Json& event);
  void after_transition(Call& call, CallState from);
  void finish_call(Call& call);
  void set_status(const Json& event);
  void add_notice(std::string level, std::string code, std::string text, std::string call_id = {});
  void remove_call_notices(const std::string& call_id);
  void update_registration();
  SipIdentity identity();

  // SignallingEvents
  void line_changed() override;
  IncomingDecision incoming(const IncomingCall& call) override;
  void progress(const std::string& call_id, int code, bool early_media) override;
  void answered(const std::string& call_id) override;
  void ended(const std::string& call_id, EndCause cause, int sip_code) override;
  void remote_hold(const std::string& call_id, bool held) override;
  void hold_done(const std::string& call_id, bool held, bool ok) override;
  void transfer_result(const std::string& call_id, bool ok, int sip_code) override;
  void dtmf_received(const std::string& call_id, std::string_view digits) override;
  std::string referred(const std::string& call_id, const std::string& target_user, const std::string& sip_call_id) override;

  // view.cpp
  Json build_view() const;
  Json colleagues_json() const;
  void render();
};

}  // namespace sb
