// The few hash functions SIP needs, without a crypto library: MD5 (RFC 1321) for digest
// authentication, SHA-1 (RFC 3174) and HMAC-SHA1 (RFC 2104) for ephemeral credentials, base64
// (RFC 4648), lower-case hex. Not for anything secret beyond what those protocols already use.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "switchboard/result.h"

namespace sb::sip {

using Md5Digest = std::array<std::uint8_t, 16>;
using Sha1Digest = std::array<std::uint8_t, 20>;

Md5Digest md5(std::string_view data);
Sha1Digest sha1(std::string_view data);
Sha1Digest hmac_sha1(std::string_view key, std::string_view message);

std::string to_hex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& digest) {
  return to_hex(digest.data(), N);
}
template <std::size_t N>
std::string_view as_bytes(const std::array<std::uint8_t, N>& digest) {
  return {reinterpret_cast<const char*>(digest.data()), N};
}

std::string base64_encode(std::string_view data);
// Standard alphabet with padding; white space is not allowed. Errors: sip.parse naming the position.
Result<std::string> base64_decode(std::string_view text);

}  // namespace sb::sip
