#include "server/cli/report_commands.hpp"

#include <filesystem>
#include <iomanip>
#include <iostream>

#include "core/json_reader.hpp"
#include "server/cli/args.hpp"
#include "server/services/ingest_report.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::cli {

int cmd_report(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "ingest") throw UsageError("usage: yeyou-server report ingest --db PATH [--json]");
  Args a({args.begin() + 1, args.end()}, {"--db"}, {"--json"});
  std::string path = a.require("--db");
  if (!std::filesystem::exists(path)) {
    std::cerr << "error: no database at " << path << "\n";
    return 1;
  }
  store::DbPool pool(path);  // migrates an older database so the report's tables exist
  auto rows = services::ingest_report(pool.get());
  if (a.has("--json")) {
    Json kiosks = Json::array();
    for (const auto& r : rows)
      kiosks.push_back(Json{{"kiosk_id", r.kiosk_id},
                            {"ratings", r.ratings},
                            {"complaints", r.complaints},
                            {"duplicates_refused", r.duplicates_refused}});
    std::cout << Json{{"kiosks", kiosks}}.dump() << "\n";
    return 0;
  }
  std::cout << std::left << std::setw(20) << "kiosk" << std::right << std::setw(10) << "ratings" << std::setw(12)
            << "complaints" << std::setw(12) << "duplicates" << "\n";
  for (const auto& k : rows)
    std::cout << std::left << std::setw(20) << k.kiosk_id << std::right << std::setw(10) << k.ratings << std::setw(12)
              << k.complaints << std::setw(12) << k.duplicates_refused << "\n";
  return 0;
}

}  // namespace yeyou::cli
