#pragma once
// Helpers for the transport tests: the shared sample data, feeds written to a
// temp folder, and a minimal stored (uncompressed) .zip writer so the GTFS
// zip reader is tested against an archive libzip did not write.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace yeyou::test {

namespace fs = std::filesystem;

// The shared real-world sample data (../shared/data next to the repository):
// $YEYOU_SHARED_DATA, else ../shared/data beside the source tree, else
// /work/shared/data. Throws, failing the test, when none exists.
inline std::string shared_data(const std::string& rel) {
  std::vector<std::string> roots;
  if (const char* env = std::getenv("YEYOU_SHARED_DATA")) roots.emplace_back(env);
  roots.push_back(std::string(YEYOU_SOURCE_DIR) + "/../shared/data");
  roots.push_back("/work/shared/data");
  for (const auto& root : roots)
    if (fs::is_directory(root)) return root + "/" + rel;
  throw std::runtime_error("shared sample data not found (set YEYOU_SHARED_DATA to the shared/data folder)");
}

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

using Files = std::map<std::string, std::string>;

inline void write_files(const fs::path& dir, const Files& files) {
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name, std::ios::binary) << text;
}

inline std::uint32_t crc32(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A .zip with every file stored uncompressed, each name prefixed by `folder`.
inline void write_stored_zip(const fs::path& path, const Files& files, const std::string& folder = "") {
  std::string out, central;
  auto u16 = [](std::string& s, std::uint32_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
  };
  auto u32 = [&](std::string& s, std::uint32_t v) {
    u16(s, v & 0xFFFF);
    u16(s, v >> 16);
  };
  for (const auto& [bare, data] : files) {
    std::string name = folder + bare;
    auto offset = static_cast<std::uint32_t>(out.size());
    auto size = static_cast<std::uint32_t>(data.size());
    std::uint32_t crc = crc32(data);
    u32(out, 0x04034b50);
    u16(out, 20), u16(out, 0), u16(out, 0), u16(out, 0), u16(out, 0x21);
    u32(out, crc), u32(out, size), u32(out, size);
    u16(out, static_cast<std::uint32_t>(name.size())), u16(out, 0);
    out += name;
    out += data;
    u32(central, 0x02014b50);
    u16(central, 20), u16(central, 20), u16(central, 0), u16(central, 0), u16(central, 0), u16(central, 0x21);
    u32(central, crc), u32(central, size), u32(central, size);
    u16(central, static_cast<std::uint32_t>(name.size())), u16(central, 0), u16(central, 0), u16(central, 0),
        u16(central, 0);
    u32(central, 0), u32(central, offset);
    central += name;
  }
  auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  u32(out, 0x06054b50);
  u16(out, 0), u16(out, 0);
  u16(out, static_cast<std::uint32_t>(files.size())), u16(out, static_cast<std::uint32_t>(files.size()));
  u32(out, static_cast<std::uint32_t>(central.size())), u32(out, central_offset);
  u16(out, 0);
  std::ofstream(path, std::ios::binary) << out;
}

// The files of the good sample feed.
inline Files read_feed(const std::string& dir) {
  Files out;
  for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = slurp(e.path());
  return out;
}

// A small night-bus feed of our own (Asia/Shanghai): N1 runs on weekdays with
// trips after midnight (24:40:00, 25:20:00) and its last bus; station STN has
// two platforms.
inline Files night_feed() {
  return {
      {"agency.txt", "agency_id,agency_name,agency_url,agency_timezone\r\nNB,夜巴,https://example.invalid,Asia/Shanghai\r\n"},
      {"stops.txt",
       "\xEF\xBB\xBFstop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\r\n"
       "HARBOUR,\"Harbour, North Gate\",22.50,114.00,0,\r\n"
       "OLDTOWN,\"Old Town \"\"Lantern\"\" Street\",22.51,114.01,0,\r\n"
       "MARKET,Night Market,22.52,114.02,0,STN\r\n"
       "STN,Central Station,22.52,114.02,1,\r\n"
       "P2,Central Station Platform 2,22.52,114.02,0,STN\r\n"},
      {"routes.txt", "route_id,route_short_name,route_long_name,route_type\r\nN1,N1,Harbour – Night Market,3\r\n"
                     "R2,,Station Shuttle,3\r\n"},
      {"calendar.txt",
       "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\r\n"
       "WK,1,1,1,1,1,0,0,20260101,20261231\r\nSAT,0,0,0,0,0,1,0,20260101,20261231\r\n"},
      {"trips.txt",
       "route_id,service_id,trip_id,trip_headsign\r\n"
       "N1,WK,N1-2230,Night Market\r\nN1,WK,N1-2330,Night Market\r\nN1,WK,N1-2440,Night Market\r\n"
       "R2,SAT,R2-A,\r\n"},
      {"stop_times.txt",
       "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type\r\n"
       "N1-2230,22:30:00,22:30:00,HARBOUR,1,0\r\nN1-2230,22:50:00,22:50:00,OLDTOWN,2,0\r\n"
       "N1-2230,23:10:00,23:10:00,MARKET,3,0\r\n"
       "N1-2330,23:30:00,23:30:00,HARBOUR,1,0\r\n\r\nN1-2330,23:50:00,23:50:00,OLDTOWN,2,0\r\n"
       "N1-2330,24:10:00,24:10:00,MARKET,3,0\r\n"
       "N1-2440,24:40:00,24:40:00,HARBOUR,1,\r\nN1-2440,,,OLDTOWN,2,\r\nN1-2440,25:20:00,25:20:00,MARKET,3,\r\n"
       "R2-A,21:00:00,21:00:00,P2,1,0\r\nR2-A,21:05:00,21:05:00,MARKET,2,0\r\nR2-A,21:10:00,21:10:00,OLDTOWN,3,0\r\n"}};
}

}  // namespace yeyou::test
