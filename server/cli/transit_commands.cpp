#include "server/cli/transit_commands.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/gtfs_csv.hpp"
#include "core/ical_parser.hpp"
#include "server/cli/args.hpp"
#include "server/http/decoders.hpp"
#include "server/services/gtfs_import_service.hpp"
#include "server/services/ics_import_service.hpp"
#include "server/services/parking_service.hpp"
#include "server/services/transit_service.hpp"

namespace yeyou::cli {

namespace {

constexpr std::size_t kMaxCliFileBytes = 64u << 20;

std::string one_positional(const Args& a, const char* what) {
  if (a.positional().size() != 1) throw UsageError(std::string("give exactly one ") + what);
  return a.positional().front();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  if (out.str().size() > kMaxCliFileBytes) throw std::runtime_error(path + " is larger than 64 MiB");
  return out.str();
}

std::string date_text(int yyyymmdd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
  return buf;
}

void print_warnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::cout << "warning: " << w << "\n";
}

}  // namespace

int cmd_import_gtfs(const std::vector<std::string>& args) {
  Args a(args, {"--db"});
  std::string feed = one_positional(a, "GTFS folder or .zip");
  store::DbPool pool(a.require("--db"));
  services::GtfsImportService importer(pool);
  try {
    auto s = importer.import(feed, now_utc());
    print_warnings(s.warnings);
    std::printf("imported %s (%s): %zu stops, %zu routes, %zu trips, %zu stop_times, %zu frequencies -> %zu "
                "departures, service %s..%s (read %.2f s, write %.2f s)\n",
                s.agency_name.c_str(), s.timezone.c_str(), s.stops, s.routes, s.trips, s.stop_times, s.frequencies,
                s.departures, date_text(s.first_date).c_str(), date_text(s.last_date).c_str(), s.read_seconds,
                s.write_seconds);
    return 0;
  } catch (const gtfs::GtfsError& e) {
    std::cerr << "error: feed refused, the previous feed stays: " << e.what() << "\n";
    return 1;
  }
}

int cmd_import_ics(const std::vector<std::string>& args) {
  Args a(args, {"--db", "--venue", "--category"});
  std::string file = one_positional(a, "iCalendar file");
  std::string venue_text = a.require("--venue");
  if (venue_text.empty() || venue_text.size() > 9 || venue_text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError("--venue must be a venue id");
  auto category = EventCategory::performance;
  if (auto c = a.get("--category")) {
    auto parsed = enum_from<EventCategory>(*c);
    if (!parsed) throw UsageError("--category must be one of: " + enum_choices<EventCategory>());
    category = *parsed;
  }
  std::string text = read_file(file);
  store::DbPool pool(a.require("--db"));
  services::IcsImportService importer(pool);
  try {
    auto s = importer.import_as_operator(std::stoll(venue_text), text, now_utc(), category);
    print_warnings(s.warnings);
    std::printf("imported %zu VEVENTs as %zu events into venue %s: %zu created, %zu updated, %zu unchanged, "
                "%zu withdrawn (cancelled)\n",
                s.vevents, s.occurrences, venue_text.c_str(), s.created, s.updated, s.unchanged, s.withdrawn);
    return 0;
  } catch (const ical::IcalError& e) {
    std::cerr << "error: " << file << " refused, nothing was imported:\n";
    for (const auto& p : e.problems()) std::cerr << "  " << file << ":" << p.line << ": " << p.message << "\n";
    return 1;
  }
}

int cmd_import_parking(const std::vector<std::string>& args) {
  Args a(args, {"--db"});
  std::string file = one_positional(a, "JSON file");
  Json body;
  try {
    body = Json::parse(read_file(file));
  } catch (const Json::parse_error& e) {
    std::cerr << "error: " << file << " is not JSON: " << e.what() << "\n";
    return 1;
  }
  store::DbPool pool(a.require("--db"));
  services::ParkingService parking(pool);
  try {
    std::size_t loaded = parking.load(http::decode_car_parks(body), now_utc());
    std::cout << "loaded " << loaded << " car parks\n";
    return 0;
  } catch (const ValidationError& e) {
    std::cerr << "error: " << file << " refused, nothing was loaded:\n";
    for (const auto& [field, problem] : e.fields()) std::cerr << "  " << field << ": " << problem << "\n";
    return 1;
  }
}

int cmd_kiosk_stops(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "stops") throw UsageError("usage: yeyou-server kiosk stops --db PATH --kiosk ID --stops S1,S2");
  Args a({args.begin() + 1, args.end()}, {"--db", "--kiosk", "--stops"});
  std::vector<std::string> stops;
  std::stringstream list(a.require("--stops"));
  for (std::string item; std::getline(list, item, ',');)
    if (!item.empty()) stops.push_back(item);
  store::DbPool pool(a.require("--db"));
  services::TransitService transit(pool);
  try {
    auto unknown = transit.set_kiosk_stops(a.require("--kiosk"), stops);
    for (const auto& s : unknown) std::cout << "warning: stop " << s << " is not in the current transit feed\n";
    std::cout << "kiosk " << a.require("--kiosk") << " shows " << stops.size() << " stops\n";
    return 0;
  } catch (const ValidationError& e) {
    for (const auto& [field, problem] : e.fields()) std::cerr << "error: " << field << ": " << problem << "\n";
    return 1;
  }
}

}  // namespace yeyou::cli
