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

// Builds a JSON object one field at a time: obj.text("session", id).flag("muted", on). Every call is
// one out-of-line insertion; an initializer list ({{"session", id}, {"muted", on}}) instead expands
// into temporaries built and destroyed inline at each call site (some 40-60 bytes of WebAssembly
// per field). Keys are sorted like any Json object, so the order of the calls does not matter.
class JsonFields {
 public:
  JsonFields();
  ~JsonFields();
  JsonFields(const JsonFields&) = delete;
  JsonFields& operator=(const JsonFields&) = delete;

 protected:
  void put_text(std::string_view key, std::string_view value);
  void put_number(std::string_view key, std::int64_t value);
  void put_flag(std::string_view key, bool value);
  void put_value(std::string_view key, const Json& value);
  void put_value(std::string_view key, Json&& value);
  Json object_;
};

template <class Self>
class JsonFieldsOf : public JsonFields {
 public:
  Self& text(std::string_view key, std::string_view v) { return put_text(key, v), self(); }
  Self& number(std::string_view key, std::int64_t v) { return put_number(key, v), self(); }
  Self& flag(std::string_view key, bool v) { return put_flag(key, v), self(); }
  Self& value(std::string_view key, const Json& v) { return put_value(key, v), self(); }
  Self& value(std::string_view key, Json&& v) { return put_value(key, std::move(v)), self(); }
  // A char pointer would silently become a boolean here; strings go through text().
  Self& flag(std::string_view key, const char* v) = delete;

 private:
  Self& self() { return static_cast<Self&>(*this); }
};

class JsonObject final : public JsonFieldsOf<JsonObject> {
 public:
  Json take() { return std::move(object_); }
};

}  // namespace sb
