// Text primitives of the SIP grammar (RFC 3261 §25): character classes, case-insensitive comparison,
// linear white space, quoted strings, %-escapes, comma-separated lists and ;parameter lists.
// Everything works on string_views over text the caller keeps alive; nothing here allocates unless
// it returns a std::string.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The parser's per-character helpers are inlined whatever the build's inlining settings (emcc's -Oz
// alone disables inlining of everything else).
#define SB_SIP_INLINE __attribute__((always_inline)) inline

namespace sb::sip {

namespace chars {
enum : std::uint16_t {
  kDigit = 1 << 0,
  kAlpha = 1 << 1,
  kHex = 1 << 2,
  kToken = 1 << 3,     // token (RFC 3261 §25.1)
  kUser = 1 << 4,      // user part of a SIP URI (unreserved / user-unreserved; % handled apart)
  kPassword = 1 << 5,  // password of a SIP URI
  kParam = 1 << 6,     // URI parameter names and values (paramchar without %)
  kHeader = 1 << 7,    // URI header names and values (hnv-unreserved / unreserved)
  kHost = 1 << 8,      // hostname characters (alphanum - . and, leniently, _)
  kWord = 1 << 9,      // word (Call-ID)
  kTel = 1 << 10,      // tel: numbers (digits, hex, visual separators, * #, +)
  kUric = 1 << 11,     // any URI character of other schemes (RFC 3986 reserved / unreserved / %)
  kGenValue = 1 << 12, // an unquoted generic-param value: token / host (IPv6 brackets, ':') / '/'
};

constexpr std::array<std::uint16_t, 256> make_table() {
  std::array<std::uint16_t, 256> t{};
  auto add = [&t](std::string_view set, std::uint16_t bits) {
    for (char c : set) t[static_cast<unsigned char>(c)] |= bits;
  };
  for (int c = '0'; c <= '9'; ++c) t[c] |= kDigit | kHex;
  for (int c = 'a'; c <= 'f'; ++c) t[c] |= kHex;
  for (int c = 'A'; c <= 'F'; ++c) t[c] |= kHex;
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kAlpha;
  constexpr std::uint16_t kAlnumSets = kToken | kUser | kPassword | kParam | kHeader | kHost | kWord | kTel | kUric;
  for (int c = 0; c < 256; ++c) {
    if (t[c] & (kDigit | kAlpha)) t[c] |= kAlnumSets;
  }
  const std::string_view mark = "-_.!~*'()";
  add("-.!%*_+`'~", kToken);
  add(mark, kUser | kPassword | kParam | kHeader);
  add("&=+$,;?/", kUser);
  add("#", kUser);  // feature codes such as *97# are common unescaped in the wild
  add("&=+$,", kPassword);
  add("[]/:&+$", kParam);
  add("[]/?:+$", kHeader);
  add("-._", kHost);
  add("-.!%*_+`'~()<>:\\\"/[]?{}", kWord);
  add("-.()+*#%", kTel);
  add("-._~:/?#[]@!$&'()*+,;=%", kUric);
  for (int c = 0; c < 256; ++c) {
    if (t[c] & kToken) t[c] |= kGenValue;
  }
  add(":[]/", kGenValue);
  return t;
}
inline constexpr std::array<std::uint16_t, 256> kTable = make_table();
}  // namespace chars

SB_SIP_INLINE bool is(char c, std::uint16_t cls) { return (chars::kTable[static_cast<unsigned char>(c)] & cls) != 0; }
SB_SIP_INLINE bool is_digit(char c) { return c >= '0' && c <= '9'; }
SB_SIP_INLINE bool is_ws(char c) { return c == ' ' || c == '\t'; }

SB_SIP_INLINE char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}
inline bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

SB_SIP_INLINE std::string_view trim(std::string_view s) {
  const char* b = s.data();
  const char* e = b + s.size();
  while (b < e && is_ws(*b)) ++b;
  while (e > b && is_ws(e[-1])) --e;
  return std::string_view(b, static_cast<std::size_t>(e - b));
}

// Decimal digits only, no sign, at most max; nullopt otherwise.
std::optional<std::uint32_t> parse_uint(std::string_view s, std::uint32_t max = 0xFFFFFFFFu);

// A quoted-string starting at s[pos] == '"': returns the index just past the closing quote, or npos
// when it does not close. Backslash escapes any character.
std::size_t skip_quoted(std::string_view s, std::size_t pos);
// The content of a quoted-string without its quotes and with \-escapes resolved; other text as is.
std::string unquote(std::string_view s);
// A quoted-string for any text ("" around, \ before " and \).
std::string quote(std::string_view s);

// %XX escapes resolved (a malformed escape is kept as it is).
std::string uri_unescape(std::string_view s);
enum class UriPart { User, Password, Param, Header };
// Escapes every character the part does not allow unescaped.
std::string uri_escape(std::string_view s, UriPart part);

// Calls f(element) for each element of a comma-separated header value, splitting only on commas
// outside quoted strings and <>; elements are trimmed and empty ones skipped. f returns false to stop.
template <class F>
void for_each_element(std::string_view value, F&& f) {
  std::size_t start = 0;
  bool in_angle = false;
  for (std::size_t i = 0; i < value.size();) {
    const char c = value[i];
    if (c == '"') {
      const std::size_t end = skip_quoted(value, i);
      i = end == std::string_view::npos ? value.size() : end;
      continue;
    }
    if (c == '<') in_angle = true;
    else if (c == '>') in_angle = false;
    else if (c == ',' && !in_angle) {
      const std::string_view element = trim(value.substr(start, i - start));
      if (!element.empty() && !f(element)) return;
      start = i + 1;
    }
    ++i;
  }
  const std::string_view element = trim(value.substr(start));
  if (!element.empty()) f(element);
}

struct Param {
  std::string_view name;
  std::string_view value;  // as written: a quoted value keeps its quotes (see unquote)
  bool has_value = false;
};

// A ;-separated parameter list as written after a URI or a header value, e.g. ";branch=z9hG4bK1;rport".
// Parsing validated the syntax; lookups scan it (lists are short) and match names case-insensitively.
class ParamList {
 public:
  ParamList() = default;
  explicit ParamList(std::string_view raw) : raw_(raw) {}

  std::string_view raw() const { return raw_; }
  bool empty() const { return raw_.empty(); }
  std::size_t size() const;
  // The value of the first parameter of that name ("" for a flag such as ;lr); nullopt if absent.
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }

  class iterator {
   public:
    iterator(std::string_view raw, std::size_t pos) : raw_(raw), pos_(pos) { advance(); }
    const Param& operator*() const { return current_; }
    const Param* operator->() const { return &current_; }
    iterator& operator++() {
      advance();
      return *this;
    }
    bool operator==(const iterator& o) const { return done_ == o.done_ && (done_ || pos_ == o.pos_); }

   private:
    void advance();
    std::string_view raw_;
    std::size_t pos_ = 0;  // where the parameter after current_ starts
    bool done_ = false;
    Param current_;
  };
  iterator begin() const { return iterator(raw_, 0); }
  iterator end() const { return iterator(std::string_view(), 0); }

 private:
  std::string_view raw_;
};

}  // namespace sb::sip
