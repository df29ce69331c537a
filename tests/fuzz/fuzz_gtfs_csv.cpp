// The GTFS CSV reader (core/gtfs_csv): the text check, the header and every
// field of every record, as the table loaders read them.
#include "core/gtfs_csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  const std::string text(fuzz::as_text(data, size));
  try {
    gtfs::CsvTable t("stops.txt", text);
    (void)t.column("stop_id");
    (void)t.column("stop_name");
    std::size_t bytes = 0;
    while (t.next()) {
      for (int col = -1; col < 8; ++col) bytes += t.field(col).size();
      (void)t.line();
    }
    if (bytes > text.size()) std::abort();  // every field is a piece of the text
  } catch (const gtfs::GtfsError&) {
  }
  return 0;
}
