// sb::format follows {fmt}'s "{}" syntax for what the core formats; pinned against fmt itself.
#include <doctest/doctest.h>

#include <cstdint>
#include <fmt/format.h>

#include "switchboard/format.h"

TEST_SUITE("format") {
  TEST_CASE("text, integers, characters and booleans read as {fmt} writes them") {
    const std::string s = "text";
    CHECK(sb::format("{} and {}", s, std::string_view("view")) == fmt::format("{} and {}", s, std::string_view("view")));
    CHECK(sb::format("{} {} {}", -42, 42u, INT64_MIN) == fmt::format("{} {} {}", -42, 42u, INT64_MIN));
    CHECK(sb::format("{}", UINT64_MAX) == fmt::format("{}", UINT64_MAX));
    CHECK(sb::format("'{}'", 'x') == fmt::format("'{}'", 'x'));
    CHECK(sb::format("{} {}", true, false) == fmt::format("{} {}", true, false));
    CHECK(sb::format("{{literal}} {}", 1) == fmt::format("{{literal}} {}", 1));
  }

  TEST_CASE("zero-padded widths and hex as used for dates, clocks, nonce counts and escapes") {
    CHECK(sb::format("{:04}-{:02}-{:02}", 2026, 3, 7) == fmt::format("{:04}-{:02}-{:02}", 2026, 3, 7));
    CHECK(sb::format("{:08x}", 255u) == fmt::format("{:08x}", 255u));
    CHECK(sb::format("%{:02X}", 0x3au) == fmt::format("%{:02X}", 0x3au));
    CHECK(sb::format("{:02}", 123) == fmt::format("{:02}", 123));
    CHECK(sb::format("{:03}", -5) == fmt::format("{:03}", -5));
  }

  TEST_CASE("a pattern that does not match its arguments degrades without failing") {
    CHECK(sb::format("{} {}", 1) == "1 ");
    CHECK(sb::format("{}", 1, 2) == "1");
    CHECK(sb::format("open {", 1) == "open {");
  }
}
