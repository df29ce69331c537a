#pragma once
// How evaluators' contact data is written to and read from the database.
// The server's implementation encrypts (services/contact_vault.hpp); the
// store never sees the key.
#include <string>

namespace yeyou::store {

class ContactCodec {
 public:
  virtual ~ContactCodec() = default;
  virtual std::string seal(const std::string& plaintext) const = 0;
  // Also accepts values written before encryption (plain JSON) unchanged.
  virtual std::string open(const std::string& stored) const = 0;
};

}  // namespace yeyou::store
