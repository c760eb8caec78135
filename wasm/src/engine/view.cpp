// The view: everything the softphone UI shows, as one JSON value. The UI is a pure function of it;
// ui.render is emitted only when it changes.

#include "engine/host.h"
#include "engine/impl.h"

namespace sb {
namespace {

Json optional_record(const std::optional<RecordRef>& r) { return r ? to_json(*r) : Json(); }

}  // namespace

Json Engine::Impl::colleagues_json() const {
  Json out = Json::array();
  for (const auto& c : config.colleagues) out.push_back(JsonObject().text("name", c.name).text("target", c.target).take());
  return out;
}

Json Engine::Impl::build_view() const {
  Json agent = presence.to_json();
  Json choices = Json::array();
  auto choice = [&](std::string_view status, const std::string* reason, std::string_view label) {
    JsonObject c;
    c.text("status", status).text("label", label);
    if (reason) c.text("reason", *reason);
    choices.push_back(c.take());
  };
  choice("available", nullptr, "Available");
  for (const auto& r : config.away_reasons) choice("away", &r, "Away – " + r);
  const std::string away = "Away";
  if (config.away_reasons.empty()) choice("away", &away, away);
  choice("offline", nullptr, "Offline");
  agent["choices"] = std::move(choices);

  const LineStatus line_status = sip ? sip->line() : LineStatus{};
  JsonObject line;
  line.text("connection", line_status.connection).text("registration", line_status.registration).text("user", config.sip.user);
  if (!line_status.error_code.empty()) line.text("error_code", line_status.error_code);
  if (!line_status.error_text.empty()) line.text("error_text", line_status.error_text);
  if (line_status.retry_at) line.number("retry_at", line_status.retry_at);

  Json call_list = Json::array();
  for (const auto& c : calls) {
    Json actions = Json::array();
    for (auto a : allowed_actions(c, transition_options(c))) {
      // Done is not offered until a required disposition is chosen.
      if (a == "finish_wrap_up" && config.disposition_required && c.disposition.empty()) continue;
      actions.push_back(a);
    }
    JsonObject jc;
    jc.text("id", c.id)
        .text("direction", to_string(c.direction))
        .flag("outgoing", c.outgoing)
        .text("state", to_string(c.state))
        .text("label", c.caller_label)
        .text("number", c.number ? c.number->e164() : c.remote_raw)
        .text("number_display", c.number ? format_display(*c.number, config.dialing) : c.remote_raw)
        .value("who", optional_record(c.who))
        .value("what", optional_record(c.what))
        .number("created_at", c.created_at)
        .number("answered_at", c.answered_at)
        .flag("answering", c.answering)
        .flag("muted", c.muted)
        .flag("remote_held", c.remote_held)
        .text("disposition", c.disposition)
        .text("notes", c.notes)
        .text("dtmf_sent", c.dtmf_sent)
        .value("actions", std::move(actions));
    if (!c.consult_for.empty()) jc.text("consult_for", c.consult_for);
    if (!c.consult_call.empty()) jc.text("consult_call", c.consult_call);
    if (!c.transfer_target.empty()) jc.text("transfer_target", c.transfer_target);
    if (c.end_cause) jc.text("end_cause", to_string(*c.end_cause));
    if (c.ended_at) jc.number("ended_at", c.ended_at);
    if (c.wrap_up_until) jc.number("wrap_up_until", c.wrap_up_until);
    call_list.push_back(jc.take());
  }

  Json hist = Json::array();
  for (const auto& h : history) {
    hist.push_back(JsonObject()
                       .text("id", h.id)
                       .text("direction", h.direction)
                       .text("number", h.number)
                       .text("number_display", h.number_display)
                       .text("label", h.label)
                       .number("started_at", h.started_at)
                       .number("duration_s", h.duration_s)
                       .text("outcome", h.outcome)
                       .text("end_cause", h.end_cause)
                       .take());
  }
  Json note_list = Json::array();
  for (const auto& n : notices) {
    note_list.push_back(JsonObject().number("id", n.id).text("level", n.level).text("code", n.code).text("text", n.text).take());
  }

  Call* focus = const_cast<Impl*>(this)->focus_call();
  const bool can_dial = sip && sip->registered() &&
                        std::none_of(calls.begin(), calls.end(),
                                     [](const Call& c) { return c.is_live() && c.state != CallState::Held; });
  JsonObject view;
  view.number("v", 1)
      .flag("ready", started && sip != nullptr)
      .value("agent", std::move(agent))
      .value("line", line.take())
      .value("calls", std::move(call_list))
      .value("focus", focus ? Json(focus->id) : Json())
      .flag("can_dial", can_dial)
      .value("history", std::move(hist))
      .value("dispositions", Json(config.dispositions))
      .flag("disposition_required", config.disposition_required)
      .number("acw_seconds", config.acw_seconds)
      .value("notices", std::move(note_list))
      .value("colleagues", colleagues_json());
  if (dialpad_text) {
    JsonObject pad;
    pad.text("text", *dialpad_text).text("display", "").text("e164", "").flag("valid", false).text("error", "");
    if (!dialpad_text->empty()) {
      auto parsed = parse_phone(*dialpad_text, config.dialing);
      if (parsed && !parsed->anonymous) {
        pad.text("display", format_display(*parsed, config.dialing)).text("e164", parsed->e164()).flag("valid", true);
      } else {
        pad.text("error", parsed ? std::string_view("a withheld number cannot be dialled") : std::string_view(parsed.error().message));
      }
    }
    view.value("dialpad", pad.take());
  }
  if (host) view.value("host", host->view());
  return view.take();
}

void Engine::Impl::render() {
  if (!started) return;
  Json view = build_view();
  std::string text = dump_json(view);
  if (text == last_view) return;
  last_view = std::move(text);
  view_cache = view;
  io.effect("ui.render").value("view", std::move(view)).send();
}

}  // namespace sb
