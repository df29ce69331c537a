#pragma once
// Outbox: ratings and complaints waiting to reach the server, in their own
// SQLite file (<data_dir>/outbox.db, WAL, synchronous=FULL: an item whose
// transaction committed survives power loss). Each item is stored with its
// UUID (the server's idempotency key) and the exact JSON body to POST, so
// every retry sends byte-identical payloads. Sent items stay (state "sent")
// as the record of what was acknowledged; dead letters keep the server's
// message.
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/feedback.hpp"
#include "kiosk/data/kiosk_feed.hpp"
#include "kiosk/data/sqlite_db.hpp"

namespace yeyou::kiosk {

// Raised when an item cannot be stored (disk full, I/O error, …): nothing
// was written and the visitor must be told.
class OutboxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OutboxItem {
  std::int64_t seq = 0;
  std::string id;    // UUID
  std::string kind;  // "rating" or "complaint"
  std::string body;  // the JSON to POST
  std::string tracking_no;
  std::string state;  // pending, sent, dead
  std::int64_t attempts = 0;
  Timestamp created_at{};
};

struct OutboxStats {
  std::int64_t pending = 0;
  std::int64_t sent = 0;
  std::int64_t dead_letters = 0;
  std::optional<std::int64_t> oldest_age_s;  // the oldest pending item
};

struct DeadLetter {
  std::string id;
  std::string kind;
  std::string tracking_no;
  long http_status = 0;
  std::string message;
  Timestamp at{};
};

// "kiosk-3" → "K3"; any other id: its letters and digits, upper-cased, at
// most 16 (at least "K"). Together with the date and the kiosk's own daily
// sequence this is unique fleet-wide, because device ids are.
std::string tracking_prefix(const std::string& kiosk_id);
// "<prefix>-<yyyymmdd>-<sequence, at least 4 digits>".
std::string format_tracking_no(const std::string& prefix, const LocalDate& day, std::int64_t seq);

class Outbox {
 public:
  static constexpr int kSchemaVersion = 1;
  explicit Outbox(const std::string& path);

  // One transaction each. Throw OutboxError when nothing could be stored.
  void enqueue_rating(const Rating& r);
  // Assigns c.tracking_no (kiosk prefix + local date of created_at + daily
  // sequence) in the same transaction, and returns it.
  std::string enqueue_complaint(Complaint& c, const std::string& kiosk_id);

  // Pending items, oldest first.
  std::vector<OutboxItem> pending(int limit);
  std::optional<OutboxItem> find(const std::string& id);
  std::optional<OutboxItem> find_tracking(const std::string& tracking_no);
  void mark_sent(const std::string& id, long http_status, Timestamp at);
  void mark_attempt(const std::string& id, const std::string& error);
  void dead_letter(const std::string& id, long http_status, const std::string& message, Timestamp at);

  OutboxStats stats(Timestamp now);
  std::vector<DeadLetter> dead_letters(int limit = 100);
  // Every item ever stored (ids), for tests and audits.
  std::vector<OutboxItem> all();

  std::optional<std::string> meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);
  // A random id made once per outbox, used as the tracking prefix while the
  // kiosk id is not known yet ("U" + 8 hex digits).
  std::string install_prefix();

  // Tests: limit the file's size (PRAGMA max_page_count) to simulate a full disk.
  void limit_pages_for_test(std::int64_t pages);
  sql::Db& db() { return *db_; }

 private:
  void insert(const std::string& id, const std::string& kind, const std::string& body,
              const std::string& tracking_no, Timestamp created_at);
  std::unique_ptr<sql::Db> db_;
};

// The one path every submission takes (the UI through DataWorker, and
// `yeyou-kiosk simulate`): validate as the server would, store in one
// transaction, and answer with the receipt the visitor sees. Never throws:
// a failure is a `refused` receipt with the reason.
// The rating gets a UUID if it has none, channel kiosk, created_at = now if unset.
SubmissionReceipt store_rating(Outbox& outbox, Rating rating, Timestamp now);
// `id` is the complaint's UUID (the idempotency key).
SubmissionReceipt store_complaint(Outbox& outbox, const ComplaintDraft& draft, const std::string& id,
                                  const std::string& kiosk_id, Timestamp now);

// Exponential backoff with full jitter: a uniform delay in [0, min(cap, base · 2^failures)].
std::chrono::milliseconds backoff_delay(int failures, std::mt19937_64& rng,
                                        std::chrono::milliseconds base = std::chrono::milliseconds{1000},
                                        std::chrono::milliseconds cap = std::chrono::minutes{5});
// The upper bound of that interval (for tests and logs).
std::chrono::milliseconds backoff_ceiling(int failures, std::chrono::milliseconds base = std::chrono::milliseconds{1000},
                                          std::chrono::milliseconds cap = std::chrono::minutes{5});

}  // namespace yeyou::kiosk
