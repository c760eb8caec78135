// Call handling: agent actions, signalling reports, and how calls move presence.
#include <algorithm>
#include <cctype>

#include "switchboard/format.h"

#include "engine/host.h"
#include "engine/impl.h"

namespace sb {
namespace {

bool valid_dtmf(std::string_view digits) {
  return !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D') || (c >= 'a' && c <= 'd');
  });
}

bool is_who(std::string_view type) { return type == "Contact" || type == "Lead"; }

// "sip:alice@pbx.example.com", "sips:…" or "alice@pbx.example.com": a colleague or a service the PBX
// knows by name rather than by number.
std::optional<std::string> sip_address(std::string_view text) {
  std::string_view rest = text;
  if (rest.rfind("sip:", 0) == 0) rest.remove_prefix(4);
  else if (rest.rfind("sips:", 0) == 0) rest.remove_prefix(5);
  const auto at = rest.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= rest.size() || text.size() > 128) return std::nullopt;
  auto ok_user = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_.!~*'()&=+$,;?/%").find(c) != std::string_view::npos; };
  auto ok_host = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-.:[]").find(c) != std::string_view::npos; };
  const std::string_view user = rest.substr(0, at);
  const std::string_view host = rest.substr(at + 1);
  if (!std::all_of(user.begin(), user.end(), ok_user) || !std::all_of(host.begin(), host.end(), ok_host)) return std::nullopt;
  return text.rfind("sip", 0) == 0 ? std::string(text) : "sip:" + std::string(text);
}

std::string outcome_of(const Call& c) {
  if (c.end_cause == EndCause::Transferred) return "transferred";
  if (c.was_connected()) return "answered";
  if (!c.outgoing) {
    if (c.end_cause == EndCause::Declined) return "declined";
    if (c.end_cause == EndCause::AnsweredElsewhere) return "answered_elsewhere";
    if (c.end_cause == EndCause::Missed) return "missed";
    return "failed";
  }
  if (c.end_cause == EndCause::Busy || c.end_cause == EndCause::NoAnswer || c.end_cause == EndCause::Declined ||
      c.end_cause == EndCause::Canceled)
    return "not_answered";
  return "failed";
}

}  // namespace

Call* Engine::Impl::find_call(std::string_view id) {
  for (auto& c : calls)
    if (c.id == id) return &c;
  return nullptr;
}

// The call an action without an explicit id is about: a ringing inbound call first, then the call
// being talked on, then a held one, then one in wrap-up.
Call* Engine::Impl::focus_call() {
  auto first = [&](auto pred) -> Call* {
    for (auto& c : calls)
      if (pred(c)) return &c;
    return nullptr;
  };
  if (Call* c = first([](const Call& x) { return x.state == CallState::Ringing && !x.outgoing; })) return c;
  if (Call* c = first([](const Call& x) {
        return x.state == CallState::Connected || x.state == CallState::Dialing || x.state == CallState::Ringing ||
               x.state == CallState::EarlyMedia;
      }))
    return c;
  if (Call* c = first([](const Call& x) { return x.state == CallState::Transferring; })) return c;
  if (Call* c = first([](const Call& x) { return x.state == CallState::Held; })) return c;
  return first([](const Call& x) { return x.state == CallState::WrapUp; });
}

Call* Engine::Impl::resolve_call(const Json& ev, std::string_view type) {
  if (auto id = string_field(ev, "call")) {
    Call* c = find_call(*id);
    if (!c) io.error("call.no_such_call", sb::format("no call has id '{}'", *id), type);
    return c;
  }
  Call* c = focus_call();
  if (!c) io.error("call.no_such_call", "there is no current call", type);
  return c;
}

std::string Engine::Impl::new_call_id() { return sb::format("c{}", next_call_number++); }

TransitionOptions Engine::Impl::transition_options(const Call& call) const {
  TransitionOptions o;
  // A consultation is part of the call being transferred: it has no wrap-up of its own.
  o.wrap_up_enabled = config.acw_seconds > 0 && call.consult_for.empty();
  return o;
}

