#include "switchboard/result.h"

namespace sb {

Error make_error(std::string_view code, std::string_view message) { return Error{std::string(code), std::string(message)}; }

Error make_error(std::string_view code, std::string&& message) { return Error{std::string(code), std::move(message)}; }

}  // namespace sb
