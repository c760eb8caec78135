// nlohmann_json, used only through calls that cannot throw (the build has JSON_NOEXCEPTION, where a
// throw would abort). Untrusted text goes through parse_json(); typed reads go through the helpers
// below, which never call get<T>() on a value of the wrong type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "switchboard/result.h"

namespace sb {

using Json = nlohmann::json;

struct JsonLimits {
  std::size_t max_bytes = 256 * 1024;
  int max_depth = 32;
};

// Parses untrusted text. Errors: json.too_large, json.invalid (with the position and what was
// expected), json.too_deep.
Result<Json> parse_json(std::string_view text, const JsonLimits& limits = {});

// Serialises without ever failing: invalid UTF-8 in strings is replaced, not thrown.
std::string dump_json(const Json& value);

// Typed field access on an object; nullptr/nullopt when missing or of another type.
const Json* find_field(const Json& object, std::string_view key);
std::optional<std::string> string_field(const Json& object, std::string_view key);
std::optional<std::int64_t> int_field(const Json& object, std::string_view key);
std::optional<double> number_field(const Json& object, std::string_view key);
std::optional<bool> bool_field(const Json& object, std::string_view key);
std::string string_or(const Json& object, std::string_view key, std::string_view fallback);
std::int64_t int_or(const Json& object, std::string_view key, std::int64_t fallback);
bool bool_or(const Json& object, std::string_view key, bool fallback);

// A JSON value's type as a word for error messages ("string", "number", "object"…).
std::string_view json_type_name(const Json& value);

}  // namespace sb
