#include "core/gtfs_source.hpp"

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "core/gtfs_csv.hpp"

namespace yeyou::gtfs {

namespace fs = std::filesystem;

struct GtfsSource::Zip {
  zip_t* archive = nullptr;
  std::string prefix;  // "" or "folder/" holding agency.txt
  ~Zip() {
    if (archive) zip_discard(archive);
  }
};

GtfsSource::GtfsSource(GtfsSource&&) noexcept = default;
GtfsSource& GtfsSource::operator=(GtfsSource&&) noexcept = default;
GtfsSource::~GtfsSource() = default;

namespace {

std::string zip_problem(int code) {
  zip_error_t err;
  zip_error_init_with_code(&err, code);
  std::string msg = zip_error_strerror(&err);
  zip_error_fini(&err);
  return msg;
}

// The folder inside the archive that holds agency.txt ("" for the root).
std::string find_prefix(zip_t* z) {
  if (zip_name_locate(z, "agency.txt", 0) >= 0) return "";
  zip_int64_t n = zip_get_num_entries(z, 0);
  std::string found;
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    if (!name) continue;
    std::string s = name;
    const std::string tail = "/agency.txt";
    if (s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0 &&
        s.find('/') == s.size() - tail.size()) {
      if (!found.empty()) return "";  // ambiguous: two feeds in one archive
      found = s.substr(0, s.size() - tail.size() + 1);
    }
  }
  return found;
}

}  // namespace

GtfsSource GtfsSource::open(const std::string& path) {
  GtfsSource src;
  src.path_ = path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    src.folder_ = path;
    return src;
  }
  if (!fs::is_regular_file(path, ec)) throw GtfsError(path, 0, "no such folder or .zip file");
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!z) throw GtfsError(path, 0, "not a readable .zip archive (" + zip_problem(code) + ")");
  src.zip_ = std::make_unique<Zip>();
  src.zip_->archive = z;
  src.zip_->prefix = find_prefix(z);
  return src;
}

std::optional<std::string> GtfsSource::read(const std::string& name) const {
  if (!zip_) {
    fs::path p = fs::path(folder_) / name;
    std::error_code ec;
    if (!fs::exists(p, ec)) return std::nullopt;
    auto size = fs::file_size(p, ec);
    if (ec) throw GtfsError(name, 0, "cannot be read: " + ec.message());
    if (size > kMaxFeedFileBytes) throw GtfsError(name, 0, "is larger than the 1 GiB limit");
    std::ifstream in(p, std::ios::binary);
    std::string data(size, '\0');
    if (!in.read(data.data(), static_cast<std::streamsize>(size))) throw GtfsError(name, 0, "cannot be read");
    return data;
  }
  zip_t* z = zip_->archive;
  zip_int64_t index = zip_name_locate(z, (zip_->prefix + name).c_str(), 0);
  if (index < 0) return std::nullopt;
  auto i = static_cast<zip_uint64_t>(index);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    throw GtfsError(name, 0, "cannot be read from the archive");
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    throw GtfsError(name, 0, "is encrypted in the archive");
  if (st.size > kMaxFeedFileBytes) throw GtfsError(name, 0, "is larger than the 1 GiB limit");
  zip_file_t* f = zip_fopen_index(z, i, 0);
  if (!f) throw GtfsError(name, 0, std::string("cannot be opened in the archive: ") + zip_strerror(z));
  // The size in the header is a claim: memory grows with the bytes that
  // really come out (a 200-byte archive may claim 1 GiB), and a file longer
  // or shorter than its claim is damaged, never silently truncated.
  std::string data;
  std::vector<char> chunk(std::size_t{1} << 16);
  zip_int64_t got = 0;
  while ((got = zip_fread(f, chunk.data(), chunk.size())) > 0) {
    if (data.size() + static_cast<std::size_t>(got) > st.size) break;
    data.append(chunk.data(), static_cast<std::size_t>(got));
  }
  zip_fclose(f);
  if (got != 0 || data.size() != st.size) throw GtfsError(name, 0, "is damaged in the archive");
  return data;
}

}  // namespace yeyou::gtfs
