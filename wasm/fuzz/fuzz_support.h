// What the fuzz targets share: a failed invariant aborts with a message, so libFuzzer keeps the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "switchboard/result.h"

#define SB_FUZZ_CHECK(cond, what)                                                   \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

// Errors must carry one of the codes the SIP layer documents, and a message.
inline void check_sip_error(const sb::Error& e) {
  const bool known = e.code == "sip.parse" || e.code == "sip.too_large" || e.code == "sip.protocol" ||
                     e.code == "sip.auth";
  if (!known || e.message.empty()) {
    std::fprintf(stderr, "unexpected error {%s, %s}\n", e.code.c_str(), e.message.c_str());
    std::abort();
  }
}
