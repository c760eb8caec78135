#include <doctest/doctest.h>

#include <cstring>
#include <functional>
#include <limits>

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

  // dump_json writes its own text; it must be exactly nlohmann's dump in replace mode.
  std::string nlohmann_dump(const sb::Json& v) { return v.dump(-1, ' ', false, sb::Json::error_handler_t::replace); }

  TEST_CASE("dump_json writes exactly what nlohmann's dump writes: every 1- and 2-byte string") {
    int mismatches = 0;
    for (int a = 0; a < 256; ++a) {
      for (int b = -1; b < 256; ++b) {
        std::string bytes(1, static_cast<char>(a));
        if (b >= 0) bytes += static_cast<char>(b);
        for (const std::string& text : {bytes, "x" + bytes + "y", "\xE2\x82" + bytes, bytes + "\xF0\x9F\x98"}) {
          const sb::Json j = text;
          if (sb::dump_json(j) != nlohmann_dump(j) && ++mismatches < 5) CHECK(sb::dump_json(j) == nlohmann_dump(j));
        }
      }
    }
    CHECK(mismatches == 0);
  }

  TEST_CASE("dump_json writes exactly what nlohmann's dump writes: random text, numbers and nesting") {
    std::uint64_t seed = 0x9E3779B97F4A7C15ull;
    auto next = [&] {
      seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
      return seed;
    };
    auto random_text = [&] {
      static constexpr unsigned char kInteresting[] = {0x00, 0x08, 0x1F, 0x22, 0x5C, 0x7F, 0x80, 0x9F, 0xA0, 0xBF,
                                                       0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
      std::string t;
      const auto len = next() % 12;
      for (std::uint64_t i = 0; i < len; ++i) {
        const auto r = next();
        t += static_cast<char>(r % 3 == 0 ? kInteresting[(r >> 8) % sizeof kInteresting] : (r >> 8) & 0xFF);
      }
      return t;
    };
    std::function<sb::Json(int)> random_value = [&](int depth) -> sb::Json {
      switch (next() % (depth > 3 ? 6 : 8)) {
        case 0: return nullptr;
        case 1: return (next() & 1) != 0;
        case 2: return static_cast<std::int64_t>(next());
        case 3: return next();
        case 4: {
          double d;
          std::uint64_t bits = next();
          std::memcpy(&d, &bits, sizeof d);
          return d;  // any bit pattern: NaN, infinities, subnormals…
        }
        case 5: return random_text();
        case 6: {
          sb::Json a = sb::Json::array();
          for (auto n = next() % 4; n > 0; --n) a.push_back(random_value(depth + 1));
          return a;
        }
        default: {
          sb::Json o = sb::Json::object();
          for (auto n = next() % 4; n > 0; --n) o[random_text()] = random_value(depth + 1);
          return o;
        }
      }
    };
    int mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
      const sb::Json j = random_value(0);
      if (sb::dump_json(j) != nlohmann_dump(j) && ++mismatches < 5) CHECK(sb::dump_json(j) == nlohmann_dump(j));
    }
    CHECK(mismatches == 0);
    for (const sb::Json& j : {sb::Json(0.0), sb::Json(-0.0), sb::Json(1.0), sb::Json(0.1), sb::Json(1e100), sb::Json(5e-324),
                              sb::Json(std::numeric_limits<double>::infinity()), sb::Json(-std::numeric_limits<double>::infinity()),
                              sb::Json(std::numeric_limits<double>::quiet_NaN()),
                              sb::Json(std::numeric_limits<std::int64_t>::min()), sb::Json(std::numeric_limits<std::uint64_t>::max()),
                              sb::Json::binary({1, 2, 255}), sb::Json::binary({}, 7), sb::Json(sb::Json::value_t::discarded),
                              sb::Json::object(), sb::Json::array(), sb::Json::parse(R"({"a":[1,{"b":null}],"c":"\u00e9\ud83d\ude00"})")}) {
      CHECK(sb::dump_json(j) == nlohmann_dump(j));
    }
  }
}
