#pragma once
// The kiosk's conversations with the server, one function per exchange, used
// by the DataWorker's threads and by the headless commands (sync --once,
// simulate): delta sync into the cache, transport boards, heartbeats, the
// kiosk's identity, and the outbox sender.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "kiosk/data/cache_store.hpp"
#include "kiosk/data/http_session.hpp"
#include "kiosk/data/outbox.hpp"

namespace yeyou::kiosk {

struct SyncResult {
  bool reached = false;    // the server answered (any HTTP status)
  bool ok = false;         // and the exchange succeeded
  bool changed = false;    // the cache changed
  bool unchanged = false;  // 304
  bool reset = false;      // the server asked for a resync from zero
  int pages = 0;
  std::size_t changes = 0;
  int content_poll_s = 0;  // from the server's settings, when sent
  int live_poll_s = 0;
  long http_status = 0;
  std::string error;
};

// GET /api/v1/sync (or /sync/live when `live`) from the cache's cursor, page
// after page until `more` is false (at most `max_pages`), each page applied
// in one transaction.
SyncResult sync_changes(HttpSession& http, CacheStore& cache, bool live, Timestamp now, int max_pages = 10'000,
                        int page_limit = 0);
// GET /api/v1/kiosks/{id}/departures and /api/v1/parking into the cache.
SyncResult sync_transport(HttpSession& http, CacheStore& cache, const std::string& kiosk_id, Timestamp now);
// GET /api/v1/auth/me: the device id of the token ("kiosk-3"), or nullopt (error set).
std::optional<std::string> fetch_kiosk_id(HttpSession& http, std::string* error = nullptr);
// The device id in an /auth/me answer, or nullopt when it is not a device's.
std::optional<std::string> device_id_of(const Json& me);

struct HeartbeatData {
  std::string version = "0.1.0";
  std::int64_t uptime_s = 0;
  std::int64_t outbox_depth = 0;
  std::optional<std::int64_t> oldest_outbox_age_s;
  std::optional<Timestamp> last_sync_at;
  std::int64_t free_disk_bytes = 0;
};
Json heartbeat_json(const HeartbeatData& h);
HttpResponse send_heartbeat(HttpSession& http, const std::string& kiosk_id, const HeartbeatData& h);
// Free bytes on the file system holding `dir` (0 when unknown).
std::int64_t free_disk_bytes(const std::string& dir);

// What one answer to POST /ratings or /complaints means for the item.
enum class SendVerdict {
  delivered,   // 200 (same-payload retry) or 201
  dead,        // 409 (another payload under this key) or another 4xx: dead letter with the message
  retry,       // connection error, truncated answer, 5xx: back off and retry
  retry_after, // 429 (or 503 with Retry-After): wait as told and retry
  hold,        // 401/403: the kiosk's token is refused; keep the item, back off
};
SendVerdict classify_send(const HttpResponse& r);

// The outbox sender: posts pending items oldest first with one kept-alive
// connection; after a failure, backs off exponentially with full jitter
// (1 s base, 5 min cap). Used by the DataWorker's sender thread and by
// `yeyou-kiosk simulate`.
class OutboxSender {
 public:
  OutboxSender(HttpSession& http, Outbox& outbox, std::uint64_t seed = std::random_device{}(),
               std::chrono::milliseconds backoff_base = std::chrono::milliseconds{1000},
               std::chrono::milliseconds backoff_cap = std::chrono::minutes{5});

  struct Step {
    int delivered = 0;
    int dead = 0;
    bool idle = false;  // nothing pending
    std::chrono::milliseconds wait{0};  // before the next step
    std::string error;  // the latest failure, if any
  };
  // Sends up to `batch` pending items, stopping at the first failure.
  // `should_stop` is polled between items.
  Step step(int batch = 200, const std::function<bool()>& should_stop = {});

  int consecutive_failures() const { return failures_; }
  std::int64_t delivered_total() const { return delivered_total_; }
  const std::string& last_error() const { return last_error_; }

 private:
  HttpSession& http_;
  Outbox& outbox_;
  std::mt19937_64 rng_;
  std::chrono::milliseconds base_, cap_;
  int failures_ = 0;
  std::int64_t delivered_total_ = 0;
  std::string last_error_;
};

}  // namespace yeyou::kiosk
