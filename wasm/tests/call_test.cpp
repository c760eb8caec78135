// The call state machine: every legal transition from an independent table, every other combination
// refused with an error naming the state and what is allowed.
#include <doctest/doctest.h>

#include <map>
#include <tuple>

#include "switchboard/call.h"

using sb::Call;
using sb::CallState;
using sb::EndCause;
using sb::Trigger;

namespace {

constexpr CallState kStates[] = {CallState::Idle,      CallState::Dialing, CallState::Ringing,
                                 CallState::EarlyMedia, CallState::Connected, CallState::Held,
                                 CallState::Transferring, CallState::WrapUp, CallState::Ended};

std::vector<Trigger> all_triggers() {
  std::vector<Trigger> out;
  for (int i = 0; i <= static_cast<int>(Trigger::TransferFailed); ++i) out.push_back(static_cast<Trigger>(i));
  return out;
}

Call call_in(CallState s, bool outgoing) {
  Call c;
  c.id = "c1";
  c.outgoing = outgoing;
  c.direction = outgoing ? sb::Direction::Outbound : sb::Direction::Inbound;
  c.state = s;
  if (s == CallState::Connected || s == CallState::Held || s == CallState::Transferring || s == CallState::WrapUp)
    c.answered_at = 1000;
  return c;
}

using Key = std::tuple<CallState, bool, Trigger>;  // state, outgoing, trigger

// The legal transitions of a call with no consult links. Anything not here must be refused.
std::map<Key, CallState> legal_table() {
  using S = CallState;
  using T = Trigger;
  std::map<Key, CallState> m;
  auto both = [&](S s, T t, S to) {
    m[{s, true, t}] = to;
    m[{s, false, t}] = to;
  };
  both(S::Idle, T::Dial, S::Dialing);
  both(S::Idle, T::Incoming, S::Ringing);
  for (T t : {T::SetNotes, T::Relate, T::Mute, T::Unmute}) m[{S::Dialing, true, t}] = S::Dialing;
  m[{S::Dialing, true, T::RemoteRinging}] = S::Ringing;
  m[{S::Dialing, true, T::RemoteEarlyMedia}] = S::EarlyMedia;
  m[{S::Dialing, true, T::Answered}] = S::Connected;
  m[{S::Dialing, true, T::Hangup}] = S::Ended;
  m[{S::Dialing, true, T::Failed}] = S::Ended;
  // Ringing, we called: the other side is alerting.
  for (T t : {T::RemoteRinging, T::Mute, T::Unmute, T::SetNotes, T::Relate}) m[{S::Ringing, true, t}] = S::Ringing;
  m[{S::Ringing, true, T::RemoteEarlyMedia}] = S::EarlyMedia;
  m[{S::Ringing, true, T::Answered}] = S::Connected;
  m[{S::Ringing, true, T::Hangup}] = S::Ended;
  m[{S::Ringing, true, T::Failed}] = S::Ended;
  // Ringing, they called: the agent is alerted.
  for (T t : {T::Answer, T::Incoming, T::SetNotes, T::Relate}) m[{S::Ringing, false, t}] = S::Ringing;
  for (T t : {T::Decline, T::Hangup, T::RemoteCanceled, T::Failed}) m[{S::Ringing, false, t}] = S::Ended;
  m[{S::Ringing, false, T::Answered}] = S::Connected;
  for (T t : {T::RemoteRinging, T::RemoteEarlyMedia, T::SendDtmf, T::Mute, T::Unmute, T::SetNotes, T::Relate})
    m[{S::EarlyMedia, true, t}] = S::EarlyMedia;
  m[{S::EarlyMedia, true, T::Answered}] = S::Connected;
  m[{S::EarlyMedia, true, T::Hangup}] = S::Ended;
  m[{S::EarlyMedia, true, T::Failed}] = S::Ended;
  for (T t : {T::Resume, T::Answered, T::Mute, T::Unmute, T::SendDtmf, T::SetDisposition, T::SetNotes, T::Relate})
    both(S::Connected, t, S::Connected);
  both(S::Connected, T::Hold, S::Held);
  both(S::Connected, T::BlindTransfer, S::Transferring);
  both(S::Connected, T::ConsultTransfer, S::Held);
  for (T t : {T::Hangup, T::RemoteHangup, T::Failed}) both(S::Connected, t, S::WrapUp);
  for (T t : {T::Hold, T::Mute, T::Unmute, T::SetDisposition, T::SetNotes, T::Relate, T::ConsultTransfer})
    both(S::Held, t, S::Held);
  both(S::Held, T::Resume, S::Connected);
  both(S::Held, T::BlindTransfer, S::Transferring);
  for (T t : {T::Hangup, T::RemoteHangup, T::Failed}) both(S::Held, t, S::WrapUp);
  for (T t : {T::SetDisposition, T::SetNotes, T::Relate, T::Mute, T::Unmute}) both(S::Transferring, t, S::Transferring);
  both(S::Transferring, T::TransferSucceeded, S::WrapUp);
  both(S::Transferring, T::TransferFailed, S::Held);
  for (T t : {T::Hangup, T::RemoteHangup, T::Failed}) both(S::Transferring, t, S::WrapUp);
  for (T t : {T::SetDisposition, T::SetNotes, T::Relate, T::RemoteHangup, T::Failed, T::TransferSucceeded,
              T::TransferFailed})
    both(S::WrapUp, t, S::WrapUp);
  both(S::WrapUp, T::FinishWrapUp, S::Ended);
  for (T t : all_triggers())
    if (!sb::is_agent_action(t)) both(S::Ended, t, S::Ended);
  return m;
}

bool realistic(CallState s, bool outgoing) {
  // Only calls we placed dial or hear early media.
  return !((s == CallState::Dialing || s == CallState::EarlyMedia) && !outgoing);
}

}  // namespace

