#include "switchboard/phone.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "switchboard/format.h"

namespace sb {
namespace {

// ITU-T E.164 assigned country calling codes (spare and discontinued codes left out).
constexpr std::string_view kCountryCodes[] = {
    "1",   "7",   "20",  "27",  "30",  "31",  "32",  "33",  "34",  "36",  "39",  "40",  "41",  "43",  "44",
    "45",  "46",  "47",  "48",  "49",  "51",  "52",  "53",  "54",  "55",  "56",  "57",  "58",  "60",  "61",
    "62",  "63",  "64",  "65",  "66",  "81",  "82",  "84",  "86",  "90",  "91",  "92",  "93",  "94",  "95",
    "98",  "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226", "227", "228",
    "229", "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240", "241", "242", "243",
    "244", "245", "246", "247", "248", "249", "250", "251", "252", "253", "254", "255", "256", "257", "258",
    "260", "261", "262", "263", "264", "265", "266", "267", "268", "269", "290", "291", "297", "298", "299",
    "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "370", "371", "372", "373", "374",
    "375", "376", "377", "378", "379", "380", "381", "382", "383", "385", "386", "387", "389", "420", "421",
    "423", "500", "501", "502", "503", "504", "505", "506", "507", "508", "509", "590", "591", "592", "593",
    "594", "595", "596", "597", "598", "599", "670", "672", "673", "674", "675", "676", "677", "678", "679",
    "680", "681", "682", "683", "685", "686", "687", "688", "689", "690", "691", "692", "800", "808", "850",
    "852", "853", "855", "856", "870", "878", "880", "881", "882", "883", "886", "888", "960", "961", "962",
    "963", "964", "965", "966", "967", "968", "970", "971", "972", "973", "974", "975", "976", "977", "979",
    "992", "993", "994", "995", "996", "998",
};

constexpr std::size_t kMaxInput = 128;
constexpr std::size_t kMaxE164Digits = 15;
constexpr std::size_t kMaxExtensionDigits = 10;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool starts_with(std::string_view s, std::string_view p) { return !p.empty() && s.substr(0, p.size()) == p; }

char keypad_digit(char letter) {
  static constexpr std::string_view kKeys = "22233344455566677778889999";
  const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
  return kKeys[static_cast<std::size_t>(up - 'A')];
}

bool is_separator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Non-breaking and other Unicode spaces and dashes people paste from web pages (UTF-8).
std::string fold_unicode_separators(std::string_view in) {
  static constexpr std::array<std::string_view, 6> kSeps = {"\xC2\xA0", "\xE2\x80\x90", "\xE2\x80\x91",
                                                           "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xAF"};
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    bool replaced = false;
    for (auto sep : kSeps) {
      if (in.substr(i, sep.size()) == sep) {
        out += ' ';
        i += sep.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += in[i++];
  }
  return out;
}

Error invalid(std::string_view input, std::string_view why) {
  return make_error("phone.invalid", sb::format("'{}' is not a phone number: {}", input, why));
}

Result<PhoneNumber> international(std::string_view input, std::string_view digits) {
  const std::string cc = country_code_prefix(digits);
  if (cc.empty()) {
    return make_error("phone.unknown_country",
                      sb::format("'{}' does not start with a known country calling code", input));
  }
  PhoneNumber n;
  n.country_code = cc;
  n.national = std::string(digits.substr(cc.size()));
  if (n.national.size() < 4) return invalid(input, "too few digits after the country code");
  if (digits.size() > kMaxE164Digits) {
    return invalid(input, sb::format("{} digits is more than the 15 an international number can have", digits.size()));
  }
  return n;
}

Result<void> check_nanp(std::string_view input, const PhoneNumber& n) {
  if (n.country_code != "1") return Ok{};
  if (n.national.size() != 10) {
    return invalid(input, sb::format("a North American number has 10 digits after +1, not {}", n.national.size()));
  }
  if (n.national[0] < '2' || n.national[3] < '2') {
    return invalid(input, "a North American area code and exchange cannot start with 0 or 1");
  }
  return Ok{};
}

std::string group_generic(std::string_view nsn) {
  // Two trailing groups of four, the rest in front: "20 7946 0958", "6 1234 5678", "1234 5678".
  if (nsn.size() <= 4) return std::string(nsn);
  if (nsn.size() <= 8) return sb::format("{} {}", nsn.substr(0, nsn.size() - 4), nsn.substr(nsn.size() - 4));
  const std::size_t head = nsn.size() - 8;
  return sb::format("{} {} {}", nsn.substr(0, head), nsn.substr(head, 4), nsn.substr(head + 4));
}

}  // namespace

bool is_country_code(std::string_view code) {
  return std::find(std::begin(kCountryCodes), std::end(kCountryCodes), code) != std::end(kCountryCodes);
}

std::string country_code_prefix(std::string_view digits) {
  for (std::size_t len = 1; len <= 3 && len <= digits.size(); ++len) {
    if (is_country_code(digits.substr(0, len))) return std::string(digits.substr(0, len));
  }
  return {};
}

std::string PhoneNumber::e164() const {
  if (internal || anonymous) return national;
  return "+" + country_code + national;
}

Result<void> validate(const DialingOptions& o) {
  auto digits_or_empty = [](std::string_view s) { return s.empty() || (all_digits(s) && s.size() <= 6); };
  if (!digits_or_empty(o.outside_prefix))
    return make_error("config.invalid", sb::format("outside prefix '{}' must be up to 6 digits", o.outside_prefix));
  if (!digits_or_empty(o.long_distance_prefix))
    return make_error("config.invalid",
                      sb::format("long distance prefix '{}' must be up to 6 digits", o.long_distance_prefix));
  if (!digits_or_empty(o.international_prefix))
    return make_error("config.invalid",
                      sb::format("international prefix '{}' must be up to 6 digits", o.international_prefix));
  if (!is_country_code(o.default_country_code))
    return make_error("config.invalid",
                      sb::format("default country code '{}' is not an assigned country calling code",
                                  o.default_country_code));
  if (o.max_extension_digits < 1 || o.max_extension_digits > 8)
    return make_error("config.invalid", "extension length must be between 1 and 8 digits");
  if (o.dial_format != "e164" && o.dial_format != "prefixes")
    return make_error("config.invalid", sb::format("dial format '{}' must be e164 or prefixes", o.dial_format));
  return Ok{};
}

Result<PhoneNumber> parse_phone(std::string_view raw, const DialingOptions& o) {
  if (raw.size() > kMaxInput) {
    return make_error("phone.too_long", sb::format("a phone number of {} characters is longer than {}", raw.size(), kMaxInput));
  }
  std::string text = fold_unicode_separators(raw);
  // Trim.
  while (!text.empty() && is_separator(text.back()) && text.back() != ')') text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
  text.erase(0, start);
  if (text.empty()) return invalid(raw, "it is empty");

  // URIs: tel:+1…;ext=…, sip:user@host;params
  std::string ext;
  std::string low = lower(text);
  if (starts_with(low, "sip:") || starts_with(low, "sips:")) {
    std::string_view rest = std::string_view(text).substr(low[3] == ':' ? 4 : 5);
    auto at = rest.find('@');
    std::string_view user = rest.substr(0, at);
    std::string_view host = at == std::string_view::npos ? std::string_view() : rest.substr(at + 1);
    user = user.substr(0, user.find(';'));
    const std::string luser = lower(user);
    if (luser == "anonymous" || luser == "restricted" || luser == "unknown" || luser == "unavailable" ||
        lower(host).find("anonymous.invalid") != std::string::npos) {
      PhoneNumber n;
      n.anonymous = true;
      return n;
    }
    text = std::string(user);
    low = lower(text);
  } else if (starts_with(low, "tel:")) {
    text = text.substr(4);
    low = lower(text);
  }
  if (auto p = low.find(";ext="); p != std::string::npos) {
    ext = text.substr(p + 5);
    ext = ext.substr(0, ext.find(';'));
    text.erase(p);
    low.erase(p);
  }
  if (auto p = low.find(';'); p != std::string::npos) {  // other URI parameters (phone-context…)
    text.erase(p);
    low.erase(p);
  }
  // Extension markers: "ext." "ext" "x" "#" ",".
  if (ext.empty()) {
    for (std::string_view marker : {"extension", "ext.", "ext", "x", "#", ","}) {
      auto p = low.rfind(marker);
      if (p == std::string::npos || p == 0) continue;
      std::string tail = text.substr(p + marker.size());
      std::string tail_digits;
      for (char c : tail)
        if (!is_separator(c) && c != ':') tail_digits += c;
      if (!all_digits(tail_digits)) continue;
      ext = tail_digits;
      text.erase(p);
      low.erase(p);
      break;
    }
  }
  if (!ext.empty() && (!all_digits(ext) || ext.size() > kMaxExtensionDigits)) {
    return invalid(raw, "the extension must be 1 to 10 digits");
  }

  bool plus = false;
  std::string digits;
  std::size_t letters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+') {
      if (plus || !digits.empty()) return invalid(raw, "'+' may only start the number");
      plus = true;
    } else if (is_separator(c)) {
      continue;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      digits += keypad_digit(c);
      ++letters;
    } else {
      return invalid(raw, sb::format("character '{}' is not allowed", c));
    }
  }
  const std::size_t real_digits = digits.size() - letters;
  if (real_digits == 0) return invalid(raw, "it has no digits");
  // Vanity numbers (1-800-FLOWERS) start with real digits; letters elsewhere are a typo, not a number.
  const std::size_t first = text[0] == '+' ? 1 : 0;
  const bool starts_with_digit = first < text.size() && std::isdigit(static_cast<unsigned char>(text[first]));
  if (letters > 0 && (real_digits < 3 || !starts_with_digit || digits.size() < 10)) {
    return invalid(raw, "it contains letters");
  }
  if (digits.size() > kMaxE164Digits + 6) {
    return invalid(raw, sb::format("{} digits is too many for a phone number", digits.size()));
  }

