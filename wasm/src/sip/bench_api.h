// The parser's entry point for the benchmark binding (wasm/bindings): self-contained, so the binding
// needs no internal include path.
#pragma once

#include <string>

namespace sb::sip {

// Parses one frame (taken over, not copied): the number of header lines, or -1 (sip.parse), -2 (sip.too_large), -3 (sip.protocol).
int parse_header_count(std::string&& frame);

}  // namespace sb::sip
