#pragma once
// UI strings: flat key -> text maps loaded from assets/lang/{zh,en,ko}.json.
// A key missing in a language falls back to Chinese and is logged once; a
// key missing everywhere shows the key itself (also logged once).
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "core/localized_text.hpp"

namespace yeyou::kiosk {

class Strings {
 public:
  // Loads all three files from `dir`; throws std::runtime_error naming the
  // file if one is missing or is not a flat object of strings.
  static Strings load(const std::string& dir);
  Strings() = default;
  Strings(const Strings&) = delete;
  Strings& operator=(const Strings&) = delete;
  Strings(Strings&& o) noexcept { *this = std::move(o); }
  Strings& operator=(Strings&& o) noexcept {
    for (std::size_t i = 0; i < 3; ++i) table_[i] = std::move(o.table_[i]);
    return *this;
  }

  const std::string& get(Lang lang, const std::string& key) const;
  // get() with "{name}" placeholders replaced, e.g. format(l, "time.range", {{"start","19:30"},...}).
  std::string format(Lang lang, const std::string& key, const std::map<std::string, std::string>& args) const;

  // Every string of every language, concatenated (for the glyph atlas).
  std::string all_text() const;
  const std::map<std::string, std::string>& table(Lang lang) const;

  void set(Lang lang, const std::string& key, std::string text);  // for tests

 private:
  std::map<std::string, std::string> table_[3];
  mutable std::mutex log_mutex_;
  mutable std::set<std::string> logged_;
  mutable std::map<std::string, std::string> missing_;
};

// Replaces each "{name}" in `pattern` with args[name]; unknown names stay as they are.
std::string substitute(const std::string& pattern, const std::map<std::string, std::string>& args);

}  // namespace yeyou::kiosk