bool Engine::Impl::move(Call& call, Trigger t, std::optional<EndCause> cause, std::string_view event_type) {
  const CallState from = call.state;
  auto to = apply(call, t, io.now(), transition_options(call), cause);
  if (!to) {
    if (is_agent_action(t)) {
      io.error(to.error().code, to.error().message, event_type);
    } else {
      io.log("warn", sb::format("call {}: {}", call.id, to.error().message));
    }
    return false;
  }
  if (*to != from) {
    io.log("info", sb::format("call {}: {} → {} ({})", call.id, to_string(from), to_string(*to), to_string(t)));
    after_transition(call, from);
  }
  return true;
}

void Engine::Impl::after_transition(Call& call, CallState from) {
  const std::string id = call.id;  // the call may be removed below
  if (host) host->call_changed(call, from);
  if (call.state == CallState::Connected && from != CallState::Held && from != CallState::Transferring &&
      !call.outgoing) {
    presence.call_started(io.now());
  }
  if (call.state == CallState::WrapUp) {
    call.wrap_up_until = io.now() + std::int64_t{config.acw_seconds} * 1000;
    io.set_timer("acw." + id, std::int64_t{config.acw_seconds} * 1000);
    const bool others_live = std::any_of(calls.begin(), calls.end(), [&](const Call& c) { return c.id != id && c.is_live(); });
    if (!others_live) presence.calls_over(true, call.wrap_up_until, io.now());
  }
  if (call.state == CallState::Ended) finish_call(call);
}

void Engine::Impl::finish_call(Call& call) {
  io.cancel_timer("acw." + call.id);
  if (host) host->call_finished(call);
  HistoryEntry h;
  h.id = call.id;
  h.direction = std::string(to_string(call.direction));
  h.number = call.number && !call.number->anonymous ? call.number->e164() : "";
  h.number_display = call.number ? format_display(*call.number, config.dialing) : call.remote_raw;
  h.label = call.caller_label;
  h.started_at = call.created_at;
  h.duration_s = call.talk_seconds();
  h.outcome = outcome_of(call);
  h.end_cause = call.end_cause ? std::string(to_string(*call.end_cause)) : "";
  if (config.history_size > 0) {
    history.push_front(h);
    while (history.size() > static_cast<std::size_t>(config.history_size)) history.pop_back();
  }
  remove_call_notices(call.id);
  if (h.outcome == "missed") {
    add_notice("info", "call.missed", sb::format("Missed call from {}", call.caller_label.empty() ? h.number_display : call.caller_label));
  }
  for (auto& other : calls) {
    if (other.consult_call == call.id) other.consult_call.clear();
    if (other.consult_for == call.id) other.consult_for.clear();
  }
  const std::string id = call.id;
  const bool was_connected = call.was_connected();
  calls.erase(std::remove_if(calls.begin(), calls.end(), [&](const Call& c) { return c.id == id; }), calls.end());
  const bool any_live = std::any_of(calls.begin(), calls.end(), [](const Call& c) { return c.is_live(); });
  const bool any_wrap = std::any_of(calls.begin(), calls.end(), [](const Call& c) { return c.state == CallState::WrapUp; });
  if (!any_live && !any_wrap) {
    if (presence.status() == AgentStatus::AfterCallWork) {
      presence.wrap_up_done(io.now());
    } else {
      presence.calls_over(false, 0, io.now());
    }
  }
  (void)was_connected;
  update_registration();
}

void Engine::Impl::add_notice(std::string level, std::string code, std::string text, std::string call_id) {
  for (const auto& n : notices)
    if (n.code == code && n.text == text) return;
  notices.push_back({next_notice_id++, std::move(level), std::move(code), std::move(text), std::move(call_id)});
  while (notices.size() > 5) notices.erase(notices.begin());
}

void Engine::Impl::remove_call_notices(const std::string& call_id) {
  notices.erase(std::remove_if(notices.begin(), notices.end(), [&](const Notice& n) { return n.call_id == call_id; }),
                notices.end());
}

void Engine::Impl::set_status(const Json& ev) {
  const std::string status = string_or(ev, "status", "");
  const std::string reason = string_or(ev, "reason", "");
  if (status == "away" && !reason.empty() && !config.away_reasons.empty() &&
      std::find(config.away_reasons.begin(), config.away_reasons.end(), reason) == config.away_reasons.end()) {
    std::string list;
    for (const auto& r : config.away_reasons) list += (list.empty() ? "" : ", ") + r;
    return io.error("event.bad_value", sb::format("away reason '{}' is not one of: {}", reason, list), "ui.status");
  }
  if (auto r = presence.choose(status, reason, io.now()); !r) return io.error(r.error().code, r.error().message, "ui.status");
  update_registration();
}

