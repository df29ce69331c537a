#pragma once
// Phone rating links (补充评价): a kiosk asks for a one-time token and shows
// /r/{token} as a QR code; the visitor rates later from a phone, once, within
// the configured period. The rating goes through RatingService exactly like a
// kiosk rating (channel "web", the issuing kiosk as its source), so cases and
// statistics apply.
#include <optional>
#include <stdexcept>
#include <string>

#include "core/feedback.hpp"
#include "core/localized_text.hpp"
#include "server/services/principal.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/rating_service.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct IssuedRatingLink {
  std::string token;
  Subject subject;
  Timestamp expires_at{};
};

// What a kiosk asks a link for; without a subject, the kiosk's venue or the kiosk itself.
struct RatingLinkRequest {
  std::optional<Subject> subject;
};

// A rating sent through a link, decoded with a new id, channel "web" and the
// time it was received. `subject` is the one the body named, if any; the
// rating is stored for the link's subject, which it must match.
struct LinkRating {
  Rating rating;
  std::optional<Subject> subject;
};

struct RatingLinkState {
  Subject subject;
  std::optional<LocalizedText> subject_name;  // for a venue or event
  Timestamp expires_at{};
  bool used = false;
  bool expired = false;
};

class RatingLinkService {
 public:
  RatingLinkService(store::DbPool& pool, RatingService& ratings, int valid_days);
  // For a kiosk; the subject must exist.
  IssuedRatingLink issue(const Principal& kiosk, const RatingLinkRequest& request, Timestamp now);
  // NotFound for an unknown token.
  RatingLinkState lookup(const std::string& token, Timestamp now);
  // Stores the rating for the link's subject and kiosk. NotFound, Gone
  // (expired), Conflict (already used), ValidationError (another subject).
  RatingReceipt rate(const std::string& token, LinkRating rating, Timestamp now);

 private:
  store::DbPool& pool_;
  RatingService& ratings_;
  std::chrono::seconds validity_;
};

}  // namespace yeyou::services
