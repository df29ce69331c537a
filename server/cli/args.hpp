#pragma once
// Minimal "--flag value" / "--switch" parser for the server's subcommands.
// Unknown flags are refused so typos never pass silently.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace yeyou::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // `with_value` lists flags that take a value, `switches` those that do not.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
       const std::set<std::string>& switches = {});
  std::optional<std::string> get(const std::string& flag) const;
  std::string require(const std::string& flag) const;
  bool has(const std::string& flag) const { return switches_.count(flag) > 0; }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> switches_;
  std::vector<std::string> positional_;
};

}  // namespace yeyou::cli
