// String formatting for the core's messages: fmt's "{}" syntax for the argument kinds the core
// formats (text, integers, characters, booleans), with zero-padded width and hex ("{:02}", "{:08x}",
// "{:02X}"). Why not {fmt} itself in the shipped module: its type-erased formatting links float
// and 128-bit long double formatting for every call site; see README "Design".
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

namespace sb {

struct FormatArg {
  enum class Kind : std::uint8_t { Text, Signed, Unsigned, Char, Bool } kind;
  std::string_view text;
  std::int64_t i = 0;
  std::uint64_t u = 0;
};

template <class T>
FormatArg format_arg(const T& v) {
  using D = std::decay_t<T>;
  if constexpr (std::is_same_v<D, bool>) {
    return {FormatArg::Kind::Bool, {}, v ? 1 : 0, 0};
  } else if constexpr (std::is_same_v<D, char>) {
    return {FormatArg::Kind::Char, {}, static_cast<unsigned char>(v), 0};
  } else if constexpr (std::is_integral_v<D> && std::is_signed_v<D>) {
    return {FormatArg::Kind::Signed, {}, static_cast<std::int64_t>(v), 0};
  } else if constexpr (std::is_integral_v<D>) {
    return {FormatArg::Kind::Unsigned, {}, 0, static_cast<std::uint64_t>(v)};
  } else if constexpr (std::is_enum_v<D>) {
    return {FormatArg::Kind::Signed, {}, static_cast<std::int64_t>(v), 0};
  } else {
    return {FormatArg::Kind::Text, std::string_view(v), 0, 0};
  }
}

std::string vformat(std::string_view pattern, std::initializer_list<FormatArg> args);

template <class... Args>
std::string format(std::string_view pattern, const Args&... args) {
  return vformat(pattern, {format_arg(args)...});
}

}  // namespace sb
