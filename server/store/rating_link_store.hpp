#pragma once
// One-time phone-rating links (补充评价): a kiosk asks for one, shows it as a
// QR code, and the visitor rates later on /r/{token}. Only the token's hash
// is stored.
#include <optional>
#include <string>

#include "core/time.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct RatingLink {
  std::string token_hash;
  std::string kiosk_id;
  std::string subject_kind;
  std::string subject_id;
  Timestamp created_at{};
  Timestamp expires_at{};
  std::optional<Timestamp> used_at;
  std::optional<std::string> rating_id;
};

void insert_rating_link(Db& db, const RatingLink& link);
std::optional<RatingLink> find_rating_link(Db& db, const std::string& token_hash);
// Marks the link used by `rating_id` if it is still unused; false when it was already used.
bool claim_rating_link(Db& db, const std::string& token_hash, const std::string& rating_id, Timestamp now);
// Undoes a claim whose rating was refused (invalid input), so the visitor can try again.
void release_rating_link(Db& db, const std::string& token_hash, const std::string& rating_id);

}  // namespace yeyou::store
