// SDP (RFC 4566) as the offer/answer model (RFC 3264) needs it: every line is kept in order, so a
// rewritten description loses nothing it did not understand; helpers read and set the audio
// direction, detect hold, find telephone-event, and bump the o= version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "switchboard/result.h"

namespace sb::sip {

enum class Direction : std::uint8_t { SendRecv, SendOnly, RecvOnly, Inactive };
std::string_view to_string(Direction d);  // "sendrecv"…
std::optional<Direction> parse_direction(std::string_view s);
// What the other side's direction implies for ours (sendonly <-> recvonly).
Direction reverse(Direction d);

struct SdpLine {
  char type = 0;      // 'v', 'o', 'c', 'a'…
  std::string value;  // after "x="
};

struct SdpMedia {
  std::string media;     // "audio"
  std::uint32_t port = 0;
  std::uint32_t port_count = 0;  // "49170/2": 2; 0 when not given
  std::string proto;     // "UDP/TLS/RTP/SAVPF"
  std::vector<std::string> formats;
  std::vector<SdpLine> lines;  // every line after m=, in order (its m= line is rebuilt from the fields)

  // The value after "a=name:" (or "" for a flag attribute) of the first such line; nullopt if absent.
  std::optional<std::string_view> attribute(std::string_view name) const;
  std::vector<std::string_view> attributes(std::string_view name) const;
  std::optional<Direction> direction() const;  // this section's own a=sendrecv/… if any
  std::optional<std::string_view> connection_address() const;  // its own c= address
};

struct Sdp {
  std::vector<SdpLine> session;  // v=, o=, s=, … up to the first m=
  std::vector<SdpMedia> media;

  // Errors: sip.parse "SDP line N: …", sip.too_large.
  static Result<Sdp> parse(std::string_view text);
  std::string serialize() const;  // CRLF after every line

  const SdpMedia* audio() const;  // the first m=audio section
  SdpMedia* audio();
  std::optional<std::string_view> session_attribute(std::string_view name) const;
  // The audio direction: media level, else session level, else sendrecv (RFC 3264 §5.1).
  Direction audio_direction() const;
  // Replaces the audio section's direction attributes by one (added if it had none).
  void set_audio_direction(Direction d);
  // A remote offer/answer holds us: its audio is sendonly or inactive, or its audio connection
  // address is 0.0.0.0 (RFC 2543 style hold).
  bool is_hold() const;
  // The payload type of telephone-event/8000 (RFC 4733) in the audio section, if offered.
  std::optional<int> telephone_event_payload() const;
  bool offers_telephone_event() const { return telephone_event_payload().has_value(); }
  // Increments the o= session version (RFC 3264 §8); false if there is no valid o= line.
  bool bump_version();
  std::optional<std::string_view> origin_version() const;
};

}  // namespace sb::sip
