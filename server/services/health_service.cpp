#include "server/services/health_service.hpp"

#include "core/time.hpp"
#include "server/store/health_store.hpp"

namespace yeyou::services {
namespace {

std::string reason(const store::DbError& e) {
  if (e.is_full()) return "disk full";
  if (e.is_io_error()) return "I/O error";
  if (e.is_busy()) return "database busy";
  if (e.is_corrupt()) return "database damaged";
  return "SQLite error " + std::to_string(e.code());
}

}  // namespace

HealthService::HealthService(store::DbPool& pool, Clock::duration max_age) : pool_(pool), max_age_(max_age) {}

DbHealth HealthService::database(Clock::time_point now) {
  auto last = last_.load(std::memory_order_acquire);
  if (fresh(last, now)) return last->health;
  std::unique_lock lock(probe_mu_, std::try_to_lock);
  if (!lock.owns_lock()) {
    if (last) return last->health;  // being probed: the previous result meanwhile
    lock.lock();                    // no result yet: wait for the first probe
  }
  last = last_.load(std::memory_order_acquire);
  if (fresh(last, now)) return last->health;  // probed while this caller waited
  auto snapshot = std::make_shared<const Snapshot>(Snapshot{now, probe()});
  last_.store(snapshot, std::memory_order_release);
  return snapshot->health;
}

DbHealth HealthService::probe() {
  DbHealth h;
  std::string step = "cannot read: ";
  try {
    auto& db = pool_.get();
    store::read_health_probe(db);
    h.readable = true;
    step = "cannot write: ";
    store::Transaction tx(db);
    store::write_health_probe(db, now_utc().time_since_epoch().count());
    tx.commit();
    h.writable = true;
    h.detail = "ok";
  } catch (const store::DbError& e) {
    h.detail = step + reason(e);
  } catch (const std::exception& e) {
    h.detail = step + e.what();
  }
  return h;
}

}  // namespace yeyou::services
