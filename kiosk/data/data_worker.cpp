#include "kiosk/data/data_worker.hpp"

#include "core/uuid.hpp"

#include <algorithm>
#include <cstdio>

namespace yeyou::kiosk {
namespace {

using namespace std::chrono;

// The next whole minute of `now`, as a steady_clock deadline.
steady_clock::time_point next_minute(Timestamp now) {
  auto into = now.time_since_epoch() % minutes{1};
  return steady_clock::now() + (minutes{1} - into) + milliseconds{50};
}

}  // namespace

DataWorker::DataWorker(ApiClient client, DataWorkerOptions options, Notify notify, Clock clock)
    : client_(std::move(client)),
      options_(options),
      notify_(std::move(notify)),
      clock_(std::move(clock)),
      snapshot_(std::make_shared<const ViewModel>(build_view_model({}, {}, {}, clock_(), options_.view))) {}

DataWorker::~DataWorker() { stop(); }

void DataWorker::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void DataWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const ViewModel> DataWorker::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void DataWorker::refresh() {
  {
    std::lock_guard lock(mutex_);
    refresh_ = true;
  }
  wake_.notify_all();
}

// Placeholders until the outbox lands (issue 5): submissions are refused
// visibly instead of being lost silently.
std::string DataWorker::submit_rating(Rating) {
  auto id = new_uuid();
  {
    std::lock_guard lock(mutex_);
    pending_receipts_[id] = {SubmissionReceipt::State::refused, "", "outbox not available"};
  }
  refresh();
  return id;
}

std::string DataWorker::submit_complaint(ComplaintDraft) {
  auto id = new_uuid();
  {
    std::lock_guard lock(mutex_);
    pending_receipts_[id] = {SubmissionReceipt::State::refused, "", "outbox not available"};
  }
  refresh();
  return id;
}

void DataWorker::lookup_complaint(const std::string&) { refresh(); }
void DataWorker::request_rating_link(const Subject&) { refresh(); }

void DataWorker::fetch() {
  Timestamp now = clock_();
  sync_.last_attempt_at = now;
  ++sync_.attempts;
  auto venues = client_.venues();
  std::optional<ApiResult<EventsPayload>> events;
  if (venues.ok()) {
    TimeWindow w = fetch_window(now, options_.view.nights_ahead);
    events = client_.events(w.begin, w.end);
  }
  const ApiError* error = !venues.ok() ? &venues.error : !events->ok() ? &events->error : nullptr;
  if (error) {
    // Keep showing the last good data; say the server cannot be reached.
    sync_.server_reachable = error->kind != ApiErrorKind::network;
    sync_.last_error = error->message;
    std::fprintf(stderr, "yeyou-kiosk: fetch failed: %s\n", error->message.c_str());
    return;
  }
  venues_ = std::move(*venues.value);
  events_ = std::move(events->value->events);
  sync_.has_data = true;
  sync_.server_reachable = true;
  sync_.fetched_at = clock_();
  sync_.last_error.clear();
}

void DataWorker::publish(Timestamp now) {
  auto vm = std::make_shared<ViewModel>(build_view_model(venues_, events_, sync_, now, options_.view));
  vm->generation = ++generation_;
  {
    std::lock_guard lock(mutex_);
    vm->receipts = pending_receipts_;
    snapshot_ = std::move(vm);
  }
  if (notify_) notify_();
}

void DataWorker::run() {
  auto retry = options_.retry_min;
  auto next_fetch = steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stop_) return;
      refresh_ = false;
    }
    if (steady_clock::now() >= next_fetch) {
      fetch();
      if (sync_.last_error.empty()) {
        retry = options_.retry_min;
        next_fetch = steady_clock::now() + options_.poll_interval;
      } else {
        next_fetch = steady_clock::now() + std::min<seconds>(retry, options_.poll_interval);
        retry = std::min<seconds>(retry * 2, options_.poll_interval);
      }
    }
    Timestamp now = clock_();
    publish(now);  // also on a plain minute tick: phases follow the clock

    auto deadline = std::min(next_fetch, next_minute(now));
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, deadline, [this] { return stop_ || refresh_; });
    if (stop_) return;
    if (refresh_) next_fetch = steady_clock::now();
  }
}

}  // namespace yeyou::kiosk
