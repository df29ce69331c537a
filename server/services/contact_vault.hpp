#pragma once
// Encrypts evaluators' contact data at rest (libsodium secretbox,
// XSalsa20-Poly1305). The key lives in its own file, never in the database:
// a copied database alone reveals no phone numbers.
#include <string>

#include "server/store/contact_codec.hpp"

namespace yeyou::services {

class ContactVault : public store::ContactCodec {
 public:
  // Loads the 32-byte key (hex) from `key_file`, creating it with mode 0600
  // when missing. Throws std::runtime_error on an unreadable or bad key.
  explicit ContactVault(const std::string& key_file);
  // "enc1:" + base64(nonce || ciphertext).
  std::string seal(const std::string& plaintext) const override;
  // Opens a sealed value; throws std::runtime_error if it was tampered with
  // or sealed under another key.
  std::string open(const std::string& sealed) const override;
  static bool is_sealed(const std::string& value);

 private:
  unsigned char key_[32];
};

}  // namespace yeyou::services
