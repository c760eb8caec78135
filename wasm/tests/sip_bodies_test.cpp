#include <doctest/doctest.h>

#include "sip/bodies.h"
#include "sip_test_support.h"

using namespace sb::sip;

TEST_SUITE("sip.bodies") {
  TEST_CASE("sipfrag status lines of REFER NOTIFYs") {
    CHECK(sipfrag(100) == "SIP/2.0 100 Trying\r\n");
    CHECK(sipfrag(180, "Ringing") == "SIP/2.0 180 Ringing\r\n");
    CHECK(sipfrag(503) == "SIP/2.0 503 Service Unavailable\r\n");
    auto f = parse_sipfrag("SIP/2.0 180 Ringing\r\n");
    REQUIRE(f.ok());
    CHECK(f->status == 180);
    CHECK(f->reason == "Ringing");
    auto with_headers = parse_sipfrag("SIP/2.0 200 OK\r\nContact: <sip:a@b>\r\n\r\n");
    REQUIRE(with_headers.ok());
    CHECK(with_headers->status == 200);
    auto bare = parse_sipfrag("SIP/2.0 603");
    REQUIRE(bare.ok());
    CHECK(bare->status == 603);
    CHECK(bare->reason.empty());
    const sb::Error bad{"sip.parse", "sipfrag: expected a status line such as 'SIP/2.0 200 OK'"};
    CHECK(parse_sipfrag("").error() == bad);
    CHECK(parse_sipfrag("INVITE sip:a@b SIP/2.0\r\n").error() == bad);
    CHECK(parse_sipfrag("SIP/2.0 99 Low").error() == bad);
    CHECK(parse_sipfrag("SIP/2.0 2000 Long").error() == bad);
  }

  TEST_CASE("application/dtmf-relay bodies of INFO requests") {
    CHECK(dtmf_relay('5', 160) == "Signal=5\r\nDuration=160\r\n");
    auto d = parse_dtmf_relay("Signal=5\r\nDuration=160\r\n");
    REQUIRE(d.ok());
    CHECK(d->signal == '5');
    CHECK(d->duration_ms == 160);
    auto loose = parse_dtmf_relay("signal = #\nDURATION= 250");
    REQUIRE(loose.ok());
    CHECK(loose->signal == '#');
    CHECK(loose->duration_ms == 250);
    CHECK(parse_dtmf_relay("Signal=10").value().signal == '*');
    CHECK(parse_dtmf_relay("Signal=11").value().signal == '#');
    CHECK(parse_dtmf_relay("Signal=d\r\n").value().signal == 'D');
    CHECK(parse_dtmf_relay("Signal=7").value().duration_ms == 0);
    CHECK(parse_dtmf_relay("Duration=100\r\n").error() == sb::Error{"sip.parse", "dtmf-relay: no Signal line"});
    CHECK(parse_dtmf_relay("Signal=X\r\n").error() ==
          sb::Error{"sip.parse", "dtmf-relay line 1: Signal must be 0-9, *, #, A-D"});
    CHECK(parse_dtmf_relay("Signal=1\r\nDuration=-5\r\n").error() ==
          sb::Error{"sip.parse", "dtmf-relay line 2: Duration must be milliseconds up to 60000"});
    CHECK(parse_dtmf_relay("Signal=1\r\nnonsense\r\n").error() ==
          sb::Error{"sip.parse", "dtmf-relay line 2: expected key=value"});
  }
}
