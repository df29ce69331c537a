// A GTFS feed as a .zip archive, as `yeyou-server import-gtfs FILE.zip` reads
// it: libzip opens the archive (core/gtfs_source), then every table is read
// and checked (core/gtfs_feed).
#include "core/gtfs_csv.hpp"
#include "core/gtfs_feed.hpp"
#include "core/gtfs_source.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  std::string path = fuzz::scratch_file("feed.zip", fuzz::as_text(data, size));
  try {
    auto source = gtfs::GtfsSource::open(path);
    (void)gtfs::load_feed(source);
  } catch (const gtfs::GtfsError&) {
  }
  return 0;
}
