#pragma once

namespace sb {
inline constexpr const char* kVersionString = "0.1.0";
}
