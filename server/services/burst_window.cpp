#include "server/services/burst_window.hpp"

#include <algorithm>

#include "server/store/rating_store.hpp"

namespace yeyou::services {
namespace {

std::int64_t seconds_of(Timestamp t) { return t.time_since_epoch().count(); }

// Entries older than the window by this much can no longer count (a handler's
// clock reading is at most moments older than the newest one stored).
constexpr std::int64_t kSlackSeconds = 60;
// How far back the first load reads beyond the window.
constexpr std::int64_t kLoadSlackSeconds = kSlackSeconds;

}  // namespace

std::string BurstWindow::key(const std::string& kiosk_id, std::string_view kind, const std::string& subject_id) {
  std::string k = kiosk_id;
  k.push_back('\x1f');
  k.append(kind);
  k.push_back('\x1f');
  k.append(subject_id);
  return k;
}

int BurstWindow::count_since(const std::string& kiosk_id, const Subject& s, Timestamp since, int limit) const {
  auto k = key(kiosk_id, name_of(s.kind), s.id);
  auto cut = seconds_of(since);
  std::ptrdiff_t n = 0;
  if (auto it = times_.find(k); it != times_.end())
    n = it->second.end() - std::upper_bound(it->second.begin(), it->second.end(), cut);
  for (const auto& p : pending_)
    if (p.t > cut && p.key == k) ++n;
  return static_cast<int>(std::min<std::ptrdiff_t>(n, limit));
}

void BurstWindow::stored(const std::string& kiosk_id, const Subject& s, Timestamp received_at, std::int64_t rowid) {
  pending_.push_back({key(kiosk_id, name_of(s.kind), s.id), seconds_of(received_at)});
  pending_rowid_ = std::max(pending_rowid_, rowid);
}

void BurstWindow::add(const std::string& k, std::int64_t t) {
  newest_ = std::max(newest_, t);
  auto cut = newest_ - window_.count() - kSlackSeconds;
  auto& v = times_[k];
  v.insert(std::upper_bound(v.begin(), v.end(), t), t);
  v.erase(v.begin(), std::upper_bound(v.begin(), v.end(), cut));
  if (++adds_ % 65536 == 0)
    std::erase_if(times_, [&](const auto& kv) { return kv.second.empty() || kv.second.back() <= cut; });
}

void BurstWindow::load(store::Db& db) {
  last_rowid_ = store::last_rating_seq(db);
  auto oldest = seconds_of(now_utc()) - window_.count() - kLoadSlackSeconds;
  store::visit_ratings_newest_first(db, last_rowid_, [&](const store::RatingArrival& a) {
    auto t = seconds_of(a.received_at);
    if (t < oldest) return false;
    if (a.kiosk_id) add(key(*a.kiosk_id, a.subject_kind, a.subject_id), t);
    return true;
  });
  loaded_ = true;
}

void BurstWindow::batch_begun(store::Db& db) {
  pending_.clear();
  pending_rowid_ = 0;
  if (!loaded_) return load(db);
  // Ratings stored by anyone else since our last batch.
  for (const auto& a : store::ratings_after(db, last_rowid_)) {
    last_rowid_ = std::max(last_rowid_, a.seq);
    if (a.kiosk_id) add(key(*a.kiosk_id, a.subject_kind, a.subject_id), seconds_of(a.received_at));
  }
}

void BurstWindow::batch_ended(bool committed) {
  if (committed) {
    for (const auto& p : pending_) add(p.key, p.t);
    last_rowid_ = std::max(last_rowid_, pending_rowid_);
  }
  pending_.clear();
  pending_rowid_ = 0;
}

}  // namespace yeyou::services
