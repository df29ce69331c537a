#pragma once
// The staff PIN: only its hash is kept in the configuration ([staff] pin_hash,
// an Argon2id string as made by libsodium's crypto_pwhash_str or
// `echo -n PIN | argon2 SALT -id -e`).
#include <string>

namespace yeyou::kiosk {

// False for an empty hash (staff access not configured) or a wrong PIN.
bool verify_staff_pin(const std::string& pin_hash, const std::string& pin);
// Makes a hash for the configuration (tests, tools).
std::string hash_staff_pin(const std::string& pin);

}  // namespace yeyou::kiosk
