#include "switchboard/protocol.h"

#include <fmt/format.h>

#include "switchboard/agent.h"
#include "switchboard/call.h"
#include "switchboard/errors.h"

namespace sb::protocol {
namespace {

using T = FieldType;

constexpr std::size_t kSipMax = 65536;
constexpr std::size_t kSdpMax = 32768;
constexpr std::size_t kNotesMax = 32000;

const Field kCall{"call", T::String, false, "call id; defaults to the call the agent is working on", 64};

std::vector<Message> make_events() {
  return {
      {"engine.start", "Start the engine: configuration, the host it runs in, and the protocol version the shim speaks.",
       {{"config", T::Object, false, "settings (see docs/protocol.md#config); a host may add more later"},
        {"host", T::String, false, "\"none\" (default) or \"opencti\"", 16},
        {"seed", T::String, false, "random text from the shim (crypto.getRandomValues) seeding SIP tags, branches and nonces", 256},
        {"protocol", T::Integer, false, "protocol version the shim was written for"}}},
      {"ws.open", "The WebSocket asked for by ws.connect is open.", {{"conn", T::Integer, true, "connection number"}, {"protocol", T::String, false, "negotiated subprotocol", 64}}},
      {"ws.message", "A text frame arrived.", {{"conn", T::Integer, true, "connection number"}, {"data", T::String, true, "frame text", kSipMax}}},
      {"ws.closed", "The WebSocket closed or could not be opened.",
       {{"conn", T::Integer, true, "connection number"}, {"code", T::Integer, false, "close code"}, {"reason", T::String, false, "close reason", 256}}},
      {"media.offer", "A local SDP offer asked for by media.create or media.update is ready.",
       {{"session", T::String, true, "media session id", 64}, {"sdp", T::String, true, "SDP", kSdpMax}}},
      {"media.answer", "A local SDP answer asked for by media.create or media.update is ready.",
       {{"session", T::String, true, "media session id", 64}, {"sdp", T::String, true, "SDP", kSdpMax}}},
      {"media.failed", "A media operation failed.",
       {{"session", T::String, true, "media session id", 64},
        {"reason", T::String, true, "microphone_denied | no_microphone | sdp_rejected | ice_failed | other", 64},
        {"message", T::String, false, "browser's message", 1024}}},
      {"media.state", "The media connection changed state.",
       {{"session", T::String, true, "media session id", 64}, {"state", T::String, true, "connecting | connected | disconnected | failed", 32}}},
      {"host.response", "A reply to a host.call that asked for one.",
       {{"req", T::Integer, true, "the host.call's req"}, {"response", T::Object, true, "the host's reply, e.g. Open CTI {success, returnValue, errors}"}}},
      {"host.event", "A listener payload or message pushed by the host.",
       {{"method", T::String, true, "listener or message name, e.g. onClickToDial", 64}, {"payload", T::Any, false, "the payload as the host sent it"}}},
      {"ui.answer", "Agent answers.", {kCall}},
      {"ui.decline", "Agent declines a ringing call.", {kCall}},
      {"ui.hangup", "Agent ends the call.", {kCall}},
      {"ui.hold", "Agent puts the call on hold.", {kCall}},
      {"ui.resume", "Agent takes the call off hold.", {kCall}},
      {"ui.mute", "Agent mutes the microphone.", {kCall}},
      {"ui.unmute", "Agent unmutes the microphone.", {kCall}},
      {"ui.dtmf", "Agent presses keypad digits during a call.", {kCall, {"digits", T::String, true, "0-9 * # A-D", 64}}},
      {"ui.dial", "Agent dials a number.",
       {{"number", T::String, true, "what the agent typed or pasted", 128},
        {"record", T::Object, false, "the Salesforce record to relate the call to {id, name, type}"}}},
      {"ui.dialpad", "The dial pad text changed; the view answers with a formatted preview.", {{"text", T::String, true, "what the agent typed or pasted", 128}}},
      {"ui.transfer", "Agent transfers the call.",
       {kCall, {"target", T::String, true, "number or extension", 128}, {"mode", T::String, true, "blind | consult", 16}}},
      {"ui.transfer.complete", "Agent completes a consult transfer.", {kCall}},
      {"ui.transfer.cancel", "Agent abandons a consult transfer and returns to the caller.", {kCall}},
      {"ui.status", "Agent picks a presence status.",
       {{"status", T::String, true, "available | away | offline", 32}, {"reason", T::String, false, "reason for away", 80}}},
      {"ui.disposition", "Agent picks the call's disposition.", {kCall, {"value", T::String, true, "one of the configured dispositions", 255}}},
      {"ui.notes", "Agent edits the call's notes.", {kCall, {"text", T::String, true, "notes", kNotesMax}}},
      {"ui.relate", "Agent relates the call to a record (Who or What).",
       {kCall, {"record", T::Object, true, "{id, name, type}"}}},
      {"ui.wrapup.done", "Agent finishes after-call work.", {kCall}},
      {"ui.notice.dismiss", "Agent dismisses a notice.", {{"id", T::Integer, true, "notice id"}}},
      {"timer.fired", "A timer set by timer.set fired.", {{"id", T::String, true, "timer id", 128}}},
      {"store.loaded", "The shim's durable storage, read at start.", {{"entries", T::Object, true, "key → value"}}},
      {"store.failed", "Durable storage refused a write.", {{"key", T::String, true, "key", 256}, {"message", T::String, false, "why", 1024}}},
  };
}

std::vector<Message> make_effects() {
  return {
      {"ws.connect", "Open a WebSocket.",
       {{"conn", T::Integer, true, "connection number, echoed in ws.* events"},
        {"url", T::String, true, "ws:// or wss:// URL"},
        {"protocols", T::Array, true, "subprotocols, [\"sip\"]"}}},
      {"ws.send", "Send a text frame.", {{"conn", T::Integer, true, "connection number"}, {"data", T::String, true, "frame text", kSipMax}}},
      {"ws.close", "Close a WebSocket.", {{"conn", T::Integer, true, "connection number"}}},
      {"media.create", "Create a media session (RTCPeerConnection with the microphone). With remote_sdp: apply it and answer (media.answer); without: offer (media.offer).",
       {{"session", T::String, true, "media session id", 64},
        {"remote_sdp", T::String, false, "the remote offer", kSdpMax},
        {"direction", T::String, true, "sendrecv | sendonly | recvonly | inactive", 16},
        {"ice_servers", T::Array, true, "RTCIceServer list; empty unless configured"}}},
      {"media.update", "Renegotiate: with remote_sdp apply the remote offer and answer; without, make a new offer. direction sets the local audio direction.",
       {{"session", T::String, true, "media session id", 64},
        {"remote_sdp", T::String, false, "the remote offer", kSdpMax},
        {"direction", T::String, true, "sendrecv | sendonly | recvonly | inactive", 16}}},
      {"media.apply", "Apply the remote answer to our offer.",
       {{"session", T::String, true, "media session id", 64}, {"sdp", T::String, true, "remote answer", kSdpMax}}},
      {"media.rollback", "Abandon our pending offer (the renegotiation it was for failed).", {{"session", T::String, true, "media session id", 64}}},
      {"media.mute", "Mute or unmute the microphone track.", {{"session", T::String, true, "media session id", 64}, {"muted", T::Boolean, true, "muted"}}},
      {"media.dtmf", "Play DTMF in-band as RFC 4733 events.",
       {{"session", T::String, true, "media session id", 64}, {"tones", T::String, true, "digits", 64},
        {"duration_ms", T::Integer, true, "tone length"}, {"gap_ms", T::Integer, true, "gap between tones"}}},
      {"media.close", "Close the media session.", {{"session", T::String, true, "media session id", 64}}},
      {"host.call", "Call a host API method, e.g. sforce.opencti.searchAndScreenPop.",
       {{"req", T::Integer, true, "request number; echoed by host.response"},
        {"method", T::String, true, "exact API method name", 64},
        {"args", T::Object, true, "the method's argument object, without callback or listener"},
        {"callback", T::Boolean, true, "whether the core expects a host.response"},
        {"listener", T::Boolean, false, "register a listener for method; payloads arrive as host.event"}}},
      {"ui.render", "The whole view state; the UI is a pure function of it.", {{"view", T::Object, true, "see docs/protocol.md#view"}}},
      {"timer.set", "Start (or restart) a one-shot timer.", {{"id", T::String, true, "timer id", 128}, {"ms", T::Integer, true, "delay in milliseconds"}}},
      {"timer.cancel", "Cancel a timer.", {{"id", T::String, true, "timer id", 128}}},
      {"store.load", "Read durable storage and answer with store.loaded.", {}},
      {"store.put", "Write a key durably.", {{"key", T::String, true, "key", 256}, {"value", T::Any, true, "JSON value"}}},
      {"store.delete", "Delete a key.", {{"key", T::String, true, "key", 256}}},
      {"log", "A log line; personal data is already masked.",
       {{"level", T::String, true, "debug | info | warn | error", 8}, {"msg", T::String, true, "message", 8192}, {"ctx", T::Object, false, "structured context"}}},
      {"error", "The event could not be handled; nothing changed.",
       {{"code", T::String, true, "stable error code (see error_codes)", 64},
        {"message", T::String, true, "what was wrong", 8192},
        {"event", T::String, false, "the event type, when known", 128}}},
  };
}

bool matches(const Json& v, FieldType t) {
  switch (t) {
    case T::String: return v.is_string();
    case T::Integer:
      return v.is_number_integer() ||
             (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
    case T::Number: return v.is_number();
    case T::Boolean: return v.is_boolean();
    case T::Object: return v.is_object();
    case T::Array: return v.is_array();
    case T::Any: return true;
  }
  return false;
}

}  // namespace

const std::vector<Message>& events() {
  static const std::vector<Message> list = make_events();
  return list;
}

const std::vector<Message>& effects() {
  static const std::vector<Message> list = make_effects();
  return list;
}

const Message* find_event(std::string_view type) {
  for (const auto& m : events())
    if (m.type == type) return &m;
  return nullptr;
}

const Message* find_effect(std::string_view type) {
  for (const auto& m : effects())
    if (m.type == type) return &m;
  return nullptr;
}

std::string_view type_name(FieldType type) {
  switch (type) {
    case T::String: return "string";
    case T::Integer: return "integer";
    case T::Number: return "number";
    case T::Boolean: return "boolean";
    case T::Object: return "object";
    case T::Array: return "array";
    case T::Any: return "any";
  }
  return "?";
}

Result<void> check(const Json& message, const Message& spec, std::string_view kind) {
  for (const auto& f : spec.fields) {
    const Json* v = find_field(message, f.name);
    if (!v || v->is_null()) {
      if (f.required) {
        return make_error(fmt::format("{}.field_missing", kind),
                          fmt::format("{} '{}' needs field '{}' ({})", kind, spec.type, f.name, type_name(f.type)));
      }
      continue;
    }
    if (!matches(*v, f.type)) {
      return make_error(fmt::format("{}.field_type", kind),
                        fmt::format("{} '{}' field '{}' must be {}, got {}", kind, spec.type, f.name,
                                    type_name(f.type), json_type_name(*v)));
    }
    if (f.type == T::String) {
      const std::size_t limit = f.max_length ? f.max_length : kDefaultMaxString;
      const std::size_t len = v->get_ref<const std::string&>().size();
      if (len > limit) {
        return make_error(fmt::format("{}.field_too_long", kind),
                          fmt::format("{} '{}' field '{}' is {} bytes long; the limit is {}", kind, spec.type,
                                      f.name, len, limit));
      }
    }
  }
  return Ok{};
}

Result<void> check_effect(const Json& effect) {
  auto type = string_field(effect, "type");
  if (!type) return make_error("effect.field_missing", "effect has no string 'type'");
  const Message* spec = find_effect(*type);
  if (!spec) return make_error("effect.unknown_type", fmt::format("unknown effect type '{}'", *type));
  return check(effect, *spec, "effect");
}

Json describe() {
  auto specs = [](const std::vector<Message>& list) {
    Json out = Json::array();
    for (const auto& m : list) {
      Json fields = Json::array();
      for (const auto& f : m.fields) {
        Json jf = {{"name", f.name}, {"type", type_name(f.type)}, {"required", f.required}, {"doc", f.doc}};
        if (f.type == T::String) jf["max_length"] = f.max_length ? f.max_length : kDefaultMaxString;
        fields.push_back(std::move(jf));
      }
      out.push_back({{"type", m.type}, {"doc", m.doc}, {"fields", std::move(fields)}});
    }
    return out;
  };
  Json codes = Json::array();
  for (const auto& c : error_codes()) codes.push_back({{"code", c.code}, {"meaning", c.meaning}});
  return {
      {"version", kVersion},
      {"events", specs(events())},
      {"effects", specs(effects())},
      {"vocabularies", {{"call_states", call_state_names()},
                        {"call_directions", call_direction_names()},
                        {"end_causes", end_cause_table()},
                        {"call_actions", call_action_names()},
                        {"agent_statuses", agent_status_names()}}},
      {"error_codes", std::move(codes)},
  };
}

}  // namespace sb::protocol
