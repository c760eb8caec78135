#include "switchboard/call.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <span>

#include "switchboard/format.h"

namespace sb {
namespace {

constexpr std::array kAgentActions = {
    Trigger::Dial,           Trigger::Answer,         Trigger::Decline,        Trigger::Hangup,
    Trigger::Hold,           Trigger::Resume,         Trigger::Mute,           Trigger::Unmute,
    Trigger::SendDtmf,       Trigger::BlindTransfer,  Trigger::ConsultTransfer, Trigger::CompleteTransfer,
    Trigger::CancelTransfer, Trigger::SetDisposition, Trigger::SetNotes,       Trigger::Relate,
    Trigger::FinishWrapUp,
};

struct CauseCodes {
  EndCause cause;
  std::initializer_list<int> codes;  // a constant table: this refers to a static array
};

std::span<const CauseCodes> cause_codes() {
  static const CauseCodes table[] = {
      {EndCause::Busy, {486, 600}},
      {EndCause::Declined, {603}},
      {EndCause::NoAnswer, {408, 480}},
      {EndCause::NotFound, {404, 484, 604}},
      {EndCause::Rejected, {403, 405, 410, 415, 420, 421}},
      {EndCause::Unavailable, {500, 502, 503, 504}},
      {EndCause::AuthFailed, {401, 407}},
      {EndCause::MediaFailed, {488, 606}},
      {EndCause::Missed, {487}},
  };
  return table;
}

// The end of a conversation: wrap-up if it was connected and wrap-up is on, else straight to ended.
CallState after_talk(const Call& c, const TransitionOptions& o) {
  return c.was_connected() && o.wrap_up_enabled ? CallState::WrapUp : CallState::Ended;
}

bool outbound(const Call& c) { return c.outgoing; }

}  // namespace

std::string_view to_string(CallState s) {
  switch (s) {
    case CallState::Idle: return "idle";
    case CallState::Dialing: return "dialing";
    case CallState::Ringing: return "ringing";
    case CallState::EarlyMedia: return "early_media";
    case CallState::Connected: return "connected";
    case CallState::Held: return "held";
    case CallState::Transferring: return "transferring";
    case CallState::WrapUp: return "wrap_up";
    case CallState::Ended: return "ended";
  }
  return "?";
}

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::Inbound: return "inbound";
    case Direction::Outbound: return "outbound";
    case Direction::Internal: return "internal";
  }
  return "?";
}

std::string_view to_string(EndCause c) {
  switch (c) {
    case EndCause::LocalHangup: return "local_hangup";
    case EndCause::RemoteHangup: return "remote_hangup";
    case EndCause::Canceled: return "canceled";
    case EndCause::Missed: return "missed";
    case EndCause::AnsweredElsewhere: return "answered_elsewhere";
    case EndCause::Declined: return "declined";
    case EndCause::Busy: return "busy";
    case EndCause::NoAnswer: return "no_answer";
    case EndCause::NotFound: return "not_found";
    case EndCause::Rejected: return "rejected";
    case EndCause::Unavailable: return "unavailable";
    case EndCause::Redirected: return "redirected";
    case EndCause::AuthFailed: return "auth_failed";
    case EndCause::MediaFailed: return "media_failed";
    case EndCause::Transferred: return "transferred";
    case EndCause::ConnectionLost: return "connection_lost";
    case EndCause::Failed: return "failed";
  }
  return "?";
}

std::optional<EndCause> end_cause_from_string(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(EndCause::Failed); ++i) {
    auto c = static_cast<EndCause>(i);
    if (to_string(c) == s) return c;
  }
  return std::nullopt;
}

