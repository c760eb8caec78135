#include "switchboard/json.h"

#include "switchboard/format.h"

namespace sb {
namespace {

// Builds the DOM through nlohmann's own SAX DOM builder, but keeps the parse error's text (which
// says where and what) and refuses nesting deeper than the limit before it costs anything.
class LimitedSax {
 public:
  LimitedSax(Json& root, int max_depth) : dom_(root, false), max_depth_(max_depth) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const Json::string_t& s) { return dom_.number_float(v, s); }
  bool string(Json::string_t& v) { return dom_.string(v); }
  bool binary(Json::binary_t& v) { return dom_.binary(v); }
  bool key(Json::string_t& v) { return dom_.key(v); }
  bool start_object(std::size_t n) { return enter() && dom_.start_object(n); }
  bool end_object() { --depth_; return dom_.end_object(); }
  bool start_array(std::size_t n) { return enter() && dom_.start_array(n); }
  bool end_array() { --depth_; return dom_.end_array(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    error_ = ex.what();
    return false;
  }

  bool too_deep() const { return too_deep_; }
  const std::string& error() const { return error_; }

 private:
  bool enter() {
    if (++depth_ > max_depth_) {
      too_deep_ = true;
      return false;
    }
    return true;
  }
  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  int max_depth_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::string error_;
};

}  // namespace

Result<Json> parse_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return make_error("json.too_large", sb::format("JSON text of {} bytes exceeds the limit of {} bytes",
                                                    text.size(), limits.max_bytes));
  }
  Json root;
  LimitedSax sax(root, limits.max_depth);
  const bool ok = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
  if (sax.too_deep()) {
    return make_error("json.too_deep", sb::format("JSON nesting exceeds {} levels", limits.max_depth));
  }
  if (!ok || root.is_discarded()) {
    std::string why = sax.error();
    // nlohmann prefixes its own id; keep the human part.
    if (auto p = why.find("] "); p != std::string::npos) why = why.substr(p + 2);
    return make_error("json.invalid", why.empty() ? std::string("invalid JSON") : why);
  }
  return root;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const Json* find_field(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> string_field(const Json& object, std::string_view key) {
  const Json* v = find_field(object, key);
  if (!v || !v->is_string()) return std::nullopt;
  return v->get_ref<const std::string&>();
}

std::optional<std::int64_t> int_field(const Json& object, std::string_view key) {
  const Json* v = find_field(object, key);
  if (!v) return std::nullopt;
  if (v->is_number_unsigned()) {  // (is_number_integer() is true for unsigned values too)
    auto u = v->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (v->is_number_integer()) return v->get<std::int64_t>();
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (d >= -9.0e15 && d <= 9.0e15 && d == static_cast<double>(static_cast<std::int64_t>(d))) {
      return static_cast<std::int64_t>(d);
    }
  }
  return std::nullopt;
}

std::optional<double> number_field(const Json& object, std::string_view key) {
  const Json* v = find_field(object, key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

std::optional<bool> bool_field(const Json& object, std::string_view key) {
  const Json* v = find_field(object, key);
  if (!v || !v->is_boolean()) return std::nullopt;
  return v->get<bool>();
}

std::string string_or(const Json& object, std::string_view key, std::string_view fallback) {
  auto s = string_field(object, key);
  return s ? *s : std::string(fallback);
}

std::int64_t int_or(const Json& object, std::string_view key, std::int64_t fallback) {
  return int_field(object, key).value_or(fallback);
}

bool bool_or(const Json& object, std::string_view key, bool fallback) {
  return bool_field(object, key).value_or(fallback);
}

std::string_view json_type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "object";
    case Json::value_t::array: return "array";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer";
    case Json::value_t::number_float: return "number";
    case Json::value_t::binary: return "binary";
    case Json::value_t::discarded: return "discarded";
  }
  return "unknown";
}

JsonFields::JsonFields() : object_(Json::value_t::object) {}
JsonFields::~JsonFields() = default;

void JsonFields::put_text(std::string_view key, std::string_view value) { object_[key] = value; }
void JsonFields::put_number(std::string_view key, std::int64_t value) { object_[key] = value; }
void JsonFields::put_flag(std::string_view key, bool value) { object_[key] = value; }
void JsonFields::put_value(std::string_view key, const Json& value) { object_[key] = value; }
void JsonFields::put_value(std::string_view key, Json&& value) { object_[key] = std::move(value); }

}  // namespace sb
