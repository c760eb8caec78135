#include <doctest/doctest.h>

#include "switchboard/phone.h"

namespace {

sb::DialingOptions us() {
  sb::DialingOptions o;
  o.outside_prefix = "9";
  o.long_distance_prefix = "1";
  o.international_prefix = "011";
  o.default_country_code = "1";
  return o;
}

sb::DialingOptions uk() {
  sb::DialingOptions o;
  o.outside_prefix = "9";
  o.long_distance_prefix = "0";
  o.international_prefix = "00";
  o.default_country_code = "44";
  return o;
}

std::string e164(std::string_view in, const sb::DialingOptions& o) {
  auto r = sb::parse_phone(in, o);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return r->e164();
}

}  // namespace

TEST_SUITE("phone") {
  TEST_CASE("national numbers in the formats people type normalise to E.164") {
    for (auto in : {"(415) 555-0100", "415-555-0100", "415.555.0100", "4155550100", "1 415 555 0100",
                    "14155550100", "+1 (415) 555-0100", "+14155550100", "9 1 415 555 0100", "94155550100",
                    "  415 555 0100  ", "415\xC2\xA0" "555\xE2\x80\x91" "0100", "tel:+1-415-555-0100"}) {
      CAPTURE(in);
      CHECK(e164(in, us()) == "+14155550100");
    }
  }

  TEST_CASE("international numbers through + or the international prefix, with or without the outside line") {
    CHECK(e164("+44 20 7946 0958", us()) == "+442079460958");
    CHECK(e164("011 44 20 7946 0958", us()) == "+442079460958");
    CHECK(e164("9011442079460958", us()) == "+442079460958");
    CHECK(e164("020 7946 0958", uk()) == "+442079460958");
    CHECK(e164("00 1 415 555 0100", uk()) == "+14155550100");
    CHECK(e164("+353 1 234 5678", uk()) == "+35312345678");
  }

  TEST_CASE("short numbers are PBX extensions; withheld callers are recognised") {
    auto ext = sb::parse_phone("1001", us());
    REQUIRE(ext.ok());
    CHECK(ext->internal);
    CHECK(ext->e164() == "1001");
    CHECK(sb::format_display(*ext, us()) == "1001");
    auto anon = sb::parse_phone("sip:anonymous@anonymous.invalid", us());
    REQUIRE(anon.ok());
    CHECK(anon->anonymous);
    CHECK(sb::format_display(*anon, us()) == "Withheld number");
    CHECK(sb::search_keys(*anon, us()).empty());
    CHECK(e164("sip:+14155550100@pbx.example.com;user=phone", us()) == "+14155550100");
    CHECK(sb::parse_phone("sip:2002@127.0.0.1", us())->internal);
  }

  TEST_CASE("extensions after a number are kept apart") {
    for (auto in : {"415-555-0100 x23", "415-555-0100 ext. 23", "415-555-0100 ext 23", "4155550100#23",
                    "tel:+14155550100;ext=23", "(415) 555-0100 extension 23"}) {
      CAPTURE(in);
      auto r = sb::parse_phone(in, us());
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r->e164() == "+14155550100");
      CHECK(r->extension == "23");
      CHECK(sb::format_display(*r, us()) == "(415) 555-0100 ext. 23");
    }
  }

  TEST_CASE("vanity numbers map letters to keypad digits") {
    CHECK(e164("1-800-FLOWERS", us()) == "+18003569377");
  }

  TEST_CASE("display formats follow the agent's country") {
    auto n = sb::parse_phone("+14155550100", us()).value();
    CHECK(sb::format_display(n, us()) == "(415) 555-0100");
    CHECK(sb::format_display(n, uk()) == "+1 415-555-0100");
    auto london = sb::parse_phone("+442079460958", uk()).value();
    CHECK(sb::format_display(london, uk()) == "020 7946 0958");
    CHECK(sb::format_display(london, us()) == "+44 20 7946 0958");
  }

  TEST_CASE("what the PBX dials follows the dial format") {
    auto local = sb::parse_phone("415 555 0100", us()).value();
    auto london = sb::parse_phone("+44 20 7946 0958", us()).value();
    auto ext = sb::parse_phone("1001", us()).value();
    CHECK(sb::dialable(local, us()) == "+14155550100");
    auto o = us();
    o.dial_format = "prefixes";
    CHECK(sb::dialable(local, o) == "914155550100");
    CHECK(sb::dialable(london, o) == "9011442079460958");
    CHECK(sb::dialable(ext, o) == "1001");
  }

  TEST_CASE("screen-pop search keys go from most to least specific, all distinct and ≥ 3 characters") {
    auto n = sb::parse_phone("+14155550100", us()).value();
    std::vector<std::string> want = {"+14155550100", "14155550100", "4155550100", "(415) 555-0100", "415-555-0100"};
    CHECK(sb::search_keys(n, us()) == want);
    auto x = sb::parse_phone("415-555-0100 x23", us()).value();
    auto keys = sb::search_keys(x, us());
    CHECK(keys.front() == "4155550100 x23");
    CHECK(std::find(keys.begin(), keys.end(), "4155550100") != keys.end());
    auto london = sb::parse_phone("+442079460958", uk()).value();
    CHECK(sb::search_keys(london, uk()).back() == "02079460958");
    CHECK(sb::search_keys(sb::parse_phone("12", us()).value(), us()).empty());
  }

  TEST_CASE("garbage gets a clear error, never a crash") {
    struct Case {
      const char* in;
      const char* code;
      const char* message;
    };
    const Case cases[] = {
        {"", "phone.invalid", "'' is not a phone number: it is empty"},
        {"hello", "phone.invalid", "'hello' is not a phone number: it has no digits"},
        {"12ab34", "phone.invalid", "'12ab34' is not a phone number: it contains letters"},
        {"415*555", "phone.invalid", "'415*555' is not a phone number: character '*' is not allowed"},
        {"41+5", "phone.invalid", "'41+5' is not a phone number: '+' may only start the number"},
        {"+999 123 4567", "phone.unknown_country", "'+999 123 4567' does not start with a known country calling code"},
        {"555-0100", "phone.invalid", "'555-0100' is not a phone number: a North American number needs its 3-digit area code"},
        {"+1 115 555 0100", "phone.invalid",
         "'+1 115 555 0100' is not a phone number: a North American area code and exchange cannot start with 0 or 1"},
        {"+1 415 555 01000", "phone.invalid",
         "'+1 415 555 01000' is not a phone number: a North American number has 10 digits after +1, not 11"},
        {"+44 123456789012345", "phone.invalid",
         "'+44 123456789012345' is not a phone number: 17 digits is more than the 15 an international number can have"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.in);
      auto r = sb::parse_phone(c.in, us());
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == c.code);
      CHECK(r.error().message == c.message);
    }
    CHECK(sb::parse_phone(std::string(200, '1'), us()).error().code == "phone.too_long");
    CHECK(sb::parse_phone(std::string("\0\xff\xfe", 3), us()).error().code == "phone.invalid");
  }

  TEST_CASE("dialing options are validated") {
    auto o = us();
    o.outside_prefix = "9a";
    CHECK(sb::validate(o).error().message == "outside prefix '9a' must be up to 6 digits");
    o = us();
    o.default_country_code = "999";
    CHECK(sb::validate(o).error().code == "config.invalid");
    CHECK(sb::validate(us()).ok());
  }

  TEST_CASE("numbers in logs keep only their last two digits") {
    CHECK(sb::mask_number("+14155550100") == "+*********00");
    CHECK(sb::mask_number("sip:ada@x") == "***:***@*");
  }
}