std::string_view to_string(Trigger t) {
  switch (t) {
    case Trigger::Dial: return "dial";
    case Trigger::Answer: return "answer";
    case Trigger::Decline: return "decline";
    case Trigger::Hangup: return "hangup";
    case Trigger::Hold: return "hold";
    case Trigger::Resume: return "resume";
    case Trigger::Mute: return "mute";
    case Trigger::Unmute: return "unmute";
    case Trigger::SendDtmf: return "dtmf";
    case Trigger::BlindTransfer: return "blind_transfer";
    case Trigger::ConsultTransfer: return "consult_transfer";
    case Trigger::CompleteTransfer: return "complete_transfer";
    case Trigger::CancelTransfer: return "cancel_transfer";
    case Trigger::SetDisposition: return "disposition";
    case Trigger::SetNotes: return "notes";
    case Trigger::Relate: return "relate";
    case Trigger::FinishWrapUp: return "finish_wrap_up";
    case Trigger::Incoming: return "incoming";
    case Trigger::RemoteRinging: return "remote_ringing";
    case Trigger::RemoteEarlyMedia: return "remote_early_media";
    case Trigger::Answered: return "answered";
    case Trigger::RemoteHangup: return "remote_hangup";
    case Trigger::RemoteCanceled: return "remote_canceled";
    case Trigger::Failed: return "failed";
    case Trigger::TransferSucceeded: return "transfer_succeeded";
    case Trigger::TransferFailed: return "transfer_failed";
  }
  return "?";
}

bool is_agent_action(Trigger t) {
  return std::find(kAgentActions.begin(), kAgentActions.end(), t) != kAgentActions.end();
}

EndCause end_cause_for_sip(int code) {
  for (const auto& row : cause_codes())
    if (std::find(row.codes.begin(), row.codes.end(), code) != row.codes.end()) return row.cause;
  if (code >= 300 && code < 400) return EndCause::Redirected;
  if (code >= 400 && code < 500) return EndCause::Rejected;
  if (code >= 500 && code < 600) return EndCause::Unavailable;
  if (code >= 600 && code < 700) return EndCause::Declined;
  return EndCause::Failed;
}

Json end_cause_table() {
  Json out = Json::array();
  for (int i = 0; i <= static_cast<int>(EndCause::Failed); ++i) {
    auto c = static_cast<EndCause>(i);
    Json codes = Json::array();
    for (const auto& row : cause_codes())
      if (row.cause == c) codes = std::vector<int>(row.codes);
    out.push_back(JsonObject().text("cause", to_string(c)).value("sip_codes", std::move(codes)).take());
  }
  return out;
}

Json call_state_names() {
  Json out = Json::array();
  for (int i = 0; i <= static_cast<int>(CallState::Ended); ++i) out.push_back(to_string(static_cast<CallState>(i)));
  return out;
}

Json call_direction_names() { return {"inbound", "outbound", "internal"}; }

Json call_action_names() {
  Json out = Json::array();
  for (auto t : kAgentActions) out.push_back(to_string(t));
  return out;
}

Json to_json(const RecordRef& r) { return JsonObject().text("id", r.id).text("name", r.name).text("type", r.type).take(); }

std::optional<RecordRef> record_from_json(const Json& j) {
  auto id = string_field(j, "id");
  if (!id || id->empty() || id->size() > 18) return std::nullopt;
  RecordRef r{*id, string_or(j, "name", ""), string_or(j, "type", "")};
  if (r.name.size() > 255 || r.type.size() > 80) return std::nullopt;
  return r;
}

std::int64_t Call::talk_seconds() const {
  if (!answered_at) return 0;
  const std::int64_t end = ended_at ? ended_at : answered_at;
  return std::max<std::int64_t>(0, (end - answered_at + 500) / 1000);
}

