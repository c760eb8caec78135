#include "switchboard/agent.h"

#include "switchboard/format.h"

namespace sb {

std::string_view to_string(AgentStatus s) {
  switch (s) {
    case AgentStatus::Offline: return "offline";
    case AgentStatus::Available: return "available";
    case AgentStatus::Busy: return "busy";
    case AgentStatus::AfterCallWork: return "after_call_work";
    case AgentStatus::Away: return "away";
  }
  return "?";
}

Json agent_status_names() { return {"offline", "available", "busy", "after_call_work", "away"}; }

void Presence::set(AgentStatus s, std::int64_t now) {
  if (s != current_) since_ = now;
  current_ = s;
  if (s != AgentStatus::AfterCallWork) acw_until_ = 0;
}

Result<void> Presence::choose(std::string_view status, std::string_view reason, std::int64_t now) {
  AgentStatus want;
  if (status == "available") {
    want = AgentStatus::Available;
  } else if (status == "away") {
    want = AgentStatus::Away;
  } else if (status == "offline") {
    want = AgentStatus::Offline;
  } else if (status == "busy" || status == "after_call_work") {
    return make_error("presence.not_selectable",
                      sb::format("'{}' follows calls and cannot be chosen; choose available, away or offline", status));
  } else {
    return make_error("presence.unknown_status",
                      sb::format("unknown status '{}'; choose available, away or offline", status));
  }
  if (want == AgentStatus::Away && reason.empty()) {
    return make_error("presence.reason_required", "away needs a reason (e.g. Break, Lunch, Meeting, Training)");
  }
  chosen_ = want;
  reason_ = want == AgentStatus::Away ? std::string(reason) : std::string();
  // While busy or in after-call work the choice waits; otherwise it takes effect now.
  if (current_ != AgentStatus::Busy && current_ != AgentStatus::AfterCallWork) set(want, now);
  return Ok{};
}

void Presence::call_started(std::int64_t now) { set(AgentStatus::Busy, now); }

void Presence::calls_over(bool wrap_up, std::int64_t acw_until, std::int64_t now) {
  if (current_ != AgentStatus::Busy) return;
  if (wrap_up) {
    set(AgentStatus::AfterCallWork, now);
    acw_until_ = acw_until;
  } else {
    set(chosen_, now);
  }
}

void Presence::wrap_up_done(std::int64_t now) {
  if (current_ == AgentStatus::AfterCallWork) set(chosen_, now);
}

Json Presence::to_json() const {
  JsonObject j;
  j.text("status", to_string(current_)).number("since", since_).text("reason", reason_);
  if (chosen_ != current_) j.text("next", to_string(chosen_));
  if (acw_until_) j.number("acw_until", acw_until_);
  return j.take();
}

}  // namespace sb