  Result<PhoneNumber> result = invalid(raw, "unrecognised");
  if (plus) {
    result = international(raw, digits);
  } else {
    std::string_view d = digits;
    const bool nanp_home = o.default_country_code == "1";
    auto national_length_ok = [&](std::string_view rest) {
      return nanp_home ? rest.size() == 10 : rest.size() >= 6;
    };
    // An outside-line prefix in front of what would otherwise be a full number.
    if (starts_with(d, o.outside_prefix) && d.size() > static_cast<std::size_t>(o.max_extension_digits)) {
      std::string_view rest = d.substr(o.outside_prefix.size());
      if (starts_with(rest, o.international_prefix) || (starts_with(rest, o.long_distance_prefix) &&
                                                         national_length_ok(rest.substr(o.long_distance_prefix.size()))) ||
          national_length_ok(rest)) {
        d = rest;
      }
    }
    if (starts_with(d, o.international_prefix) && d.size() > o.international_prefix.size() + 4) {
      result = international(raw, d.substr(o.international_prefix.size()));
    } else if (d.size() <= static_cast<std::size_t>(o.max_extension_digits)) {
      PhoneNumber n;
      n.internal = true;
      n.national = std::string(d);
      n.extension = ext;
      return n;
    } else {
      if (starts_with(d, o.long_distance_prefix) && national_length_ok(d.substr(o.long_distance_prefix.size()))) {
        d = d.substr(o.long_distance_prefix.size());
      }
      if (nanp_home && d.size() == 7) return invalid(raw, "a North American number needs its 3-digit area code");
      PhoneNumber n;
      n.country_code = o.default_country_code;
      n.national = std::string(d);
      if (n.country_code.size() + n.national.size() > kMaxE164Digits) {
        return invalid(raw, sb::format("{} digits is too many for a national number", n.national.size()));
      }
      result = n;
    }
  }
  if (!result) return result;
  if (auto nanp = check_nanp(raw, *result); !nanp) return nanp.error();
  result->extension = ext;
  return result;
}

