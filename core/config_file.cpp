#include "core/config_file.hpp"

#include <toml++/toml.h>

namespace yeyou {
namespace {

const toml::node* lookup(const toml::table& t, const std::string& key) {
  return t.at_path(key).node();
}

void collect_leaves(const toml::table& t, const std::string& prefix,
                    std::vector<std::pair<std::string, const toml::node*>>& out) {
  for (const auto& [k, v] : t) {
    std::string full = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = v.as_table()) collect_leaves(*sub, full, out);
    else out.emplace_back(full, &v);
  }
}

}  // namespace

ConfigFile::ConfigFile() : table_(std::make_unique<toml::table>()) {}

ConfigFile::ConfigFile(const std::string& path) : path_(path) {
  try {
    table_ = std::make_unique<toml::table>(toml::parse_file(path));
  } catch (const toml::parse_error& e) {
    throw ConfigError(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
}

ConfigFile::~ConfigFile() = default;
ConfigFile::ConfigFile(ConfigFile&&) noexcept = default;
ConfigFile& ConfigFile::operator=(ConfigFile&&) noexcept = default;

void ConfigFile::fail_at(const std::string& key, const std::string& message) const {
  const toml::node* n = lookup(*table_, key);
  std::string line = n ? std::to_string(n->source().begin.line) : "?";
  throw ConfigError(path_ + ":" + line + ": " + key + " " + message);
}

std::string ConfigFile::string(const std::string& key, const std::string& def) {
  known_.insert(key);
  const toml::node* n = lookup(*table_, key);
  if (!n) return def;
  if (!n->is_string()) fail_at(key, "must be a string");
  return n->as_string()->get();
}

std::int64_t ConfigFile::integer(const std::string& key, std::int64_t def, std::int64_t min, std::int64_t max) {
  known_.insert(key);
  const toml::node* n = lookup(*table_, key);
  if (!n) return def;
  if (!n->is_integer()) fail_at(key, "must be an integer");
  std::int64_t v = n->as_integer()->get();
  if (v < min || v > max) fail_at(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v;
}

double ConfigFile::number(const std::string& key, double def, double min, double max) {
  known_.insert(key);
  const toml::node* n = lookup(*table_, key);
  if (!n) return def;
  double v = 0;
  if (n->is_floating_point()) v = n->as_floating_point()->get();
  else if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
  else fail_at(key, "must be a number");
  if (!(v >= min && v <= max)) fail_at(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v;
}

bool ConfigFile::boolean(const std::string& key, bool def) {
  known_.insert(key);
  const toml::node* n = lookup(*table_, key);
  if (!n) return def;
  if (!n->is_boolean()) fail_at(key, "must be true or false");
  return n->as_boolean()->get();
}

std::vector<std::string> ConfigFile::strings(const std::string& key, const std::vector<std::string>& def) {
  known_.insert(key);
  const toml::node* n = lookup(*table_, key);
  if (!n) return def;
  const auto* arr = n->as_array();
  if (!arr) fail_at(key, "must be an array of strings");
  std::vector<std::string> out;
  for (const auto& item : *arr) {
    if (!item.is_string()) fail_at(key, "must be an array of strings");
    out.push_back(item.as_string()->get());
  }
  return out;
}

void ConfigFile::finish() const {
  std::vector<std::pair<std::string, const toml::node*>> leaves;
  collect_leaves(*table_, "", leaves);
  for (const auto& [key, node] : leaves) {
    if (!known_.count(key))
      throw ConfigError(path_ + ":" + std::to_string(node->source().begin.line) + ": unknown option '" + key + "'");
  }
}

}  // namespace yeyou
