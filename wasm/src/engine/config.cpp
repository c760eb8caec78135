#include "engine/config.h"

#include <charconv>

#include "switchboard/format.h"

namespace sb {
namespace {

Error bad(std::string_view item, std::string_view why) {
  return make_error("config.invalid", sb::format("setting '{}' {}", item, why));
}

Result<void> read_string(const Json& obj, std::string_view key, std::string_view path, std::string& out,
                         std::size_t max_len = 1024) {
  const Json* v = find_field(obj, key);
  if (!v || v->is_null()) return Ok{};
  if (!v->is_string()) return bad(path, sb::format("must be a string, not {}", json_type_name(*v)));
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_len) return bad(path, sb::format("is longer than {} characters", max_len));
  out = s;
  return Ok{};
}

Result<void> read_int(const Json& obj, std::string_view key, std::string_view path, int& out, int lo, int hi) {
  const Json* v = find_field(obj, key);
  if (!v || v->is_null()) return Ok{};
  std::optional<std::int64_t> n = int_field(obj, key);
  if (!n && v->is_string()) {  // call center settings arrive as strings
    const auto& s = v->get_ref<const std::string&>();
    std::int64_t parsed = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (ec == std::errc() && end == s.data() + s.size()) n = parsed;
  }
  if (!n) return bad(path, sb::format("must be a whole number, not {}", dump_json(*v).substr(0, 40)));
  if (*n < lo || *n > hi) return bad(path, sb::format("must be between {} and {}, not {}", lo, hi, *n));
  out = static_cast<int>(*n);
  return Ok{};
}

Result<void> read_bool(const Json& obj, std::string_view key, std::string_view path, bool& out) {
  const Json* v = find_field(obj, key);
  if (!v || v->is_null()) return Ok{};
  if (v->is_boolean()) {
    out = v->get<bool>();
    return Ok{};
  }
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s == "true" || s == "1" || s == "yes") { out = true; return Ok{}; }
    if (s == "false" || s == "0" || s == "no" || s.empty()) { out = false; return Ok{}; }
  }
  return bad(path, "must be true or false");
}

