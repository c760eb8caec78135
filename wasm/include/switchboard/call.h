// The call model and its state machine.
//
//                      ┌──────────── answered ─────────────────────────────┐
//   idle ──dial──▶ dialing ──remote_ringing──▶ ringing ──remote_early_media──▶ early_media
//     │                                          │  ▲ (outbound: remote alerting)     │
//     └──incoming──▶ ringing (inbound) ──answer──┘  └────────── answered ───────────────┤
//                                                                                     ▼
//              wrap_up ◀──hangup / remote_hangup / failed── connected ◀──resume──▶ held
//                 │                                  blind_transfer │   ▲ transfer_failed │
//                 │          wrap_up ◀──transfer_succeeded── transferring ◀─complete_transfer┘
//                 └──finish_wrap_up──▶ ended ◀── any state before connected: decline, hangup,
//                                                  remote_canceled, failed
//
// A call that was never connected ends without wrap-up; one that was connected goes through wrap-up
// when after-call work is enabled. Agent actions that are not legal in the current state return
// call.illegal_action naming the state and the actions allowed in it; harmless repeats (hold while
// held, mute while muted) succeed without change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "switchboard/json.h"
#include "switchboard/phone.h"
#include "switchboard/result.h"

namespace sb {

enum class CallState { Idle, Dialing, Ringing, EarlyMedia, Connected, Held, Transferring, WrapUp, Ended };
enum class Direction { Inbound, Outbound, Internal };

// Why a call ended: a closed list. SIP final responses map onto it through end_cause_for_sip().
enum class EndCause {
  LocalHangup,        // the agent hung up a connected call
  RemoteHangup,       // the other party hung up a connected call
  Canceled,           // the agent abandoned an outgoing call before it was answered
  Missed,             // the caller gave up while it rang (CANCEL)
  AnsweredElsewhere,  // CANCEL with Reason cause=200: another agent took it
  Declined,           // the agent declined, or the callee declined (603)
  Busy,               // 486, 600
  NoAnswer,           // 408, 480 on INVITE, or our own no-answer timeout
  NotFound,           // 404, 484, 604
  Rejected,           // 403, 405, 410, 606, other 4xx
  Unavailable,        // 503, 502, 504 and other 5xx
  Redirected,         // 3xx
  AuthFailed,         // 401/407 that credentials could not satisfy
  MediaFailed,        // 488, 606, no microphone, ICE failure
  Transferred,        // the call was handed over by a transfer
  ConnectionLost,     // the WebSocket to the PBX went away and the dialog could not be kept
  Failed,             // anything else
};

enum class Trigger {
  // agent actions
  Dial, Answer, Decline, Hangup, Hold, Resume, Mute, Unmute, SendDtmf, BlindTransfer, ConsultTransfer,
  CompleteTransfer, CancelTransfer, SetDisposition, SetNotes, Relate, FinishWrapUp,
  // signalling
  Incoming, RemoteRinging, RemoteEarlyMedia, Answered, RemoteHangup, RemoteCanceled, Failed,
  TransferSucceeded, TransferFailed,
};

std::string_view to_string(CallState s);
std::string_view to_string(Direction d);
std::string_view to_string(EndCause c);
std::string_view to_string(Trigger t);
std::optional<EndCause> end_cause_from_string(std::string_view s);

// SIP final response code → end cause, and the codes each cause covers (exported to JS).
EndCause end_cause_for_sip(int status_code);
Json end_cause_table();
Json call_state_names();
Json call_direction_names();
Json call_action_names();
bool is_agent_action(Trigger t);

struct RecordRef {
  std::string id;
  std::string name;
  std::string type;  // sObject type: Contact, Lead, Account, Case…
  bool operator==(const RecordRef&) const = default;
};
Json to_json(const RecordRef& r);
std::optional<RecordRef> record_from_json(const Json& j);

struct Call {
  std::string id;
  Direction direction = Direction::Inbound;
  bool outgoing = false;  // we placed it (outbound, or internal to a colleague)
  CallState state = CallState::Idle;
  std::optional<EndCause> end_cause;
  int end_sip_code = 0;

  std::string call_object;     // the telephony call id (SIP Call-ID): Task.CallObject, the log's idempotency key
  std::string remote_raw;      // the number as dialled or as it arrived
  std::string remote_name;     // display name from signalling
  std::optional<PhoneNumber> number;
  std::string caller_label;    // best name for the other party (record name, display name)

  std::optional<RecordRef> who;   // Contact/Lead
  std::optional<RecordRef> what;  // Account/Case/Opportunity…

  std::int64_t created_at = 0;
  std::int64_t answered_at = 0;
  std::int64_t ended_at = 0;
  std::int64_t wrap_up_until = 0;

  bool answering = false;   // agent pressed answer; waiting for media and the 200 OK
  bool muted = false;
  bool remote_held = false;

  std::string consult_for;   // this call is a consultation for that call
  std::string consult_call;  // this call has that consultation call
  std::string transfer_target;

  std::string disposition;
  std::string notes;
  std::string dtmf_sent;

  std::vector<CallState> states{CallState::Idle};  // every state entered, in order

  bool was_connected() const { return answered_at != 0; }
  bool is_live() const { return state != CallState::WrapUp && state != CallState::Ended; }
  std::int64_t talk_seconds() const;
};

struct TransitionOptions {
  bool wrap_up_enabled = true;
};

// The pure transition function: where trigger t takes a call in its current state, or
// call.illegal_action. Repeats that change nothing return the current state.
Result<CallState> next_state(const Call& call, Trigger t, const TransitionOptions& opts = {});

// Agent actions legal now (by name, for error messages and the view).
std::vector<std::string_view> allowed_actions(const Call& call, const TransitionOptions& opts = {});

// Applies t: moves the call, records the state, sets flags and timestamps. now is wall-clock ms.
Result<CallState> apply(Call& call, Trigger t, std::int64_t now, const TransitionOptions& opts = {},
                        std::optional<EndCause> cause = std::nullopt);

}  // namespace sb
