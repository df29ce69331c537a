#pragma once
// Phone rating links (补充评价): a kiosk asks for a one-time token and shows
// /r/{token} as a QR code; the visitor rates later from a phone, once, within
// the configured period. The rating goes through RatingService exactly like a
// kiosk rating (channel "web", the issuing kiosk as its source), so cases and
// statistics apply.
#include <stdexcept>
#include <string>

#include "core/feedback.hpp"
#include "server/services/principal.hpp"
#include "server/services/rating_service.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

// The link has expired (HTTP 410).
class Gone : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct IssuedRatingLink {
  std::string token;
  Subject subject;
  Timestamp expires_at{};
};

struct RatingLinkState {
  Subject subject;
  Json subject_name;  // {zh,en,ko} for a venue or event, else null
  Timestamp expires_at{};
  bool used = false;
  bool expired = false;
};

class RatingLinkService {
 public:
  RatingLinkService(store::DbPool& pool, RatingService& ratings, int valid_days);
  // For a kiosk. Body: {} or {"subject": {"kind", "id"}}; the default subject is
  // the kiosk's venue, or the kiosk itself.
  IssuedRatingLink issue(const Principal& kiosk, const Json& body, Timestamp now);
  // NotFound for an unknown token.
  RatingLinkState lookup(const std::string& token, Timestamp now);
  // The kiosk rating body (level, reasons, answers, comment, contact; id,
  // subject, channel and created_at are filled in). NotFound, Gone (expired),
  // Conflict (already used), ValidationError.
  RatingReceipt rate(const std::string& token, const Json& body, Timestamp now);

 private:
  store::DbPool& pool_;
  RatingService& ratings_;
  std::chrono::seconds validity_;
};

}  // namespace yeyou::services