TEST_SUITE("call") {
  TEST_CASE("every state × trigger follows the legal table; everything else is refused") {
    const auto table = legal_table();
    int legal = 0, refused = 0;
    for (CallState s : kStates) {
      for (bool outgoing : {false, true}) {
        if (!realistic(s, outgoing)) continue;
        for (Trigger t : all_triggers()) {
          Call c = call_in(s, outgoing);
          auto r = sb::next_state(c, t);
          auto it = table.find({s, outgoing, t});
          const std::string state_name(sb::to_string(s));
          const std::string trigger_name(sb::to_string(t));
          CAPTURE(state_name);
          CAPTURE(outgoing);
          CAPTURE(trigger_name);
          if (it != table.end()) {
            REQUIRE(r.ok());
            CHECK(*r == it->second);
            ++legal;
          } else {
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == (sb::is_agent_action(t) ? "call.illegal_action" : "call.unexpected_signal"));
            CHECK(r.error().message.find(std::string(sb::to_string(s))) != std::string::npos);
            ++refused;
          }
        }
      }
    }
    CHECK(legal == static_cast<int>(table.size()));
    CHECK(refused > 250);
  }

  TEST_CASE("an illegal action names the state and the actions allowed in it") {
    Call c = call_in(CallState::Ringing, false);
    auto r = sb::next_state(c, Trigger::Hold);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "cannot hold a call that is ringing; allowed now: answer, decline, notes, relate");
    Call ended = call_in(CallState::Ended, false);
    CHECK(sb::next_state(ended, Trigger::Answer).error().message ==
          "cannot answer a call that is ended; allowed now: nothing");
  }

  TEST_CASE("consult transfer: complete and cancel need a consult call; a consult call cannot consult again") {
    Call held = call_in(CallState::Held, false);
    CHECK_FALSE(sb::next_state(held, Trigger::CompleteTransfer).ok());
    CHECK_FALSE(sb::next_state(held, Trigger::CancelTransfer).ok());
    held.consult_call = "c2";
    CHECK(*sb::next_state(held, Trigger::CompleteTransfer) == CallState::Transferring);
    CHECK(*sb::next_state(held, Trigger::CancelTransfer) == CallState::Held);
    CHECK_FALSE(sb::next_state(held, Trigger::BlindTransfer).ok());  // finish the consult first
    Call consult = call_in(CallState::Connected, true);
    consult.consult_for = "c1";
    CHECK_FALSE(sb::next_state(consult, Trigger::ConsultTransfer).ok());
  }

  TEST_CASE("without wrap-up a connected call ends directly; a call never connected never wraps up") {
    sb::TransitionOptions no_acw;
    no_acw.wrap_up_enabled = false;
    CHECK(*sb::next_state(call_in(CallState::Connected, true), Trigger::Hangup, no_acw) == CallState::Ended);
    Call ringing = call_in(CallState::Ringing, false);
    CHECK(*sb::next_state(ringing, Trigger::RemoteCanceled) == CallState::Ended);
  }

  TEST_CASE("an inbound call answered, held, resumed and hung up passes exactly these states") {
    Call c = call_in(CallState::Idle, false);
    for (auto t : {Trigger::Incoming, Trigger::Answer, Trigger::Answered, Trigger::Hold, Trigger::Hold,
                   Trigger::Resume, Trigger::Hangup, Trigger::SetDisposition, Trigger::FinishWrapUp}) {
      REQUIRE(sb::apply(c, t, 5000).ok());
    }
    std::vector<CallState> expected = {CallState::Idle, CallState::Ringing, CallState::Connected, CallState::Held,
                                       CallState::Connected, CallState::WrapUp, CallState::Ended};
    CHECK(c.states == expected);
    CHECK(c.end_cause == EndCause::LocalHangup);
  }

  TEST_CASE("end causes follow who ended the call and how") {
    auto end_with = [](CallState s, bool outgoing, Trigger t) {
      Call c = call_in(s, outgoing);
      REQUIRE(sb::apply(c, t, 9000).ok());
      return c.end_cause;
    };
    CHECK(end_with(CallState::Ringing, false, Trigger::Decline) == EndCause::Declined);
    CHECK(end_with(CallState::Ringing, false, Trigger::Hangup) == EndCause::Declined);
    CHECK(end_with(CallState::Ringing, false, Trigger::RemoteCanceled) == EndCause::Missed);
    CHECK(end_with(CallState::Dialing, true, Trigger::Hangup) == EndCause::Canceled);
    CHECK(end_with(CallState::Connected, true, Trigger::Hangup) == EndCause::LocalHangup);
    CHECK(end_with(CallState::Connected, true, Trigger::RemoteHangup) == EndCause::RemoteHangup);
    CHECK(end_with(CallState::Transferring, true, Trigger::TransferSucceeded) == EndCause::Transferred);
    Call c = call_in(CallState::Dialing, true);
    REQUIRE(sb::apply(c, Trigger::Failed, 1, {}, EndCause::Busy).ok());
    CHECK(c.end_cause == EndCause::Busy);
  }

  TEST_CASE("SIP final responses map onto the closed list of end causes") {
    CHECK(sb::end_cause_for_sip(486) == EndCause::Busy);
    CHECK(sb::end_cause_for_sip(600) == EndCause::Busy);
    CHECK(sb::end_cause_for_sip(603) == EndCause::Declined);
    CHECK(sb::end_cause_for_sip(480) == EndCause::NoAnswer);
    CHECK(sb::end_cause_for_sip(408) == EndCause::NoAnswer);
    CHECK(sb::end_cause_for_sip(404) == EndCause::NotFound);
    CHECK(sb::end_cause_for_sip(487) == EndCause::Missed);
    CHECK(sb::end_cause_for_sip(488) == EndCause::MediaFailed);
    CHECK(sb::end_cause_for_sip(302) == EndCause::Redirected);
    CHECK(sb::end_cause_for_sip(499) == EndCause::Rejected);
    CHECK(sb::end_cause_for_sip(503) == EndCause::Unavailable);
    CHECK(sb::end_cause_for_sip(699) == EndCause::Declined);
    for (int i = 0; i <= static_cast<int>(EndCause::Failed); ++i) {
      auto cause = static_cast<EndCause>(i);
      CHECK(sb::end_cause_from_string(sb::to_string(cause)) == cause);
    }
  }

  TEST_CASE("allowed actions offer what makes sense, not harmless repeats") {
    Call c = call_in(CallState::Connected, true);
    auto names = [](const Call& x) {
      std::string s;
      for (auto a : sb::allowed_actions(x)) s += std::string(a) + " ";
      return s;
    };
    CHECK(names(c) == "hangup hold mute dtmf blind_transfer consult_transfer disposition notes relate ");
    c.muted = true;
    c.state = CallState::Held;
    CHECK(names(c) == "hangup resume unmute blind_transfer disposition notes relate ");
    Call ringing = call_in(CallState::Ringing, false);
    CHECK(names(ringing) == "answer decline notes relate ");
    ringing.answering = true;
    CHECK(names(ringing) == "decline notes relate ");
    CHECK(names(call_in(CallState::WrapUp, false)) == "disposition notes relate finish_wrap_up ");
  }

  TEST_CASE("talk time counts from answer to end, rounded to the second") {
    Call c = call_in(CallState::Idle, true);
    REQUIRE(sb::apply(c, Trigger::Dial, 1000).ok());
    REQUIRE(sb::apply(c, Trigger::Answered, 3000).ok());
    REQUIRE(sb::apply(c, Trigger::Hangup, 45600).ok());
    CHECK(c.talk_seconds() == 43);
  }
}