std::string format_display(const PhoneNumber& n, const DialingOptions& o) {
  if (n.anonymous) return "Withheld number";
  std::string out;
  if (n.internal) {
    out = n.national;
  } else if (n.country_code == "1" && n.national.size() == 10) {
    const std::string_view v = n.national;
    out = o.default_country_code == "1" ? sb::format("({}) {}-{}", v.substr(0, 3), v.substr(3, 3), v.substr(6))
                                        : sb::format("+1 {}-{}-{}", v.substr(0, 3), v.substr(3, 3), v.substr(6));
  } else if (n.country_code == o.default_country_code && !o.long_distance_prefix.empty()) {
    out = o.long_distance_prefix + group_generic(n.national);
  } else {
    out = sb::format("+{} {}", n.country_code, group_generic(n.national));
  }
  if (!n.extension.empty()) out += " ext. " + n.extension;
  return out;
}

std::string dialable(const PhoneNumber& n, const DialingOptions& o) {
  if (n.anonymous) return {};
  if (n.internal) return n.national;
  if (o.dial_format == "e164") return n.e164();
  if (n.country_code == o.default_country_code) return o.outside_prefix + o.long_distance_prefix + n.national;
  return o.outside_prefix + o.international_prefix + n.country_code + n.national;
}

std::vector<std::string> search_keys(const PhoneNumber& n, const DialingOptions& o) {
  std::vector<std::string> keys;
  auto add = [&](std::string k) {
    if (k.size() >= 3 && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
  };
  if (n.anonymous) return keys;
  if (n.internal) {
    add(n.national);
    return keys;
  }
  const std::string e164 = n.e164();
  if (!n.extension.empty()) {
    add(n.national + " x" + n.extension);
    add(e164 + " ext. " + n.extension);
  }
  add(e164);
  add(n.country_code + n.national);
  add(n.national);
  if (n.country_code == "1" && n.national.size() == 10) {
    const std::string_view v = n.national;
    add(sb::format("({}) {}-{}", v.substr(0, 3), v.substr(3, 3), v.substr(6)));
    add(sb::format("{}-{}-{}", v.substr(0, 3), v.substr(3, 3), v.substr(6)));
  } else if (n.country_code == o.default_country_code && !o.long_distance_prefix.empty()) {
    add(o.long_distance_prefix + n.national);
  }
  return keys;
}

std::string mask_number(std::string_view number) {
  std::string out(number);
  std::size_t digits = 0;
  for (char c : out) digits += (c >= '0' && c <= '9');
  std::size_t seen = 0;
  for (auto& c : out) {
    if (c >= '0' && c <= '9') {
      if (++seen + 2 <= digits) c = '*';
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      c = '*';
    }
  }
  return out;
}

}  // namespace sb
