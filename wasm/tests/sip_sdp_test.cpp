#include <doctest/doctest.h>

#include <string>

#include "sip/sdp.h"
#include "sip_test_support.h"

using namespace sb::sip;

namespace {

const std::string kWebRtcOffer = crlf(
    "v=0\n"
    "o=- 4611731400430051336 2 IN IP4 127.0.0.1\n"
    "s=-\n"
    "t=0 0\n"
    "a=group:BUNDLE 0\n"
    "a=extmap-allow-mixed\n"
    "a=msid-semantic: WMS stream\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126\n"
    "c=IN IP4 0.0.0.0\n"
    "a=rtcp:9 IN IP4 0.0.0.0\n"
    "a=ice-ufrag:Kx7d\n"
    "a=ice-pwd:h0w6Hk0PxbOcYtsd1fYm8AAA\n"
    "a=fingerprint:sha-256 8F:1C:AA:00\n"
    "a=setup:actpass\n"
    "a=mid:0\n"
    "a=sendrecv\n"
    "a=rtcp-mux\n"
    "a=rtpmap:111 opus/48000/2\n"
    "a=fmtp:111 minptime=10;useinbandfec=1\n"
    "a=rtpmap:0 PCMU/8000\n"
    "a=rtpmap:8 PCMA/8000\n"
    "a=rtpmap:126 telephone-event/8000\n"
    "a=x-unknown-vendor-thing:keep me\n");

Sdp parse(const std::string& text) {
  auto r = Sdp::parse(text);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  return std::move(r).value();
}

}  // namespace

