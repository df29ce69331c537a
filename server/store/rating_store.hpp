#pragma once
// Ratings keyed by the kiosk's UUID: inserting the same id twice keeps one row.
#include <functional>
#include <optional>
#include <string>
#include <vector>

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

// Inserts unless the id exists; returns the new row's arrival sequence number
// (see RatingArrival) if a row was inserted. `sealed` is
// seal_body(codec, to_json(r)); `kiosk_id` is the sending kiosk (NULL when absent).
std::optional<std::int64_t> insert_rating(Db& db, const Rating& r, const SealedBody& sealed, Timestamp received_at,
                   const std::string& payload_hash, const std::optional<std::string>& kiosk_id = std::nullopt,
                   const RatingAnnotation& annotation = {});
std::optional<StoredRating> find_rating(Db& db, const ContactCodec& codec, const std::string& id);
std::int64_t count_ratings(Db& db);

// A stored rating as the burst rule sees it. `seq` numbers ratings in the
// order they were stored; it only grows and rows are never deleted.
struct RatingArrival {
  std::int64_t seq = 0;
  std::optional<std::string> kiosk_id;
  std::string subject_kind;
  std::string subject_id;
  Timestamp received_at{};
};
// The highest seq stored (0 when there are no ratings).
std::int64_t last_rating_seq(Db& db);
// Ratings with seq <= `up_to`, newest first, until `visit` returns false.
void visit_ratings_newest_first(Db& db, std::int64_t up_to, const std::function<bool(const RatingArrival&)>& visit);
// Ratings with seq > `after`.
std::vector<RatingArrival> ratings_after(Db& db, std::int64_t after);

// Review flags: `suspect` until reviewed, `excluded` from statistics for good.
struct RatingFlags {
  bool suspect = false;
  bool excluded = false;
};
std::optional<RatingFlags> rating_flags(Db& db, const std::string& id);
void clear_suspect(Db& db, const std::string& id);
void exclude_rating(Db& db, const std::string& id);

// Suspect ratings not yet excluded, newest first.
struct SuspectRating {
  std::string id;
  std::string subject_kind;
  std::string subject_id;
  std::int64_t level = 0;
  std::optional<std::string> kiosk_id;
  Timestamp received_at{};
  std::string reasons;
};
std::vector<SuspectRating> suspect_ratings(Db& db, int limit);

}  // namespace yeyou::store
