#include "switchboard/format.h"

namespace sb {
namespace {

void append_number(std::string& out, std::uint64_t n, bool negative, unsigned width, unsigned base, bool upper) {
  char digits[24];
  int len = 0;
  const char* table = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    digits[len++] = table[n % base];
    n /= base;
  } while (n && len < 24);
  if (negative) out += '-';
  for (unsigned i = static_cast<unsigned>(len) + (negative ? 1 : 0); i < width; ++i) out += '0';
  while (len) out += digits[--len];
}

}  // namespace

std::string vformat(std::string_view pattern, std::initializer_list<FormatArg> args) {
  std::string out;
  out.reserve(pattern.size() + 16 * args.size());
  auto next = args.begin();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      out += '}';
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    const std::size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) {  // a lone brace is kept as written
      out += pattern.substr(i);
      break;
    }
    // Spec: "" or ":0<width>[xX]".
    std::string_view spec = pattern.substr(i + 1, close - i - 1);
    unsigned width = 0;
    unsigned base = 10;
    bool upper = false;
    if (!spec.empty() && spec[0] == ':') {
      for (char s : spec.substr(1)) {
        if (s >= '0' && s <= '9') width = width * 10 + static_cast<unsigned>(s - '0');
        if (s == 'x') base = 16;
        if (s == 'X') base = 16, upper = true;
      }
    }
    i = close;
    if (next == args.end()) continue;  // more fields than arguments: leave the field empty
    const FormatArg& a = *next++;
    switch (a.kind) {
      case FormatArg::Kind::Text:
        out.append(a.data, a.size);
        break;
      case FormatArg::Kind::Char:
        out += static_cast<char>(a.i);
        break;
      case FormatArg::Kind::Bool:
        out += a.i ? "true" : "false";
        break;
      case FormatArg::Kind::Signed:
        append_number(out, a.i < 0 ? 0 - static_cast<std::uint64_t>(a.i) : static_cast<std::uint64_t>(a.i), a.i < 0,
                      width, base, upper);
        break;
      case FormatArg::Kind::Unsigned:
        append_number(out, a.u, false, width, base, upper);
        break;
    }
  }
  return out;
}

}  // namespace sb
