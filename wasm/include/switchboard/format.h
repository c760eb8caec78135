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

// One argument: a kind and one payload (text as pointer and size, or a number), so that each argument
// costs a call site as few stores as possible.
struct FormatArg {
  enum class Kind : std::uint8_t { Text, Signed, Unsigned, Char, Bool } kind;
  std::size_t size;  // Text
  union {
    const char* data;  // Text
    std::int64_t i;    // Signed, Char, Bool
    std::uint64_t u;   // Unsigned
  };
};

template <class T>
FormatArg format_arg(const T& v) {
  using D = std::decay_t<T>;
  FormatArg a;
  if constexpr (std::is_same_v<D, bool>) {
    a.kind = FormatArg::Kind::Bool;
    a.i = v ? 1 : 0;
  } else if constexpr (std::is_same_v<D, char>) {
    a.kind = FormatArg::Kind::Char;
    a.i = static_cast<unsigned char>(v);
  } else if constexpr (std::is_integral_v<D> && std::is_signed_v<D>) {
    a.kind = FormatArg::Kind::Signed;
    a.i = static_cast<std::int64_t>(v);
  } else if constexpr (std::is_integral_v<D>) {
    a.kind = FormatArg::Kind::Unsigned;
    a.u = static_cast<std::uint64_t>(v);
  } else if constexpr (std::is_enum_v<D>) {
    a.kind = FormatArg::Kind::Signed;
    a.i = static_cast<std::int64_t>(v);
  } else {
    const std::string_view text(v);
    a.kind = FormatArg::Kind::Text;
    a.data = text.data();
    a.size = text.size();
  }
  return a;
}

std::string vformat(std::string_view pattern, std::initializer_list<FormatArg> args);

template <class... Args>
std::string format(std::string_view pattern, const Args&... args) {
  return vformat(pattern, {format_arg(args)...});
}

}  // namespace sb
