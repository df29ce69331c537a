// The storage ceiling for ingest: the same rating rows inserted straight
// into SQLite (WAL, synchronous=FULL), 500 per transaction, no HTTP, no
// validation, no cases. Prints "CEILING {json}".
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/uuid.hpp"
#include "server/services/contact_vault.hpp"
#include "server/store/db_pool.hpp"
#include "server/store/rating_store.hpp"

using namespace yeyou;

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 20000;
  auto dir = std::filesystem::temp_directory_path() / ("yeyou-ceiling-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    store::DbPool pool((dir / "c.db").string(), store::Sync::full);
    services::ContactVault vault((dir / "key").string());
    auto& db = pool.get();
    Rating r;
    r.subject = {SubjectKind::venue, "1"};
    r.level = 4;
    r.reasons = {BadReason::crowding, BadReason::queueing};
    r.answers[DetailQuestion::guidance_clear] = false;
    r.comment = "排队太久，指引不清楚";
    r.contact = Contact{"李女士", "13912345678"};
    r.created_at = now_utc();
    auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < n;) {
      store::Transaction tx(db);
      for (int k = 0; k < 500 && i < n; ++k, ++i) {
        r.id = new_uuid();
        store::insert_rating(db, r, store::seal_body(vault, to_json(r)), now_utc(), "hash", std::string("kiosk-1"));
      }
      tx.commit();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("CEILING {\"rows\":%ld,\"seconds\":%.3f,\"rps\":%.1f}\n", n, secs, static_cast<double>(n) / secs);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
