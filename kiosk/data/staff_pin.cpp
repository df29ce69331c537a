#include "kiosk/data/staff_pin.hpp"

#include <sodium.h>

namespace yeyou::kiosk {

bool verify_staff_pin(const std::string& pin_hash, const std::string& pin) {
  if (pin_hash.empty() || pin.empty() || sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(pin_hash.c_str(), pin.data(), pin.size()) == 0;
}

std::string hash_staff_pin(const std::string& pin) {
  if (sodium_init() < 0) return {};
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return {};
  return out;
}

}  // namespace yeyou::kiosk
