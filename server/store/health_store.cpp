#include "server/store/health_store.hpp"

namespace yeyou::store {

std::int64_t read_health_probe(Db& db) {
  Stmt s(db, "SELECT probed_at FROM health_probe WHERE id = 1");
  return s.step() ? s.int64(0) : 0;
}

void write_health_probe(Db& db, std::int64_t now) {
  Stmt(db, "UPDATE health_probe SET probed_at = ?1, probes = probes + 1 WHERE id = 1").bind(1, now).run();
}

std::vector<std::string> quick_check(Db& db, int max_problems) {
  Stmt s(db, "PRAGMA quick_check(" + std::to_string(max_problems) + ")");
  std::vector<std::string> problems;
  while (s.step()) {
    auto line = s.text(0);
    if (line != "ok") problems.push_back(std::move(line));
  }
  return problems;
}

}  // namespace yeyou::store
