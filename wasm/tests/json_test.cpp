#include <doctest/doctest.h>

#include "switchboard/json.h"

TEST_SUITE("json") {
  TEST_CASE("parse_json accepts objects and reports where invalid text breaks") {
    auto ok = sb::parse_json(R"({"a":1})");
    REQUIRE(ok.ok());
    CHECK(ok->at("a") == 1);

    auto bad = sb::parse_json("{\"a\":tru}");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "json.invalid");
    CHECK(bad.error().message.find("line 1, column 9") != std::string::npos);
  }

  TEST_CASE("parse_json refuses text over the size limit and nesting over the depth limit") {
    sb::JsonLimits limits;
    limits.max_bytes = 10;
    CHECK(sb::parse_json("[1,2,3,4,5,6,7]", limits).error().code == "json.too_large");
    std::string deep(100, '[');
    deep += std::string(100, ']');
    auto r = sb::parse_json(deep);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "json.too_deep");
    CHECK(r.error().message == "JSON nesting exceeds 32 levels");
  }

  TEST_CASE("dump_json replaces invalid UTF-8 instead of failing") {
    sb::Json j = std::string("a\xff" "b");
    CHECK(sb::dump_json(j) == "\"a\xEF\xBF\xBD" "b\"");
  }

  TEST_CASE("typed field helpers never read a value of the wrong type") {
    auto j = sb::parse_json(R"({"s":"x","i":3,"f":2.5,"b":true,"big":18446744073709551615})").value();
    CHECK(sb::string_field(j, "s") == "x");
    CHECK_FALSE(sb::string_field(j, "i"));
    CHECK(sb::int_field(j, "i") == 3);
    CHECK_FALSE(sb::int_field(j, "f"));
    CHECK_FALSE(sb::int_field(j, "big"));
    CHECK(sb::bool_field(j, "b") == true);
    CHECK_FALSE(sb::bool_field(j, "s"));
    CHECK(sb::string_or(j, "missing", "d") == "d");
    CHECK(sb::find_field(sb::Json::array(), "s") == nullptr);
  }

  TEST_CASE("JsonObject builds the same value as an initializer list") {
    const std::string id = "c1";
    sb::Json nested = sb::Json::array({"sip"});
    sb::Json built = sb::JsonObject()
                         .text("session", id)
                         .flag("muted", true)
                         .number("ms", -5)
                         .number("cseq", std::uint32_t{4000000000u})
                         .value("protocols", nested)
                         .value("none", sb::Json())
                         .text("session", "c2")  // a later call replaces the field
                         .take();
    sb::Json expected = {{"session", "c2"}, {"muted", true}, {"ms", -5}, {"cseq", 4000000000u},
                         {"protocols", {"sip"}}, {"none", nullptr}};
    CHECK(built == expected);
    CHECK(sb::dump_json(built) == sb::dump_json(expected));
    CHECK(sb::dump_json(sb::JsonObject().take()) == "{}");
  }
}
