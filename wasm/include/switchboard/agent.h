// Agent presence and how it follows calls.
//
//   offline ◀──choose──▶ available ◀──choose──▶ away(reason)
//                           │  ▲                    │
//      call answered/dialled│  │ wrap-up done       │ (a call placed while away)
//                           ▼  │ or timed out       ▼
//                          busy ──all calls over──▶ after_call_work
//
// The agent's own choice (available, away with a reason, offline) is remembered while calls make
// them busy or in after-call work; when the work is over they return to that choice. Choosing during
// a call does not interrupt it: the choice becomes the "next" status shown in the view.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "switchboard/json.h"
#include "switchboard/result.h"

namespace sb {

enum class AgentStatus { Offline, Available, Busy, AfterCallWork, Away };

std::string_view to_string(AgentStatus s);
Json agent_status_names();

class Presence {
 public:
  AgentStatus status() const { return current_; }
  AgentStatus chosen() const { return chosen_; }
  const std::string& reason() const { return reason_; }
  std::int64_t since() const { return since_; }
  std::int64_t acw_until() const { return acw_until_; }

  // The agent picks available, away (with a reason) or offline. Busy and after_call_work are not
  // choices (presence.not_selectable); an away reason must be non-empty if reasons are required.
  Result<void> choose(std::string_view status, std::string_view reason, std::int64_t now);

  // A call was answered or dialled: the agent is busy.
  void call_started(std::int64_t now);
  // Every call is over. With wrap-up the agent enters after-call work until wrap_up_done();
  // acw_until is when the timer ends it (0 when it does not time out).
  void calls_over(bool wrap_up, std::int64_t acw_until, std::int64_t now);
  void wrap_up_done(std::int64_t now);

  // Whether a new inbound call may ring: only when available.
  bool accepts_calls() const { return current_ == AgentStatus::Available; }
  // Whether the line should be registered with the PBX.
  bool wants_registration() const { return chosen_ != AgentStatus::Offline || current_ == AgentStatus::Busy; }

  Json to_json() const;

 private:
  void set(AgentStatus s, std::int64_t now);

  AgentStatus current_ = AgentStatus::Offline;
  AgentStatus chosen_ = AgentStatus::Offline;
  std::string reason_;
  std::int64_t since_ = 0;
  std::int64_t acw_until_ = 0;
};

}  // namespace sb
