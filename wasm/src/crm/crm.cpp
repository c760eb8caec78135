#include "crm/crm.h"

#include <cctype>

#include "switchboard/format.h"

namespace sb::crm {
namespace {

std::string clip(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  s.resize(max);
  // Do not leave half a UTF-8 character at the end.
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
  return s;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

std::string url_encode(std::string_view in) {
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += sb::format("%{:02X}", c);
    }
  }
  return out;
}

// A screenPop argument: {type, params}.
Json screen_pop(std::string_view type, JsonObject& params) {
  return JsonObject().text("type", type).value("params", params.take()).take();
}

Json search_pop(const std::string& search_string) {
  return screen_pop("search", JsonObject().text("searchString", search_string));
}

Json flow_arg(std::string_view name, std::string_view value) {
  return JsonObject().text("name", name).text("type", "String").text("value", value).take();
}

}  // namespace

std::string activity_date(std::int64_t epoch_ms, int utc_offset_minutes) {
  std::int64_t days = (epoch_ms / 1000 + std::int64_t{utc_offset_minutes} * 60);
  days = days >= 0 ? days / 86400 : (days - 86399) / 86400;
  // Civil date from days since 1970-01-01 (proleptic Gregorian).
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return sb::format("{:04}-{:02}-{:02}", y, m, d);
}

Json task_for(const Call& call, const std::string& call_object, const DialingOptions& dialing, int utc_offset_minutes) {
  const std::string number = call.number ? format_display(*call.number, dialing) : call.remote_raw;
  const std::string who = call.caller_label.empty() ? number : call.caller_label;
  std::string subject;
  std::string type = "Inbound";
  if (call.direction == Direction::Internal) type = "Internal";
  if (call.outgoing && call.direction != Direction::Internal) type = "Outbound";
  if (!call.was_connected() && !call.outgoing) {
    subject = call.end_cause == EndCause::Declined ? sb::format("Declined call from {}", who)
                                                   : sb::format("Missed call from {}", who);
  } else if (!call.was_connected()) {
    subject = sb::format("Call to {} (not answered)", who);
  } else if (call.direction == Direction::Internal) {
    subject = sb::format("Internal call with {}", who);
  } else {
    subject = call.outgoing ? sb::format("Call to {}", who) : sb::format("Call from {}", who);
  }
  if (call.end_cause == EndCause::Transferred) subject += " (transferred)";
  JsonObject task;
  task.text("entityApiName", "Task")
      .text("Subject", clip(subject, 255))
      .text("Status", "Completed")
      .text("ActivityDate", activity_date(call.ended_at ? call.ended_at : call.created_at, utc_offset_minutes))
      .text("CallType", type)
      .number("CallDurationInSeconds", call.talk_seconds())
      .text("CallObject", clip(call_object, 255));
  if (!call.disposition.empty()) task.text("CallDisposition", clip(call.disposition, 255));
  std::string description = call.notes;
  if (!number.empty()) {
    description = clip(sb::format("{}{}{}: {}", description, description.empty() ? "" : "\n\n",
                                   call.outgoing ? "Dialled" : "Caller", number),
                       32000);
  }
  task.text("Description", description);
  if (call.who) task.text("WhoId", call.who->id);
  // A Task on a Lead cannot also have a What.
  if (call.what && !(call.who && call.who->type == "Lead")) task.text("WhatId", call.what->id);
  return task.take();
}

Result<PopDecision> decide_pop(const Json& result, const PopRules& rules, const std::string& number_display,
                               const std::string& search_string, bool pop) {
  if (!result.is_object()) {
    return make_error("host.bad_response",
                      sb::format("searchAndScreenPop returned {}, not a map of records", json_type_name(result)));
  }
  PopDecision d;
  const Json* first = nullptr;
  for (auto it = result.begin(); it != result.end(); ++it) {
    if (it.key() == "SCREEN_POP_DATA") continue;
    if (!it.value().is_object()) continue;
    ++d.matches;
    if (!first) first = &it.value();
  }
  auto record_of = [](const Json& r) -> std::optional<RecordRef> {
    std::string id = string_or(r, "Id", "");
    if (id.empty() || id.size() > 18) return std::nullopt;
    return RecordRef{id, string_or(r, "Name", ""), string_or(r, "RecordType", string_or(r, "object", ""))};
  };
  if (d.matches == 1 || (d.matches > 1 && rules.multiple == "first")) {
    d.record = record_of(*first);
    if (!d.record) return make_error("host.bad_response", "a search result has no valid Id");
    if (pop) d.screen_pop = screen_pop("sobject", JsonObject().text("recordId", d.record->id));
    return d;
  }
  if (!pop) return d;
  if (d.matches > 1) {
    const Json* data = find_field(result, "SCREEN_POP_DATA");
    if (data && data->is_object() && find_field(*data, "type")) {
      d.screen_pop = *data;
    } else if (search_string.size() >= 3) {
      d.screen_pop = search_pop(search_string);
    }
    return d;
  }
  if (rules.no_match == "newContact" || rules.no_match == "newLead") {
    const std::string entity = rules.no_match == "newLead" ? "Lead" : "Contact";
    d.screen_pop = screen_pop("newRecord", JsonObject().text("entityName", entity).value(
                                               "defaultFieldValues", JsonObject().text("Phone", number_display).take()));
  } else if (rules.no_match == "search" && search_string.size() >= 3) {
    d.screen_pop = search_pop(search_string);
  }
  return d;
}

Json answer_pop(const Call& call, const PopRules& rules, const std::string& call_object) {
  const std::string number = call.number ? call.number->e164() : call.remote_raw;
  const std::string record = call.who ? call.who->id : call.what ? call.what->id : "";
  if (!rules.flow.empty()) {
    Json args = Json::array();
    args.push_back(flow_arg("callNumber", number));
    args.push_back(flow_arg("callDirection", to_string(call.direction)));
    args.push_back(flow_arg("callObject", call_object));
    args.push_back(flow_arg("recordId", record));
    return screen_pop("flow", JsonObject().text("flowDevName", rules.flow).value("flowArgs", std::move(args)));
  }
  if (!rules.url.empty() && rules.url[0] == '/') {
    std::string url = replace_all(rules.url, "{number}", url_encode(number));
    url = replace_all(url, "{callId}", url_encode(call_object));
    url = replace_all(url, "{recordId}", url_encode(record));
    return screen_pop("url", JsonObject().text("url", url));
  }
  return nullptr;
}

}  // namespace sb::crm
