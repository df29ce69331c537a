#include "server/services/burst_window.hpp"

#include <algorithm>

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
  {
    store::Stmt s(db, "SELECT coalesce(max(rowid), 0) FROM ratings");
    s.step();
    last_rowid_ = s.int64(0);
  }
  auto oldest = seconds_of(now_utc()) - window_.count() - kLoadSlackSeconds;
  store::Stmt s(db,
                "SELECT kiosk_id, subject_kind, subject_id, received_at FROM ratings WHERE rowid <= ?1 "
                "ORDER BY rowid DESC");
  s.bind(1, last_rowid_);
  while (s.step()) {
    auto t = s.int64(3);
    if (t < oldest) break;
    if (!s.is_null(0)) add(key(s.text(0), s.text(1), s.text(2)), t);
  }
  loaded_ = true;
}

void BurstWindow::batch_begun(store::Db& db) {
  pending_.clear();
  pending_rowid_ = 0;
  if (!loaded_) return load(db);
  // Ratings stored by anyone else since our last batch.
  store::Stmt s(db, "SELECT rowid, kiosk_id, subject_kind, subject_id, received_at FROM ratings WHERE rowid > ?1");
  s.bind(1, last_rowid_);
  while (s.step()) {
    last_rowid_ = std::max(last_rowid_, s.int64(0));
    if (!s.is_null(1)) add(key(s.text(1), s.text(2), s.text(3)), s.int64(4));
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
