#pragma once
// How evaluators' contact data is written to and read from the database.
// The server's implementation encrypts (services/contact_vault.hpp); the
// store never sees the key.
#include <optional>
#include <string>

#include "core/json_reader.hpp"

namespace yeyou::store {

class ContactCodec {
 public:
  virtual ~ContactCodec() = default;
  virtual std::string seal(const std::string& plaintext) const = 0;
  // Also accepts values written before encryption (plain JSON) unchanged.
  virtual std::string open(const std::string& stored) const = 0;
};

// A rating's or complaint's stored text: its JSON without the contact, and the
// contact sealed (none when absent). Built before the writer runs.
struct SealedBody {
  std::string body;
  std::optional<std::string> contact;
};

// `canonical` is the item's JSON (core to_json), "contact" member included.
inline SealedBody seal_body(const ContactCodec& codec, Json canonical) {
  SealedBody out;
  if (auto it = canonical.find("contact"); it != canonical.end()) {
    if (!it->is_null()) out.contact = codec.seal(it->dump());
    canonical.erase(it);
  }
  out.body = canonical.dump();
  return out;
}

}  // namespace yeyou::store