void Engine::Impl::ui_action(const std::string& type, const Json& ev) {
  if (type == "ui.status") return set_status(ev);
  if (type == "ui.dial") {
    if (auto r = dial(ev); !r) io.error(r.error().code, r.error().message, type);
    return;
  }
  if (type == "ui.transfer") return transfer(ev);
  if (type == "ui.dialpad") {
    dialpad_text = string_or(ev, "text", "");
    return;
  }
  if (type == "ui.notice.dismiss") {
    const std::int64_t id = int_or(ev, "id", 0);
    notices.erase(std::remove_if(notices.begin(), notices.end(), [&](const Notice& n) { return n.id == id; }), notices.end());
    return;
  }
  Call* c = resolve_call(ev, type);
  if (!c) return;
  const CallState from = c->state;
  const bool was_muted = c->muted;

  if (type == "ui.answer") {
    const bool already = c->answering;
    if (!move(*c, Trigger::Answer, std::nullopt, type) || already) return;
    if (sip) {
      if (auto r = sip->answer(c->id); !r) {
        io.error(r.error().code, r.error().message, type);
        c->answering = false;
      }
    }
  } else if (type == "ui.decline") {
    const std::string id = c->id;
    if (move(*c, Trigger::Decline, std::nullopt, type) && sip) (void)sip->reject(id, 486);
  } else if (type == "ui.hangup") {
    const std::string id = c->id;
    const std::string consult = c->consult_call;
    if (move(*c, Trigger::Hangup, std::nullopt, type) && sip) (void)sip->hangup(id);
    (void)consult;
  } else if (type == "ui.hold" || type == "ui.resume") {
    const bool on = type == "ui.hold";
    if (move(*c, on ? Trigger::Hold : Trigger::Resume, std::nullopt, type) && c->state != from && sip) {
      if (auto r = sip->hold(c->id, on); !r) io.error(r.error().code, r.error().message, type);
    }
  } else if (type == "ui.mute" || type == "ui.unmute") {
    const bool on = type == "ui.mute";
    if (move(*c, on ? Trigger::Mute : Trigger::Unmute, std::nullopt, type) && c->muted != was_muted && sip)
      (void)sip->mute(c->id, on);
  } else if (type == "ui.dtmf") {
    const std::string digits = string_or(ev, "digits", "");
    if (!valid_dtmf(digits))
      return io.error("call.bad_digits", sb::format("'{}' is not DTMF; use 0-9, *, #, A-D", digits.substr(0, 64)), type);
    if (!move(*c, Trigger::SendDtmf, std::nullopt, type)) return;
    if (c->dtmf_sent.size() < 64) c->dtmf_sent += digits.substr(0, 64 - c->dtmf_sent.size());
    if (sip) (void)sip->dtmf(c->id, digits);
  } else if (type == "ui.transfer.complete" || type == "ui.transfer.cancel") {
    Call* original = c->consult_for.empty() ? c : find_call(c->consult_for);
    if (!original) return io.error("call.no_such_call", "the call being transferred is gone", type);
    const std::string consult_id = original->consult_call;
    if (type == "ui.transfer.complete") {
      if (!move(*original, Trigger::CompleteTransfer, std::nullopt, type)) return;
      if (sip) {
        if (auto r = sip->refer_replaces(original->id, consult_id); !r) {
          io.error(r.error().code, r.error().message, type);
          move(*original, Trigger::TransferFailed);
        }
      }
    } else {
      if (!move(*original, Trigger::CancelTransfer, std::nullopt, type)) return;
      original->consult_call.clear();
      if (Call* consult = find_call(consult_id)) {
        if (move(*consult, Trigger::Hangup) && sip) (void)sip->hangup(consult_id);
      }
    }
  } else if (type == "ui.disposition") {
    const std::string value = string_or(ev, "value", "");
    if (!config.dispositions.empty() &&
        std::find(config.dispositions.begin(), config.dispositions.end(), value) == config.dispositions.end()) {
      std::string list;
      for (const auto& d : config.dispositions) list += (list.empty() ? "" : ", ") + d;
      return io.error("call.bad_disposition", sb::format("disposition '{}' is not one of: {}", value.substr(0, 80), list), type);
    }
    if (move(*c, Trigger::SetDisposition, std::nullopt, type)) c->disposition = value;
  } else if (type == "ui.notes") {
    if (move(*c, Trigger::SetNotes, std::nullopt, type)) c->notes = string_or(ev, "text", "");
  } else if (type == "ui.relate") {
    auto record = record_from_json(*find_field(ev, "record"));
    if (!record) return io.error("call.bad_record", "a record needs an 'id' of 1 to 18 characters, a name and a type", type);
    if (move(*c, Trigger::Relate, std::nullopt, type)) {
      if (is_who(record->type)) {
        c->who = record;
        if (c->caller_label.empty() || c->caller_label == (c->number ? format_display(*c->number, config.dialing) : c->remote_raw))
          c->caller_label = record->name;
      } else {
        c->what = record;
      }
      if (host) host->call_changed(*c, c->state);
    }
  } else if (type == "ui.wrapup.done") {
    if (c->state == CallState::WrapUp && config.disposition_required && c->disposition.empty()) {
      return io.error("call.bad_disposition", "choose a disposition before finishing after-call work", type);
    }
    move(*c, Trigger::FinishWrapUp, std::nullopt, type);
  }
}

