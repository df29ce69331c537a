#pragma once
#include <string>
#include <string_view>

namespace yeyou {

// A random (version 4) UUID in lowercase canonical form, from libsodium's CSPRNG.
std::string new_uuid();
// Canonical 8-4-4-4-12 hex form, any case.
bool is_uuid(std::string_view s);

}  // namespace yeyou
