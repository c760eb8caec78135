// Phone numbers: normalisation to E.164 from the call center's dialing options, display formatting,
// the string the PBX is asked to dial, and the keys a screen-pop search should try.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "switchboard/json.h"
#include "switchboard/result.h"

namespace sb {

struct DialingOptions {
  std::string outside_prefix;          // reqOutsidePrefix, e.g. "9"
  std::string long_distance_prefix;    // reqLongDistPrefix, e.g. "1" (NANP) or "0" (trunk prefix)
  std::string international_prefix;    // reqInternationalPrefix, e.g. "011" or "00"
  std::string default_country_code = "1";
  int max_extension_digits = 6;        // shorter all-digit numbers are internal extensions
  std::string dial_format = "e164";    // "e164": +CCNSN · "prefixes": as dialled from a desk phone
};

// Checks the options themselves (digits only, country code known…); config.invalid names the item.
Result<void> validate(const DialingOptions& options);

struct PhoneNumber {
  std::string country_code;  // "1", "44"; empty for an internal extension
  std::string national;      // national significant number (no trunk prefix), or the extension
  std::string extension;     // "23" from "… ext. 23"
  bool internal = false;     // a PBX extension, not a public number
  bool anonymous = false;    // caller withheld the number

  std::string e164() const;  // "+14155550100"; for an extension, the extension digits
  bool operator==(const PhoneNumber&) const = default;
};

// Parses what an agent typed or pasted, or what arrived in signalling. Accepts separators, a leading
// +, the configured outside/long-distance/international prefixes, an extension (x, ext, ext., #,
// ;ext=), vanity letters (1-800-FLOWERS), tel:/sip: URIs. Errors (phone.invalid, phone.too_long,
// phone.unknown_country) say what was wrong with the input.
Result<PhoneNumber> parse_phone(std::string_view input, const DialingOptions& options);

// For people: "(415) 555-0100" inside the default NANP country, "+1 415-555-0100" outside it,
// "+44 20 7946 0958"-style groups for other countries, "ext. 23" appended.
std::string format_display(const PhoneNumber& number, const DialingOptions& options);

// For the PBX: per options.dial_format. Extensions dial as they are; "p" pause before an extension
// is not used in SIP, so the extension is dropped.
std::string dialable(const PhoneNumber& number, const DialingOptions& options);

// Search keys for a screen pop, most specific first, each at least 3 characters, no duplicates.
std::vector<std::string> search_keys(const PhoneNumber& number, const DialingOptions& options);

// Whether a country calling code is assigned (ITU-T E.164 list), and the longest known code that
// prefixes digits (1–3 digits), or empty.
bool is_country_code(std::string_view code);
std::string country_code_prefix(std::string_view digits);

// Masks a number for logs: keeps the last two digits ("+1********00").
std::string mask_number(std::string_view number);

}  // namespace sb
