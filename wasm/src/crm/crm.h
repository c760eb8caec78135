// What the connector writes to and pops in the CRM, as pure functions of a call: the Task that logs
// it, and the screen pop that follows a search for the caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "switchboard/call.h"
#include "switchboard/json.h"
#include "switchboard/phone.h"

namespace sb::crm {

// The Task fields Open CTI's saveLog gets for a finished call (opencti.md §7).
// call_object: the telephony call id (the SIP Call-ID); it also serves as the idempotency key.
Json task_for(const Call& call, const std::string& call_object, const DialingOptions& dialing,
              int utc_offset_minutes);

// "YYYY-MM-DD" of a wall-clock time in ms shifted by the agent's UTC offset.
std::string activity_date(std::int64_t epoch_ms, int utc_offset_minutes);

struct PopRules {
  std::string no_match = "newContact";  // newContact | newLead | search | none
  std::string multiple = "search";      // search | first
  std::string flow;                     // screen flow API name popped on answer
  std::string url;                      // relative URL popped on answer ({number}, {callId}, {recordId})
  bool log_missed = true;
};

struct PopDecision {
  int matches = 0;
  std::optional<RecordRef> record;  // the single (or chosen) match
  Json screen_pop;                  // args for screenPop ({type, params}), or null for no pop
};

// search_result: searchAndScreenPop's returnValue (records keyed by Id, plus SCREEN_POP_DATA when
// deferred). Returns host.bad_response when it is not an object of records.
Result<PopDecision> decide_pop(const Json& search_result, const PopRules& rules, const std::string& number_display,
                               const std::string& search_string, bool pop);

// The args of screenPop for the rules' flow or URL once a call is answered, or null.
Json answer_pop(const Call& call, const PopRules& rules, const std::string& call_object);

}  // namespace sb::crm
