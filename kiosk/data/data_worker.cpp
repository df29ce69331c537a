#include "kiosk/data/data_worker.hpp"

#include <tuple>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/errors.hpp"
#include "core/uuid.hpp"
#include "kiosk/data/cache_store.hpp"
#include "kiosk/data/outbox.hpp"
#include "kiosk/data/sync_engine.hpp"

namespace yeyou::kiosk {
namespace {

using namespace std::chrono;

// The next whole minute of `now`, as a steady_clock deadline.
steady_clock::time_point next_minute(Timestamp now) {
  auto into = now.time_since_epoch() % minutes{1};
  return steady_clock::now() + (minutes{1} - into) + milliseconds{50};
}


std::string path_in(const std::string& dir, const char* name) { return (std::filesystem::path(dir) / name).string(); }

}  // namespace

KioskRuntime runtime_from(const KioskConfig& cfg) {
  KioskRuntime runtime;
  runtime.data_dir = cfg.data_dir;
  runtime.token = cfg.token;
  runtime.kiosk_id = cfg.kiosk_id;
  runtime.transport_interval = std::chrono::seconds{cfg.transport_seconds};
  runtime.backoff_base = std::chrono::milliseconds{cfg.backoff_base_ms};
  return runtime;
}

struct DataWorker::Command {
  enum class Kind { rating, complaint, lookup, link } kind = Kind::rating;
  std::string request_id;
  Rating rating;
  ComplaintDraft draft;
  std::string tracking_no;
  std::optional<Subject> subject;
};

DataWorker::DataWorker(ApiClient client, DataWorkerOptions options, Notify notify, Clock clock)
    : client_(std::move(client)),
      options_(options),
      runtime_(options.runtime),
      notify_(std::move(notify)),
      clock_(std::move(clock)),
      started_(steady_clock::now()),
      snapshot_(std::make_shared<const ViewModel>(build_view_model({}, {}, {}, clock_(), options_.view))) {
  content_interval_ = options_.poll_interval;
  kiosk_id_ = runtime_.kiosk_id;
  if (!runtime_.data_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(runtime_.data_dir, ec);
  }
}

DataWorker::~DataWorker() { stop(); }

void DataWorker::start() {
  if (!data_thread_.joinable()) data_thread_ = std::thread([this] { run_data(); });
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  if (!sender_thread_.joinable()) sender_thread_ = std::thread([this] { run_sender(); });
}

void DataWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  data_wake_.notify_all();
  sender_wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (sender_thread_.joinable()) sender_thread_.join();
  if (data_thread_.joinable()) data_thread_.join();
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

void DataWorker::mark_dirty() {
  {
    std::lock_guard lock(mutex_);
    dirty_ = true;
  }
  data_wake_.notify_all();
}

std::string DataWorker::submit_rating(Rating rating) {
  auto c = std::make_unique<Command>();
  c->kind = Command::Kind::rating;
  if (!is_uuid(rating.id)) rating.id = new_uuid();
  c->request_id = rating.id;
  c->rating = std::move(rating);
  return enqueue_submission(std::move(c));
}

std::string DataWorker::submit_complaint(ComplaintDraft draft) {
  auto c = std::make_unique<Command>();
  c->kind = Command::Kind::complaint;
  c->request_id = new_uuid();
  c->draft = std::move(draft);
  return enqueue_submission(std::move(c));
}

// Shows the submission as pending at once and hands it to the data thread.
std::string DataWorker::enqueue_submission(std::unique_ptr<Command> c) {
  std::string id = c->request_id;
  {
    std::lock_guard lock(mutex_);
    pending_receipts_[id] = {SubmissionReceipt::State::pending, "", ""};
    commands_.push_back(std::move(c));
  }
  data_wake_.notify_all();
  return id;
}

void DataWorker::lookup_complaint(const std::string& tracking_no) {
  auto c = std::make_unique<Command>();
  c->kind = Command::Kind::lookup;
  c->tracking_no = tracking_no;
  {
    std::lock_guard lock(mutex_);
    complaint_status_ = ComplaintStatus{tracking_no, ComplaintStatus::State::looking_up, "", "", std::nullopt};
    commands_.push_back(std::move(c));
  }
  data_wake_.notify_all();
}

void DataWorker::request_rating_link(const Subject& subject) {
  auto c = std::make_unique<Command>();
  c->kind = Command::Kind::link;
  c->subject = subject;
  {
    std::lock_guard lock(mutex_);
    rating_link_.reset();
    network_commands_.push_back(std::move(c));
  }
  wake_.notify_all();
}

std::string DataWorker::kiosk_id() {
  std::lock_guard lock(mutex_);
  return kiosk_id_;
}

// --- data thread ---------------------------------------------------------------

void DataWorker::execute(Command& c) {
  auto set_receipt = [&](SubmissionReceipt r) {
    std::lock_guard lock(mutex_);
    pending_receipts_[c.request_id] = std::move(r);
  };
  auto refuse = [&](const std::string& why) {
    set_receipt({SubmissionReceipt::State::refused, "", why});
    std::fprintf(stderr, "yeyou-kiosk: submission refused: %s\n", why.c_str());
  };
  switch (c.kind) {
    case Command::Kind::rating:
    case Command::Kind::complaint: {
      if (!outbox_) {
        refuse(outbox_problem_.empty() ? "no outbox (no data directory configured)" : outbox_problem_);
        return;
      }
      SubmissionReceipt r = c.kind == Command::Kind::rating
                                ? store_rating(*outbox_, c.rating, clock_())
                                : store_complaint(*outbox_, c.draft, c.request_id, kiosk_id(), clock_());
      if (r.state == SubmissionReceipt::State::stored) {
        outbox_problem_.clear();
        set_receipt(std::move(r));
        {
          std::lock_guard lock(mutex_);
          send_now_ = true;
        }
        sender_wake_.notify_all();
      } else {
        // A full disk or a failed write stops accepting until a write succeeds again;
        // an invalid item is only refused.
        if (r.error.rfind("cannot store", 0) == 0) outbox_problem_ = r.error;
        refuse(r.error);
      }
      return;
    }
    case Command::Kind::lookup: {
      if (outbox_) {
        try {
          if (auto item = outbox_->find_tracking(c.tracking_no); item && item->state == "pending") {
            std::lock_guard lock(mutex_);
            complaint_status_ =
                ComplaintStatus{c.tracking_no, ComplaintStatus::State::queued, "", "", clock_()};
            return;
          }
        } catch (const std::exception&) {
          // fall through to the server
        }
      }
      {
        std::lock_guard lock(mutex_);
        network_commands_.push_back(std::make_unique<Command>(c));
      }
      wake_.notify_all();
      return;
    }
    case Command::Kind::link:
      return;  // handled by the network thread
  }
}

void DataWorker::run_data() {
  if (!runtime_.data_dir.empty()) {
    try {
      outbox_ = std::make_unique<Outbox>(path_in(runtime_.data_dir, "outbox.db"));
      if (auto remembered = outbox_->meta("kiosk_id")) {
        std::lock_guard lock(mutex_);
        if (kiosk_id_.empty()) kiosk_id_ = *remembered;
      }
    } catch (const std::exception& e) {
      outbox_problem_ = std::string("cannot open the outbox: ") + e.what();
      std::fprintf(stderr, "yeyou-kiosk: %s\n", outbox_problem_.c_str());
    }
  }
  std::string persisted_id;
  for (;;) {
    std::deque<std::unique_ptr<Command>> work;
    {
      std::unique_lock lock(mutex_);
      if (stop_) return;
      work.swap(commands_);
      dirty_ = false;
    }
    for (auto& c : work) execute(*c);
    if (outbox_) {
      std::string id = kiosk_id();
      if (!id.empty() && id != persisted_id) {
        try {
          if (outbox_->meta("kiosk_id") != id) outbox_->set_meta("kiosk_id", id);
          persisted_id = id;
        } catch (const std::exception&) {
        }
      }
    }
    Timestamp now = clock_();
    publish(now);
    std::unique_lock lock(mutex_);
    data_wake_.wait_until(lock, next_minute(now), [this] { return stop_ || dirty_ || !commands_.empty(); });
  }
}

void DataWorker::publish(Timestamp now) {
  std::shared_ptr<const CachedContent> content;
  SyncStatus sync;
  std::map<std::string, SubmissionReceipt> receipts;
  std::optional<ComplaintStatus> status;
  std::optional<RatingLink> link;
  std::string id, sender_error;
  {
    std::lock_guard lock(mutex_);
    content = content_;
    sync = sync_;
    receipts = pending_receipts_;
    status = complaint_status_;
    link = rating_link_;
    id = kiosk_id_;
    sender_error = sender_error_;
  }
  static const CachedContent empty;
  const CachedContent& c = content ? *content : empty;
  auto vm = std::make_shared<ViewModel>(build_view_model(c.venues, c.events, sync, now, options_.view));
  for (const auto& n : c.notices)
    if (n.active_at(now)) vm->notices.push_back(n);
  for (const auto& d : c.departures)
    if (d.departs_at + minutes{1} >= now) vm->departures.push_back(d);
  vm->car_parks = c.car_parks;
  vm->transport_fetched_at = c.transport_fetched_at;
  vm->kiosk_id = id;
  if (outbox_) {
    try {
      OutboxStats st = outbox_->stats(now);
      vm->outbox.pending = st.pending;
      vm->outbox.dead_letters = st.dead_letters;
      vm->outbox.oldest_age_s = st.oldest_age_s;
    } catch (const std::exception& e) {
      if (outbox_problem_.empty()) outbox_problem_ = e.what();
    }
    vm->outbox.accepting = outbox_problem_.empty();
    vm->outbox.problem = outbox_problem_;
  } else {
    vm->outbox.accepting = false;
    vm->outbox.problem = outbox_problem_.empty() ? "no data directory configured" : outbox_problem_;
  }
  vm->receipts = std::move(receipts);
  vm->complaint_status = std::move(status);
  vm->rating_link = std::move(link);
  vm->generation = ++generation_;
  {
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(vm);
  }
  if (notify_) notify_();
}

// --- network thread ------------------------------------------------------------

void DataWorker::fetch() {
  Timestamp now = clock_();
  {
    std::lock_guard lock(mutex_);
    sync_.last_attempt_at = now;
    ++sync_.attempts;
  }
  auto venues = client_.venues();
  std::optional<ApiResult<EventsPayload>> events;
  if (venues.ok()) {
    TimeWindow w = fetch_window(now, options_.view.nights_ahead);
    events = client_.events(w.begin, w.end);
  }
  const ApiError* error = !venues.ok() ? &venues.error : !events->ok() ? &events->error : nullptr;
  if (error) {
    // Keep showing the last good data; say the server cannot be reached.
    std::lock_guard lock(mutex_);
    sync_.server_reachable = error->kind != ApiErrorKind::network;
    sync_.last_error = error->message;
    std::fprintf(stderr, "yeyou-kiosk: fetch failed: %s\n", error->message.c_str());
    return;
  }
  auto c = std::make_shared<CachedContent>();
  if (content_) {
    c->notices = content_->notices;
  }
  c->venues = std::move(*venues.value);
  c->events = std::move(events->value->events);
  std::lock_guard lock(mutex_);
  content_ = std::move(c);
  sync_.has_data = true;
  sync_.server_reachable = true;
  sync_.fetched_at = clock_();
  sync_.last_error.clear();
}

void DataWorker::reload_cache(Timestamp now) {
  if (!cache_) return;
  try {
    auto c = std::make_shared<CachedContent>(cache_->load(now));
    std::lock_guard lock(mutex_);
    if (c->objects > 0 || c->last_sync_at) sync_.has_data = true;
    if (!sync_.fetched_at && c->last_sync_at) sync_.fetched_at = c->last_sync_at;
    content_ = std::move(c);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yeyou-kiosk: cannot read the cache: %s\n", e.what());
  }
}

void DataWorker::network_commands() {
  for (;;) {
    std::unique_ptr<Command> c;
    {
      std::lock_guard lock(mutex_);
      if (network_commands_.empty() || stop_) return;
      c = std::move(network_commands_.front());
      network_commands_.pop_front();
    }
    if (c->kind == Command::Kind::lookup) {
      ComplaintStatus st{c->tracking_no, ComplaintStatus::State::offline, "", "", clock_()};
      if (!is_tracking_no(c->tracking_no)) {
        st.state = ComplaintStatus::State::not_found;
      } else {
        HttpResponse r = http_->get("/api/v1/public/complaints/" + c->tracking_no);
        if (r.ok()) {
          Json j = r.json();
          st.state = ComplaintStatus::State::found;
          if (j.is_object()) {
            if (j.contains("state") && j["state"].is_string()) st.server_state = j["state"].get<std::string>();
            if (j.contains("outcome") && j["outcome"].is_string()) st.outcome = j["outcome"].get<std::string>();
          }
        } else if (!r.network_error && r.status == 404) {
          st.state = ComplaintStatus::State::not_found;
        } else if (r.network_error) {
          st.state = ComplaintStatus::State::offline;
        } else {
          st.state = ComplaintStatus::State::unknown;
        }
      }
      std::lock_guard lock(mutex_);
      complaint_status_ = st;
    } else if (c->kind == Command::Kind::link) {
      RatingLink link;
      if (c->subject) link.subject = *c->subject;
      if (!http_->has_token()) {
        link.error = "this kiosk has no token: phone rating links need the server";
      } else {
        Json body = Json::object();
        if (c->subject) body["subject"] = to_json(*c->subject);
        HttpResponse r = http_->post("/api/v1/rating-links", body.dump());
        Json j = r.json();
        if (r.ok() && j.is_object() && j.contains("url") && j["url"].is_string()) {
          link.ok = true;
          link.url = j["url"].get<std::string>();
          if (j.contains("expires_at") && j["expires_at"].is_string())
            link.expires_at = parse_iso8601(j["expires_at"].get<std::string>());
          if (j.contains("subject") && j["subject"].is_object()) {
            try {
              const Json& s = j["subject"];
              link.subject.kind = enum_from<SubjectKind>(s.value("kind", "kiosk")).value_or(SubjectKind::kiosk);
              link.subject.id = s.contains("id") && s["id"].is_string() ? s["id"].get<std::string>()
                                                                         : s.value("id", Json()).dump();
            } catch (const std::exception&) {
            }
          }
        } else {
          link.error = r.network_error ? "offline: " + r.error : r.describe();
        }
      }
      std::lock_guard lock(mutex_);
      rating_link_ = std::move(link);
    }
    mark_dirty();
  }
}

void DataWorker::sync_cycle(bool content, bool live, bool transport, bool heartbeat) {
  Timestamp now = clock_();
  bool changed = false;
  // What the screens show of the connection; a new snapshot only when it changes.
  auto status = [&] {
    std::lock_guard lock(mutex_);
    return std::make_tuple(sync_.server_reachable, sync_.has_data, sync_.last_error);
  };
  const auto status_before = status();
  auto record = [&](const SyncResult& r) {
    std::lock_guard lock(mutex_);
    sync_.last_attempt_at = now;
    ++sync_.attempts;
    if (r.ok) {
      sync_.server_reachable = true;
      sync_.has_data = true;
      sync_.fetched_at = clock_();
      sync_.last_error.clear();
    } else {
      sync_.server_reachable = r.reached;
      sync_.last_error = r.error;
    }
  };
  if (content) {
    SyncResult r = sync_changes(*http_, *cache_, false, now);
    record(r);
    if (r.ok && r.content_poll_s > 0) content_interval_ = seconds{r.content_poll_s};
    if (r.ok && r.live_poll_s > 0) live_interval_ = seconds{r.live_poll_s};
    if (!r.ok) std::fprintf(stderr, "yeyou-kiosk: sync failed: %s\n", r.error.c_str());
    changed = changed || r.changed || r.ok;
  }
  if (live) {
    SyncResult r = sync_changes(*http_, *cache_, true, now);
    if (r.ok) record(r);
    else if (!content) record(r);
    changed = changed || r.changed;
  }
  if (transport) {
    SyncResult r = sync_transport(*http_, *cache_, kiosk_id(), now);
    changed = changed || r.changed;
  }
  if (changed) reload_cache(now);
  if (heartbeat) {
    std::string id = kiosk_id();
    if (!id.empty()) {
      auto vm = snapshot();
      HeartbeatData h;
      h.uptime_s = duration_cast<seconds>(steady_clock::now() - started_).count();
      h.outbox_depth = vm->outbox.pending;
      h.oldest_outbox_age_s = vm->outbox.oldest_age_s;
      {
        std::lock_guard lock(mutex_);
        h.last_sync_at = sync_.fetched_at;
      }
      h.free_disk_bytes = free_disk_bytes(runtime_.data_dir);
      HttpResponse r = send_heartbeat(*http_, id, h);
      if (!r.ok() && !r.network_error)
        std::fprintf(stderr, "yeyou-kiosk: heartbeat refused: %s\n", r.describe().c_str());
    }
  }
  http_->disconnect();  // idle until the next cycle: do not hold a server thread
  // Publish only when something visible changed (the per-minute snapshot
  // refreshes "updated HH:MM"); an idle kiosk then draws nothing new.
  if (changed || status() != status_before) mark_dirty();
}

void DataWorker::run() {
  http_ = std::make_unique<HttpSession>(client_.base_url(), runtime_.token, client_.timeouts());
  const bool sync_mode = !runtime_.token.empty();
  if (sync_mode && !runtime_.data_dir.empty()) {
    try {
      cache_ = std::make_unique<CacheStore>(path_in(runtime_.data_dir, "cache.db"));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "yeyou-kiosk: cannot open the cache: %s\n", e.what());
    }
  }
  if (sync_mode && !cache_) {
    // Without a cache file, keep one in memory for this run.
    try {
      cache_ = std::make_unique<CacheStore>(":memory:");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "yeyou-kiosk: cannot create a memory cache: %s\n", e.what());
    }
  }
  if (cache_) {
    reload_cache(clock_());  // the first snapshot comes from the cache, before any network
    mark_dirty();
  }

  auto retry = options_.retry_min;
  auto now_s = steady_clock::now();
  auto next_content = now_s, next_live = now_s, next_transport = now_s, next_heartbeat = now_s;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stop_) return;
      if (refresh_) next_content = next_live = steady_clock::now();
      refresh_ = false;
    }
    network_commands();
    if (!sync_mode || !cache_) {
      if (steady_clock::now() >= next_content) {
        fetch();
        bool ok;
        {
          std::lock_guard lock(mutex_);
          ok = sync_.last_error.empty();
        }
        if (ok) {
          retry = options_.retry_min;
          next_content = steady_clock::now() + options_.poll_interval;
        } else {
          next_content = steady_clock::now() + std::min<seconds>(retry, options_.poll_interval);
          retry = std::min<seconds>(retry * 2, options_.poll_interval);
        }
        mark_dirty();
      }
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next_content,
                       [this] { return stop_ || refresh_ || !network_commands_.empty(); });
      continue;
    }

    if (kiosk_id().empty()) {
      std::string err;
      if (auto id = fetch_kiosk_id(*http_, &err)) {
        std::lock_guard lock(mutex_);
        kiosk_id_ = *id;
      }
    }
    now_s = steady_clock::now();
    bool do_content = now_s >= next_content;
    bool do_live = now_s >= next_live && !do_content;  // a content sync brings live data too
    bool do_transport = now_s >= next_transport;
    bool do_heartbeat = now_s >= next_heartbeat;
    if (do_content || do_live || do_transport || do_heartbeat) {
      sync_cycle(do_content, do_live, do_transport, do_heartbeat);
      bool ok;
      {
        std::lock_guard lock(mutex_);
        ok = sync_.last_error.empty();
      }
      now_s = steady_clock::now();
      // Poll live data a second early so that a notice shows within live_poll_s.
      auto live_period = std::max<milliseconds>(milliseconds{1000}, live_interval_ - seconds{1});
      if (do_content) {
        if (ok) {
          retry = options_.retry_min;
          next_content = now_s + content_interval_;
        } else {
          next_content = now_s + std::min<seconds>(retry, content_interval_);
          retry = std::min<seconds>(retry * 2, content_interval_);
        }
        next_live = now_s + live_period;
      }
      if (do_live) next_live = ok ? now_s + live_period : next_content;
      if (do_transport) next_transport = now_s + (ok ? runtime_.transport_interval : seconds{15});
      if (do_heartbeat) next_heartbeat = now_s + live_interval_;
    }
    auto deadline = std::min({next_content, next_live, next_transport, next_heartbeat});
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, deadline, [this] { return stop_ || refresh_ || !network_commands_.empty(); });
  }
}

