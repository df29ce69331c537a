#pragma once
// The files of a GTFS feed, read from a folder or from a .zip archive (whose
// files may sit in one sub-folder, as some agencies publish them).
#include <memory>
#include <optional>
#include <string>

namespace yeyou::gtfs {

// No single feed file may be larger than this once uncompressed (a guard
// against zip bombs; a 1,000,000-row stop_times.txt is about 60 MB).
inline constexpr std::size_t kMaxFeedFileBytes = std::size_t{1} << 30;

class GtfsSource {
 public:
  // Opens a folder or a .zip; throws GtfsError naming the path on failure.
  static GtfsSource open(const std::string& path);
  GtfsSource(GtfsSource&&) noexcept;
  GtfsSource& operator=(GtfsSource&&) noexcept;
  ~GtfsSource();

  // The file's bytes, or nullopt when the feed has no such file. Throws
  // GtfsError when it exists but cannot be read or is too large.
  std::optional<std::string> read(const std::string& name) const;
  const std::string& path() const { return path_; }

 private:
  struct Zip;
  GtfsSource() = default;
  std::string path_;
  std::string folder_;        // for a folder feed
  std::unique_ptr<Zip> zip_;  // for a zip feed
};

}  // namespace yeyou::gtfs
