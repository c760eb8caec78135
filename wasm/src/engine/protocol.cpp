#include "switchboard/protocol.h"

#include "switchboard/format.h"

#include "switchboard/agent.h"
#include "switchboard/call.h"
#include "switchboard/errors.h"

// Descriptions are for people (docs, protocolInfo in tests and tools); the module the softphone ships
// is built without them (SB_NO_DOCS) to save bytes.
#ifdef SB_NO_DOCS
#define SB_DOC(text) ""
#else
#define SB_DOC(text) text
#endif

namespace sb::protocol {
namespace {

using T = FieldType;

constexpr std::size_t kSipMax = 65536;
constexpr std::size_t kSdpMax = 32768;
constexpr std::size_t kNotesMax = 32000;

constexpr Field kCall{"call", T::String, false, SB_DOC("call id; defaults to the call the agent is working on"), 64};

// Constant tables: data, not code that builds vectors at start-up. (Not constexpr only because GCC 12
// refuses initializer_list members there; clang initializes them statically either way.)
std::span<const Message> event_table() {
  static const Message table[] = {
      {"engine.start", SB_DOC("Start the engine: configuration, the host it runs in, and the protocol version the shim speaks."),
       {{"config", T::Object, false, SB_DOC("settings (see docs/protocol.md#config); a host may add more later")},
        {"host", T::String, false, SB_DOC("\"none\" (default) or \"opencti\""), 16},
        {"seed", T::String, false, SB_DOC("random text from the shim (crypto.getRandomValues) seeding SIP tags, branches and nonces"), 256},
        {"protocol", T::Integer, false, SB_DOC("protocol version the shim was written for")}}},
      {"ws.open", SB_DOC("The WebSocket asked for by ws.connect is open."), {{"conn", T::Integer, true, SB_DOC("connection number")}, {"protocol", T::String, false, SB_DOC("negotiated subprotocol"), 64}}},
      {"ws.message", SB_DOC("A text frame arrived."), {{"conn", T::Integer, true, SB_DOC("connection number")}, {"data", T::String, true, SB_DOC("frame text"), kSipMax}}},
      {"ws.closed", SB_DOC("The WebSocket closed or could not be opened."),
       {{"conn", T::Integer, true, SB_DOC("connection number")}, {"code", T::Integer, false, SB_DOC("close code")}, {"reason", T::String, false, SB_DOC("close reason"), 256}}},
      {"media.offer", SB_DOC("A local SDP offer asked for by media.create or media.update is ready."),
       {{"session", T::String, true, SB_DOC("media session id"), 64}, {"sdp", T::String, true, SB_DOC("SDP"), kSdpMax}}},
      {"media.answer", SB_DOC("A local SDP answer asked for by media.create or media.update is ready."),
       {{"session", T::String, true, SB_DOC("media session id"), 64}, {"sdp", T::String, true, SB_DOC("SDP"), kSdpMax}}},
      {"media.failed", SB_DOC("A media operation failed."),
       {{"session", T::String, true, SB_DOC("media session id"), 64},
        {"reason", T::String, true, SB_DOC("microphone_denied | no_microphone | sdp_rejected | ice_failed | other"), 64},
        {"message", T::String, false, SB_DOC("browser's message"), 1024}}},
      {"media.state", SB_DOC("The media connection changed state."),
       {{"session", T::String, true, SB_DOC("media session id"), 64}, {"state", T::String, true, SB_DOC("connecting | connected | disconnected | failed"), 32}}},
      {"host.response", SB_DOC("A reply to a host.call that asked for one."),
       {{"req", T::Integer, true, SB_DOC("the host.call's req")}, {"response", T::Object, true, SB_DOC("the host's reply, e.g. Open CTI {success, returnValue, errors}")}}},
      {"host.event", SB_DOC("A listener payload or message pushed by the host."),
       {{"method", T::String, true, SB_DOC("listener or message name, e.g. onClickToDial"), 64}, {"payload", T::Any, false, SB_DOC("the payload as the host sent it")}}},
      {"ui.answer", SB_DOC("Agent answers."), {kCall}},
      {"ui.decline", SB_DOC("Agent declines a ringing call."), {kCall}},
      {"ui.hangup", SB_DOC("Agent ends the call."), {kCall}},
      {"ui.hold", SB_DOC("Agent puts the call on hold."), {kCall}},
      {"ui.resume", SB_DOC("Agent takes the call off hold."), {kCall}},
      {"ui.mute", SB_DOC("Agent mutes the microphone."), {kCall}},
      {"ui.unmute", SB_DOC("Agent unmutes the microphone."), {kCall}},
      {"ui.dtmf", SB_DOC("Agent presses keypad digits during a call."), {kCall, {"digits", T::String, true, SB_DOC("0-9 * # A-D"), 64}}},
      {"ui.dial", SB_DOC("Agent dials a number."),
       {{"number", T::String, true, SB_DOC("what the agent typed or pasted"), 128},
        {"record", T::Object, false, SB_DOC("the Salesforce record to relate the call to {id, name, type}")}}},
      {"ui.dialpad", SB_DOC("The dial pad text changed; the view answers with a formatted preview."), {{"text", T::String, true, SB_DOC("what the agent typed or pasted"), 128}}},
      {"ui.transfer", SB_DOC("Agent transfers the call."),
       {kCall, {"target", T::String, true, SB_DOC("number or extension"), 128}, {"mode", T::String, true, SB_DOC("blind | consult"), 16}}},
      {"ui.transfer.complete", SB_DOC("Agent completes a consult transfer."), {kCall}},
      {"ui.transfer.cancel", SB_DOC("Agent abandons a consult transfer and returns to the caller."), {kCall}},
      {"ui.status", SB_DOC("Agent picks a presence status."),
       {{"status", T::String, true, SB_DOC("available | away | offline"), 32}, {"reason", T::String, false, SB_DOC("reason for away"), 80}}},
      {"ui.disposition", SB_DOC("Agent picks the call's disposition."), {kCall, {"value", T::String, true, SB_DOC("one of the configured dispositions"), 255}}},
      {"ui.notes", SB_DOC("Agent edits the call's notes."), {kCall, {"text", T::String, true, SB_DOC("notes"), kNotesMax}}},
      {"ui.relate", SB_DOC("Agent relates the call to a record (Who or What)."),
       {kCall, {"record", T::Object, true, SB_DOC("{id, name, type}")}}},
      {"ui.wrapup.done", SB_DOC("Agent finishes after-call work."), {kCall}},
      {"ui.notice.dismiss", SB_DOC("Agent dismisses a notice."), {{"id", T::Integer, true, SB_DOC("notice id")}}},
      {"timer.fired", SB_DOC("A timer set by timer.set fired."), {{"id", T::String, true, SB_DOC("timer id"), 128}}},
      {"store.loaded", SB_DOC("The shim's durable storage, read at start."), {{"entries", T::Object, true, SB_DOC("key → value")}}},
      {"store.failed", SB_DOC("Durable storage refused a write."), {{"key", T::String, true, SB_DOC("key"), 256}, {"message", T::String, false, SB_DOC("why"), 1024}}},
  };
  return table;
}

std::span<const Message> effect_table() {
  static const Message table[] = {
      {"ws.connect", SB_DOC("Open a WebSocket."),
       {{"conn", T::Integer, true, SB_DOC("connection number, echoed in ws.* events")},
        {"url", T::String, true, SB_DOC("ws:// or wss:// URL")},
        {"protocols", T::Array, true, SB_DOC("subprotocols, [\"sip\"]")}}},
      {"ws.send", SB_DOC("Send a text frame."), {{"conn", T::Integer, true, SB_DOC("connection number")}, {"data", T::String, true, SB_DOC("frame text"), kSipMax}}},
      {"ws.close", SB_DOC("Close a WebSocket."), {{"conn", T::Integer, true, SB_DOC("connection number")}}},
      {"media.create", SB_DOC("Create a media session (RTCPeerConnection with the microphone). With remote_sdp: apply it and answer (media.answer); without: offer (media.offer)."),
       {{"session", T::String, true, SB_DOC("media session id"), 64},
        {"remote_sdp", T::String, false, SB_DOC("the remote offer"), kSdpMax},
        {"direction", T::String, true, SB_DOC("sendrecv | sendonly | recvonly | inactive"), 16},
        {"ice_servers", T::Array, true, SB_DOC("RTCIceServer list; empty unless configured")}}},
      {"media.update", SB_DOC("Renegotiate: with remote_sdp apply the remote offer and answer; without, make a new offer. direction sets the local audio direction."),
       {{"session", T::String, true, SB_DOC("media session id"), 64},
        {"remote_sdp", T::String, false, SB_DOC("the remote offer"), kSdpMax},
        {"direction", T::String, true, SB_DOC("sendrecv | sendonly | recvonly | inactive"), 16}}},
      {"media.apply", SB_DOC("Apply the remote answer to our offer."),
       {{"session", T::String, true, SB_DOC("media session id"), 64}, {"sdp", T::String, true, SB_DOC("remote answer"), kSdpMax}}},
      {"media.rollback", SB_DOC("Abandon our pending offer (the renegotiation it was for failed)."), {{"session", T::String, true, SB_DOC("media session id"), 64}}},
      {"media.mute", SB_DOC("Mute or unmute the microphone track."), {{"session", T::String, true, SB_DOC("media session id"), 64}, {"muted", T::Boolean, true, SB_DOC("muted")}}},
      {"media.dtmf", SB_DOC("Play DTMF in-band as RFC 4733 events."),
       {{"session", T::String, true, SB_DOC("media session id"), 64}, {"tones", T::String, true, SB_DOC("digits"), 64},
        {"duration_ms", T::Integer, true, SB_DOC("tone length")}, {"gap_ms", T::Integer, true, SB_DOC("gap between tones")}}},
      {"media.close", SB_DOC("Close the media session."), {{"session", T::String, true, SB_DOC("media session id"), 64}}},
      {"host.call", SB_DOC("Call a host API method, e.g. sforce.opencti.searchAndScreenPop."),
       {{"req", T::Integer, true, SB_DOC("request number; echoed by host.response")},
        {"method", T::String, true, SB_DOC("exact API method name"), 64},
        {"args", T::Object, true, SB_DOC("the method's argument object, without callback or listener")},
        {"callback", T::Boolean, true, SB_DOC("whether the core expects a host.response")},
        {"listener", T::Boolean, false, SB_DOC("register a listener for method; payloads arrive as host.event")}}},
      {"ui.render", SB_DOC("The whole view state; the UI is a pure function of it."), {{"view", T::Object, true, SB_DOC("see docs/protocol.md#view")}}},
      {"timer.set", SB_DOC("Start (or restart) a one-shot timer."), {{"id", T::String, true, SB_DOC("timer id"), 128}, {"ms", T::Integer, true, SB_DOC("delay in milliseconds")}}},
      {"timer.cancel", SB_DOC("Cancel a timer."), {{"id", T::String, true, SB_DOC("timer id"), 128}}},
      {"store.load", SB_DOC("Read durable storage and answer with store.loaded."), {}},
      {"store.put", SB_DOC("Write a key durably."), {{"key", T::String, true, SB_DOC("key"), 256}, {"value", T::Any, true, SB_DOC("JSON value")}}},
      {"store.delete", SB_DOC("Delete a key."), {{"key", T::String, true, SB_DOC("key"), 256}}},
      {"log", SB_DOC("A log line; personal data is already masked."),
       {{"level", T::String, true, SB_DOC("debug | info | warn | error"), 8}, {"msg", T::String, true, SB_DOC("message"), 8192}, {"ctx", T::Object, false, SB_DOC("structured context")}}},
      {"error", SB_DOC("The event could not be handled; nothing changed."),
       {{"code", T::String, true, SB_DOC("stable error code (see error_codes)"), 64},
        {"message", T::String, true, SB_DOC("what was wrong"), 8192},
        {"event", T::String, false, SB_DOC("the event type, when known"), 128}}},
  };
  return table;
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

std::span<const Message> events() { return event_table(); }

std::span<const Message> effects() { return effect_table(); }

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
        return make_error(sb::format("{}.field_missing", kind),
                          sb::format("{} '{}' needs field '{}' ({})", kind, spec.type, f.name, type_name(f.type)));
      }
      continue;
    }
    if (!matches(*v, f.type)) {
      return make_error(sb::format("{}.field_type", kind),
                        sb::format("{} '{}' field '{}' must be {}, got {}", kind, spec.type, f.name,
                                    type_name(f.type), json_type_name(*v)));
    }
    if (f.type == T::String) {
      const std::size_t limit = f.max_length ? f.max_length : kDefaultMaxString;
      const std::size_t len = v->get_ref<const std::string&>().size();
      if (len > limit) {
        return make_error(sb::format("{}.field_too_long", kind),
                          sb::format("{} '{}' field '{}' is {} bytes long; the limit is {}", kind, spec.type,
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
  if (!spec) return make_error("effect.unknown_type", sb::format("unknown effect type '{}'", *type));
  return check(effect, *spec, "effect");
}

Json describe() {
  auto specs = [](std::span<const Message> list) {
    Json out = Json::array();
    for (const auto& m : list) {
      Json fields = Json::array();
      for (const auto& f : m.fields) {
        JsonObject jf;
        jf.text("name", f.name).text("type", type_name(f.type)).flag("required", f.required).text("doc", f.doc);
        if (f.type == T::String) jf.number("max_length", static_cast<std::int64_t>(f.max_length ? f.max_length : kDefaultMaxString));
        fields.push_back(jf.take());
      }
      out.push_back(JsonObject().text("type", m.type).text("doc", m.doc).value("fields", std::move(fields)).take());
    }
    return out;
  };
  Json codes = Json::array();
  for (const auto& c : error_codes()) codes.push_back(JsonObject().text("code", c.code).text("meaning", c.meaning).take());
  return JsonObject()
      .number("version", kVersion)
      .value("events", specs(events()))
      .value("effects", specs(effects()))
      .value("vocabularies", JsonObject()
                                 .value("call_states", call_state_names())
                                 .value("call_directions", call_direction_names())
                                 .value("end_causes", end_cause_table())
                                 .value("call_actions", call_action_names())
                                 .value("agent_statuses", agent_status_names())
                                 .take())
      .value("error_codes", std::move(codes))
      .take();
}

}  // namespace sb::protocol
