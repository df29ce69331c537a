// All SQL lives in server/store/: services call store functions with typed
// structs, so another database engine needs only a new store. This reads the
// service sources and fails on SQL in their string literals or on statement
// and SQLite handles in their code.
// Likewise the wire format lives in server/http/: services take and return
// typed structs, so no service header names a JSON type.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Split {
  std::vector<std::string> literals;  // the text of each string literal
  std::string code;                   // everything outside comments and literals
};

// A small C++ lexer: enough to tell comments, string, raw string and
// character literals from code.
Split split_source(const std::string& src) {
  Split out;
  std::size_t i = 0, n = src.size();
  while (i < n) {
    char c = src[i];
    if (c == '/' && i + 1 < n && src[i + 1] == '/') {
      i = src.find('\n', i);
      if (i == std::string::npos) i = n;
    } else if (c == '/' && i + 1 < n && src[i + 1] == '*') {
      auto end = src.find("*/", i + 2);
      i = end == std::string::npos ? n : end + 2;
    } else if (c == 'R' && i + 1 < n && src[i + 1] == '"' &&
               (i == 0 || !(std::isalnum(static_cast<unsigned char>(src[i - 1])) || src[i - 1] == '_'))) {
      auto open = src.find('(', i + 2);
      if (open == std::string::npos) break;
      std::string close(1, ')');
      close.append(src, i + 2, open - i - 2).push_back('"');
      auto end = src.find(close, open + 1);
      if (end == std::string::npos) end = n;
      out.literals.push_back(src.substr(open + 1, end - open - 1));
      i = end == n ? n : end + close.size();
    } else if (c == '\'' && i > 0 && std::isdigit(static_cast<unsigned char>(src[i - 1]))) {
      out.code += c;  // a digit separator
      ++i;
    } else if (c == '"' || c == '\'') {
      std::string text;
      ++i;
      while (i < n && src[i] != c) {
        if (src[i] == '\\' && i + 1 < n) text += src[i++];
        text += src[i++];
      }
      ++i;
      if (c == '"') out.literals.push_back(text);
    } else {
      out.code += c;
      ++i;
    }
  }
  return out;
}

// SQL statements and the database handles that run them, found in one source.
std::vector<std::string> sql_in(const std::string& src) {
  static const std::regex keyword(
      R"(\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|UPSERT|WITH|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|CREATE|DROP|ALTER|VACUUM|ATTACH)\b)");
  static const std::regex handle(
      R"(\bStmt\b|sqlite|\b(db|conn|connection)\s*(\.|->)\s*(exec|prepare|query|changes|last_insert_id)\s*\()");
  std::vector<std::string> found;
  auto split = split_source(src);
  for (const auto& lit : split.literals)
    if (std::regex_search(lit, keyword)) found.push_back("SQL in \"" + lit + "\"");
  std::smatch m;
  for (auto it = split.code.cbegin(); std::regex_search(it, split.code.cend(), m, handle); it = m.suffix().first)
    found.push_back("database handle in code: " + m.str());
  return found;
}

// JSON types named in a source's code (not in its comments or literals).
std::vector<std::string> json_in(const std::string& src) {
  static const std::regex json(R"(\b(Json|nlohmann|FieldReader)\b)");
  std::vector<std::string> found;
  auto code = split_source(src).code;
  std::smatch m;
  for (auto it = code.cbegin(); std::regex_search(it, code.cend(), m, json); it = m.suffix().first) {
    auto line_start = code.rfind('\n', static_cast<std::size_t>(m.position(0) + (it - code.cbegin())));
    auto line_end = code.find('\n', static_cast<std::size_t>(m.position(0) + (it - code.cbegin())));
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    found.push_back(code.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start));
  }
  return found;
}

std::vector<std::filesystem::path> service_sources(const std::string& extension) {
  auto dir = std::filesystem::path(YEYOU_SOURCE_DIR) / "server" / "services";
  REQUIRE(std::filesystem::is_directory(dir));
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (extension.empty() ? entry.path().extension() == ".cpp" || entry.path().extension() == ".hpp"
                          : entry.path().extension() == extension)
      out.push_back(entry.path());
  return out;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("the SQL check finds statements and database handles in a service source") {
  CHECK(sql_in("store::Stmt s(db, \"SELECT 1 FROM districts WHERE id = ?1\");").size() == 2);
  CHECK(sql_in("auto q = std::string(\"UPDATE \") + table + \" SET x = 1\";").size() == 1);
  CHECK(sql_in("const char* q = R\"sql(\n  insert into t VALUES(1);\n  DELETE FROM t)sql\";").size() == 1);
  CHECK(sql_in("db.exec(kBegin);").size() == 1);
  CHECK(sql_in("n += db.changes();").size() == 1);
  CHECK(sql_in("auto id = db.last_insert_id();").size() == 1);
  CHECK(sql_in("sqlite3_step(s);").size() == 1);
  // Words in comments, identifiers and ordinary text are not SQL.
  CHECK(sql_in("// SELECT the venue; db.exec() is for stores\n/* UPDATE */ int selected = 0;").empty());
  CHECK(sql_in("throw NotFound(\"no venue with this id\"); char q = '\"'; auto s = \"begin\";").empty());
  CHECK(sql_in("int n = 10'000; auto s = \"no SELECT here\";").size() == 1);
  CHECK(sql_in("auto draft = intake_.prepare(c, now);").empty());
  CHECK(sql_in("store::Transaction tx(db); store::exclude_rating(db, id); tx.commit();").empty());
}

TEST_CASE("server services contain no SQL: every statement lives in server/store") {
  auto files = service_sources("");
  for (const auto& path : files)
    for (const auto& problem : sql_in(read(path))) FAIL_CHECK((path.filename().string() + ": " + problem));
  CHECK(files.size() > 10);
}

TEST_CASE("the JSON check finds JSON types in declarations, not in comments or text") {
  CHECK(json_in("  Json breakdown(const StatsQuery& q, const std::string& group_by);").size() == 1);
  CHECK(json_in("  RatingReceipt submit(const Json& body, const std::string& kiosk_id, Timestamp now);").size() == 1);
  CHECK(json_in("  nlohmann::json subject_name;").size() == 1);
  CHECK(json_in("void read(FieldReader& r);").size() == 1);
  CHECK(json_in("// decoded from Json by the HTTP layer\nauto s = \"Json\"; int JsonLike = 0;").empty());
  CHECK(json_in("  Breakdown breakdown(const StatsQuery& q, const std::string& group_by);").empty());
}

// Bodies are decoded and answers encoded in server/http/; the JSON services
// still make (canonical rating text, audit snapshots) stays in their .cpp files.
TEST_CASE("server service headers take and return typed structs, never JSON") {
  auto headers = service_sources(".hpp");
  for (const auto& path : headers)
    for (const auto& line : json_in(read(path))) FAIL_CHECK((path.filename().string() + ": " + line));
  CHECK(headers.size() > 10);
}
