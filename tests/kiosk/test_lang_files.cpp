// assets/lang/{zh,en,ko}.json: the same keys in every language, no empty
// strings, the same {placeholders}, and every key the UI code uses exists.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <doctest/doctest.h>

#include "core/case_workflow.hpp"
#include "core/feedback.hpp"
#include "core/venue.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/strings.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

namespace {

const std::string kLangDir = std::string(YEYOU_SOURCE_DIR) + "/assets/lang";
constexpr Lang kLangs[] = {Lang::zh, Lang::en, Lang::ko};

std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  static const std::regex re(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1].str());
  return out;
}

// Keys the UI composes at run time from enums and numbers.
std::set<std::string> composed_keys() {
  std::set<std::string> keys{"lang.zh", "lang.en", "lang.ko"};
  for (auto n : EnumNames<CrowdLevel>::names) keys.insert(crowd_key(*enum_from<CrowdLevel>(n)));
  for (auto n : EnumNames<EventStatus>::names) keys.insert(status_key(*enum_from<EventStatus>(n)));
  for (auto n : EnumNames<EventCategory>::names) keys.insert(category_key(*enum_from<EventCategory>(n)));
  for (int d = 1; d <= 7; ++d) keys.insert("weekday." + std::to_string(d));
  for (int m = 1; m <= 12; ++m) keys.insert("month." + std::to_string(m));
  // Screens compose these from enums and numbers, too.
  for (int level = 1; level <= 5; ++level) {
    keys.insert("rate.level." + std::to_string(level));
    keys.insert("rate.level_alt." + std::to_string(level));
  }
  for (int i = 1; i <= 8; ++i) keys.insert("phrase." + std::to_string(i));
  for (auto n : EnumNames<BadReason>::names) keys.insert("reason." + std::string(n));
  for (auto n : EnumNames<DetailQuestion>::names) keys.insert("question." + std::string(n));
  for (auto n : EnumNames<ComplaintCategory>::names) keys.insert("complaint_category." + std::string(n));
  for (auto n : EnumNames<VenueCategory>::names) keys.insert("venue_category." + std::string(n));
  for (auto n : EnumNames<CaseState>::names) keys.insert("case_state." + std::string(n));
  for (const char* s : {"transport", "parking", "info_desk", "security"}) keys.insert(std::string("service.") + s);
  for (const char* k : {"nav.home", "nav.tonight", "nav.venues", "nav.transport", "nav.rate", "nav.complaint",
                        "nav.status", "a11y.large_text", "a11y.high_contrast"})
    keys.insert(k);
  for (const char* s : {"home", "tonight", "event", "venues", "venue", "transport", "rate", "rate_thanks", "complaint",
                        "complaint_done", "status", "staff"})
    keys.insert(std::string("screen.") + s);
  return keys;
}

// String literals in kiosk/ui that look like lang-file keys: with a known
// prefix, or passed to ctx.t(...) / ctx.f(...) (widget ids are not keys).
std::set<std::string> literal_keys() {
  std::set<std::string> keys;
  static const std::regex re(
      R"re("((?:app|screen|sync|tonight|event|time|price|status|crowd|category|date)\.[a-z0-9_]+)")re");
  static const std::regex call(R"re(\b[tf]\("([a-z_]+\.[a-z0-9_]+)")re");
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(YEYOU_SOURCE_DIR) + "/kiosk/ui")) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const std::regex* r : {&re, &call})
      for (auto it = std::sregex_iterator(text.begin(), text.end(), *r); it != std::sregex_iterator(); ++it)
        keys.insert((*it)[1].str());
  }
  return keys;
}

}  // namespace

TEST_CASE("every key is present in every language, non-empty, with the same placeholders") {
  Strings s = Strings::load(kLangDir);
  std::set<std::string> all;
  for (Lang l : kLangs)
    for (const auto& [k, v] : s.table(l)) all.insert(k);
  REQUIRE(all.size() > 40);
  for (const auto& key : all) {
    for (Lang l : kLangs) {
      const auto& t = s.table(l);
      auto it = t.find(key);
      CHECK_MESSAGE(it != t.end(), "key '" << key << "' missing in " << lang_code(l) << ".json");
      if (it == t.end()) continue;
      CHECK_MESSAGE(!it->second.empty(), "key '" << key << "' is empty in " << lang_code(l) << ".json");
      if (key == "date.format") {
        // Each language picks its own parts of the date.
        static const std::set<std::string> parts{"year", "month", "day", "month_name", "weekday"};
        for (const auto& p : placeholders(it->second))
          CHECK_MESSAGE(parts.count(p) == 1, "date.format in " << lang_code(l) << ".json uses unknown {" << p << "}");
        continue;
      }
      auto zh = s.table(Lang::zh).find(key);
      if (zh != s.table(Lang::zh).end())
        CHECK_MESSAGE(placeholders(it->second) == placeholders(zh->second),
                      "placeholders of '" << key << "' differ in " << lang_code(l) << ".json");
    }
  }
}

TEST_CASE("every key the UI uses exists in the language files") {
  Strings s = Strings::load(kLangDir);
  std::set<std::string> used = literal_keys();
  CHECK(used.count("tonight.on_now") == 1);  // the scan works
  CHECK(used.count("rate.consent") == 1);    // ... also for ctx.t("...") calls
  for (const auto& k : composed_keys()) used.insert(k);
  for (const auto& key : used)
    for (Lang l : kLangs)
      CHECK_MESSAGE(s.table(l).count(key) == 1, "UI uses '" << key << "' but " << lang_code(l) << ".json lacks it");
}

TEST_CASE("a missing key falls back to Chinese, then to the key itself") {
  Strings s;
  s.set(Lang::zh, "only.zh", "只有中文");
  CHECK(s.get(Lang::en, "only.zh") == "只有中文");
  CHECK(s.get(Lang::en, "only.zh") == "只有中文");  // logged once, same answer
  CHECK(s.get(Lang::ko, "nowhere") == "nowhere");
  CHECK(s.format(Lang::zh, "only.zh", {}) == "只有中文");
}

TEST_CASE("placeholders are substituted") {
  CHECK(substitute("{start}–{end}", {{"start", "22:00"}, {"end", "02:00"}}) == "22:00–02:00");
  CHECK(substitute("{unknown} {x", {}) == "{unknown} {x");
}

TEST_CASE("a broken language file is refused with its name") {
  CHECK_THROWS_WITH_AS(Strings::load("/nonexistent"), doctest::Contains("zh.json"), std::runtime_error);
}
