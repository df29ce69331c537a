#pragma once
// The ratings each kiosk sent per subject within the burst window, kept in
// memory on the writer thread so the burst rule (feedback_intake.hpp) costs no
// query and no index per rating. It stays exact: on its first batch it loads
// the window's stored ratings, every batch first adds ratings stored since by
// anyone else (rows are never deleted and their rowids only grow), and this
// batch's ratings count as soon as they are stored and are kept only if the
// batch commits.
#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/feedback.hpp"
#include "server/store/group_commit.hpp"

namespace yeyou::services {

class BurstWindow : public store::BatchObserver {
 public:
  explicit BurstWindow(std::chrono::seconds window) : window_(window) {}

  // The kiosk's ratings of the subject received after `since`, counting stops at `limit`.
  int count_since(const std::string& kiosk_id, const Subject& s, Timestamp since, int limit) const;
  // A rating stored in the current batch (its ratings rowid).
  void stored(const std::string& kiosk_id, const Subject& s, Timestamp received_at, std::int64_t rowid);

  void batch_begun(store::Db& db) override;
  void batch_ended(bool committed) override;

 private:
  using Times = std::vector<std::int64_t>;  // received_at (Unix seconds), ascending
  static std::string key(const std::string& kiosk_id, std::string_view kind, const std::string& subject_id);
  void add(const std::string& key, std::int64_t t);
  void load(store::Db& db);

  std::chrono::seconds window_;
  std::unordered_map<std::string, Times> times_;
  struct Pending {
    std::string key;
    std::int64_t t;
  };
  std::vector<Pending> pending_;
  bool loaded_ = false;
  std::int64_t last_rowid_ = 0;     // every rating up to here is counted
  std::int64_t pending_rowid_ = 0;  // the highest rowid this batch stored
  std::int64_t newest_ = 0;         // the latest received_at seen
  std::size_t adds_ = 0;
};

}  // namespace yeyou::services