namespace {

// The transition table itself: where t takes the call, or nothing when it does not apply.
std::optional<CallState> transition(const Call& c, Trigger t, const TransitionOptions& o) {
  using S = CallState;
  const S s = c.state;
  std::optional<S> to;
  switch (s) {
    case S::Idle:
      if (t == Trigger::Dial) to = S::Dialing;
      if (t == Trigger::Incoming) to = S::Ringing;
      break;
    case S::Dialing:
      if (t == Trigger::RemoteRinging) to = S::Ringing;
      if (t == Trigger::RemoteEarlyMedia) to = S::EarlyMedia;
      if (t == Trigger::Answered) to = S::Connected;
      if (t == Trigger::Hangup || t == Trigger::Failed) to = S::Ended;
      if (t == Trigger::SetNotes || t == Trigger::Relate || t == Trigger::Mute || t == Trigger::Unmute) to = s;
      break;
    case S::Ringing:
      if (outbound(c)) {
        if (t == Trigger::RemoteRinging) to = s;
        if (t == Trigger::RemoteEarlyMedia) to = S::EarlyMedia;
        if (t == Trigger::Hangup) to = S::Ended;
        if (t == Trigger::Mute || t == Trigger::Unmute) to = s;
      } else {
        if (t == Trigger::Answer || t == Trigger::Incoming) to = s;  // answering is a flag until media is ready
        if (t == Trigger::Decline || t == Trigger::Hangup || t == Trigger::RemoteCanceled) to = S::Ended;
      }
      if (t == Trigger::Answered) to = S::Connected;
      if (t == Trigger::Failed) to = S::Ended;
      if (t == Trigger::SetNotes || t == Trigger::Relate) to = s;
      break;
    case S::EarlyMedia:
      if (t == Trigger::RemoteRinging || t == Trigger::RemoteEarlyMedia || t == Trigger::SendDtmf ||
          t == Trigger::Mute || t == Trigger::Unmute || t == Trigger::SetNotes || t == Trigger::Relate)
        to = s;
      if (t == Trigger::Answered) to = S::Connected;
      if (t == Trigger::Hangup || t == Trigger::Failed) to = S::Ended;
      break;
    case S::Connected:
      if (t == Trigger::Hold) to = S::Held;
      if (t == Trigger::Resume || t == Trigger::Answered || t == Trigger::Mute || t == Trigger::Unmute ||
          t == Trigger::SendDtmf || t == Trigger::SetDisposition || t == Trigger::SetNotes || t == Trigger::Relate)
        to = s;
      if (t == Trigger::BlindTransfer) to = S::Transferring;
      if (t == Trigger::ConsultTransfer && c.consult_for.empty()) to = S::Held;
      if (t == Trigger::Hangup || t == Trigger::RemoteHangup || t == Trigger::Failed) to = after_talk(c, o);
      break;
    case S::Held:
      if (t == Trigger::Resume) to = S::Connected;
      if (t == Trigger::Hold || t == Trigger::Mute || t == Trigger::Unmute || t == Trigger::SetDisposition ||
          t == Trigger::SetNotes || t == Trigger::Relate)
        to = s;
      if (t == Trigger::BlindTransfer && c.consult_call.empty()) to = S::Transferring;
      if (t == Trigger::ConsultTransfer && c.consult_call.empty() && c.consult_for.empty()) to = s;
      if (t == Trigger::CompleteTransfer && !c.consult_call.empty()) to = S::Transferring;
      if (t == Trigger::CancelTransfer && !c.consult_call.empty()) to = s;
      if (t == Trigger::Hangup || t == Trigger::RemoteHangup || t == Trigger::Failed) to = after_talk(c, o);
      break;
    case S::Transferring:
      if (t == Trigger::TransferSucceeded) to = after_talk(c, o);
      if (t == Trigger::TransferFailed) to = S::Held;
      if (t == Trigger::SetDisposition || t == Trigger::SetNotes || t == Trigger::Relate || t == Trigger::Mute ||
          t == Trigger::Unmute)
        to = s;
      if (t == Trigger::Hangup || t == Trigger::RemoteHangup || t == Trigger::Failed) to = after_talk(c, o);
      break;
    case S::WrapUp:
      if (t == Trigger::SetDisposition || t == Trigger::SetNotes || t == Trigger::Relate) to = s;
      if (t == Trigger::FinishWrapUp) to = S::Ended;
      // Late signalling (a BYE crossing ours, a NOTIFY after the REFER) changes nothing.
      if (t == Trigger::RemoteHangup || t == Trigger::Failed || t == Trigger::TransferSucceeded ||
          t == Trigger::TransferFailed)
        to = s;
      break;
    case S::Ended:
      if (!is_agent_action(t)) to = s;  // late signalling for a finished call is absorbed
      break;
  }
  return to;
}

}  // namespace

