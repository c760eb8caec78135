// The Open CTI host: turns call and agent changes into exact sforce.opencti calls (host.call effects)
// and Salesforce's callback replies and listener payloads back into engine actions.
//
// Start-up: getCallCenterSettings → runApex getAgentConfig → the engine goes online; then the
// listeners (onClickToDial, onNavigationChange, the message channel), enableClickToDial,
// getAppViewInfo and notifyInitializationComplete. Every failed request is retried (the container not
// being ready yet is normal during start) or surfaced as a notice; nothing is swallowed.
//
// Call logs go through a durable outbox (store "log.<CallObject>"): written before the first saveLog,
// retried with backoff until Salesforce returns an Id, and checked with findCallLog before any
// re-send whose earlier attempt had no definite answer — so a Task is saved once, even across reloads.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "switchboard/format.h"

#include "crm/crm.h"
#include "engine/host.h"
#include "engine/impl.h"

namespace sb {
namespace {

constexpr std::string_view kChannel = "Switchboard_Call__c";
constexpr std::string_view kApexClass = "SwitchboardSoftphoneService";
constexpr std::int64_t kSaveLogTimeoutMs = 15000;

enum class Purpose { Settings, AgentConfig, AppView, Search, Pop, SaveLog, FindLog, Subscribe, Refresh, Other };

struct Request {
  Purpose purpose = Purpose::Other;
  std::string method;
  Json args;
  std::string call_id;
  std::string log_key;
  int attempts = 1;
  bool pop = false;  // searches: pop the result (inbound) or only relate it (outbound)
};

struct LogEntry {
  std::string key;
  std::string call_id;
  Json task;
  int attempts = 0;         // saveLog attempts made; > 0 means "check before re-sending"
  std::string state;        // queued | sending | checking | waiting | failed | done
  std::string error;
  std::int64_t retry_at = 0;
  std::int64_t req = -1;
};

std::string item(const Json& settings, std::string_view section, std::string_view name) {
  return string_or(settings, sb::format("/{}/{}", section, name), "");
}

std::string format_clock(std::int64_t seconds) {
  return seconds >= 3600 ? sb::format("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
                         : sb::format("{:02}:{:02}", seconds / 60, seconds % 60);
}

// Arguments of a runApex call to the package's Apex class.
Json apex_args(std::string_view method, const std::string& params) {
  return JsonObject().text("apexClass", kApexClass).text("methodName", method).text("methodParams", params).take();
}

std::int64_t backoff_ms(int attempt) {
  std::int64_t ms = 1000;
  for (int i = 1; i < attempt && ms < 30000; ++i) ms *= 2;
  return std::min<std::int64_t>(ms, 30000);
}

class OpenCtiHost final : public Host {
 public:
  explicit OpenCtiHost(Engine::Impl& e) : e_(e) {}

  void store_loaded(const Json& entries) override {
    if (!entries.is_object()) return;
    for (auto it = entries.begin(); it != entries.end(); ++it) {
      if (it.key().rfind("log.", 0) != 0) continue;
      const Json& v = it.value();
      const Json* task = find_field(v, "task");
      if (!task || !task->is_object()) {
        e_.add_notice("warning", "store.bad_entry",
                      sb::format("A saved call log ({}) could not be read; it is kept for an administrator.", it.key()));
        continue;
      }
      LogEntry entry;
      entry.key = it.key().substr(4);
      entry.call_id = string_or(v, "call_id", "");
      entry.task = *task;
      entry.attempts = static_cast<int>(int_or(v, "attempts", 0));
      const std::string state = string_or(v, "state", "queued");
      // An attempt may have reached Salesforce before the reload: check before sending again.
      if (state == "sending" || state == "checking") entry.attempts = std::max(entry.attempts, 1);
      entry.state = state == "failed" ? "failed" : "queued";
      entry.error = string_or(v, "error", "");
      outbox_.push_back(std::move(entry));
    }
  }

  void start() override {
    request("getCallCenterSettings", Json::object(), Purpose::Settings);
  }

  void response(std::int64_t req, const Json& response) override {
    auto it = pending_.find(req);
    if (it == pending_.end()) {
      // A call made without a callback can still be answered when the library refused it.
      auto f = fired_.find(req);
      if (f != fired_.end() && bool_field(response, "success") == false) {
        e_.io.log("warn", sb::format("{} was refused: {}", f->second, dump_json(response).substr(0, 300)));
      } else {
        e_.io.log("debug", sb::format("host reply {} matches no open request; ignored", req));
      }
      return;
    }
    Request r = std::move(it->second);
    pending_.erase(it);
    e_.io.cancel_timer(sb::format("host.timeout.{}", req));
    auto success = bool_field(response, "success");
    if (!success) {
      return failed(r, "host.bad_response", sb::format("{} replied without a boolean 'success'", r.method), "");
    }
    if (!*success) {
      std::string code = "GENERIC_ERROR";
      std::string description = "no description";
      if (const Json* errors = find_field(response, "errors"); errors && errors->is_array() && !errors->empty()) {
        code = string_or((*errors)[0], "code", code);
        description = string_or((*errors)[0], "description", description);
      }
      return failed(r, code, description, code);
    }
    const Json* rv = find_field(response, "returnValue");
    succeeded(r, rv ? *rv : Json());
  }

  void event(const std::string& method, const Json& payload) override {
    if (method == "onClickToDial") return click_to_dial(payload);
    if (method == "onNavigationChange") return navigated(payload);
    if (method == kChannel) return channel_message(payload);
    e_.io.log("debug", sb::format("host event '{}' is not one the connector listens to", method));
  }

  bool timer(const std::string& id) override {
    if (id.rfind("host.retry.", 0) == 0) {
      auto it = waiting_.find(id);
      if (it != waiting_.end()) {
        Request r = std::move(it->second);
        waiting_.erase(it);
        ++r.attempts;
        send(std::move(r));
      }
      return true;
    }
    if (id.rfind("host.timeout.", 0) == 0) {
      const std::int64_t req = std::atoll(id.c_str() + 13);
      auto it = pending_.find(req);
      if (it != pending_.end() && it->second.purpose == Purpose::SaveLog) {
        // No answer: we cannot know whether the Task was created. Check before sending again.
        if (LogEntry* entry = find_log(it->second.log_key); entry && entry->req == req) {
          entry->attempts = std::max(entry->attempts, 1);
          log_wait(*entry, "Salesforce did not answer saveLog");
        }
      }
      return true;
    }
    if (id == "host.outbox") {
      pump_outbox();
      return true;
    }
    if (id == "host.tick") {
      tick();
      return true;
    }
    if (id == "host.credentials") {
      request("runApex", apex_args("getAgentConfig", ""), Purpose::AgentConfig);
      return true;
    }
    return false;
  }

  void call_changed(const Call& call, CallState from) override {
    if (from == CallState::Idle && call.state == CallState::Ringing && !call.outgoing) {
      fire("setSoftphonePanelVisibility", JsonObject().flag("visible", true).take());
      search_for(call, true);
    } else if (from == CallState::Idle && call.outgoing && !call.who && !call.what) {
      search_for(call, false);
    }
    if (call.state == CallState::Connected && from != CallState::Held && from != CallState::Transferring) {
      Json pop = crm::answer_pop(call, rules_, call.call_object);
      if (!pop.is_null() && !call.outgoing) request("screenPop", pop, Purpose::Pop, call.id);
    }
    refresh_item();
    publish_call();
  }

  void call_finished(const Call& call) override {
    if (!call.consult_for.empty()) return;  // a consultation belongs to the transferred call's log
    if (!call.was_connected() && !call.outgoing && !rules_.log_missed) return;
    LogEntry entry;
    entry.key = call.call_object.empty() ? sb::format("{}-{}", e_.random.token(12), call.id) : call.call_object;
    entry.call_id = call.id;
    entry.task = crm::task_for(call, entry.key, e_.config.dialing, e_.config.utc_offset_minutes);
    entry.state = "queued";
    outbox_.push_back(std::move(entry));
    persist(outbox_.back());
    pump_outbox();
  }

  Json view() const override {
    int pending = 0;
    Json failed = Json::array();
    for (const auto& entry : outbox_) {
      if (entry.state == "failed") {
        failed.push_back(JsonObject().text("subject", string_or(entry.task, "Subject", "")).text("error", entry.error).take());
      } else if (entry.state != "done") {
        ++pending;
      }
    }
    return JsonObject()
        .flag("ready", ready_)
        .flag("click_to_dial", click_to_dial_)
        .value("record", record_ ? to_json(*record_) : Json())
        .number("logs_pending", pending)
        .value("logs_failed", std::move(failed))
        .take();
  }

 private:
  // ---- requests ----

  std::int64_t request(const std::string& method, Json args, Purpose purpose, std::string call_id = {},
                       std::string log_key = {}) {
    Request r;
    r.purpose = purpose;
    r.method = method;
    r.args = std::move(args);
    r.call_id = std::move(call_id);
    r.log_key = std::move(log_key);
    return send(std::move(r));
  }

  std::int64_t send(Request r) {
    const std::int64_t req = next_req_++;
    e_.io.effect("host.call").number("req", req).text("method", r.method).value("args", r.args).flag("callback", true).send();
    if (r.purpose == Purpose::SaveLog) e_.io.set_timer(sb::format("host.timeout.{}", req), kSaveLogTimeoutMs);
    pending_[req] = std::move(r);
    return req;
  }

  void fire(const std::string& method, Json args) {
    fired_[next_req_] = method;
    if (fired_.size() > 64) fired_.erase(fired_.begin());
    e_.io.effect("host.call")
        .number("req", next_req_++)
        .text("method", method)
        .value("args", std::move(args))
        .flag("callback", false)
        .send();
  }

  void listen(const std::string& method, Json args = Json::object()) {
    e_.io.effect("host.call")
        .number("req", next_req_++)
        .text("method", method)
        .value("args", std::move(args))
        .flag("callback", false)
        .flag("listener", true)
        .send();
  }

  void failed(Request& r, const std::string& code, const std::string& description, const std::string& sf_code) {
    e_.io.log("warn", sb::format("{} failed: {} {}", r.method, code, description));
    if (r.purpose == Purpose::SaveLog || r.purpose == Purpose::FindLog) {
      if (LogEntry* entry = find_log(r.log_key)) {
        if (r.purpose == Purpose::SaveLog) entry->attempts = std::max(entry->attempts, 1);
        if (sf_code == "INVALID_PARAM") {
          entry->state = "failed";
          entry->error = sb::format("{}: {}", code, description);
          persist(*entry);
          e_.add_notice("error", "host.error",
                        sb::format("Salesforce refused a call log: {}. It is kept and will be retried after a reload.", description));
          pump_outbox();
        } else {
          log_wait(*entry, sb::format("{}: {}", code, description));
        }
      }
      return;
    }
    // The container not being ready is normal while the console starts: retry quickly and long.
    const bool not_ready = sf_code == "SOFTPHONE_CONTAINER_ERROR";
    const int max_attempts = not_ready ? 120 : r.purpose == Purpose::Pop ? 2 : 8;
    const bool retryable = sf_code != "INVALID_PARAM" && r.purpose != Purpose::Refresh && r.attempts < max_attempts;
    if (retryable) {
      const std::string id = sb::format("host.retry.{}", next_retry_++);
      e_.io.set_timer(id, not_ready ? 500 : backoff_ms(r.attempts));
      waiting_[id] = std::move(r);
      return;
    }
    std::string what = r.method;
    if (r.purpose == Purpose::Settings) what = "the call center settings";
    if (r.purpose == Purpose::AgentConfig) what = "your phone line settings";
    if (r.purpose == Purpose::Search || r.purpose == Purpose::Pop) what = "the caller's record";
    e_.add_notice(r.purpose == Purpose::Search || r.purpose == Purpose::Pop ? "warning" : "error", "host.error",
                  sb::format("Salesforce could not provide {}: {}", what, description), r.call_id);
  }

  void succeeded(const Request& r, const Json& rv) {
    switch (r.purpose) {
      case Purpose::Settings: return settings_loaded(rv);
      case Purpose::AgentConfig: return agent_config_loaded(rv);
      case Purpose::AppView: return navigated(rv);
      case Purpose::Search: return search_done(r, rv);
      case Purpose::SaveLog: return log_saved(r, rv);
      case Purpose::FindLog: return log_found(r, rv);
      case Purpose::Pop:
      case Purpose::Subscribe:
      case Purpose::Refresh:
      case Purpose::Other: return;
    }
  }

  // ---- start-up ----

  void settings_loaded(const Json& s) {
    if (!s.is_object()) {
      e_.add_notice("error", "host.bad_response", "The call center settings Salesforce returned are not readable.");
      return;
    }
    Json config = JsonObject()
                      .value("dialing", JsonObject()
                                            .text("outside_prefix", item(s, "reqDialingOptions", "reqOutsidePrefix"))
                                            .text("long_distance_prefix", item(s, "reqDialingOptions", "reqLongDistPrefix"))
                                            .text("international_prefix", item(s, "reqDialingOptions", "reqInternationalPrefix"))
                                            .take())
                      .take();
    apply_settings(config, s, [](const Json& m, std::string_view name) { return item(m, "switchboard", name); });
    merge(config, "call center");
    request("runApex", apex_args("getAgentConfig", ""), Purpose::AgentConfig);
  }

  // get reads one named setting from source as text ("" when unset). A plain function, not a template
  // parameter: the two callers share one copy of this.
  using SettingReader = std::string (*)(const Json& source, std::string_view name);
  void apply_settings(Json& config, const Json& source, SettingReader get) {
    auto set = [&](std::string_view name, Json& slot) {
      std::string v = get(source, name);
      if (!v.empty()) slot = v;
    };
    Json sip = config.value("sip", Json::object());
    Json dialing = config.value("dialing", Json::object());
    set("pbxWebSocketUrl", sip["ws_url"]);
    set("sipDomain", sip["domain"]);
    set("credentialMode", sip["credential_mode"]);
    set("defaultCountryCode", dialing["default_country_code"]);
    set("dialFormat", dialing["dial_format"]);
    for (auto* obj : {&sip, &dialing}) {
      for (auto it = obj->begin(); it != obj->end();) {
        if (it->is_null() || (it->is_string() && it->template get_ref<const std::string&>().empty())) {
          it = obj->erase(it);
        } else {
          ++it;
        }
      }
    }
    config["sip"] = sip;
    config["dialing"] = dialing;
    set("acwSeconds", config["acw_seconds"]);
    set("dispositions", config["dispositions"]);
    set("dispositionRequired", config["disposition_required"]);
    set("awayReasons", config["away_reasons"]);
    set("startStatus", config["start_status"]);
    for (auto it = config.begin(); it != config.end();) it = it->is_null() ? config.erase(it) : std::next(it);
    auto rule = [&](std::string_view name, std::string& out, std::initializer_list<std::string_view> allowed) {
      std::string v = get(source, name);
      if (v.empty()) return;
      if (allowed.size() && std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
        e_.add_notice("warning", "config.invalid", sb::format("Setting {} has an unknown value '{}'; using '{}'.", name, v, out));
        return;
      }
      out = v;
    };
    rule("noMatchPop", rules_.no_match, {"newContact", "newLead", "search", "none"});
    rule("multipleMatchPop", rules_.multiple, {"search", "first"});
    rule("popFlow", rules_.flow, {});
    rule("popUrl", rules_.url, {});
    std::string missed = get(source, "logMissedCalls");
    if (!missed.empty()) rules_.log_missed = missed != "false";
  }

  void merge(const Json& config, std::string_view from) {
    if (auto m = merge_config(e_.config, config); !m) {
      e_.add_notice("error", "config.invalid", sb::format("The {} settings are wrong: {}", from, m.error().message));
    }
  }

  void agent_config_loaded(const Json& rv) {
    const std::string text = string_or(rv, "runApex", "");
    auto parsed = parse_json(text);
    if (!parsed || !parsed->is_object()) {
      e_.add_notice("error", "host.bad_response", "Salesforce returned unreadable phone line settings.");
      return;
    }
    if (const Json* err = find_field(*parsed, "error")) {
      e_.add_notice("error", "line.no_agent",
                    string_or(*err, "message", "This user has no phone line. Ask your administrator to add you."));
      finish_start(false);
      return;
    }
    Json config = Json::object();
    if (const Json* overrides = find_field(*parsed, "settings"); overrides && overrides->is_object()) {
      apply_settings(config, *overrides, [](const Json& m, std::string_view name) {
        const Json* v = find_field(m, name);
        if (!v) return std::string();
        return v->is_string() ? v->get<std::string>() : dump_json(*v);
      });
    }
    if (const Json* sip = find_field(*parsed, "sip"); sip && sip->is_object()) {
      Json& target = config["sip"];
      for (auto key : {"user", "auth_user", "password", "display_name", "credential_expires_at"}) {
        if (const Json* v = find_field(*sip, key)) target[key] = *v;
      }
    }
    if (const Json* colleagues = find_field(*parsed, "colleagues"); colleagues && colleagues->is_array()) {
      config["colleagues"] = *colleagues;
    }
    const bool refresh = ready_;
    merge(config, "phone line");
    if (const auto expires = e_.config.sip.credential_expires_at; expires > 0) {
      // Ask for fresh credentials ten minutes before these expire (at least a minute from now).
      const std::int64_t in_ms = std::max<std::int64_t>(60000, expires * 1000 - e_.io.now() - 600000);
      e_.io.set_timer("host.credentials", in_ms);
    }
    if (refresh) {
      if (e_.sip) e_.sip->update_credentials(e_.config.sip.auth_user, e_.config.sip.password);
      return;
    }
    finish_start(true);
  }

  void finish_start(bool online) {
    if (ready_) return;
    ready_ = true;
    if (online) e_.config_ready();
    listen("onClickToDial");
    listen("onNavigationChange");
    fire("enableClickToDial", Json::object());
    click_to_dial_ = true;
    request("getAppViewInfo", Json::object(), Purpose::AppView);
    listen("subscribe", JsonObject().text("channelName", kChannel).take());
    // An empty argument object is refused by the library unless a callback is registered.
    request("notifyInitializationComplete", Json::object(), Purpose::Other);
    refresh_item();
    pump_outbox();
  }

  // ---- calls ----

  void search_for(const Call& call, bool pop) {
    if (!call.number || call.number->anonymous || call.direction == Direction::Internal) return;
    // Only the digit-only keys: "+", "(", ")" and "-" are operators in Salesforce's search syntax.
    // Phone search matches stored numbers whatever their formatting.
    std::string params;
    for (const auto& k : search_keys(*call.number, e_.config.dialing)) {
      if (k.find_first_not_of("0123456789") != std::string::npos) continue;
      params += (params.empty() ? "" : " OR ") + k;
    }
    if (params.empty()) return;
    Request r;
    r.purpose = Purpose::Search;
    r.method = "searchAndScreenPop";
    r.args = JsonObject()
                 .text("searchParams", params)
                 .text("callType", call.outgoing ? "outbound" : "inbound")
                 .flag("deferred", true)
                 .value("defaultFieldValues",
                        JsonObject().text("Phone", format_display(*call.number, e_.config.dialing)).take())
                 .take();
    r.call_id = call.id;
    r.pop = pop;
    send(std::move(r));
  }

  void search_done(const Request& r, const Json& rv) {
    Call* call = e_.find_call(r.call_id);
    if (!call) return;
    const std::string display = call->number ? format_display(*call->number, e_.config.dialing) : call->remote_raw;
    const std::string search = call->number ? call->number->national : "";
    auto decision = crm::decide_pop(rv, rules_, display, search, r.pop && call->is_live());
    if (!decision) {
      e_.add_notice("warning", decision.error().code, decision.error().message, call->id);
      return;
    }
    if (decision->record && !call->who && !call->what) {
      const RecordRef& rec = *decision->record;
      (rec.type == "Contact" || rec.type == "Lead" ? call->who : call->what) = rec;
      if (!rec.name.empty()) call->caller_label = rec.name;
    }
    if (!decision->screen_pop.is_null()) request("screenPop", decision->screen_pop, Purpose::Pop, call->id);
    publish_call();
  }

  void click_to_dial(const Json& p) {
    const std::string number = string_or(p, "number", "");
    JsonObject ev;
    ev.text("type", "ui.dial").text("number", number);
    const std::string id = string_or(p, "recordId", "");
    if (!id.empty()) {
      ev.value("record", JsonObject()
                             .text("id", id)
                             .text("name", string_or(p, "recordName", ""))
                             .text("type", string_or(p, "objectType", ""))
                             .take());
    }
    fire("setSoftphonePanelVisibility", JsonObject().flag("visible", true).take());
    // The agent clicked in Salesforce, not in the softphone: show why a call could not start.
    if (auto r = e_.dial(ev.take()); !r) {
      e_.io.error(r.error().code, r.error().message, "host.event");
      e_.add_notice("warning", r.error().code,
                    sb::format("Could not call {}: {}", number.substr(0, 40), r.error().message));
    }
  }

  void navigated(const Json& p) {
    if (!p.is_object()) return;
    const std::string id = string_or(p, "recordId", "");
    if (id.empty() || id.size() > 18) {
      record_.reset();
      return;
    }
    record_ = RecordRef{id, string_or(p, "recordName", ""), string_or(p, "objectType", "")};
  }

  void channel_message(const Json& p) {
    if (string_or(p, "kind", "") != "edit") return;
    const std::string call_id = string_or(p, "callId", "");
    Call* call = e_.find_call(call_id);
    if (!call) return;
    if (auto notes = string_field(p, "notes")) {
      e_.ui_action("ui.notes", JsonObject().text("type", "ui.notes").text("call", call_id).text("text", notes->substr(0, 32000)).take());
    }
    if (auto disposition = string_field(p, "disposition")) {
      e_.ui_action("ui.disposition",
                   JsonObject().text("type", "ui.disposition").text("call", call_id).text("value", *disposition).take());
    }
    publish_call();
  }

  // The utility item shows what is going on: ringing, on a call with its timer, on hold, wrap-up.
  void refresh_item() {
    if (!ready_) return;
    const Call* c = e_.focus_call();
    std::string label = "Phone";
    std::string icon = "call";
    bool ticking = false;
    if (c) {
      switch (c->state) {
        case CallState::Ringing:
          label = c->outgoing ? "Calling…" : "Incoming call";
          icon = c->outgoing ? "outbound_call" : "incoming_call";
          break;
        case CallState::Dialing:
        case CallState::EarlyMedia:
          label = "Calling…";
          icon = "outbound_call";
          break;
        case CallState::Connected:
        case CallState::Transferring:
          label = sb::format("On call {}", format_clock(std::max<std::int64_t>(0, (e_.io.now() - c->answered_at) / 1000)));
          ticking = true;
          break;
        case CallState::Held:
          label = "On hold";
          icon = "paused_call";
          break;
        case CallState::WrapUp:
          label = "Wrap-up";
          icon = "end_call";
          break;
        case CallState::Idle:
        case CallState::Ended: break;
      }
    }
    if (label != item_label_) fire("setSoftphoneItemLabel", JsonObject().text("label", label).take());
    if (icon != item_icon_) fire("setSoftphoneItemIcon", JsonObject().text("key", icon).take());
    item_label_ = label;
    item_icon_ = icon;
    if (ticking && !e_.io.timer_active("host.tick")) e_.io.set_timer("host.tick", 1000 - (e_.io.now() - (c ? c->answered_at : 0)) % 1000);
    if (!ticking) e_.io.cancel_timer("host.tick");
  }

  void tick() { refresh_item(); }

  void publish_call() {
    if (!ready_) return;
    const Call* c = e_.focus_call();
    Json call = nullptr;
    if (c) {
      call = JsonObject()
                 .text("id", c->id)
                 .text("state", to_string(c->state))
                 .text("direction", to_string(c->direction))
                 .text("number", c->number ? c->number->e164() : c->remote_raw)
                 .text("numberDisplay", c->number ? format_display(*c->number, e_.config.dialing) : c->remote_raw)
                 .text("label", c->caller_label)
                 .value("who", c->who ? to_json(*c->who) : Json())
                 .value("what", c->what ? to_json(*c->what) : Json())
                 .number("startedAt", c->created_at)
                 .number("answeredAt", c->answered_at)
                 .number("endedAt", c->ended_at)
                 .number("wrapUpUntil", c->wrap_up_until)
                 .text("disposition", c->disposition)
                 .text("notes", c->notes)
                 .take();
    }
    Json message =
        JsonObject().text("kind", "call").value("call", std::move(call)).value("dispositions", Json(e_.config.dispositions)).take();
    std::string text = dump_json(message);
    if (text == last_published_) return;
    last_published_ = std::move(text);
    fire("publish", JsonObject().text("channelName", kChannel).value("message", std::move(message)).take());
  }

  // ---- the outbox ----

  LogEntry* find_log(const std::string& key) {
    for (auto& entry : outbox_)
      if (entry.key == key) return &entry;
    return nullptr;
  }

  void persist(const LogEntry& entry) {
    e_.io.effect("store.put")
        .text("key", "log." + entry.key)
        .value("value", JsonObject()
                            .value("task", entry.task)
                            .text("call_id", entry.call_id)
                            .number("attempts", entry.attempts)
                            .text("state", entry.state)
                            .text("error", entry.error)
                            .take())
        .send();
  }

  void log_wait(LogEntry& entry, std::string error) {
    entry.state = "waiting";
    entry.error = std::move(error);
    entry.retry_at = e_.io.now() + backoff_ms(entry.attempts);
    entry.req = -1;
    persist(entry);
    e_.io.set_timer("host.outbox", backoff_ms(entry.attempts));
    pump_outbox();
  }

  void pump_outbox() {
    if (!ready_) return;
    for (const auto& entry : outbox_)
      if (entry.state == "sending" || entry.state == "checking") return;  // one at a time
    for (auto& entry : outbox_) {
      if (entry.state != "queued" && !(entry.state == "waiting" && entry.retry_at <= e_.io.now())) continue;
      if (entry.attempts == 0) {
        entry.state = "sending";
        persist(entry);  // durable before it leaves
        entry.req = request("saveLog", JsonObject().value("value", entry.task).take(), Purpose::SaveLog, entry.call_id, entry.key);
      } else {
        entry.state = "checking";
        persist(entry);
        entry.req = request("runApex", apex_args("findCallLog", "callObject=" + url_component(entry.key)),
                            Purpose::FindLog, entry.call_id, entry.key);
      }
      return;
    }
  }

  static std::string url_component(std::string_view in) {
    std::string out;
    for (unsigned char c : in) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '@') {
        out += static_cast<char>(c);
      } else {
        out += sb::format("%{:02X}", c);
      }
    }
    return out;
  }

