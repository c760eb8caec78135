// The closed list of error codes the core reports. Codes are stable (tests pin them and the shim and
// UI may switch on them); messages are for people and say what was wrong.
#pragma once

#include <span>
#include <string_view>

namespace sb {

struct ErrorCodeInfo {
  std::string_view code;
  std::string_view meaning;
};

std::span<const ErrorCodeInfo> error_codes();
bool is_known_error_code(std::string_view code);

}  // namespace sb
