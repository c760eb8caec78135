#include "switchboard/errors.h"

#include <algorithm>

namespace sb {

const std::vector<ErrorCodeInfo>& error_codes() {
  static const std::vector<ErrorCodeInfo> codes = {
      {"json.invalid", "the text is not valid JSON; the message says where"},
      {"json.too_large", "the text is larger than the limit"},
      {"json.too_deep", "the JSON nests deeper than the limit"},
      {"event.not_object", "an event must be a JSON object"},
      {"event.no_type", "an event needs a string 'type'"},
      {"event.unknown_type", "no event has this type"},
      {"event.field_missing", "a required field is missing"},
      {"event.field_type", "a field has the wrong JSON type"},
      {"event.field_too_long", "a string field is longer than its limit"},
      {"event.bad_value", "a field has a value outside its allowed set"},
      {"event.batch_not_array", "a batch must be a JSON array of events"},
      {"event.unsupported_version", "the event's protocol version is not supported"},
      {"event.stale", "the event refers to a connection, timer or session that no longer exists"},
      {"effect.field_missing", "an effect lacks a required field (a core bug)"},
      {"effect.field_type", "an effect field has the wrong type (a core bug)"},
      {"effect.field_too_long", "an effect string is longer than its limit (a core bug)"},
      {"effect.unknown_type", "an effect has an unknown type (a core bug)"},
      {"engine.not_started", "the event needs engine.start first"},
      {"engine.already_started", "engine.start came twice"},
      {"engine.no_such_engine", "the binding was given an engine id that does not exist"},
      {"config.invalid", "a configuration item is missing or wrong; the message names it"},
      {"call.no_such_call", "no call has this id, or there is no current call"},
      {"call.illegal_action", "the action is not allowed in the call's state; the message lists what is"},
      {"call.unexpected_signal", "signalling arrived that does not fit the call's state"},
      {"call.busy", "the agent already has a call; finish it first"},
      {"call.bad_digits", "DTMF digits must be 0-9, *, #, A-D"},
      {"call.bad_disposition", "the disposition is not one of the configured values"},
      {"call.bad_record", "a record reference needs an id of up to 18 characters"},
      {"line.not_ready", "the phone line is not registered with the PBX yet"},
      {"presence.unknown_status", "the status is not available, away or offline"},
      {"presence.not_selectable", "busy and after-call work follow calls; they cannot be chosen"},
      {"presence.reason_required", "away needs a reason"},
      {"phone.invalid", "the text is not a phone number; the message says why"},
      {"phone.too_long", "the phone number is longer than the limit"},
      {"phone.unknown_country", "the number does not start with an assigned country calling code"},
      {"sip.parse", "a SIP message could not be parsed; the message says what and where"},
      {"sip.too_large", "a SIP message exceeds a size limit"},
      {"sip.protocol", "a SIP message is well-formed but breaks the protocol (missing Via, CSeq mismatch…)"},
      {"sip.auth", "digest authentication failed or could not be answered"},
      {"host.error", "the host (Salesforce) answered with an error"},
      {"host.bad_response", "the host's reply does not have the expected shape"},
      {"store.bad_entry", "a stored entry could not be read back; it is kept aside, not lost"},
  };
  return codes;
}

bool is_known_error_code(std::string_view code) {
  const auto& codes = error_codes();
  return std::any_of(codes.begin(), codes.end(), [&](const ErrorCodeInfo& c) { return c.code == code; });
}

}  // namespace sb