  void log_saved(const Request& r, const Json& rv) {
    LogEntry* entry = find_log(r.log_key);
    if (!entry) return;
    // The record Id: a bare string in some library versions, {recordId} in others.
    std::string id = rv.is_string() ? rv.get<std::string>() : string_or(rv, "recordId", string_or(rv, "id", ""));
    if (id.empty()) {
      entry->attempts = std::max(entry->attempts, 1);
      return log_wait(*entry, "saveLog answered without a record Id");
    }
    done(*entry, id);
  }

  void log_found(const Request& r, const Json& rv) {
    LogEntry* entry = find_log(r.log_key);
    if (!entry) return;
    auto parsed = parse_json(string_or(rv, "runApex", ""));
    if (!parsed || !parsed->is_object()) return log_wait(*entry, "findCallLog answered something unreadable");
    if (auto id = string_field(*parsed, "id"); id && !id->empty()) return done(*entry, *id);
    // Not there: the earlier attempt never created it. Send it now.
    entry->state = "sending";
    persist(*entry);
    entry->req = request("saveLog", JsonObject().value("value", entry->task).take(), Purpose::SaveLog, entry->call_id, entry->key);
  }

  void done(LogEntry& entry, const std::string& task_id) {
    e_.io.log("info", sb::format("call {} logged", entry.call_id));
    e_.io.effect("store.delete").text("key", "log." + entry.key).send();
    fire("refreshView", Json::object());
    fire("publish", JsonObject()
                        .text("channelName", kChannel)
                        .value("message", JsonObject()
                                              .text("kind", "logged")
                                              .text("callId", entry.call_id)
                                              .text("taskId", task_id)
                                              .text("whoId", string_or(entry.task, "WhoId", ""))
                                              .text("whatId", string_or(entry.task, "WhatId", ""))
                                              .take())
                        .take());
    const std::string key = entry.key;
    outbox_.erase(std::remove_if(outbox_.begin(), outbox_.end(), [&](const LogEntry& x) { return x.key == key; }), outbox_.end());
    pump_outbox();
  }

  Engine::Impl& e_;
  std::int64_t next_req_ = 1;
  std::int64_t next_retry_ = 1;
  std::map<std::int64_t, Request> pending_;
  std::map<std::string, Request> waiting_;
  std::map<std::int64_t, std::string> fired_;  // recent calls made without a callback
  std::vector<LogEntry> outbox_;
  crm::PopRules rules_;
  std::optional<RecordRef> record_;
  bool ready_ = false;
  bool click_to_dial_ = false;
  std::string item_label_;
  std::string item_icon_;
  std::string last_published_;
};

}  // namespace

std::unique_ptr<Host> make_opencti_host(Engine::Impl& engine) { return std::make_unique<OpenCtiHost>(engine); }

}  // namespace sb
