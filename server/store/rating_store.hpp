#pragma once
// Ratings keyed by the kiosk's UUID: inserting the same id twice keeps one row.
#include <optional>
#include <string>

#include "core/feedback.hpp"
#include "server/store/contact_codec.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

// Statistics slices and review flags, computed at ingest (see FeedbackIntake).
struct RatingAnnotation {
  std::optional<std::int64_t> venue_id;
  std::optional<std::string> district;
  std::string month;  // "YYYY-MM" local
  int hour_of_week = 0;
  bool suspect = false;
  std::string reasons;  // comma-separated codes
};

struct StoredRating {
  Rating rating;
  Timestamp received_at{};
  std::string payload_hash;
};

// Inserts unless the id exists; returns true if a row was inserted. `sealed`
// is seal_body(codec, to_json(r)); `kiosk_id` is the sending kiosk (NULL when absent).
bool insert_rating(Db& db, const Rating& r, const SealedBody& sealed, Timestamp received_at,
                   const std::string& payload_hash, const std::optional<std::string>& kiosk_id = std::nullopt,
                   const RatingAnnotation& annotation = {});
std::optional<StoredRating> find_rating(Db& db, const ContactCodec& codec, const std::string& id);
std::int64_t count_ratings(Db& db);

}  // namespace yeyou::store
