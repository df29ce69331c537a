// libFuzzer target: any bytes as a GTFS CSV file, every field also tried as a
// GTFS time and date. Must return or throw GtfsError, nothing else.
#include <cstdint>
#include <string>

#include "core/gtfs_csv.hpp"
#include "core/gtfs_feed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    yeyou::gtfs::CsvTable t("fuzz.txt", text);
    int col = t.column("stop_id");
    while (t.next()) {
      for (int c = 0; c < 8; ++c) {
        yeyou::gtfs::parse_time(t.field(c));
        yeyou::gtfs::parse_date(t.field(c));
      }
      (void)t.field(col);
    }
  } catch (const yeyou::gtfs::GtfsError&) {
  }
  return 0;
}
