#include "server/cli/args.hpp"

namespace yeyou::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
           const std::set<std::string>& switches) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0) {
      positional_.push_back(a);
      continue;
    }
    std::string flag = a, value;
    bool inline_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      flag = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    if (with_value.count(flag)) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) throw UsageError(flag + " needs a value");
        value = argv[++i];
      }
      values_[flag] = value;
    } else if (switches.count(flag) && !inline_value) {
      switches_.insert(flag);
    } else {
      throw UsageError("unknown option " + flag);
    }
  }
}

std::optional<std::string> Args::get(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::require(const std::string& flag) const {
  auto v = get(flag);
  if (!v || v->empty()) throw UsageError(flag + " is required");
  return *v;
}

}  // namespace yeyou::cli
