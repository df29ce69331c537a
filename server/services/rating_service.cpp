#include "server/services/rating_service.hpp"

#include <sodium.h>

#include "server/services/service_errors.hpp"
#include "server/store/kiosk_store.hpp"
#include "server/store/rating_store.hpp"

namespace yeyou::services {

std::string payload_hash(const std::string& text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

RatingService::RatingService(store::GroupCommitter& writer, const ContactVault& vault, FeedbackIntake& intake)
    : writer_(writer), vault_(vault), intake_(intake) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

RatingReceipt RatingService::submit(Rating r, const std::string& kiosk_id, Timestamp now) {
  // The canonical form is core's encoding of the rating: the hash and the
  // sealed body stored are the same whatever the body's field order.
  Json canonical = to_json(r);
  std::string hash = payload_hash(canonical.dump());
  // Everything that needs no database is done here, not on the single writer.
  auto sealed = store::seal_body(vault_, std::move(canonical));
  auto intake = intake_.prepare(r, now);
  // Runs in the writer's next batch: durable (fsync'd) when this returns.
  bool conflict = false;
  auto receipt = writer_.run([&](store::Db& db) -> RatingReceipt {
    // May run twice (see GroupCommitter::run): outputs set afresh, the intake copied.
    conflict = false;
    auto in = intake;
    if (auto existing = store::find_rating(db, vault_, r.id)) {
      store::count_duplicate(db, kiosk_id, "rating");
      conflict = existing->payload_hash != hash;
      return {existing->rating, existing->received_at, false};
    }
    intake_.annotate(db, r, kiosk_id, now, in);  // also checks that the subject exists
    // Inserted: find_rating above saw no row, on this writer's own connection.
    auto rowid = store::insert_rating(db, r, sealed, now, hash, kiosk_id, in.annotation).value_or(0);
    store::count_stored(db, kiosk_id, "rating");
    intake_.after_rating(db, r, kiosk_id, rowid, in, now);
    return {r, now, true};
  });
  if (conflict) throw Conflict("rating " + r.id + " was already received with a different payload");
  return receipt;
}

}  // namespace yeyou::services
