#include "switchboard/errors.h"

#include <algorithm>

#ifdef SB_NO_DOCS
#define SB_DOC(text) ""
#else
#define SB_DOC(text) text
#endif

namespace sb {

std::span<const ErrorCodeInfo> error_codes() {
  static constexpr ErrorCodeInfo codes[] = {
      {"json.invalid", SB_DOC("the text is not valid JSON; the message says where")},
      {"json.too_large", SB_DOC("the text is larger than the limit")},
      {"json.too_deep", SB_DOC("the JSON nests deeper than the limit")},
      {"event.not_object", SB_DOC("an event must be a JSON object")},
      {"event.no_type", SB_DOC("an event needs a string 'type'")},
      {"event.unknown_type", SB_DOC("no event has this type")},
      {"event.field_missing", SB_DOC("a required field is missing")},
      {"event.field_type", SB_DOC("a field has the wrong JSON type")},
      {"event.field_too_long", SB_DOC("a string field is longer than its limit")},
      {"event.bad_value", SB_DOC("a field has a value outside its allowed set")},
      {"event.batch_not_array", SB_DOC("a batch must be a JSON array of events")},
      {"event.unsupported_version", SB_DOC("the event's protocol version is not supported")},
      {"event.stale", SB_DOC("the event refers to a connection, timer or session that no longer exists")},
      {"effect.field_missing", SB_DOC("an effect lacks a required field (a core bug)")},
      {"effect.field_type", SB_DOC("an effect field has the wrong type (a core bug)")},
      {"effect.field_too_long", SB_DOC("an effect string is longer than its limit (a core bug)")},
      {"effect.unknown_type", SB_DOC("an effect has an unknown type (a core bug)")},
      {"engine.not_started", SB_DOC("the event needs engine.start first")},
      {"engine.already_started", SB_DOC("engine.start came twice")},
      {"engine.no_such_engine", SB_DOC("the binding was given an engine id that does not exist")},
      {"config.invalid", SB_DOC("a configuration item is missing or wrong; the message names it")},
      {"call.no_such_call", SB_DOC("no call has this id, or there is no current call")},
      {"call.illegal_action", SB_DOC("the action is not allowed in the call's state; the message lists what is")},
      {"call.unexpected_signal", SB_DOC("signalling arrived that does not fit the call's state")},
      {"call.busy", SB_DOC("the agent already has a call; finish it first")},
      {"call.bad_digits", SB_DOC("DTMF digits must be 0-9, *, #, A-D")},
      {"call.bad_disposition", SB_DOC("the disposition is not one of the configured values")},
      {"call.bad_record", SB_DOC("a record reference needs an id of up to 18 characters")},
      {"line.not_ready", SB_DOC("the phone line is not registered with the PBX yet")},
      {"presence.unknown_status", SB_DOC("the status is not available, away or offline")},
      {"presence.not_selectable", SB_DOC("busy and after-call work follow calls; they cannot be chosen")},
      {"presence.reason_required", SB_DOC("away needs a reason")},
      {"phone.invalid", SB_DOC("the text is not a phone number; the message says why")},
      {"phone.too_long", SB_DOC("the phone number is longer than the limit")},
      {"phone.unknown_country", SB_DOC("the number does not start with an assigned country calling code")},
      {"sip.parse", SB_DOC("a SIP message could not be parsed; the message says what and where")},
      {"sip.too_large", SB_DOC("a SIP message exceeds a size limit")},
      {"sip.protocol", SB_DOC("a SIP message is well-formed but breaks the protocol (missing Via, CSeq mismatch…)")},
      {"sip.auth", SB_DOC("digest authentication failed or could not be answered")},
      {"host.error", SB_DOC("the host (Salesforce) answered with an error")},
      {"host.bad_response", SB_DOC("the host's reply does not have the expected shape")},
      {"store.bad_entry", SB_DOC("a stored entry could not be read back; it is kept aside, not lost")},
  };
  return codes;
}

bool is_known_error_code(std::string_view code) {
  const auto codes = error_codes();
  return std::any_of(codes.begin(), codes.end(), [&](const ErrorCodeInfo& c) { return c.code == code; });
}

}  // namespace sb