// --- sender thread -------------------------------------------------------------

void DataWorker::run_sender() {
  if (runtime_.token.empty() || runtime_.data_dir.empty()) return;
  std::unique_ptr<Outbox> outbox;
  try {
    outbox = std::make_unique<Outbox>(path_in(runtime_.data_dir, "outbox.db"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yeyou-kiosk: sender cannot open the outbox: %s\n", e.what());
    return;
  }
  HttpSession http(client_.base_url(), runtime_.token, client_.timeouts());
  OutboxSender sender(http, *outbox, std::random_device{}(), runtime_.backoff_base);
  auto stopping = [this] {
    std::lock_guard lock(mutex_);
    return stop_;
  };
  for (;;) {
    if (stopping()) return;
    OutboxSender::Step st;
    try {
      st = sender.step(200, stopping);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "yeyou-kiosk: sender: %s\n", e.what());
      st.wait = seconds{5};
      st.error = e.what();
    }
    if (st.delivered || st.dead || !st.error.empty()) {
      {
        std::lock_guard lock(mutex_);
        sender_error_ = st.error;
      }
      mark_dirty();
    }
    std::unique_lock lock(mutex_);
    if (st.idle) {
      // Nothing to send: free the server's thread, then wait for a submission.
      lock.unlock();
      http.disconnect();
      lock.lock();
      sender_wake_.wait_for(lock, seconds{30}, [this] { return stop_ || send_now_; });
      send_now_ = false;
    } else if (st.wait.count() > 0) {
      // Backing off: new submissions do not cut the wait short.
      sender_wake_.wait_for(lock, st.wait, [this] { return stop_; });
      send_now_ = false;
    }
  }
}

}  // namespace yeyou::kiosk
