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
  for (const auto& c : config.colleagues) out.push_back({{"name", c.name}, {"target", c.target}});
  return out;
}

Json Engine::Impl::build_view() const {
  Json agent = presence.to_json();
  Json choices = Json::array();
  choices.push_back({{"status", "available"}, {"label", "Available"}});
  for (const auto& r : config.away_reasons) choices.push_back({{"status", "away"}, {"reason", r}, {"label", "Away – " + r}});
  if (config.away_reasons.empty()) choices.push_back({{"status", "away"}, {"reason", "Away"}, {"label", "Away"}});
  choices.push_back({{"status", "offline"}, {"label", "Offline"}});
  agent["choices"] = std::move(choices);

  const LineStatus line_status = sip ? sip->line() : LineStatus{};
  Json line = {{"connection", line_status.connection}, {"registration", line_status.registration}, {"user", config.sip.user}};
  if (!line_status.error_code.empty()) line["error_code"] = line_status.error_code;
  if (!line_status.error_text.empty()) line["error_text"] = line_status.error_text;
  if (line_status.retry_at) line["retry_at"] = line_status.retry_at;

  Json call_list = Json::array();
  for (const auto& c : calls) {
    Json actions = Json::array();
    for (auto a : allowed_actions(c, transition_options(c))) {
      // Done is not offered until a required disposition is chosen.
      if (a == "finish_wrap_up" && config.disposition_required && c.disposition.empty()) continue;
      actions.push_back(a);
    }
    Json jc = {
        {"id", c.id},
        {"direction", to_string(c.direction)},
        {"outgoing", c.outgoing},
        {"state", to_string(c.state)},
        {"label", c.caller_label},
        {"number", c.number ? c.number->e164() : c.remote_raw},
        {"number_display", c.number ? format_display(*c.number, config.dialing) : c.remote_raw},
        {"who", optional_record(c.who)},
        {"what", optional_record(c.what)},
        {"created_at", c.created_at},
        {"answered_at", c.answered_at},
        {"answering", c.answering},
        {"muted", c.muted},
        {"remote_held", c.remote_held},
        {"disposition", c.disposition},
        {"notes", c.notes},
        {"dtmf_sent", c.dtmf_sent},
        {"actions", std::move(actions)},
    };
    if (!c.consult_for.empty()) jc["consult_for"] = c.consult_for;
    if (!c.consult_call.empty()) jc["consult_call"] = c.consult_call;
    if (!c.transfer_target.empty()) jc["transfer_target"] = c.transfer_target;
    if (c.end_cause) jc["end_cause"] = to_string(*c.end_cause);
    if (c.ended_at) jc["ended_at"] = c.ended_at;
    if (c.wrap_up_until) jc["wrap_up_until"] = c.wrap_up_until;
    call_list.push_back(std::move(jc));
  }

  Json hist = Json::array();
  for (const auto& h : history) {
    hist.push_back({{"id", h.id}, {"direction", h.direction}, {"number", h.number}, {"number_display", h.number_display}, {"label", h.label},
                    {"started_at", h.started_at}, {"duration_s", h.duration_s}, {"outcome", h.outcome},
                    {"end_cause", h.end_cause}});
  }
  Json note_list = Json::array();
  for (const auto& n : notices) note_list.push_back({{"id", n.id}, {"level", n.level}, {"code", n.code}, {"text", n.text}});

  Call* focus = const_cast<Impl*>(this)->focus_call();
  const bool can_dial = sip && sip->registered() &&
                        std::none_of(calls.begin(), calls.end(),
                                     [](const Call& c) { return c.is_live() && c.state != CallState::Held; });
  Json view = {
      {"v", 1},
      {"ready", started && sip != nullptr},
      {"agent", std::move(agent)},
      {"line", std::move(line)},
      {"calls", std::move(call_list)},
      {"focus", focus ? Json(focus->id) : Json()},
      {"can_dial", can_dial},
      {"history", std::move(hist)},
      {"dispositions", config.dispositions},
      {"disposition_required", config.disposition_required},
      {"acw_seconds", config.acw_seconds},
      {"notices", std::move(note_list)},
      {"colleagues", colleagues_json()},
  };
  if (dialpad_text) {
    Json pad = {{"text", *dialpad_text}, {"display", ""}, {"e164", ""}, {"valid", false}, {"error", ""}};
    if (!dialpad_text->empty()) {
      auto parsed = parse_phone(*dialpad_text, config.dialing);
      if (parsed && !parsed->anonymous) {
        pad["display"] = format_display(*parsed, config.dialing);
        pad["e164"] = parsed->e164();
        pad["valid"] = true;
      } else {
        pad["error"] = parsed ? std::string("a withheld number cannot be dialled") : parsed.error().message;
      }
    }
    view["dialpad"] = std::move(pad);
  }
  if (host) view["host"] = host->view();
  return view;
}

void Engine::Impl::render() {
  if (!started) return;
  Json view = build_view();
  std::string text = dump_json(view);
  if (text == last_view) return;
  last_view = std::move(text);
  view_cache = view;
  io.emit("ui.render", {{"view", std::move(view)}});
}

}  // namespace sb
