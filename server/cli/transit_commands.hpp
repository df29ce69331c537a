#pragma once
// Console commands for transport and calendars:
//   import-gtfs    --db PATH FEED                     (a GTFS folder or .zip)
//   import-ics     --db PATH --venue V [--category C] FILE
//   import-parking --db PATH FILE.json               (an array of car parks with ids)
//   kiosk stops    --db PATH --kiosk ID --stops S1,S2
// `args` is everything after the command name ("stops" included for kiosk).
// Each returns the exit code: 0 done, 1 refused (the reason is printed); bad
// flags throw UsageError.
#include <string>
#include <vector>

namespace yeyou::cli {

int cmd_import_gtfs(const std::vector<std::string>& args);
int cmd_import_ics(const std::vector<std::string>& args);
int cmd_import_parking(const std::vector<std::string>& args);
int cmd_kiosk_stops(const std::vector<std::string>& args);

}  // namespace yeyou::cli
