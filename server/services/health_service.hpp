#pragma once
// Whether the database can read and write, for /health. Writability is
// probed with a real write (one row rewritten in a BEGIN IMMEDIATE
// transaction), so a full disk or a failing device shows. Probes run at most
// once per `max_age`; between them every caller gets the last result from an
// atomic snapshot (no lock), and while one caller probes the others are not
// held up.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct DbHealth {
  bool readable = false;
  bool writable = false;
  std::string detail;  // "ok", or what failed, e.g. "cannot write: disk full"
  bool ok() const { return readable && writable; }
};

class HealthService {
 public:
  using Clock = std::chrono::steady_clock;
  explicit HealthService(store::DbPool& pool, Clock::duration max_age = std::chrono::seconds{1});

  // The database's health as probed at most `max_age` before `now` (the
  // first call, and a call finding the last result too old, probe; while one
  // caller probes, others get the previous result).
  DbHealth database(Clock::time_point now = Clock::now());

 private:
  struct Snapshot {
    Clock::time_point probed_at;
    DbHealth health;
  };
  DbHealth probe();
  bool fresh(const std::shared_ptr<const Snapshot>& s, Clock::time_point now) const {
    return s && now - s->probed_at < max_age_;
  }

  store::DbPool& pool_;
  Clock::duration max_age_;
  std::mutex probe_mu_;  // one probe at a time
  std::atomic<std::shared_ptr<const Snapshot>> last_;
};

}  // namespace yeyou::services
