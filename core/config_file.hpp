#pragma once
// ConfigFile reads a TOML configuration with typed accessors. Every accessor
// names a dotted key and its default; finish() refuses any key nobody asked
// for. Errors carry "file:line: message".
#include <cstdint>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace yeyou {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ConfigFile {
 public:
  // Parses `path`; throws ConfigError on a syntax error or unreadable file.
  explicit ConfigFile(const std::string& path);
  // An empty configuration (every option at its default).
  ConfigFile();
  ~ConfigFile();
  ConfigFile(ConfigFile&&) noexcept;
  ConfigFile& operator=(ConfigFile&&) noexcept;

  std::string string(const std::string& key, const std::string& def);
  std::int64_t integer(const std::string& key, std::int64_t def, std::int64_t min, std::int64_t max);
  double number(const std::string& key, double def, double min, double max);
  bool boolean(const std::string& key, bool def);
  std::vector<std::string> strings(const std::string& key, const std::vector<std::string>& def);

  // Throws ConfigError naming the first key no accessor asked for.
  void finish() const;
  // Refuses a value the caller found invalid, with file:line of the key.
  [[noreturn]] void fail(const std::string& key, const std::string& message) const { fail_at(key, message); }
  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail_at(const std::string& key, const std::string& message) const;
  std::string path_;
  std::unique_ptr<toml::table> table_;
  std::set<std::string> known_;
};

}  // namespace yeyou