Result<DialTarget> Engine::Impl::resolve_target(const std::string& text) const {
  auto parsed = parse_phone(text, config.dialing);
  if (parsed) {
    if (parsed->anonymous) return make_error("phone.invalid", "a withheld number cannot be dialled");
    return DialTarget{dialable(*parsed, config.dialing), *parsed, format_display(*parsed, config.dialing), parsed->internal};
  }
  if (auto uri = sip_address(text)) {
    const auto colon = uri->find(':');
    return DialTarget{*uri, std::nullopt, uri->substr(colon + 1, uri->find('@') - colon - 1), true};
  }
  return parsed.error();
}

Result<void> Engine::Impl::dial(const Json& ev) {
  const std::string number = string_or(ev, "number", "");
  if (!sip || !sip->registered()) {
    const auto line = sip ? sip->line() : LineStatus{};
    return make_error("line.not_ready", sb::format("the phone line is not ready (connection {}, registration {})",
                                                    line.connection, line.registration));
  }
  for (const auto& c : calls) {
    if (c.is_live() && c.state != CallState::Held) {
      return make_error("call.busy", sb::format("call {} is {}; hold or end it before dialling", c.id, to_string(c.state)));
    }
  }
  auto target = resolve_target(number);
  if (!target) return target.error();
  std::optional<RecordRef> record;
  if (const Json* r = find_field(ev, "record"); r && r->is_object()) {
    record = record_from_json(*r);
    if (!record) return make_error("call.bad_record", "a record needs an 'id' of 1 to 18 characters, a name and a type");
  }
  Call call;
  call.id = new_call_id();
  call.direction = target->internal ? Direction::Internal : Direction::Outbound;
  call.outgoing = true;
  call.remote_raw = number;
  call.number = target->number;
  call.created_at = io.now();
  if (record) {
    (is_who(record->type) ? call.who : call.what) = record;
    call.caller_label = record->name;
  }
  if (call.caller_label.empty()) call.caller_label = target->label;
  calls.push_back(std::move(call));
  Call& c = calls.back();
  const std::string id = c.id;
  presence.call_started(io.now());
  move(c, Trigger::Dial);
  auto placed = sip->invite(id, target->dial);
  Call* again = find_call(id);
  if (!placed) {
    io.error(placed.error().code, placed.error().message, "ui.dial");
    if (again) move(*again, Trigger::Failed, EndCause::Failed);
  } else if (again) {
    again->call_object = *placed;
  }
  return Ok{};
}