TEST_SUITE("sip.sdp") {
  TEST_CASE("a WebRTC offer: sections, formats, attributes; serialization keeps every line") {
    const Sdp sdp = parse(kWebRtcOffer);
    CHECK(sdp.session.size() == 7);
    REQUIRE(sdp.media.size() == 1);
    const SdpMedia& audio = *sdp.audio();
    CHECK(audio.media == "audio");
    CHECK(audio.port == 9);
    CHECK(audio.proto == "UDP/TLS/RTP/SAVPF");
    CHECK(audio.formats == std::vector<std::string>{"111", "0", "8", "126"});
    CHECK(audio.attribute("mid") == "0");
    CHECK(audio.attribute("rtcp-mux") == "");
    CHECK(audio.attributes("rtpmap").size() == 4);
    CHECK(sdp.session_attribute("group") == "BUNDLE 0");
    CHECK(sdp.serialize() == kWebRtcOffer);
    CHECK(sdp.telephone_event_payload() == 126);
    CHECK(sdp.offers_telephone_event());
    CHECK(sdp.audio_direction() == Direction::SendRecv);
    // c=0.0.0.0 with a=sendrecv in a trickle-ICE offer: the c= line alone decides hold (RFC 2543).
    CHECK(sdp.is_hold());
  }

  TEST_CASE("direction: media level, else session level, else sendrecv") {
    Sdp s = parse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=recvonly\n"
                       "m=audio 4000 RTP/AVP 0\n"));
    CHECK(s.audio_direction() == Direction::RecvOnly);
    CHECK_FALSE(s.is_hold());
    s = parse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=recvonly\n"
                   "m=audio 4000 RTP/AVP 0\na=inactive\n"));
    CHECK(s.audio_direction() == Direction::Inactive);
    CHECK(s.is_hold());
    s = parse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n"));
    CHECK(s.audio_direction() == Direction::SendRecv);
    CHECK_FALSE(s.is_hold());
    CHECK_FALSE(s.offers_telephone_event());
    s = parse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 0\na=sendonly\n"));
    CHECK(s.is_hold());
    CHECK(reverse(s.audio_direction()) == Direction::RecvOnly);
    s = parse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 4000 RTP/AVP 0\n"
                   "c=IN IP4 192.0.2.9\n"));
    CHECK_FALSE(s.is_hold());  // the media-level c= wins
  }

  TEST_CASE("setting the audio direction replaces it in place and leaves video alone") {
    Sdp s = parse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n"
                       "m=video 5000 RTP/AVP 96\na=sendrecv\n"
                       "m=audio 4000 RTP/AVP 0\na=rtpmap:0 PCMU/8000\na=sendrecv\na=ptime:20\na=recvonly\n"));
    s.set_audio_direction(Direction::SendOnly);
    CHECK(s.serialize() == crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n"
                                "m=video 5000 RTP/AVP 96\na=sendrecv\n"
                                "m=audio 4000 RTP/AVP 0\na=rtpmap:0 PCMU/8000\na=sendonly\na=ptime:20\n"));
    Sdp none = parse(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0\na=ptime:20\n"));
    none.set_audio_direction(Direction::Inactive);
    CHECK(none.audio()->lines.back().value == "inactive");
    CHECK(none.audio_direction() == Direction::Inactive);
    Sdp no_audio = parse(crlf("v=0\nm=video 5000 RTP/AVP 96\n"));
    no_audio.set_audio_direction(Direction::Inactive);
    CHECK(no_audio.serialize() == crlf("v=0\nm=video 5000 RTP/AVP 96\n"));
    CHECK_FALSE(no_audio.is_hold());
  }

  TEST_CASE("bumping the o= version, beyond 64 bits too") {
    Sdp s = parse(crlf("v=0\no=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\ns=-\n"));
    CHECK(s.origin_version() == "2890842807");
    CHECK(s.bump_version());
    CHECK(s.session[1].value == "jdoe 2890844526 2890842808 IN IP4 10.47.16.5");
    Sdp big = parse(crlf("v=0\no=- 1 99999999999999999999999 IN IP4 10.0.0.1\n"));
    CHECK(big.bump_version());
    CHECK(big.origin_version() == "100000000000000000000000");
    Sdp bad = parse(crlf("v=0\no=- 1 x IN IP4 10.0.0.1\n"));
    CHECK_FALSE(bad.bump_version());
    CHECK_FALSE(bad.origin_version());
    Sdp none = parse(crlf("v=0\ns=-\n"));
    CHECK_FALSE(none.bump_version());
  }

  TEST_CASE("LF line endings, blank lines and a missing final newline are accepted; port counts kept") {
    Sdp s = parse("v=0\no=- 1 1 IN IP4 10.0.0.1\n\ns=-\nm=audio 49170/2 RTP/AVP 0\na=rtpmap:101 telephone-event/48000");
    CHECK(s.audio()->port == 49170);
    CHECK(s.audio()->port_count == 2);
    CHECK(s.telephone_event_payload() == 101);
    CHECK(s.serialize() ==
          crlf("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nm=audio 49170/2 RTP/AVP 0\na=rtpmap:101 telephone-event/48000\n"));
  }

  TEST_CASE("malformed descriptions name the line") {
    CHECK(Sdp::parse("").error() == sb::Error{"sip.parse", "SDP: the description is empty"});
    CHECK(Sdp::parse("o=- 1 1 IN IP4 x\r\n").error() == sb::Error{"sip.parse", "SDP line 1: expected v=0 first"});
    CHECK(Sdp::parse("v=0\r\nhello\r\n").error() ==
          sb::Error{"sip.parse", "SDP line 2: expected a line of the form x=value"});
    CHECK(Sdp::parse("v=0\r\nm=audio\r\n").error() ==
          sb::Error{"sip.parse", "SDP line 2: expected m=<media> <port> <proto> <formats>"});
    CHECK(Sdp::parse("v=0\r\nm=audio 70000 RTP/AVP 0\r\n").error() ==
          sb::Error{"sip.parse", "SDP line 2: expected a port number 0-65535"});
    CHECK(Sdp::parse("v=0\r\nm=audio 7/0 RTP/AVP 0\r\n").error() ==
          sb::Error{"sip.parse", "SDP line 2: expected a port count after '/'"});
    CHECK(Sdp::parse(std::string("v=0\r\ns=a\0b\r\n", 12)).error() ==
          sb::Error{"sip.parse", "SDP line 2: NUL and CR are not allowed inside a line"});
    CHECK(Sdp::parse(std::string(70000, 'a')).error() == sb::Error{"sip.too_large", "SDP: 70000 bytes (limit: 65536)"});
    std::string many = "v=0\n";
    for (int i = 0; i < 65; ++i) many += "m=audio 1 RTP/AVP 0\n";
    CHECK(Sdp::parse(many).error() == sb::Error{"sip.too_large", "SDP: too many media sections (limit: 64)"});
    std::string lines = "v=0\n";
    for (int i = 0; i < 4096; ++i) lines += "a=x\n";
    CHECK(Sdp::parse(lines).error() == sb::Error{"sip.too_large", "SDP: too many lines (limit: 4096)"});
  }

  TEST_CASE("direction names") {
    CHECK(to_string(Direction::RecvOnly) == "recvonly");
    CHECK(parse_direction("SENDONLY") == Direction::SendOnly);
    CHECK_FALSE(parse_direction("sendrecv2"));
    CHECK(reverse(Direction::Inactive) == Direction::Inactive);
    CHECK(reverse(Direction::RecvOnly) == Direction::SendOnly);
  }
}
