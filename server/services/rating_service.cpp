#include "server/services/rating_service.hpp"

#include <sodium.h>

#include <future>

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

// A submission between its checks and its durable write: shared by the
// writer's work item and its completion.
struct RatingService::Pending {
  Rating rating;
  std::string kiosk_id;
  Timestamp now;
  std::string hash;
  store::SealedBody sealed;
  RatingIntake intake;
  bool conflict = false;
  RatingReceipt receipt;
};

void RatingService::submit_async(Rating r, const std::string& kiosk_id, Timestamp now,
                                 std::function<void(RatingOutcome)> done) {
  auto p = std::make_shared<Pending>();
  // The canonical form is core's encoding of the rating: the hash and the
  // sealed body stored are the same whatever the body's field order.
  Json canonical = to_json(r);
  p->hash = payload_hash(canonical.dump());
  // Everything that needs no database is done here, not on the single writer.
  p->sealed = store::seal_body(vault_, std::move(canonical));
  p->intake = intake_.prepare(r, now);
  p->rating = std::move(r);
  p->kiosk_id = kiosk_id;
  p->now = now;
  writer_.submit_async(
      [this, p](store::Db& db) {
        // May run twice (see GroupCommitter::run): outputs set afresh, the intake copied.
        const auto& rating = p->rating;
        p->conflict = false;
        auto in = p->intake;
        if (auto existing = store::find_rating(db, vault_, rating.id)) {
          store::count_duplicate(db, p->kiosk_id, "rating");
          p->conflict = existing->payload_hash != p->hash;
          p->receipt = {existing->rating, existing->received_at, false};
          return;
        }
        intake_.annotate(db, rating, p->kiosk_id, p->now, in);  // also checks that the subject exists
        // Inserted: find_rating above saw no row, on this writer's own connection.
        auto rowid = store::insert_rating(db, rating, p->sealed, p->now, p->hash, p->kiosk_id, in.annotation).value_or(0);
        store::count_stored(db, p->kiosk_id, "rating");
        intake_.after_rating(db, rating, p->kiosk_id, rowid, in, p->now);
        p->receipt = {rating, p->now, true};
      },
      [p, done = std::move(done)](std::exception_ptr error) {
        if (!error && p->conflict)
          error = std::make_exception_ptr(
              Conflict("rating " + p->rating.id + " was already received with a different payload"));
        done(RatingOutcome{error ? RatingReceipt{} : std::move(p->receipt), error});
      });
}

RatingReceipt RatingService::submit(Rating r, const std::string& kiosk_id, Timestamp now) {
  // Shared: the writer may still be inside set_value when this caller wakes and returns.
  auto outcome = std::make_shared<std::promise<RatingOutcome>>();
  auto ready = outcome->get_future();
  submit_async(std::move(r), kiosk_id, now, [outcome](RatingOutcome o) { outcome->set_value(std::move(o)); });
  auto o = ready.get();
  if (o.error) std::rethrow_exception(o.error);
  return std::move(o.receipt);
}

}  // namespace yeyou::services
