// docs/api.md and the route table describe the same endpoints: every route is
// documented, and every documented endpoint exists.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "server/http/route.hpp"

namespace yeyou {
namespace {

// "/venues/{id}/calendar.ics?lang=zh" → "/venues/{}/calendar.ics"
std::string normalise(std::string path) {
  path = path.substr(0, path.find('?'));
  static const std::regex param(R"(\{[^}]*\})");
  return std::regex_replace(path, param, "{}");
}

// "GET /api/v1/x/{}" for each endpoint named in a heading of docs/api.md.
// API headings are relative to /api/v1; under "## Web pages" they are absolute.
std::set<std::string> documented_routes() {
  std::ifstream in(std::string(YEYOU_SOURCE_DIR) + "/docs/api.md");
  REQUIRE(in);
  std::set<std::string> out;
  static const std::regex endpoint(R"(`(GET|POST|PUT|PATCH|DELETE) (/[^` ]*)`)");
  std::string line;
  bool web = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) web = line.rfind("## Web pages", 0) == 0;
    if (line.rfind("### ", 0) != 0) continue;
    for (std::sregex_iterator it(line.begin(), line.end(), endpoint), end; it != end; ++it)
      out.insert((*it)[1].str() + " " + (web ? "" : "/api/v1") + normalise((*it)[2].str()));
  }
  return out;
}

std::set<std::string> table_routes() {
  std::set<std::string> out;
  for (const auto& r : http::route_table())
    out.insert(std::string(http::method_name(r.method)) + " " + normalise(r.pattern));
  return out;
}

}  // namespace

TEST_CASE("every route in the table is documented in docs/api.md, and every documented route exists") {
  auto docs = documented_routes();
  auto table = table_routes();
  REQUIRE(table.size() > 50);
  std::ostringstream undocumented, missing;
  for (const auto& r : table)
    if (!docs.count(r)) undocumented << "\n  " << r;
  for (const auto& d : docs)
    if (!table.count(d)) missing << "\n  " << d;
  INFO("routes without a heading in docs/api.md:" << undocumented.str());
  INFO("documented but not in the route table:" << missing.str());
  CHECK(undocumented.str().empty());
  CHECK(missing.str().empty());
}

TEST_CASE("the route table has one entry per method and path") {
  std::set<std::string> seen;
  for (const auto& r : http::route_table()) {
    auto key = std::string(http::method_name(r.method)) + " " + r.pattern;
    CHECK_MESSAGE(seen.insert(key).second, "declared twice: " << key);
  }
}

}  // namespace yeyou
