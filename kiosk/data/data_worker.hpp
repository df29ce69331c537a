#pragma once
// DataWorker: a background thread that polls the server, rebuilds the
// view-model snapshot and publishes it. The UI thread only ever calls
// snapshot() (cheap: copies a shared_ptr under a mutex) and is woken through
// the `notify` callback, which must be thread-safe (the kiosk pushes an SDL
// user event).
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "kiosk/data/api_client.hpp"
#include "kiosk/data/kiosk_feed.hpp"
#include "kiosk/data/view_model.hpp"

namespace yeyou::kiosk {

struct DataWorkerOptions {
  std::chrono::seconds poll_interval{30};
  // After a failed fetch, retry sooner (doubling up to poll_interval).
  std::chrono::seconds retry_min{2};
  ViewModelOptions view{};
};

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

 private:
  void run();
  void fetch();
  void publish(Timestamp now);

  ApiClient client_;
  DataWorkerOptions options_;
  Notify notify_;
  Clock clock_;

  // Owned by the worker thread.
  VenuesPayload venues_;
  std::vector<Event> events_;
  SyncStatus sync_;
  std::uint64_t generation_ = 0;

  mutable std::mutex mutex_;  // guards snapshot_, stop_, refresh_
  std::condition_variable wake_;
  std::shared_ptr<const ViewModel> snapshot_;
  std::map<std::string, SubmissionReceipt> pending_receipts_;  // merged into the next snapshot
  bool stop_ = false;
  bool refresh_ = false;
  std::thread thread_;
};

}  // namespace yeyou::kiosk