// A list of strings, from a JSON array or a comma/semicolon separated string.
Result<void> read_list(const Json& obj, std::string_view key, std::string_view path, std::vector<std::string>& out) {
  const Json* v = find_field(obj, key);
  if (!v || v->is_null()) return Ok{};
  std::vector<std::string> items;
  if (v->is_array()) {
    for (const auto& e : *v) {
      if (!e.is_string()) return bad(path, "must list strings");
      items.push_back(e.get<std::string>());
    }
  } else if (v->is_string()) {
    std::string cur;
    for (char c : v->get_ref<const std::string&>()) {
      if (c == ',' || c == ';' || c == '\n') {
        items.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    items.push_back(cur);
  } else {
    return bad(path, "must be a list");
  }
  std::vector<std::string> clean;
  for (auto& s : items) {
    auto b = s.find_first_not_of(" \t\r");
    auto e = s.find_last_not_of(" \t\r");
    if (b == std::string::npos) continue;
    s = s.substr(b, e - b + 1);
    if (s.size() > 255) return bad(path, "has an entry longer than 255 characters");
    clean.push_back(s);
  }
  if (clean.size() > 100) return bad(path, "has more than 100 entries");
  out = std::move(clean);
  return Ok{};
}

#define SB_TRY(expr)                       \
  do {                                     \
    auto sb_try_r = (expr);                \
    if (!sb_try_r) return sb_try_r.error(); \
  } while (0)

}  // namespace

Result<void> merge_config(Config& c, const Json& s) {
  if (!s.is_object()) return bad("config", "must be an object");
  if (const Json* sip = find_field(s, "sip")) {
    if (!sip->is_object()) return bad("sip", "must be an object");
    SB_TRY(read_string(*sip, "ws_url", "sip.ws_url", c.sip.ws_url));
    SB_TRY(read_string(*sip, "domain", "sip.domain", c.sip.domain, 253));
    SB_TRY(read_string(*sip, "user", "sip.user", c.sip.user, 128));
    SB_TRY(read_string(*sip, "auth_user", "sip.auth_user", c.sip.auth_user, 256));
    SB_TRY(read_string(*sip, "password", "sip.password", c.sip.password, 1024));
    SB_TRY(read_string(*sip, "display_name", "sip.display_name", c.sip.display_name, 128));
    SB_TRY(read_string(*sip, "credential_mode", "sip.credential_mode", c.sip.credential_mode, 16));
    SB_TRY(read_int(*sip, "register_expires", "sip.register_expires", c.sip.register_expires, 60, 86400));
    SB_TRY(read_int(*sip, "keepalive_seconds", "sip.keepalive_seconds", c.sip.keepalive_seconds, 0, 3600));
    SB_TRY(read_int(*sip, "no_answer_seconds", "sip.no_answer_seconds", c.sip.no_answer_seconds, 5, 600));
    SB_TRY(read_bool(*sip, "dtmf_info", "sip.dtmf_info", c.sip.dtmf_info));
    if (auto e = int_field(*sip, "credential_expires_at")) c.sip.credential_expires_at = *e;
    if (const Json* ice = find_field(*sip, "ice_servers"); ice && !ice->is_null()) {
      if (!ice->is_array()) return bad("sip.ice_servers", "must be a list of RTCIceServer objects");
      for (const auto& server : *ice)
        if (!server.is_object() || !find_field(server, "urls"))
          return bad("sip.ice_servers", "entries need 'urls'");
      c.sip.ice_servers = *ice;
    }
  }
  if (const Json* d = find_field(s, "dialing")) {
    if (!d->is_object()) return bad("dialing", "must be an object");
    SB_TRY(read_string(*d, "outside_prefix", "dialing.outside_prefix", c.dialing.outside_prefix, 16));
    SB_TRY(read_string(*d, "long_distance_prefix", "dialing.long_distance_prefix", c.dialing.long_distance_prefix, 16));
    SB_TRY(read_string(*d, "international_prefix", "dialing.international_prefix", c.dialing.international_prefix, 16));
    SB_TRY(read_string(*d, "default_country_code", "dialing.default_country_code", c.dialing.default_country_code, 8));
    SB_TRY(read_int(*d, "max_extension_digits", "dialing.max_extension_digits", c.dialing.max_extension_digits, 1, 8));
    SB_TRY(read_string(*d, "dial_format", "dialing.dial_format", c.dialing.dial_format, 16));
    if (!c.dialing.default_country_code.empty() && c.dialing.default_country_code[0] == '+')
      c.dialing.default_country_code.erase(0, 1);
  }
  SB_TRY(read_int(s, "acw_seconds", "acw_seconds", c.acw_seconds, 0, 3600));
  SB_TRY(read_list(s, "dispositions", "dispositions", c.dispositions));
  SB_TRY(read_bool(s, "disposition_required", "disposition_required", c.disposition_required));
  SB_TRY(read_list(s, "away_reasons", "away_reasons", c.away_reasons));
  SB_TRY(read_string(s, "start_status", "start_status", c.start_status, 16));
  SB_TRY(read_int(s, "history_size", "history_size", c.history_size, 0, 100));
  SB_TRY(read_int(s, "utc_offset_minutes", "utc_offset_minutes", c.utc_offset_minutes, -840, 840));
  if (const Json* list = find_field(s, "colleagues"); list && !list->is_null()) {
    if (!list->is_array() || list->size() > 500) return bad("colleagues", "must be a list of up to 500 {name, target}");
    std::vector<Colleague> out;
    for (const auto& e : *list) {
      auto name = string_field(e, "name");
      auto target = string_field(e, "target");
      if (!name || !target || name->size() > 128 || target->empty() || target->size() > 64)
        return bad("colleagues", "entries need a name (≤ 128 characters) and a target (1–64 characters)");
      out.push_back({*name, *target});
    }
    c.colleagues = std::move(out);
  }
  return Ok{};
}

Result<void> validate_config(const Config& c) {
  if (!c.sip.ws_url.empty() && c.sip.ws_url.rfind("wss://", 0) != 0 && c.sip.ws_url.rfind("ws://", 0) != 0)
    return bad("sip.ws_url", sb::format("must start with wss:// or ws://, not '{}'", c.sip.ws_url.substr(0, 40)));
  if (c.sip.credential_mode != "static" && c.sip.credential_mode != "ephemeral")
    return bad("sip.credential_mode", sb::format("must be static or ephemeral, not '{}'", c.sip.credential_mode));
  if (c.start_status != "available" && c.start_status != "away" && c.start_status != "offline")
    return bad("start_status", "must be available, away or offline");
  if (auto d = validate(c.dialing); !d) return d.error();
  return Ok{};
}

}  // namespace sb
