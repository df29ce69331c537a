#include "kiosk/ui/strings.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace yeyou::kiosk {
namespace {

std::size_t index(Lang l) { return static_cast<std::size_t>(l); }

std::map<std::string, std::string> load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open language file");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw std::runtime_error(path + ": not valid JSON");
  if (!j.is_object()) throw std::runtime_error(path + ": must be a JSON object of key -> string");
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) throw std::runtime_error(path + ": value of \"" + k + "\" must be a string");
    out[k] = v.get<std::string>();
  }
  return out;
}

}  // namespace

Strings Strings::load(const std::string& dir) {
  Strings s;
  for (Lang l : {Lang::zh, Lang::en, Lang::ko})
    s.table_[index(l)] = load_file(dir + "/" + std::string(lang_code(l)) + ".json");
  return s;
}

const std::map<std::string, std::string>& Strings::table(Lang lang) const { return table_[index(lang)]; }

void Strings::set(Lang lang, const std::string& key, std::string text) { table_[index(lang)][key] = std::move(text); }

const std::string& Strings::get(Lang lang, const std::string& key) const {
  const auto& t = table_[index(lang)];
  if (auto it = t.find(key); it != t.end()) return it->second;
  const auto& zh = table_[index(Lang::zh)];
  auto it = zh.find(key);
  std::string tag = std::string(lang_code(lang)) + ":" + key;
  {
    std::lock_guard lock(log_mutex_);
    if (logged_.insert(tag).second)
      std::fprintf(stderr, "yeyou-kiosk: missing UI string '%s' in %s%s\n", key.c_str(),
                   std::string(lang_code(lang)).c_str(), it != zh.end() ? ", using zh" : " and zh");
  }
  if (it != zh.end()) return it->second;
  // Show the key itself so the gap is visible (std::map references are stable).
  std::lock_guard lock(log_mutex_);
  return missing_.emplace(key, key).first->second;
}

std::string Strings::format(Lang lang, const std::string& key, const std::map<std::string, std::string>& args) const {
  return substitute(get(lang, key), args);
}

std::string Strings::all_text() const {
  std::string out;
  for (const auto& t : table_)
    for (const auto& [k, v] : t) {
      out += v;
      out += '\n';
    }
  return out;
}

std::string substitute(const std::string& pattern, const std::map<std::string, std::string>& args) {
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      if (close != std::string::npos) {
        auto it = args.find(pattern.substr(i + 1, close - i - 1));
        if (it != args.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace yeyou::kiosk