void Engine::Impl::transfer(const Json& ev) {
  Call* c = resolve_call(ev, "ui.transfer");
  if (!c) return;
  const std::string mode = string_or(ev, "mode", "");
  if (mode != "blind" && mode != "consult") {
    return io.error("event.bad_value", sb::format("transfer mode '{}' must be blind or consult", mode.substr(0, 16)), "ui.transfer");
  }
  auto resolved = resolve_target(string_or(ev, "target", ""));
  if (!resolved) return io.error(resolved.error().code, resolved.error().message, "ui.transfer");
  const std::string target = resolved->dial;
  if (mode == "blind") {
    if (!move(*c, Trigger::BlindTransfer, std::nullopt, "ui.transfer")) return;
    c->transfer_target = target;
    if (sip) {
      if (auto r = sip->refer(c->id, target); !r) {
        io.error(r.error().code, r.error().message, "ui.transfer");
        move(*c, Trigger::TransferFailed);
      }
    }
    return;
  }
  const CallState from = c->state;
  if (!move(*c, Trigger::ConsultTransfer, std::nullopt, "ui.transfer")) return;
  if (from == CallState::Connected && sip) (void)sip->hold(c->id, true);
  const std::string original_id = c->id;
  Call consult;
  consult.id = new_call_id();
  consult.direction = resolved->internal ? Direction::Internal : Direction::Outbound;
  consult.outgoing = true;
  consult.remote_raw = string_or(ev, "target", "");
  consult.number = resolved->number;
  consult.caller_label = resolved->label;
  consult.created_at = io.now();
  consult.consult_for = original_id;
  c->consult_call = consult.id;
  c->transfer_target = target;
  calls.push_back(std::move(consult));
  Call& k = calls.back();
  const std::string kid = k.id;
  move(k, Trigger::Dial);
  if (sip) {
    auto placed = sip->invite(kid, target);
    Call* again = find_call(kid);
    if (!placed) {
      io.error(placed.error().code, placed.error().message, "ui.transfer");
      if (again) move(*again, Trigger::Failed, EndCause::Failed);
    } else if (again) {
      again->call_object = *placed;
    }
  }
}

// ---- signalling reports ----

void Engine::Impl::line_changed() {
  if (!sip) return;
  const LineStatus line = sip->line();
  notices.erase(std::remove_if(notices.begin(), notices.end(),
                               [](const Notice& n) { return n.code.rfind("line.", 0) == 0; }),
                notices.end());
  if (line.registration == "failed") {
    add_notice("error", "line.refused",
               line.error_text.empty() ? "The PBX refused to register this phone. Check the SIP user and password."
                                       : line.error_text);
  } else if (line.connection == "disconnected" && presence.wants_registration() && line.retry_at) {
    add_notice("warning", "line.unreachable",
               line.error_text.empty() ? "The PBX cannot be reached. Retrying…" : line.error_text);
  }
}

IncomingDecision Engine::Impl::incoming(const IncomingCall& in) {
  IncomingDecision d;
  const bool line_busy = std::any_of(calls.begin(), calls.end(), [](const Call& c) {
    return c.is_live() && c.state != CallState::Held;
  });
  // An INVITE replacing one of our calls (an attended transfer towards us) continues that work.
  const bool replacing = !in.replaces.empty() && find_call(in.replaces);
  if (!replacing && (line_busy || presence.status() == AgentStatus::Busy || presence.status() == AgentStatus::AfterCallWork)) {
    d.reject_code = 486;
    io.log("info", "incoming call rejected: agent busy");
    return d;
  }
  if (!replacing && !presence.accepts_calls()) {
    d.reject_code = 480;
    io.log("info", sb::format("incoming call rejected: agent is {}", to_string(presence.status())));
    return d;
  }
  Call call;
  call.id = new_call_id();
  call.outgoing = false;
  call.remote_raw = in.from_user;
  call.call_object = in.sip_call_id;
  call.remote_name = in.display_name.substr(0, 128);
  call.created_at = io.now();
  auto parsed = parse_phone(in.from_user, config.dialing);
  if (!parsed) parsed = parse_phone(in.from_uri, config.dialing);
  if (parsed) call.number = *parsed;
  // A caller known by a SIP user name rather than a number is someone on the PBX.
  call.direction = !call.number || call.number->internal ? Direction::Internal : Direction::Inbound;
  call.caller_label = !call.remote_name.empty() ? call.remote_name
                      : call.number             ? format_display(*call.number, config.dialing)
                                                : call.remote_raw;
  call.answering = replacing;  // answered by signalling at once
  calls.push_back(std::move(call));
  Call& c = calls.back();
  d.accept = true;
  d.call_id = c.id;
  move(c, Trigger::Incoming);
  return d;
}

