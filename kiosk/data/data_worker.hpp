#pragma once
// DataWorker: the kiosk's data layer at run time. Three threads:
//  - the data thread owns the outbox writes (submissions, one transaction
//    each, then a receipt), rebuilds the view-model snapshot and publishes it;
//  - the network thread syncs (/sync, /sync/live, transport boards,
//    heartbeats) into the local cache and answers lookups and link requests;
//  - the sender thread posts outbox items (backoff with full jitter).
// The UI thread only ever calls snapshot() (cheap: copies a shared_ptr under
// a mutex) and the submit/lookup methods (which only queue work), and is woken
// through the `notify` callback, which must be thread-safe (the kiosk pushes
// an SDL user event).
//
// Without a data dir there is no cache and no outbox (submissions are
// refused); without a token the worker reads the public endpoints
// (/venues, /events) as before and sends nothing.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "kiosk/data/api_client.hpp"
#include "kiosk/data/http_session.hpp"
#include "kiosk/data/kiosk_config.hpp"
#include "kiosk/data/kiosk_feed.hpp"
#include "kiosk/data/view_model.hpp"

namespace yeyou::kiosk {

// Where the kiosk keeps its files and who it is to the server.
struct KioskRuntime {
  std::string data_dir;  // cache.db and outbox.db; empty: neither (submissions refused)
  std::string token;     // the kiosk's device token; empty: public endpoints, nothing sent
  std::string kiosk_id;  // "kiosk-3"; empty: remembered in the outbox, else GET /api/v1/auth/me
  std::chrono::seconds transport_interval{60};
  std::chrono::milliseconds backoff_base{1000};  // sender backoff: full jitter, 5 min cap
};

// The runtime a kiosk configuration describes.
KioskRuntime runtime_from(const KioskConfig& cfg);

struct DataWorkerOptions {
  std::chrono::seconds poll_interval{30};  // content sync until the server's settings arrive
  // After a failed fetch, retry sooner (doubling up to poll_interval).
  std::chrono::seconds retry_min{2};
  ViewModelOptions view{};
  KioskRuntime runtime;
};

class CacheStore;
class Outbox;
struct CachedContent;

class DataWorker {
 public:
  using Clock = std::function<Timestamp()>;
  using Notify = std::function<void()>;

  DataWorker(ApiClient client, DataWorkerOptions options, Notify notify, Clock clock = now_utc);
  ~DataWorker();
  DataWorker(const DataWorker&) = delete;
  DataWorker& operator=(const DataWorker&) = delete;

  void start();
  void stop();  // joins the thread; safe to call twice

  // The latest snapshot; never null (before the first fetch: an empty model
  // with sync.attempts == 0).
  std::shared_ptr<const ViewModel> snapshot() const;
  // Ask for a fetch now instead of at the next poll.
  void refresh();

  // Feedback from the UI. Each returns a request id at once; the worker
  // writes the item to the outbox (one transaction) and publishes a
  // SubmissionReceipt under that id in a following snapshot. The UI says
  // "received" only when the receipt is `stored`.
  std::string submit_rating(Rating rating);
  std::string submit_complaint(ComplaintDraft draft);
  // Looks a complaint up (server, or the local outbox when queued/offline);
  // the answer arrives as ViewModel::complaint_status.
  void lookup_complaint(const std::string& tracking_no);
  // Asks the server for a one-time phone rating link; arrives as ViewModel::rating_link.
  void request_rating_link(const Subject& subject);

  const KioskRuntime& runtime() const { return runtime_; }

 private:
  struct Command;
  void run();          // network thread
  void run_data();     // data thread
  void run_sender();   // sender thread
  void fetch();        // legacy: public endpoints
  void sync_cycle(bool content, bool live, bool transport, bool heartbeat);
  void reload_cache(Timestamp now);
  void network_commands();
  void execute(Command& c);
  std::string enqueue_submission(std::unique_ptr<Command> c);
  void publish(Timestamp now);
  void mark_dirty();
  std::string kiosk_id();

  ApiClient client_;
  DataWorkerOptions options_;
  KioskRuntime runtime_;
  Notify notify_;
  Clock clock_;
  std::chrono::steady_clock::time_point started_;

  // Network thread.
  std::unique_ptr<CacheStore> cache_;
  std::unique_ptr<HttpSession> http_;
  std::chrono::seconds content_interval_{30};
  std::chrono::seconds live_interval_{5};
  // Data thread.
  std::unique_ptr<Outbox> outbox_;
  std::string outbox_problem_;
  std::uint64_t generation_ = 0;

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;         // network thread
  std::condition_variable data_wake_;    // data thread
  std::condition_variable sender_wake_;  // sender thread
  std::shared_ptr<const ViewModel> snapshot_;
  std::shared_ptr<const CachedContent> content_;  // the latest decoded content
  SyncStatus sync_;
  std::string kiosk_id_;
  std::optional<ComplaintStatus> complaint_status_;
  std::optional<RatingLink> rating_link_;
  std::string sender_error_;
  std::map<std::string, SubmissionReceipt> pending_receipts_;  // merged into the next snapshot
  std::deque<std::unique_ptr<Command>> commands_;          // for the data thread
  std::deque<std::unique_ptr<Command>> network_commands_;  // for the network thread
  bool dirty_ = false;
  bool stop_ = false;
  bool refresh_ = false;
  bool send_now_ = false;
  std::thread thread_;
  std::thread data_thread_;
  std::thread sender_thread_;
};

}  // namespace yeyou::kiosk
