#include "switchboard/engine.h"

#include <cctype>

#include "switchboard/format.h"

#include "engine/host.h"
#include "engine/impl.h"
#include "sip/user_agent.h"
#include "switchboard/protocol.h"

namespace sb {
namespace {

Json error_effect(std::string_view code, std::string_view message) {
  return JsonObject().text("type", "error").text("code", code).text("message", message).take();
}

}  // namespace

Engine::Impl::Impl() : make_signalling(make_sip_user_agent) {}
Engine::Impl::~Impl() = default;

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

std::string Engine::handle(std::string_view event_json) {
  auto parsed = parse_json(event_json);
  if (!parsed) {
    Json out = Json::array();
    out.push_back(error_effect(parsed.error().code, parsed.error().message));
    return dump_json(out);
  }
  return dump_json(impl_->handle(*parsed));
}

std::string Engine::handle_batch(std::string_view events_json) {
  JsonLimits limits;
  limits.max_bytes = 4 * 1024 * 1024;
  auto parsed = parse_json(events_json, limits);
  Json out = Json::array();
  if (!parsed) {
    out.push_back(error_effect(parsed.error().code, parsed.error().message));
  } else if (!parsed->is_array()) {
    out.push_back(error_effect("event.batch_not_array",
                               sb::format("a batch must be an array of events, not {}", json_type_name(*parsed))));
  } else {
    for (const auto& ev : *parsed) {
      Json effects = impl_->handle(ev);
      for (auto& e : effects) out.push_back(std::move(e));
    }
  }
  return dump_json(out);
}

Json Engine::handle_value(const Json& event) { return impl_->handle(event); }

Json Engine::view() const { return impl_->build_view(); }

Json Engine::Impl::handle(const Json& event) {
  if (!event.is_object()) {
    io.error("event.not_object", sb::format("an event must be a JSON object, not {}", json_type_name(event)));
    return io.take();
  }
  auto type = string_field(event, "type");
  if (!type) {
    io.error("event.no_type", "an event needs a string field 'type'");
    return io.take();
  }
  const protocol::Message* spec = protocol::find_event(*type);
  if (!spec) {
    const std::string shown = type->size() > 64 ? type->substr(0, 64) + "…" : *type;
    io.error("event.unknown_type", sb::format("unknown event type '{}'", shown));
    return io.take();
  }
  if (auto v = int_field(event, "v"); v && *v != protocol::kVersion) {
    io.error("event.unsupported_version",
             sb::format("event speaks protocol {}; this core speaks {}", *v, protocol::kVersion), *type);
    return io.take();
  }
  if (auto checked = protocol::check(event, *spec, "event"); !checked) {
    io.error(checked.error().code, checked.error().message, *type);
    return io.take();
  }
  if (auto t = int_field(event, "t")) io.set_now(*t);
  if (!started && *type != "engine.start") {
    io.error("engine.not_started", sb::format("'{}' arrived before engine.start", *type), *type);
    return io.take();
  }
  const std::size_t mark = io.pending().size();
  dispatch(*type, event);
  if (type->rfind("ui.", 0) == 0) {
    // The agent pressed something that could not be done: tell them, not only the log.
    std::vector<std::pair<std::string, std::string>> refused;
    for (std::size_t i = mark; i < io.pending().size(); ++i) {
      const Json& e = io.pending()[i];
      if (string_or(e, "type", "") == "error") refused.emplace_back(string_or(e, "code", ""), string_or(e, "message", ""));
    }
    for (auto& [code, message] : refused) {
      if (!message.empty()) message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
      add_notice("warning", code, message + ".");
    }
  }
  render();
  return io.take();
}

void Engine::Impl::dispatch(const std::string& type, const Json& ev) {
  if (type == "engine.start") return start(ev);
  if (type.rfind("ui.", 0) == 0) return ui_action(type, ev);
  if (type == "timer.fired") return on_timer(string_or(ev, "id", ""));
  if (type == "store.loaded") return on_store_loaded(*find_field(ev, "entries"));
  if (type == "store.failed") {
    io.log("warn", sb::format("storage refused key '{}': {}", string_or(ev, "key", ""), string_or(ev, "message", "")));
    add_notice("warning", "store.failed", "This browser refused to save call data; call logs may be delayed.");
    return;
  }
  if (type.rfind("ws.", 0) == 0) {
    if (!sip) return io.error("event.stale", "no SIP connection is configured", type);
    const std::int64_t conn = int_or(ev, "conn", 0);
    if (type == "ws.open") sip->ws_open(conn);
    if (type == "ws.message") sip->ws_message(conn, string_or(ev, "data", ""));
    if (type == "ws.closed") sip->ws_closed(conn, static_cast<int>(int_or(ev, "code", 1006)));
    return;
  }
  if (type.rfind("media.", 0) == 0) {
    if (!sip) return io.error("event.stale", "no media session exists", type);
    const std::string session = string_or(ev, "session", "");
    if (type == "media.offer" || type == "media.answer") {
      sip->media_sdp(session, type.substr(6), string_or(ev, "sdp", ""));
    } else if (type == "media.failed") {
      sip->media_failed(session, string_or(ev, "reason", "other"));
    } else if (type == "media.state") {
      const std::string state = string_or(ev, "state", "");
      if (state == "failed") sip->media_failed(session, "ice_failed");
    }
    return;
  }
  if (type == "host.response" || type == "host.event") {
    if (!host) return io.error("event.stale", "no host is configured", type);
    if (type == "host.response") return host->response(int_or(ev, "req", -1), *find_field(ev, "response"));
    const Json* payload = find_field(ev, "payload");
    return host->event(string_or(ev, "method", ""), payload ? *payload : Json());
  }
}

void Engine::Impl::start(const Json& ev) {
  if (started) return io.error("engine.already_started", "engine.start came twice; create a new engine instead", "engine.start");
  if (auto p = int_field(ev, "protocol"); p && *p != protocol::kVersion) {
    return io.error("event.unsupported_version",
                    sb::format("the shim speaks protocol {}; this core speaks {}", *p, protocol::kVersion),
                    "engine.start");
  }
  host_kind = string_or(ev, "host", "none");
  if (host_kind != "none" && host_kind != "opencti") {
    return io.error("event.bad_value", sb::format("host '{}' is not one of: none, opencti", host_kind), "engine.start");
  }
  Config merged = config;
  if (const Json* c = find_field(ev, "config")) {
    if (auto m = merge_config(merged, *c); !m) return io.error(m.error().code, m.error().message, "engine.start");
  }
  if (auto v = validate_config(merged); !v) return io.error(v.error().code, v.error().message, "engine.start");
  config = std::move(merged);
  random.reseed(string_or(ev, "seed", ""));
  started = true;
  host = make_host(host_kind, *this);
  io.emit("store.load", Json::object());
  io.log("info", sb::format("engine started (protocol {}, host {})", protocol::kVersion, host_kind));
}

void Engine::Impl::on_store_loaded(const Json& entries) {
  if (store_ready) return;
  store_ready = true;
  if (const Json* id = find_field(entries, "sip.identity")) stored_identity = *id;
  if (host) {
    host->store_loaded(entries);
    host->start();  // the host calls config_ready() once its settings are in
  } else {
    config_ready();
  }
}

void Engine::Impl::config_ready() {
  if (auto v = validate_config(config); !v) {
    add_notice("error", v.error().code, v.error().message);
    return;
  }
  if (!config.sip_ready()) {
    add_notice("error", "config.invalid", "The PBX connection is not configured (WebSocket URL, SIP domain and user).");
    return;
  }
  config.sip.identity = identity();
  sip = make_signalling(io, *this, config, random);
  auto chosen = presence.choose(config.start_status, config.away_reasons.empty() ? "Away" : config.away_reasons.front(), io.now());
  (void)chosen;  // start_status was validated with the config
  update_registration();
}

// The softphone's SIP identity: the stored one when it is well-formed, else a new one, stored.
SipIdentity Engine::Impl::identity() {
  auto token = [](const Json& j, std::string_view key, std::size_t min, std::size_t max) {
    std::string v = string_or(j, key, "");
    const bool ok = v.size() >= min && v.size() <= max &&
                    v.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz-") == std::string::npos;
    return ok ? v : std::string();
  };
  SipIdentity id{token(stored_identity, "instance", 36, 36), token(stored_identity, "contact_user", 8, 32),
                 token(stored_identity, "via_host", 8, 32)};
  if (!id.instance.empty() && !id.contact_user.empty() && !id.via_host.empty()) return id;
  if (!stored_identity.is_null()) io.log("warn", "the stored SIP identity is unreadable; a new one is made");
  // Each token is drawn in turn: the order of arguments in one call is unspecified in C++.
  const std::string a = random.token(8), b = random.token(4), c = random.token(3), d = random.token(3),
                    e = random.token(12);
  id.instance = sb::format("{}-{}-4{}-a{}-{}", a, b, c, d, e);
  id.contact_user = random.token(8);
  id.via_host = random.token(12);
  io.emit("store.put", {{"key", "sip.identity"},
                        {"value", {{"instance", id.instance}, {"contact_user", id.contact_user}, {"via_host", id.via_host}}}});
  return id;
}

void Engine::Impl::update_registration() {
  if (!sip || presence.wants_registration() == line_wanted) return;
  line_wanted = presence.wants_registration();
  if (line_wanted) {
    sip->start();
  } else {
    sip->stop();
  }
}

void Engine::Impl::on_timer(const std::string& id) {
  if (!io.consume_timer(id)) {
    io.log("debug", sb::format("timer '{}' fired after it was cancelled; ignored", id));
    return;
  }
  if (id.rfind("acw.", 0) == 0) {
    if (Call* c = find_call(id.substr(4)); c && c->state == CallState::WrapUp) {
      move(*c, Trigger::FinishWrapUp);
    }
    return;
  }
  if (sip && sip->timer(id)) return;
  if (host && host->timer(id)) return;
  io.log("debug", sb::format("timer '{}' has no owner; ignored", id));
}

}  // namespace sb
