// Parses arbitrary bytes as SDP. Whatever parses must serialize to a fixed point and survive the
// offer/answer rewrites (direction, version bump) without losing lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "sip/sdp.h"

using namespace sb::sip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto sdp = Sdp::parse(text);
  if (!sdp) {
    check_sip_error(sdp.error());
    return 0;
  }
  const std::string written = sdp->serialize();
  auto again = Sdp::parse(written);
  SB_FUZZ_CHECK(again.ok(), "serialized SDP parses");
  SB_FUZZ_CHECK(again->serialize() == written, "serialization is a fixed point");
  (void)sdp->is_hold();
  (void)sdp->telephone_event_payload();

  // Everything but the audio section's direction lines and the o= line must survive the rewrite.
  auto kept_lines = [](const Sdp& s) {
    std::string out;
    const SdpMedia* audio = s.audio();
    for (const auto& l : s.session) {
      if (l.type != 'o') out += l.value + "\n";
    }
    for (const auto& m : s.media) {
      for (const auto& l : m.lines) {
        if (&m == audio && l.type == 'a' && parse_direction(l.value)) continue;
        out += l.value + "\n";
      }
    }
    return out;
  };
  const std::string before = kept_lines(*sdp);
  Sdp edited = std::move(sdp).value();
  edited.set_audio_direction(Direction::SendOnly);
  if (edited.audio()) SB_FUZZ_CHECK(edited.audio_direction() == Direction::SendOnly, "direction set");
  if (edited.bump_version()) SB_FUZZ_CHECK(edited.origin_version().has_value(), "bumped version readable");
  SB_FUZZ_CHECK(kept_lines(edited) == before, "lines kept");
  auto reparsed = Sdp::parse(edited.serialize());
  SB_FUZZ_CHECK(reparsed.ok(), "edited SDP parses");
  if (edited.audio()) SB_FUZZ_CHECK(reparsed->audio_direction() == Direction::SendOnly, "direction survives");
  return 0;
}
