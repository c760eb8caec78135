// The one protocol between the core and the JS shim: events in, effects out, both JSON objects with
// a "type". This file's tables are the single source of truth: the engine checks every event against
// them, tests check every effect against them (natively and in Node), the shim reads them through
// protocol_info(), and docs/protocol.md is checked against them. Bump kVersion on any change that an
// older shim could misread.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string_view>

#include "switchboard/json.h"
#include "switchboard/result.h"

namespace sb::protocol {

inline constexpr int kVersion = 1;

enum class FieldType { String, Integer, Number, Boolean, Object, Array, Any };

struct Field {
  std::string_view name;
  FieldType type;
  bool required;
  std::string_view doc;
  std::size_t max_length = 0;  // strings: longest accepted value in bytes (0 = the default limit)
};

struct Message {
  std::string_view type;
  std::string_view doc;
  std::initializer_list<Field> fields;  // the tables are constants: this refers to a static array
};

inline constexpr std::size_t kDefaultMaxString = 4096;

std::span<const Message> events();
std::span<const Message> effects();
const Message* find_event(std::string_view type);
const Message* find_effect(std::string_view type);

// Checks one message against its spec: every required field present, every known field of the right
// type and length. Unknown extra fields are allowed (forward compatibility); "type", "t" and "v"
// are common to all messages. kind is "event" or "effect" for the error message.
Result<void> check(const Json& message, const Message& spec, std::string_view kind);

// Checks an effect the engine produced (used by tests in both builds).
Result<void> check_effect(const Json& effect);

std::string_view type_name(FieldType type);

// Everything the shim needs to know about the protocol: version, message specs, and the closed
// vocabularies (call states, end causes, agent statuses, error codes…).
Json describe();

}  // namespace sb::protocol
