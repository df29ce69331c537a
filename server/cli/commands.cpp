#include "server/cli/commands.hpp"

#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/config_file.hpp"
#include "server/cli/account_commands.hpp"
#include "server/cli/args.hpp"
#include "server/cli/report_commands.hpp"
#include "server/cli/transit_commands.hpp"
#include "server/http/api_server.hpp"
#include "server/services/demo_seed.hpp"
#include "server/services/server_config.hpp"
#include "server/store/health_store.hpp"
#include "server/store/migrations.hpp"

namespace yeyou::cli {
namespace {

constexpr const char* kUsage = R"(usage: yeyou-server <command> [options]

commands:
  serve      --db PATH [--listen HOST:PORT] [--config FILE]   serve the HTTP/JSON API
  seed-demo  --db PATH [--assets DIR]                         load the demo data set (dates from today)
                                                              and one account per role (passwords printed once)
  migrate    --db PATH                                        create or upgrade the database schema
  user add   --db PATH --login L --role admin|bureau|venue_staff [--venues 1,2] [--name N] --password-stdin
  kiosk add  --db PATH --name NAME [--district D] [--json]    prints the kiosk's id and token
  counter add --db PATH --venue V [--json]                    prints the counter's id and token
  device revoke --db PATH --id ID                             revokes a kiosk's or counter's token
  report ingest --db PATH [--json]                            ratings, complaints and duplicates refused per kiosk
  import-gtfs --db PATH FEED                                  replace the transit feed (GTFS folder or .zip)
  import-ics --db PATH --venue V [--category C] FILE          import an iCalendar file as the venue's events
  import-parking --db PATH FILE.json                          load car parks (a JSON array, ids included)
  kiosk stops --db PATH --kiosk ID --stops S1,S2              the stops on a kiosk's departure board
)";

std::string default_assets_dir() {
  if (const char* env = std::getenv("YEYOU_ASSETS_DIR")) return env;
  if (std::filesystem::exists("assets/demo")) return "assets";
  return YEYOU_SOURCE_ASSETS_DIR;
}

services::ServerConfig load_config(const Args& a) {
  services::ServerConfig cfg;
  if (auto path = a.get("--config")) cfg = services::load_server_config(*path);
  if (auto db = a.get("--db")) cfg.db_path = *db;
  if (auto listen = a.get("--listen")) services::parse_listen(*listen, cfg);
  if (auto assets = a.get("--assets")) cfg.assets_dir = *assets;
  if (cfg.assets_dir.empty()) cfg.assets_dir = default_assets_dir();
  if (cfg.cases.calendar_file.empty()) cfg.cases.calendar_file = cfg.assets_dir + "/calendar/cn-workdays.json";
  return cfg;
}

int cmd_migrate(const Args& a) {
  store::Db db(a.require("--db"));
  int applied = store::migrate(db);
  std::cout << "schema version " << store::schema_version(db) << " (" << applied << " migrations applied)\n";
  return 0;
}

int cmd_seed_demo(const Args& a) {
  auto cfg = load_config(a);
  if (!a.get("--db")) throw UsageError("--db is required");
  store::DbPool pool(cfg.db_path);
  auto sum = services::seed_demo(pool, cfg.assets_dir + "/demo", now_utc());
  std::cout << "seeded " << cfg.db_path << ": " << sum.districts << " districts, " << sum.venues << " venues, "
            << sum.events << " events, " << sum.readings << " occupancy readings\n";
  services::ServiceHub hub(pool, cfg);
  seed_demo_accounts(hub);
  return 0;
}

// A damaged database is refused before anything writes to it or serves from
// it (PRAGMA quick_check: every page and B-tree, without the index
// cross-checks of integrity_check; seconds for a large database, once at start).
bool database_sound(const std::string& path) {
  std::vector<std::string> problems;
  try {
    store::Db db(path);
    problems = store::quick_check(db);
  } catch (const store::DbError& e) {
    if (!e.is_corrupt()) throw;
    problems.push_back(e.what());
  }
  if (problems.empty()) return true;
  std::cerr << "error: the database " << path << " is damaged; not serving it. Restore it from a backup.\n"
            << "PRAGMA quick_check found:\n";
  for (const auto& p : problems) std::cerr << "  " << p << "\n";
  return false;
}

int cmd_serve(const Args& a) {
  auto cfg = load_config(a);
  if (!database_sound(cfg.db_path)) return 1;
  // Block SIGINT/SIGTERM in every thread; one thread waits for them and stops the server.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  store::DbPool pool(cfg.db_path);
  services::ServiceHub hub(pool, cfg);
  http::ApiServer server(hub, http::http_options(cfg));
  int port = server.bind(cfg.listen_host, cfg.listen_port);
  if (port < 0) {
    std::cerr << "error: cannot listen on " << cfg.listen_host << ":" << cfg.listen_port << "\n";
    return 1;
  }
  // Housekeeping: escalate overdue cases and delete expired contact data, once a minute.
  std::mutex maintenance_mu;
  std::condition_variable maintenance_cv;
  bool stopping = false;
  std::thread maintenance([&] {
    std::unique_lock lock(maintenance_mu);
    while (!stopping) {
      try {
        int escalated = hub.cases.escalate_overdue(now_utc());
        int purged = hub.cases.purge_contacts(now_utc());
        if (escalated || purged)
          std::cerr << "maintenance: " << escalated << " cases escalated, " << purged << " contacts deleted\n";
      } catch (const std::exception& e) {
        std::cerr << "maintenance failed: " << e.what() << "\n";
      }
      maintenance_cv.wait_for(lock, std::chrono::minutes{1}, [&] { return stopping; });
    }
  });
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&set, &sig);
    std::cerr << "received signal " << sig << ", shutting down\n";
    server.stop();
  });
  std::cerr << "listening on http://" << cfg.listen_host << ":" << port << " (db " << cfg.db_path << ")"
            << std::endl;
  bool ok = server.serve();
  // If serve() returned on its own, wake the waiter so it can exit.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  {
    std::lock_guard lock(maintenance_mu);
    stopping = true;
  }
  maintenance_cv.notify_all();
  maintenance.join();
  std::cerr << "stopped\n";
  return ok ? 0 : 1;
}

}  // namespace

int run_server_cli(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  const std::string& cmd = args[0];
  try {
    if (cmd == "serve") return cmd_serve(Args(rest, {"--db", "--listen", "--config", "--assets"}));
    if (cmd == "seed-demo") return cmd_seed_demo(Args(rest, {"--db", "--config", "--assets"}));
    if (cmd == "migrate") return cmd_migrate(Args(rest, {"--db"}));
    if (cmd == "user") return cmd_user(rest);
    if (cmd == "kiosk" && !rest.empty() && rest[0] == "stops") return cmd_kiosk_stops(rest);
    if (cmd == "kiosk") return cmd_kiosk(rest);
    if (cmd == "import-gtfs") return cmd_import_gtfs(rest);
    if (cmd == "import-ics") return cmd_import_ics(rest);
    if (cmd == "import-parking") return cmd_import_parking(rest);
    if (cmd == "counter") return cmd_counter(rest);
    if (cmd == "device") return cmd_device(rest);
    if (cmd == "report") return cmd_report(rest);
    std::cerr << "unknown command '" << cmd << "'\n" << kUsage;
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const ValidationError& e) {
    std::cerr << "error: " << e.what() << "\n";
    for (const auto& [field, problem] : e.fields()) std::cerr << "  " << field << ": " << problem << "\n";
    return 1;
  } catch (const ConfigError& e) {
    std::cerr << "config error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace yeyou::cli