void Engine::Impl::progress(const std::string& id, int code, bool early_media) {
  Call* c = find_call(id);
  if (!c) return;
  (void)code;
  move(*c, early_media ? Trigger::RemoteEarlyMedia : Trigger::RemoteRinging);
}

void Engine::Impl::answered(const std::string& id) {
  if (Call* c = find_call(id)) move(*c, Trigger::Answered);
}

void Engine::Impl::ended(const std::string& id, EndCause cause, int sip_code) {
  Call* c = find_call(id);
  if (!c) return;
  c->end_sip_code = sip_code;
  Trigger t = Trigger::Failed;
  switch (c->state) {
    case CallState::Connected:
    case CallState::Held:
    case CallState::Transferring:
      t = cause == EndCause::RemoteHangup                                           ? Trigger::RemoteHangup
          : cause == EndCause::Transferred && c->state == CallState::Transferring ? Trigger::TransferSucceeded
                                                                                  : Trigger::Failed;
      break;
    case CallState::Ringing:
      if (!c->outgoing && (cause == EndCause::Missed || cause == EndCause::AnsweredElsewhere)) t = Trigger::RemoteCanceled;
      break;
    default: break;
  }
  if (cause == EndCause::MediaFailed && c->answering) {
    add_notice("error", "media.microphone",
               "The call could not be answered: the browser has no microphone access. Allow the microphone for this page and try again.");
  }
  move(*c, t, cause);
}

void Engine::Impl::remote_hold(const std::string& id, bool held) {
  if (Call* c = find_call(id)) c->remote_held = held;
}

void Engine::Impl::hold_done(const std::string& id, bool held, bool ok) {
  Call* c = find_call(id);
  if (!c || ok) return;
  add_notice("warning", "call.hold_failed",
             held ? "The PBX did not put the call on hold." : "The PBX did not take the call off hold.", id);
  if (held && c->state == CallState::Held) move(*c, Trigger::Resume);
  if (!held && c->state == CallState::Connected) move(*c, Trigger::Hold);
}

void Engine::Impl::transfer_result(const std::string& id, bool ok, int sip_code) {
  Call* c = find_call(id);
  if (!c || c->state != CallState::Transferring) return;
  if (ok) {
    const std::string consult = c->consult_call;
    move(*c, Trigger::TransferSucceeded, EndCause::Transferred);
    if (sip) (void)sip->hangup(id);
    if (Call* k = find_call(consult); k && k->is_live()) {
      k->end_cause = EndCause::Transferred;
      if (move(*k, Trigger::Hangup) && sip) (void)sip->hangup(consult);
    }
  } else {
    add_notice("warning", "call.transfer_failed",
               sb::format("The transfer to {} did not go through{}.", c->transfer_target,
                           sip_code ? sb::format(" (SIP {})", sip_code) : std::string()),
               id);
    move(*c, Trigger::TransferFailed);
  }
}

std::string Engine::Impl::referred(const std::string& call_id, const std::string& target_user,
                                   const std::string& sip_call_id) {
  // The other party hands us on to target: a new outgoing call, about the same records.
  const Call* from = find_call(call_id);
  auto parsed = parse_phone(target_user, config.dialing);
  Call call;
  call.id = new_call_id();
  call.outgoing = true;
  call.direction = !parsed || parsed->internal ? Direction::Internal : Direction::Outbound;
  call.remote_raw = target_user;
  if (parsed) call.number = *parsed;
  call.caller_label = parsed ? format_display(*parsed, config.dialing) : target_user;
  call.call_object = sip_call_id;
  call.created_at = io.now();
  if (from) {
    call.who = from->who;
    call.what = from->what;
  }
  io.log("info", sb::format("call {}: transferred by the other party to a new call {}", call_id, call.id));
  calls.push_back(std::move(call));
  Call& c = calls.back();
  const std::string id = c.id;
  presence.call_started(io.now());
  move(c, Trigger::Dial);
  return id;
}

void Engine::Impl::dtmf_received(const std::string& id, std::string_view digits) {
  io.log("debug", sb::format("call {}: received {} DTMF digit(s)", id, digits.size()));
}

}  // namespace sb
