#include "switchboard/json.h"

#include <charconv>
#include <cmath>

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

// The same text as value.dump(-1, ' ', false, Json::error_handler_t::replace), pinned by a test that
// compares the two. Written out here because nlohmann's serializer (a buffered writer behind a
// virtual output adapter, with snprintf for \u escapes) is three times the size in WebAssembly.
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void append_integer(std::string& out, std::uint64_t magnitude, bool negative) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, magnitude).ptr;
  if (negative) out += '-';
  out.append(digits, end);
}

// Valid UTF-8 is copied (control characters, '"' and '\\' escaped); each ill-formed sequence becomes
// one U+FFFD. A byte that cannot continue a sequence ends it and is then read again as the start of
// the next, as nlohmann's decoder does (the well-formed sequences are those of Unicode table 3-7).
void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default:
          if (b <= 0x1F) {
            out += "\\u00";
            out += kHex[b >> 4];
            out += kHex[b & 0xF];
          } else {
            out += static_cast<char>(b);
          }
      }
      ++i;
      continue;
    }
    std::size_t need = 0;  // continuation bytes after the lead byte
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the byte after the lead byte
    if (b >= 0xC2 && b <= 0xDF) need = 1;
    else if (b >= 0xE0 && b <= 0xEF) need = 2, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4) need = 3, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    if (need == 0) {  // not a lead byte
      out += kReplacement;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    for (; j <= i + need && j < s.size(); ++j) {
      const auto c = static_cast<unsigned char>(s[j]);
      if (c < lo || c > hi) break;
      lo = 0x80, hi = 0xBF;
    }
    if (j == i + need + 1) {
      out.append(s.data() + i, need + 1);
    } else {
      out += kReplacement;  // ill-formed, or cut short by the end of the string
    }
    i = j;
  }
  out += '"';
}

void append_json(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: out += "null"; return;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer: {
      const auto n = v.get<std::int64_t>();
      append_integer(out, n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n), n < 0);
      return;
    }
    case Json::value_t::number_unsigned: append_integer(out, v.get<std::uint64_t>(), false); return;
    case Json::value_t::number_float: {
      const double d = v.get<double>();
      if (!std::isfinite(d)) {
        out += "null";
        return;
      }
      char digits[64];
      out.append(digits, nlohmann::detail::to_chars(digits, digits + sizeof digits, d));
      return;
    }
    case Json::value_t::string: append_string(out, v.get_ref<const std::string&>()); return;
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ',';
        first = false;
        append_json(out, e);
      }
      out += ']';
      return;
    }
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ',';
        first = false;
        append_string(out, it.key());
        out += ':';
        append_json(out, it.value());
      }
      out += '}';
      return;
    }
    case Json::value_t::binary: {
      const auto& bin = v.get_binary();
      out += "{\"bytes\":[";
      for (std::size_t i = 0; i < bin.size(); ++i) {
        if (i) out += ',';
        append_integer(out, bin[i], false);
      }
      out += "],\"subtype\":";
      if (bin.has_subtype()) {
        append_integer(out, bin.subtype(), false);
      } else {
        out += "null";
      }
      out += '}';
      return;
    }
    case Json::value_t::discarded: out += "<discarded>"; return;
  }
}

}  // namespace

std::string dump_json(const Json& value) {
  std::string out;
  append_json(out, value);
  return out;
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