Result<CallState> next_state(const Call& c, Trigger t, const TransitionOptions& o) {
  if (auto to = transition(c, t, o)) return *to;
  const CallState s = c.state;
  std::string allowed;
  for (auto a : allowed_actions(c, o)) {
    if (!allowed.empty()) allowed += ", ";
    allowed += a;
  }
  if (!is_agent_action(t)) {
    return make_error("call.unexpected_signal",
                      sb::format("signal '{}' does not apply to a call that is {}", to_string(t), to_string(s)));
  }
  return make_error("call.illegal_action",
                    sb::format("cannot {} a call that is {}; allowed now: {}", to_string(t), to_string(s),
                                allowed.empty() ? std::string("nothing") : allowed));
}

std::vector<std::string_view> allowed_actions(const Call& c, const TransitionOptions& o) {
  std::vector<std::string_view> out;
  for (auto t : kAgentActions) {
    if (t == Trigger::Dial) continue;  // dialling creates a new call
    // A repeat that would change nothing is legal but not worth offering.
    if (t == Trigger::Answer && (c.answering || c.state != CallState::Ringing)) continue;
    if (t == Trigger::Hold && c.state == CallState::Held) continue;
    if (t == Trigger::Resume && c.state == CallState::Connected) continue;
    if (t == Trigger::Mute && c.muted) continue;
    if (t == Trigger::Unmute && !c.muted) continue;
    if (t == Trigger::ConsultTransfer && c.state == CallState::Held) continue;
    if (t == Trigger::Hangup && c.state == CallState::Ringing && !c.outgoing) continue;  // decline says it
    if (transition(c, t, o)) out.push_back(to_string(t));
  }
  return out;
}

Result<CallState> apply(Call& c, Trigger t, std::int64_t now, const TransitionOptions& o,
                        std::optional<EndCause> cause) {
  auto to = next_state(c, t, o);
  if (!to) return to;
  const CallState from = c.state;
  switch (t) {
    case Trigger::Answer: c.answering = true; break;
    case Trigger::Mute: c.muted = true; break;
    case Trigger::Unmute: c.muted = false; break;
    case Trigger::Answered:
      if (!c.answered_at) c.answered_at = now;
      c.answering = false;
      break;
    default: break;
  }
  if (*to != from) {
    const bool talk_over = (*to == CallState::WrapUp || *to == CallState::Ended) && from != CallState::WrapUp;
    if (talk_over) {
      c.ended_at = now;
      c.answering = false;
      if (!c.end_cause) {
        if (cause) {
          c.end_cause = cause;
        } else {
          switch (t) {
            case Trigger::Decline: c.end_cause = EndCause::Declined; break;
            case Trigger::RemoteCanceled: c.end_cause = EndCause::Missed; break;
            case Trigger::RemoteHangup: c.end_cause = EndCause::RemoteHangup; break;
            case Trigger::TransferSucceeded: c.end_cause = EndCause::Transferred; break;
            case Trigger::Hangup:
              c.end_cause = c.was_connected() ? EndCause::LocalHangup
                            : !c.outgoing ? EndCause::Declined
                                                                : EndCause::Canceled;
              break;
            default: c.end_cause = EndCause::Failed; break;
          }
        }
      }
    }
    c.state = *to;
    c.states.push_back(*to);
  }
  return to;
}

}  // namespace sb
